//! The table's top bar: the date, the phase banner, momentum, speed and the game menu.

use super::size;
use super::*;
use crate::app::game::{Command, Game, SPEEDS};
use crate::app::palette;
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
                    format!("Day {} · {} {}", sim.state.day, date.weekday(), date.long()),
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
                    big(phase.banner(), size::SUBTITLE)
                        .strong()
                        .color(palette::INK),
                );
            });
            ui.separator();
            ui.label(big(
                format!("Ladder: {}", scn.rungs[sim.state.rung as usize].name),
                size::LEAD,
            ));
            ui.label(big(
                // As the delegations see it when they decide today (after today's events), like the
                // advisers and the brief.
                format!("Momentum {:.0}", today.momentum),
                size::LEAD,
            ))
            .on_hover_text(
                "Diplomatic momentum, 0–100: 0 is no movement towards talks at all, 100 a table ready to sign. It is the same figure the advisers and the brief use, taken as the day opens.",
            );
        });
        // Controls on a line of their own, so that nothing falls off a 1280-pixel screen.
        ui.horizontal(|ui| {
            let pause = if game.stop.is_some() {
                "▶ Continue (we wait)"
            } else if game.paused {
                "▶ Resume"
            } else {
                "⏸ Pause"
            };
            if ui.button(big(pause, size::LEAD)).clicked() {
                out.write(Command::TogglePause);
            }
            if ui.button(big("+1 day", size::LEAD)).clicked() {
                out.write(Command::StepDay);
            }
            if ui.button(big("−", size::LEAD)).clicked() {
                out.write(Command::Speed(-1));
            }
            ui.label(big(format!("{} days/s", SPEEDS[game.speed]), size::TEXT));
            if ui.button(big("+", size::LEAD)).clicked() {
                out.write(Command::Speed(1));
            }
            if ui.button(big("Help (F1)", size::TEXT)).clicked() {
                out.write(Command::ToggleHelp);
            }
            ui.menu_button(big("Game menu", size::TEXT), |ui| {
                if ui.button(big("Save now (Ctrl+S)", size::TEXT)).clicked() {
                    out.write(Command::Save);
                    ui.close();
                }
                if ui.button(big("Back to setup (Esc)", size::TEXT)).clicked() {
                    out.write(Command::AskLeave);
                    ui.close();
                }
            });
            if let (Some(left), Some(t)) = (game.time_left(), game.turn) {
                ui.separator();
                ui.label(
                    big(
                        format!("{} to move: {}", scn.parties[t as usize].id, clock(left)),
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
            ui.label(big(format!("Replay not saved: {e}"), size::BODY).color(palette::RUNG_LIT));
        }
    });
}
