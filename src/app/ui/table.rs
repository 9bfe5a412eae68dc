//! The table screen: its panels laid out, the hot-seat cover, the leave question and the help overlay.

use super::size;
use super::*;
use crate::app::Talks;
use crate::app::game::{Command, Game};
use crate::app::palette;
use crate::sim::Simulation;
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use bevy_egui::egui::{self, Align2, RichText, Vec2};
pub(super) fn table_screen(
    mut contexts: EguiContexts,
    talks: Option<Res<Talks>>,
    game: Option<Res<Game>>,
    mut builder: ResMut<MoveBuilder>,
    mut out: MessageWriter<Command>,
) -> Result {
    let (Some(talks), Some(game)) = (talks, game) else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let sim = &talks.0;
    let scn = &sim.scenario;
    let mut ui = root(ctx);

    top_bar(&mut ui, sim, &game, &mut out);
    egui::Panel::right("side")
        .resizable(true)
        .default_size(360.0)
        .show(&mut ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ladder(ui, sim);
                ui.separator();
                if let Some(p) = game.viewer() {
                    action_panel(ui, sim, &game, p, &mut builder, &mut out);
                } else if let Some(p) = game.cover() {
                    ui.label(big(
                        format!(
                            "Waiting for the {} delegation to take the seat.",
                            scn.parties[p as usize].id
                        ),
                        size::TEXT,
                    ));
                } else if game.humans.is_empty() {
                    ui.label(big(
                        "Observing: every delegation is played by the model.",
                        size::TEXT,
                    ));
                } else {
                    ui.label(big("The delegations are moving…", size::TEXT));
                }
            });
        });
    egui::Panel::bottom("bottom")
        .resizable(true)
        .default_size(250.0)
        .show(&mut ui, |ui| {
            ui.columns(2, |cols| {
                chronicle(&mut cols[0], sim);
                chart(&mut cols[1], scn, &game);
            });
        });
    egui::CentralPanel::default()
        .frame(egui::Frame::new().fill(palette::TABLE))
        .show(&mut ui, |ui| seats(ui, sim, &game, &mut out));

    if let Some(p) = game.dossier
        && (p as usize) < scn.parties.len()
    {
        let mut open = true;
        egui::Window::new(big(
            format!(
                "Dossier: {} — {}",
                scn.parties[p as usize].id, scn.parties[p as usize].name
            ),
            size::LEAD,
        ))
        .open(&mut open)
        .default_width(560.0)
        .anchor(Align2::CENTER_CENTER, Vec2::ZERO)
        .show(ctx, |ui| dossier(ui, sim, p));
        if !open {
            out.write(Command::Dossier(None));
        }
    }
    if let Some(p) = game.cover() {
        cover_screen(ctx, sim, &game, p, &mut out);
    }
    if game.confirm_leave {
        egui::Window::new(big("Leave this game?", size::SUBTITLE))
            .collapsible(false)
            .resizable(false)
            .order(egui::Order::Tooltip)
            .anchor(Align2::CENTER_CENTER, Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(big(
                    "The replay of the moves so far is kept. To continue this game in a later lesson, save it first.",
                    size::TEXT,
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(big("Save and leave", size::LEAD)).clicked() {
                        out.write(Command::SaveAndLeave);
                    }
                    if ui.button(big("Leave (Enter)", size::LEAD)).clicked() {
                        out.write(Command::BackToSetup);
                    }
                    if ui.button(big("Stay (Esc)", size::LEAD)).clicked() {
                        out.write(Command::AskLeave);
                    }
                });
            });
    }
    if game.help {
        let mut open = true;
        egui::Window::new(big("Keys", size::HEADING))
            .open(&mut open)
            .anchor(Align2::CENTER_CENTER, Vec2::ZERO)
            .show(ctx, help);
        if !open {
            out.write(Command::ToggleHelp);
        }
    }
    Ok(())
}

/// The hot-seat cover: hides the table and the last delegation's view until the next one takes the seat.
pub(super) fn cover_screen(
    ctx: &egui::Context,
    sim: &Simulation,
    game: &Game,
    p: u8,
    out: &mut MessageWriter<Command>,
) {
    let party = &sim.scenario.parties[p as usize];
    let screen = ctx.viewport_rect();
    egui::Area::new("cover".into())
        .order(egui::Order::Foreground)
        .fixed_pos(screen.min)
        .show(ctx, |ui| {
            ui.painter().rect_filled(screen, 0.0, palette::COVER);
            ui.scope_builder(egui::UiBuilder::new().max_rect(screen), |ui| {
                ui.set_min_size(screen.size());
                ui.vertical_centered(|ui| {
                    ui.add_space(screen.height() * 0.25);
                    ui.label(
                        RichText::new("■")
                            .size(size::ICON)
                            .color(palette::party(party.colour)),
                    );
                    ui.label(big(format!("Hand over to the {} delegation", party.name), size::DISPLAY).strong());
                    ui.add_space(8.0);
                    ui.label(big(
                        format!(
                            "Day {} · {} — {} ({}) is to move. Everyone else, look away from the screen.",
                            sim.state.day,
                            sim.date().long(),
                            party.id,
                            party.head
                        ),
                        size::HEADING,
                    ));
                    if let Some(left) = game.time_left() {
                        ui.label(
                            big(
                                format!("Time left for this turn: {}", clock(left)),
                                size::HEADING,
                            )
                            .color(palette::TURN),
                        );
                    }
                    ui.add_space(24.0);
                    let go = ui.add(
                        egui::Button::new(big(
                            format!("I am the {} delegation: show our view (Enter)", party.id),
                            size::SUBTITLE,
                        ))
                        .min_size(Vec2::new(420.0, 56.0)),
                    );
                    if go.clicked() {
                        out.write(Command::TakeSeat);
                    }
                });
            });
        });
}

/// Seconds as m:ss.
pub fn clock(secs: f32) -> String {
    let s = secs.ceil() as u32;
    format!("{}:{:02}", s / 60, s % 60)
}

pub(super) fn help(ui: &mut egui::Ui) {
    egui::Grid::new("keys")
        .num_columns(2)
        .spacing([24.0, 8.0])
        .show(ui, |ui| {
            for (k, what) in [
                ("Space", "pause / resume"),
                ("N  or  Right arrow", "play one day"),
                ("Up / Down arrows  or  ] / [", "faster / slower"),
                ("1 … 9", "open a delegation's dossier (or click its seat)"),
                (
                    "A",
                    "ask your advisers to look 30 days ahead (200 futures per move)",
                ),
                ("+ / −", "larger / smaller text (for projectors)"),
                (
                    "Ctrl+S",
                    "save the game (resume with sixparty play --load FILE)",
                ),
                (
                    "Enter",
                    "on the cover screen: the next delegation takes the seat",
                ),
                ("F1  or  H", "this help"),
                (
                    "Esc",
                    "close a window; at the table, leave the game (asks first)",
                ),
            ] {
                ui.label(big(k, size::LEAD).strong());
                ui.label(big(what, size::LEAD));
                ui.end_row();
            }
        });
}
