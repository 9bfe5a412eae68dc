//! The facilitator's console on the host: commands typed at the host's terminal (or piped to it) while
//! the class plays. `help` lists them: who is connected and who has moved, pause and resume, the pace and
//! the turn limit, handing a delegation to its advisers and back, releasing a prepared inject or writing
//! one, the back channel's log, and a save of the whole class game that `sixparty host --resume` goes on
//! from.

use super::host::{Host, closed_day, send};
use super::protocol::ToSeat;
use crate::app::Talks;
use crate::sim::Simulation;
use crate::sim::io::script::{InjectLine, resolve_inject};
use crate::sim::output::render::note_text;
use crate::sim::state::chronicle::Entry;
use bevy::prelude::*;
use bevy_replicon::prelude::*;

/// The commands, as `help` prints them.
pub const HELP: &str = "\
Facilitator's commands (type one and press Enter):
  status                  the day, the talks, who is connected and who has moved today
  pause | resume          stop the days or let them run again
  pace SECS               seconds per day while no one is asked (0: as fast as it goes)
  limit SECS              seconds a delegation has for its move when asked
  take PARTY              hand a delegation to its advisers (the model plays it)
  hand PARTY              hand it back to its team
  injects                 the scenario's prepared injects
  inject ID [day N|in N]  release a prepared inject today, on day N, or N days from today
  news TEXT               release your own inject today (news: it changes nothing in the model)
  notes                   the back channel so far, every delegation's
  save FILE               save the class game; `sixparty host --resume FILE` goes on from it
  help                    this list";

/// Reads the facilitator's commands and carries them out.
pub(super) fn console(
    mut host: ResMut<Host>,
    mut talks: ResMut<Talks>,
    mut out: MessageWriter<ToClients<ToSeat>>,
) {
    let host = &mut *host;
    let lines: Vec<String> = match host.console_lines() {
        Some(l) => l,
        None => return,
    };
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let answer = command(host, &mut talks.0, &mut out, line);
        println!("> {line}\n{answer}");
    }
}

fn party(sim: &Simulation, id: &str) -> Result<u8, String> {
    sim.scenario.party_index(id.trim()).ok_or_else(|| {
        let known: Vec<&str> = sim.scenario.parties.iter().map(|p| p.id.as_str()).collect();
        format!(
            "unknown party `{id}`; expected one of: {}",
            known.join(", ")
        )
    })
}

fn notice(host: &Host, out: &mut MessageWriter<ToClients<ToSeat>>, text: &str) {
    for c in host.seats.iter().flatten().chain(&host.watchers) {
        send(out, *c, ToSeat::Notice { text: text.into() });
    }
}

