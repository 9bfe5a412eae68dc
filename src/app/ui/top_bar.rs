//! The table's top bar: the date, the phase banner, momentum, speed and the game menu.

use super::size;
use super::*;
use crate::app::game::{Command, Game, SPEEDS};
use crate::app::i18n::t;
use crate::app::palette;
use crate::app::words;
use crate::sim::Simulation;
use bevy::prelude::*;
use bevy_egui::egui::{self, Stroke};
/// `today` is the state the delegations decide on today ([`Simulation::state_at_decision`]).
pub(super) fn top_bar(
    ui: &mut egui::Ui,
    sim: &Simulation,
    today: &crate::sim::state::State,
    game: &Game,
    out: &mut MessageWriter<Command>,
) {
    let scn = &sim.scenario;
    egui::Panel::top("top").show(ui, |ui| {
        ui.horizontal(|ui| {
            let date = sim.date();
            ui.label(
                big(
                    t!(
                        "top.day",
                        day = sim.state.day,
                        weekday = words::weekday(date),
                        date = words::long_date(date)
                    ),
                    size::SUBTITLE,
                )
                .strong(),
            );
            ui.separator();
            let phase = sim.state.phase;
            let recent = sim.state.day - sim.state.phase_since <= 3;
            let banner = egui::Frame::new()
                .fill(palette::phase(phase))
                .stroke(Stroke::new(if recent { 4.0 } else { 1.0 }, palette::WHITE))
                .inner_margin(egui::Margin::symmetric(14, 4))
                .corner_radius(6.0);
            banner.show(ui, |ui| {
                ui.label(
                    big(words::phase(phase), size::SUBTITLE)
                        .strong()
                        .color(palette::INK),
                );
            });
            ui.separator();
            ui.label(big(
                t!(
                    "top.ladder",
                    rung = words::rung(scn, sim.state.rung as usize)
                ),
                size::LEAD,
            ));
            ui.label(big(
                // As the delegations see it when they decide today (after today's events), like the
                // advisers and the brief.
                t!("top.momentum", m = today.momentum),
                size::LEAD,
            ))
            .on_hover_text(t!("top.momentum_hint"));
        });
        // Controls on a line of their own, so that nothing falls off a 1280-pixel screen.
        ui.horizontal(|ui| {
            let pause = if game.stop.is_some() {
                t!("top.continue")
            } else if game.paused {
                t!("top.resume")
            } else {
                t!("top.pause")
            };
            if ui.button(big(pause, size::LEAD)).clicked() {
                out.write(Command::TogglePause);
            }
            if ui.button(big(t!("top.step"), size::LEAD)).clicked() {
                out.write(Command::StepDay);
            }
            if ui.button(big("−", size::LEAD)).clicked() {
                out.write(Command::Speed(-1));
            }
            ui.label(big(t!("top.speed", n = SPEEDS[game.speed]), size::TEXT));
            if ui.button(big("+", size::LEAD)).clicked() {
                out.write(Command::Speed(1));
            }
            if ui.button(big(t!("top.help"), size::TEXT)).clicked() {
                out.write(Command::ToggleHelp);
            }
            ui.menu_button(big(t!("top.menu"), size::TEXT), |ui| {
                if ui.button(big(t!("top.save"), size::TEXT)).clicked() {
                    out.write(Command::Save);
                    ui.close();
                }
                if ui.button(big(t!("top.back"), size::TEXT)).clicked() {
                    out.write(Command::AskLeave);
                    ui.close();
                }
            });
            if let (Some(left), Some(t)) = (game.time_left(), game.turn) {
                ui.separator();
                ui.label(
                    big(
                        t!(
                            "top.to_move",
                            id = scn.parties[t as usize].id,
                            time = clock(left)
                        ),
                        size::LEAD,
                    )
                    .strong()
                    .color(if left < 10.0 {
                        palette::RUNG_LIT
                    } else {
                        palette::TURN
                    }),
                );
            }
        });
        match &game.save_status {
            Some(Ok(m)) => {
                ui.label(big(m, size::BODY).color(palette::MUTED));
            }
            Some(Err(e)) => {
                ui.label(big(e, size::BODY).color(palette::RUNG_LIT));
            }
            None => {}
        }
        if let Some(n) = &game.replay_note {
            ui.label(big(n, size::BODY).color(palette::ORANGE));
        }
        if let Some(e) = &game.replay_error {
            ui.label(
                big(t!("top.replay_not_saved", error = e), size::BODY).color(palette::RUNG_LIT),
            );
        }
    });
}
