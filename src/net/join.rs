//! A seat: one delegation's computer in a networked class game. It claims its seat with the join code,
//! prints the public record and its private view as they come, and sends its moves: typed at the terminal
//! (a number from the advisers' list, `w` to wait), fixed in advance by a script, or its advisers' first
//! choice. Every message it receives can be kept, a JSON line each, for the debrief (and the tests).

use super::protocol::{PROTOCOL_ID, ToHost, ToSeat};
use crate::sim::action::Move;
use crate::sim::io::script::{NoteLine, OfferLine};
use bevy::prelude::*;
use bevy_replicon::prelude::*;
use bevy_replicon_renet::RenetClient;
use bevy_replicon_renet::netcode::{ClientAuthentication, NetcodeClientTransport};
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::mpsc::Receiver;

/// Who makes the seat's moves when the host asks and no planned move is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The people at the terminal, typing.
    Terminal,
    /// Wait (a scripted seat).
    Wait,
    /// The advisers' most likely move.
    Advisers,
}

/// How a seat joins.
#[derive(Clone, Debug)]
pub struct JoinOptions {
    /// The host's address.
    pub host: SocketAddr,
    /// The join code.
    pub code: String,
    /// The party the code must be for, when given.
    pub party: Option<String>,
    /// Moves fixed in advance: (day, party id, move); those for other parties are left out.
    pub plan: Vec<(i64, String, Move)>,
    /// Back-channel notes written in advance; those from other parties are left out.
    pub notes: Vec<NoteLine>,
    /// Watch the game without a seat (a projector): the public record only.
    pub watch: bool,
    /// Who answers when asked.
    pub answer: Answer,
    /// Where every received message goes, a JSON line each.
    pub log: Option<std::path::PathBuf>,
    /// Whether to print the game as it comes (the terminal seat).
    pub print: bool,
    /// Seconds to try to reach the host before giving up.
    pub connect_timeout: f64,
    /// Open the delegation's window instead of playing at the terminal.
    pub window: bool,
    /// With the window: a picture of it on a day, then exit.
    pub shot: Option<super::Shot>,
}

/// How a seat ended.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SeatEnd {
    /// Still playing.
    #[default]
    Playing,
    /// The run ended with this outcome.
    Finished(String),
    /// The seat could not play on: why.
    Failed(String),
}

/// How a seat ended, shared with the command that started it (the App is gone once it has run).
pub type SharedEnd = std::sync::Arc<std::sync::Mutex<SeatEnd>>;

/// The seat's side of the game.
#[derive(Resource)]
pub struct Seat {
    pub(super) options: JoinOptions,
    end: SharedEnd,
    /// The party this seat plays, once seated.
    pub party: Option<String>,
    claimed: bool,
    planned: bool,
    pub(super) answered: Option<i64>,
    waited: f64,
    connected_once: bool,
    log: Option<std::fs::File>,
    lines: Option<std::sync::Mutex<Receiver<String>>>,
    pub(super) last_advice: Vec<Move>,
    pub(super) asked_day: Option<i64>,
    pub(super) today: i64,
    /// What the window shows: the public record so far, a line each ("Day N | date" before each day).
    pub(super) record: Vec<String>,
    /// The latest private view.
    pub(super) view: Option<crate::sim::output::seat::PrivateView>,
    /// The date of the day about to be played.
    pub(super) date: String,
    /// Seconds left to move when asked, as the host last said.
    pub(super) seconds_left: Option<f64>,
    /// Notes sent and received, and the facilitator's words and refusals, a line each.
    pub(super) messages: Vec<String>,
    /// The delegations people play.
    pub(super) humans: Vec<String>,
    /// Every delegation, by id.
    pub(super) parties: Vec<String>,
    /// The outcome, once the run has ended.
    pub(super) outcome: Option<String>,
}

impl Seat {
    fn ended(&self) -> bool {
        self.end.lock().map_or(true, |e| *e != SeatEnd::Playing)
    }
    pub(super) fn end(&self, how: SeatEnd, exit: &mut MessageWriter<AppExit>, code: u8) {
        if let Ok(mut e) = self.end.lock() {
            *e = how;
        }
        exit.write(AppExit::from_code(code));
    }
}