/// Carries out one command; returns what the console says.
pub(super) fn command(
    host: &mut Host,
    sim: &mut Simulation,
    out: &mut MessageWriter<ToClients<ToSeat>>,
    line: &str,
) -> String {
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    let rest = rest.trim();
    let scn = std::sync::Arc::clone(&sim.scenario);
    let day = sim.state.day;
    match word.to_ascii_lowercase().as_str() {
        "help" => HELP.into(),
        "status" => {
            let mut s = format!(
                "Day {day} ({}), talks {}, ladder \"{}\"{}{}.",
                sim.date(),
                sim.state.phase.banner(),
                scn.rungs[sim.state.rung as usize].name,
                if host.paused { ", PAUSED" } else { "" },
                if sim.is_finished() {
                    ", the run has ended"
                } else {
                    ""
                }
            );
            for &h in &host.options.humans {
                let id = &scn.parties[h as usize].id;
                let seat = if host.seats[h as usize].is_some() {
                    "connected"
                } else {
                    "not connected"
                };
                let moved = if sim.has_fixed_move(h, day) {
                    "has moved today"
                } else if host.asked.contains(&h) {
                    "is asked for its move"
                } else {
                    "waits"
                };
                let taken = if host.taken.contains(&h) {
                    " (its advisers play it)"
                } else {
                    ""
                };
                s.push_str(&format!("\n  {id:<5} {seat}, {moved}{taken}"));
            }
            s.push_str(&format!(
                "\n  {} watching; pace {} s a day, {} s a turn",
                host.watchers.len(),
                host.options.pace,
                host.options.turn_limit
            ));
            s
        }
        "pause" => {
            host.paused = true;
            notice(host, out, "The facilitator has paused the game.");
            "Paused: the days and the turn clock stop until `resume`.".into()
        }
        "resume" => {
            host.paused = false;
            notice(host, out, "The facilitator lets the game run again.");
            "Resumed.".into()
        }
        "pace" | "limit" => match rest.parse::<f64>() {
            Ok(v) if word == "pace" && (0.0..=60.0).contains(&v) => {
                host.options.pace = v;
                format!("{v} s a day.")
            }
            Ok(v) if word == "limit" && (1.0..=3600.0).contains(&v) => {
                host.options.turn_limit = v;
                format!("{v} s a turn.")
            }
            _ => format!(
                "`{rest}` is not a number of seconds ({})",
                if word == "pace" {
                    "0 to 60"
                } else {
                    "1 to 3600"
                }
            ),
        },
        "take" | "hand" => match party(sim, rest) {
            Err(e) => e,
            Ok(p) if !host.options.humans.contains(&p) => format!(
                "{} is the model's in this game already",
                scn.parties[p as usize].id
            ),
            Ok(p) => {
                let id = scn.parties[p as usize].id.clone();
                let text = if word == "take" {
                    if !host.taken.contains(&p) {
                        host.taken.push(p);
                    }
                    host.asked.retain(|&q| q != p);
                    format!("The facilitator hands {id} to its advisers for now.")
                } else {
                    host.taken.retain(|&q| q != p);
                    format!("The facilitator hands {id} back to its team.")
                };
                if let Some(c) = host.seats[p as usize] {
                    send(out, c, ToSeat::Notice { text: text.clone() });
                }
                text
            }
        },
        "injects" => {
            if scn.injects.is_empty() {
                "The scenario prepares no injects; `news TEXT` releases your own.".into()
            } else {
                scn.injects
                    .iter()
                    .map(|i| format!("  {:<20} {}", i.id, i.title))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        }
        "inject" | "news" => {
            let (line, when) = if word == "news" {
                if rest.is_empty() {
                    return "news TEXT: write what happens".into();
                }
                (
                    InjectLine {
                        day,
                        id: None,
                        text: Some(rest.to_string()),
                    },
                    day,
                )
            } else {
                let mut parts = rest.split_whitespace();
                let id = parts.next().unwrap_or("").to_string();
                let when = match (parts.next(), parts.next().map(str::parse::<i64>)) {
                    (None, _) => day,
                    (Some("day"), Some(Ok(n))) => n,
                    (Some("in"), Some(Ok(n))) => day + n,
                    _ => return "inject ID [day N | in N]".into(),
                };
                (
                    InjectLine {
                        day: when,
                        id: Some(id),
                        text: None,
                    },
                    when,
                )
            };
            if let Some(why) = closed_day(sim, when) {
                return why;
            }
            match resolve_inject(&scn, &line) {
                Err((_, why)) => why,
                Ok(inj) => {
                    let text = inj.text.clone();
                    sim.release([inj]);
                    format!("Released for day {when}: {text}")
                }
            }
        }
        "notes" => {
            let mut lines: Vec<String> = sim
                .notes()
                .iter()
                .map(|n| {
                    let t = note_text(&scn, n.day, n.from, n.to, &n.text, n.offer.as_ref());
                    format!("  {t}")
                })
                .collect();
            for e in sim.log.as_deref().unwrap_or(&[]) {
                if let Entry::Offer {
                    day, from, to, how, ..
                } = e
                {
                    lines.push(format!(
                        "  day {day}: {}'s offer to {} is {}",
                        scn.parties[*from as usize].id,
                        scn.parties[*to as usize].id,
                        how.key()
                    ));
                }
            }
            if lines.is_empty() {
                "No notes yet.".into()
            } else {
                lines.join("\n")
            }
        }
        "save" => {
            if rest.is_empty() {
                return "save FILE".into();
            }
            let text = crate::sim::io::save::save_text_with(
                sim,
                &host.options.origin,
                &host.options.humans,
                &host
                    .options
                    .replay
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                host.options.turn_limit as u32,
                &host.options.codes,
            );
            match crate::sim::io::files::write_atomic(std::path::Path::new(rest), text.as_bytes()) {
                Ok(()) => format!(
                    "Saved day {day} to {rest}; `sixparty host --resume {rest}` goes on from here with the same join codes."
                ),
                Err(e) => format!("cannot write {rest}: {e}"),
            }
        }
        _ => format!("`{word}` is not a command; type help"),
    }
}

impl Host {
    /// The facilitator's lines typed since the last frame.
    fn console_lines(&self) -> Option<Vec<String>> {
        let rx = self.console.as_ref()?.lock().ok()?;
        let lines: Vec<String> = rx.try_iter().collect();
        (!lines.is_empty()).then_some(lines)
    }
}
