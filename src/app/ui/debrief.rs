//! The debrief screen: the outcome, how each human delegation did, the turning points and the verdicts.

use super::size;
use super::*;
use crate::app::Talks;
use crate::app::game::{Command, Game};
use crate::app::i18n::t;
use crate::app::palette;
use crate::app::words;
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
                ui.heading(big(
                    t!(
                        "debrief.title",
                        outcome = words::outcome(o.kind).to_uppercase(),
                        date = words::long_date(scn.date_of(o.day))
                    ),
                    size::TITLE,
                ));
                ui.label(big(
                    t!("debrief.reason", day = o.day, reason = o.reason),
                    size::LEAD,
                ));
            }
            ui.horizontal(|ui| {
                if ui.button(big(t!("debrief.replay"), size::LEAD)).clicked() {
                    out.write(Command::Replay);
                }
                if ui.button(big(t!("debrief.new_seed"), size::LEAD)).clicked() {
                    out.write(Command::NewSeed);
                }
                if ui.button(big(t!("debrief.back"), size::LEAD)).clicked() {
                    out.write(Command::BackToSetup);
                }
                if ui.button(big(t!("debrief.report"), size::LEAD)).clicked() {
                    out.write(Command::WriteReport);
                }
            });
            match &game.report_status {
                None if game.reporting => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(big(t!("debrief.reporting"), size::TEXT).color(palette::MUTED));
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
            let at = |d: Option<i64>| {
                d.map_or(t!("debrief.never").to_string(), |d| {
                    t!("debrief.on_day", day = d, date = scn.date_of(d))
                })
            };
            ui.label(big(
                t!(
                    "debrief.milestones",
                    first = at(m.first_session),
                    agreement = at(m.agreement),
                    sessions = m.sessions,
                    peak = words::rung(scn, m.peak_rung as usize)
                ),
                size::TEXT,
            ));
            ui.add_space(10.0);
            for &p in &game.humans {
                let sc = score(sim, p);
                ui.label(
                    big(
                        t!("debrief.how", id = scn.parties[p as usize].id),
                        size::HEADING,
                    )
                    .strong(),
                );
                ui.label(big(
                    t!(
                        "debrief.score",
                        outcome = sc.outcome - sc.status_quo,
                        escalation = sc.escalation,
                        cost = sc.cost,
                        total = sc.total
                    ),
                    size::LEAD,
                ));
            }
            if !game.humans.is_empty() && !game.advisers_play {
                ui.label(
                    big(
                        t!("debrief.replay_saved", path = game.replay_path.display()),
                        size::BODY,
                    )
                    .color(palette::MUTED),
                );
            }
            ui.add_space(10.0);
            ui.label(big(t!("debrief.turning_points"), size::HEADING).strong());
            for e in sim.log.as_deref().unwrap_or(&[]) {
                if let Some((day, text, colour)) = turning_point(sim, e) {
                    ui.label(
                        RichText::new(t!(
                            "debrief.turning_point",
                            day = day,
                            date = words::long_date(scn.date_of(day)),
                            text = text
                        ))
                        .size(size::TEXT)
                        .color(colour),
                    );
                }
                if let Entry::Verdicts { day, verdicts } = e {
                    ui.label(
                        RichText::new(t!("debrief.weighed", date = scn.date_of(*day)))
                            .size(size::TEXT),
                    );
                    for (i, v) in verdicts.iter().enumerate() {
                        ui.label(
                            RichText::new(t!(
                                "debrief.verdict",
                                id = scn.parties[i].id,
                                decision = if v.accepts {
                                    t!("debrief.signs")
                                } else {
                                    t!("debrief.refuses")
                                },
                                weighing = words::weighing(v),
                                red_line = match v.crossed {
                                    Some(k) => t!(
                                        "debrief.red_line",
                                        issue = words::issue(scn, k as usize)
                                    ),
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
    use crate::sim::state::chronicle::Cause;
    let scn = &sim.scenario;
    // A rule's or an event's text is a sentence of its own; the model's causes continue "because …".
    let cause = |c: &Cause| match c {
        Cause::Rule(r) => t!("debrief.cause_text", text = scn.rules[*r as usize].text),
        Cause::Event(k) => t!("debrief.cause_text", text = scn.timeline[*k as usize].text),
        other => t!("debrief.because", cause = words::cause(scn, other)),
    };
    Some(match e {
        Entry::Phase {
            day,
            from,
            to,
            cause: c,
        } => (
            *day,
            t!(
                "debrief.phase_went",
                from = words::phase_lower(*from),
                to = words::phase_lower(*to),
                cause = cause(c)
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
            t!(
                if to > from {
                    "debrief.ladder_rose"
                } else {
                    "debrief.ladder_fell"
                },
                rung = words::rung(scn, *to as usize),
                cause = cause(c)
            ),
            palette::RUNG_LIT,
        ),
        _ => return None,
    })
}