/// Builds a seat's App and the place its ending will be written, or says why it cannot start.
pub fn join_app(options: JoinOptions) -> Result<(App, SharedEnd), String> {
    let title = options
        .window
        .then(|| format!("sixparty: a delegation at {}", options.host));
    let windowed = title.is_some();
    let (mut app, config) = super::net_app_with(title);
    let client = RenetClient::new(config);
    let now = super::unix_now();
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .map_err(|e| format!("cannot open a UDP socket: {e}"))?;
    // A client id unique enough on a school network: the time and this process.
    let client_id = (now.as_nanos() as u64) ^ ((std::process::id() as u64) << 40);
    let transport = NetcodeClientTransport::new(
        now,
        ClientAuthentication::Unsecure {
            client_id,
            protocol_id: PROTOCOL_ID,
            server_addr: options.host,
            user_data: None,
        },
        socket,
    )
    .map_err(|e| format!("cannot start the seat's transport: {e}"))?;
    let log = match &options.log {
        Some(p) => Some(
            std::fs::File::create(p).map_err(|e| format!("{}: cannot write: {e}", p.display()))?,
        ),
        None => None,
    };
    let lines = (options.answer == Answer::Terminal && !options.window).then(super::stdin_lines);
    let end = SharedEnd::default();
    app.insert_resource(client)
        .insert_resource(transport)
        .insert_resource(Seat {
            options,
            end: end.clone(),
            party: None,
            claimed: false,
            planned: false,
            answered: None,
            waited: 0.0,
            connected_once: false,
            log,
            lines,
            last_advice: Vec::new(),
            asked_day: None,
            today: 0,
            record: Vec::new(),
            view: None,
            date: String::new(),
            seconds_left: None,
            messages: Vec::new(),
            humans: Vec::new(),
            parties: Vec::new(),
            outcome: None,
        })
        .add_systems(Update, (connect, listen, type_moves, log_sent).chain());
    if windowed {
        super::seat_window::plugin(&mut app);
    }
    Ok((app, end))
}

/// Claims the seat once connected; gives up when the host cannot be reached or the connection drops.
fn connect(
    state: Res<State<ClientState>>,
    mut seat: ResMut<Seat>,
    mut send: MessageWriter<ToHost>,
    mut exit: MessageWriter<AppExit>,
    time: Res<Time>,
) {
    if seat.ended() {
        return;
    }
    match state.get() {
        ClientState::Connected => {
            seat.connected_once = true;
            if !seat.claimed {
                seat.claimed = true;
                send.write(if seat.options.watch {
                    ToHost::Watch
                } else {
                    ToHost::Claim {
                        code: seat.options.code.clone(),
                    }
                });
            }
        }
        ClientState::Disconnected if seat.connected_once => {
            let m = format!(
                "lost the connection to the host at {}; run the same join command again to take the seat back",
                seat.options.host
            );
            seat.end(SeatEnd::Failed(m), &mut exit, 6);
        }
        _ => {
            seat.waited += time.delta_secs_f64();
            if seat.waited > seat.options.connect_timeout {
                let m = format!(
                    "no host answered at {} within {:.0} s",
                    seat.options.host, seat.options.connect_timeout
                );
                seat.end(SeatEnd::Failed(m), &mut exit, 6);
            }
        }
    }
}

