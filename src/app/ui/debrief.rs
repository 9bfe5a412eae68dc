//! The debrief screen: the outcome, how each human delegation did, the turning points and the verdicts.

use super::size;
use super::*;
use crate::app::Talks;
use crate::app::game::{Command, Game};
use crate::app::palette;
use crate::sim::state::chronicle::Entry;
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use bevy_egui::egui::{self, RichText};

pub use crate::sim::output::debrief::score;

pub(super) fn debrief_screen(
    mut contexts: EguiContexts,
    talks: Option<Res<Talks>>,
    game: Option<Res<Game>>,
    mut out: MessageWriter<Command>,
) -> Result {
    let (Some(talks), Some(game)) = (talks, game) else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let sim = &talks.0;
    let scn = &sim.scenario;
    let mut ui = root(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if let Some(o) = &sim.outcome {
                ui.heading(big(format!("Debrief: {} on {}", o.kind.key().to_uppercase(), scn.date_of(o.day).long()), size::TITLE));
                ui.label(big(format!("Day {} — {}.", o.day, o.reason), size::LEAD));
            }
            ui.horizontal(|ui| {
                if ui.button(big("Replay the same seed (R)", size::LEAD)).clicked() {
                    out.write(Command::Replay);
                }
                if ui.button(big("New seed (S)", size::LEAD)).clicked() {
                    out.write(Command::NewSeed);
                }
                if ui.button(big("Back to setup (Esc)", size::LEAD)).clicked() {
                    out.write(Command::BackToSetup);
                }
                if ui.button(big("Write the class report (W)", size::LEAD)).clicked() {
                    out.write(Command::WriteReport);
                }
            });
            match &game.report_status {
                None if game.reporting => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(big("Writing the class report: this game against 1000 model-only runs…", size::TEXT).color(palette::MUTED));
                    });
                }
                Some(Ok(m)) => {
                    ui.label(big(m, size::TEXT).color(palette::TURN));
                }
                Some(Err(e)) => {
                    ui.label(big(e, size::TEXT).color(palette::RUNG_LIT));
                }
                None => {}
            }
            ui.add_space(6.0);
            // The game at a glance: the ladder and the phase, day by day.
            let width = ui.available_width();
            ui.allocate_ui(egui::Vec2::new(width, 240.0), |ui| {
                ui.set_min_height(240.0);
                chart(ui, scn, &game);
            });
            ui.add_space(6.0);
            let m = sim.milestones();
            let at = |d: Option<i64>| d.map_or("never".to_string(), |d| format!("day {d} ({})", scn.date_of(d)));
            ui.label(big(
                format!(
                    "First session: {} · agreement: {} · sessions {} · peak rung: {}",
                    at(m.first_session),
                    at(m.agreement),
                    m.sessions,
                    scn.rungs[m.peak_rung as usize].name
                ),
                size::TEXT,
            ));
            ui.add_space(10.0);
            for &p in &game.humans {
                let sc = score(sim, p);
                ui.label(big(format!("How {} did against its own goals", scn.parties[p as usize].id), size::HEADING).strong());
                ui.label(big(
                    format!(
                        "Outcome {:+.1} over the status quo · escalation −{:.1} · moves' cost −{:.1} · score {:.0}/100",
                        sc.outcome - sc.status_quo,
                        sc.escalation,
                        sc.cost,
                        sc.total
                    ),
                    size::LEAD,
                ));
            }
            if !game.humans.is_empty() && !game.advisers_play {
                ui.label(big(format!("Replay saved to {}", game.replay_path.display()), size::BODY).color(palette::MUTED));
            }
            ui.add_space(10.0);
            ui.label(big("Turning points", size::HEADING).strong());
            for e in sim.log.as_deref().unwrap_or(&[]) {
                if let Some((day, text, colour)) = turning_point(sim, e) {
                    ui.label(RichText::new(format!("Day {day} ({}): {text}", scn.date_of(day).long())).size(size::TEXT).color(colour));
                }
                if let Entry::Verdicts { day, verdicts } = e {
                    ui.label(RichText::new(format!("{}  how each delegation weighed the package:", scn.date_of(*day))).size(size::TEXT));
                    for (i, v) in verdicts.iter().enumerate() {
                        ui.label(
                            RichText::new(format!(
                                "      {} {}: gain {:.1} × credibility {:.2} + no-deal cost {:.1} = {:.1} vs needed {:.1}{}",
                                scn.parties[i].id,
                                if v.accepts { "signs" } else { "refuses" },
                                v.gain,
                                v.credibility,
                                v.relief,
                                v.value(),
                                v.needed,
                                match v.crossed {
                                    Some(k) => format!(" (red line on {})", scn.file.issues[k as usize].name),
                                    None => String::new(),
                                }
                            ))
                            .size(size::BODY)
                            .color(palette::TEXT_DIM),
                        );
                    }
                }
            }
        });
    });
    Ok(())
}

/// A change of phase or rung in plain words, with its cause ("the talks went into session: the host CHN
/// set the opening…"); rules are named by what they say, not by their ids.
fn turning_point(sim: &crate::sim::Simulation, e: &Entry) -> Option<(i64, String, egui::Color32)> {
    use crate::sim::output::render::describe_cause;
    use crate::sim::state::chronicle::Cause;
    let scn = &sim.scenario;
    // A rule's or an event's text is a sentence of its own; the model's causes continue "because …".
    let cause = |c: &Cause| match c {
        Cause::Rule(r) => format!(": {}", scn.rules[*r as usize].text),
        Cause::Event(k) => format!(": {}", scn.timeline[*k as usize].text),
        other => format!(", because {}", describe_cause(scn, other)),
    };
    Some(match e {
        Entry::Phase {
            day,
            from,
            to,
            cause: c,
        } => (
            *day,
            format!(
                "the talks went from {} to {}{}",
                from.banner().to_lowercase(),
                to.banner().to_lowercase(),
                cause(c)
            ),
            palette::phase(*to),
        ),
        Entry::Rung {
            day,
            from,
            to,
            cause: c,
        } => (
            *day,
            format!(
                "the ladder {} to \"{}\"{}",
                if to > from { "rose" } else { "fell" },
                scn.rungs[*to as usize].name,
                cause(c)
            ),
            palette::RUNG_LIT,
        ),
        _ => return None,
    })
}