/// Reads the host's messages: keeps them, prints them, sends the planned moves once seated and answers
/// when asked.
fn listen(
    mut input: MessageReader<ToSeat>,
    mut seat: ResMut<Seat>,
    mut send: MessageWriter<ToHost>,
    mut exit: MessageWriter<AppExit>,
) {
    let seat = &mut *seat;
    for m in input.read() {
        if let Some(f) = &mut seat.log
            && let Ok(serde_json::Value::Object(mut line)) = serde_json::to_value(m)
        {
            line.insert("at_us".into(), now_us().into());
            let _ = writeln!(f, "{}", serde_json::Value::Object(line));
        }
        let print = seat.options.print;
        match m {
            ToSeat::Seated {
                party,
                name,
                humans,
                parties,
                ..
            } => {
                if let Some(want) = &seat.options.party
                    && !want.eq_ignore_ascii_case(party)
                {
                    let m = format!(
                        "join code `{}` is for the {party} seat, not {want}",
                        seat.options.code
                    );
                    seat.end(SeatEnd::Failed(m), &mut exit, 3);
                    return;
                }
                if print {
                    println!(
                        "You are the {name} delegation ({party}). People play: {}.",
                        humans.join(", ")
                    );
                }
                seat.party = Some(party.clone());
                seat.humans = humans.clone();
                seat.parties = parties.clone();
                if !seat.planned {
                    seat.planned = true;
                    for (day, p, action) in &seat.options.plan {
                        if p.eq_ignore_ascii_case(party) {
                            send.write(ToHost::Move {
                                day: *day,
                                action: action.clone(),
                                party: Some(party.clone()),
                            });
                        }
                    }
                    for n in &seat.options.notes {
                        if n.from.eq_ignore_ascii_case(party) {
                            send.write(ToHost::Note {
                                day: n.day,
                                to: n.to.clone(),
                                text: n.text.clone(),
                                offer: n.offer.clone(),
                            });
                        }
                    }
                }
            }
            ToSeat::Refused { reason } => {
                if print {
                    println!("The host refused: {reason}");
                }
                seat.messages.push(format!("The host refused: {reason}"));
                if reason.starts_with("no seat has the join code") {
                    seat.end(SeatEnd::Failed(reason.clone()), &mut exit, 3);
                    return;
                }
            }
            ToSeat::Day {
                day,
                date,
                played,
                asked,
                seconds_left,
                view,
            } => {
                if print {
                    for l in played {
                        println!("  {l}");
                    }
                    println!("Day {day} | {date}");
                }
                seat.today = *day;
                if !played.is_empty() {
                    seat.record.push(format!("Day {} | {}", day - 1, seat.date));
                    seat.record.extend(played.iter().cloned());
                }
                seat.date = date.clone();
                seat.seconds_left = *seconds_left;
                seat.view = Some((**view).clone());
                seat.last_advice = view.advice.iter().map(|a| a.action.clone()).collect();
                if !*asked || seat.answered == Some(*day) {
                    continue;
                }
                seat.asked_day = Some(*day);
                match seat.options.answer {
                    Answer::Wait | Answer::Advisers => {
                        let action = match (seat.options.answer, view.advice.first()) {
                            (Answer::Advisers, Some(a)) => a.action.clone(),
                            _ => Move::Wait,
                        };
                        seat.answered = Some(*day);
                        send.write(ToHost::Move {
                            day: *day,
                            action,
                            party: seat.party.clone(),
                        });
                    }
                    Answer::Terminal => {
                        println!(
                            "Your move for day {day}{}. {} Your advisers suggest:",
                            seconds_left
                                .map(|s| format!(" ({s:.0} s before your advisers choose)"))
                                .unwrap_or_default(),
                            view.weighing
                        );
                        for (k, a) in view.advice.iter().enumerate() {
                            println!(
                                "  {}  {} ({:.0}%) -- {}",
                                k + 1,
                                a.text,
                                a.probability * 100.0,
                                a.why
                            );
                        }
                        println!(
                            "Type a number, or w to wait (say PARTY TEXT / offer PARTY ... at any time):"
                        );
                    }
                }
            }
            ToSeat::Taken {
                day,
                text,
                advisers,
            } => {
                if print {
                    println!(
                        "Day {day}: {text}{}",
                        if *advisers {
                            " (your time ran out: your advisers chose)"
                        } else {
                            ""
                        }
                    );
                }
                if seat.asked_day == Some(*day) {
                    seat.answered = Some(*day);
                }
            }
            ToSeat::Watching {
                scenario, humans, ..
            } => {
                if print {
                    println!(
                        "Watching {scenario}: people play {}; the public record follows.",
                        humans.join(", ")
                    );
                }
            }
            ToSeat::Public { day, date, played } => {
                seat.today = *day + 1;
                seat.record.push(format!("Day {day} | {date}"));
                seat.record.extend(played.iter().cloned());
                if print {
                    println!("Day {day} | {date}");
                    for l in played {
                        println!("  {l}");
                    }
                }
            }
            ToSeat::Note {
                day,
                from,
                to,
                text,
                offer,
            } => {
                let line = format!(
                    "[back channel, day {day}] {from} -> {to}: \"{text}\"{}",
                    offer
                        .as_deref()
                        .map(|o| format!(" [offer: {o}]"))
                        .unwrap_or_default()
                );
                // The window shows notes from the private view, which carries them from now on.
                if print {
                    println!("{line}");
                }
            }
            ToSeat::Notice { text } => {
                if print {
                    println!("[facilitator] {text}");
                }
                seat.messages.push(format!("[facilitator] {text}"));
            }
            ToSeat::Finished { outcome } => {
                if print {
                    println!("The run has ended: {outcome}");
                }
                seat.outcome = Some(outcome.clone());
                if seat.options.window && seat.options.shot.is_none() {
                    // The window stays open on the outcome until the team closes it.
                    if let Ok(mut e) = seat.end.lock() {
                        *e = SeatEnd::Finished(outcome.clone());
                    }
                    continue;
                }
                seat.end(SeatEnd::Finished(outcome.clone()), &mut exit, 0);
            }
        }
    }
}

/// Microseconds since the Unix epoch: when a message was received or sent, in the seat's log.
fn now_us() -> u64 {
    super::unix_now().as_micros() as u64
}

/// Keeps every message the seat sends in its log too, as `{"Sent": MESSAGE, "at_us": T}`.
fn log_sent(mut sent: MessageReader<ToHost>, mut seat: ResMut<Seat>) {
    let Some(f) = &mut seat.log else {
        sent.clear();
        return;
    };
    for m in sent.read() {
        if let Ok(v) = serde_json::to_value(m) {
            let line = serde_json::json!({ "Sent": v, "at_us": now_us() });
            let _ = writeln!(f, "{line}");
        }
    }
}

/// The terminal seat: a line typed answers the open question (a number from the advisers' list, or w),
/// or sends a back-channel note at any time: `say PARTY TEXT`, or
/// `offer PARTY GIVE_ISSUE POINTS WANT_ISSUE POINTS [TEXT]` ("we move POINTS on GIVE_ISSUE if you move
/// POINTS on WANT_ISSUE").
fn type_moves(mut seat: ResMut<Seat>, mut send: MessageWriter<ToHost>) {
    let Some(line) = seat
        .lines
        .as_ref()
        .and_then(|rx| rx.lock().ok()?.try_recv().ok())
    else {
        return;
    };
    let t = line.trim();
    let (word, rest) = t.split_once(' ').unwrap_or((t, ""));
    match word.to_ascii_lowercase().as_str() {
        "say" | "offer" => {
            match note_from_words(word, rest.trim()) {
                Ok((to, text, offer)) => {
                    send.write(ToHost::Note {
                        day: seat.today,
                        to,
                        text,
                        offer,
                    });
                }
                Err(e) => println!("{e}"),
            }
            return;
        }
        _ => {}
    }
    let Some(day) = seat.asked_day.filter(|d| seat.answered != Some(*d)) else {
        println!("Nothing is asked of you now; the days run on (say PARTY TEXT sends a note).");
        return;
    };
    let action = if t.eq_ignore_ascii_case("w") {
        Some(Move::Wait)
    } else {
        t.parse::<usize>()
            .ok()
            .and_then(|k| k.checked_sub(1))
            .and_then(|k| seat.last_advice.get(k).cloned())
    };
    match action {
        Some(action) => {
            seat.answered = Some(day);
            send.write(ToHost::Move {
                day,
                action,
                party: seat.party.clone(),
            });
        }
        None => println!("Type a number from the list, or w to wait."),
    }
}

/// Reads `say PARTY TEXT` or `offer PARTY GIVE POINTS WANT POINTS [TEXT]` (the words after the command).
pub fn note_from_words(
    word: &str,
    rest: &str,
) -> Result<(String, String, Option<OfferLine>), String> {
    let mut parts = rest.split_whitespace();
    let to = parts
        .next()
        .ok_or("say PARTY TEXT, or offer PARTY GIVE_ISSUE POINTS WANT_ISSUE POINTS [TEXT]")?
        .to_ascii_uppercase();
    if word.eq_ignore_ascii_case("say") {
        let text: Vec<&str> = parts.collect();
        if text.is_empty() {
            return Err("say PARTY TEXT: write the message".into());
        }
        return Ok((to, text.join(" "), None));
    }
    let usage = "offer PARTY GIVE_ISSUE POINTS WANT_ISSUE POINTS [TEXT], e.g. offer DPRK sanctions 10 denuclearization 10";
    let mut next = || parts.next().ok_or(usage);
    let give = next()?.to_string();
    let give_by: f64 = next()?.parse().map_err(|_| usage)?;
    let want = next()?.to_string();
    let want_by: f64 = next()?.parse().map_err(|_| usage)?;
    let text: Vec<&str> = parts.collect();
    Ok((
        to,
        text.join(" "),
        Some(OfferLine {
            give,
            give_by,
            want,
            want_by,
        }),
    ))
}

/// A bare client of a host: connected by netcode, sixparty's messages registered, and nothing else (no
/// seat, no claim). Tools and tests drive it by writing [`ToHost`] messages, or raw bytes to its
/// [`RenetClient`], and reading [`ToSeat`] ones.
pub fn bare_client(host: SocketAddr) -> Result<App, String> {
    let (mut app, config) = super::net_app();
    let now = super::unix_now();
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .map_err(|e| format!("cannot open a UDP socket: {e}"))?;
    let client_id = (now.as_nanos() as u64) ^ ((std::process::id() as u64) << 40) ^ 0x5a5a;
    let transport = NetcodeClientTransport::new(
        now,
        ClientAuthentication::Unsecure {
            client_id,
            protocol_id: PROTOCOL_ID,
            server_addr: host,
            user_data: None,
        },
        socket,
    )
    .map_err(|e| format!("cannot start the client's transport: {e}"))?;
    app.insert_resource(RenetClient::new(config))
        .insert_resource(transport);
    Ok(app)
}
