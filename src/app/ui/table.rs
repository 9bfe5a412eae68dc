//! The table screen: its panels laid out, the hot-seat cover, the leave question and the help overlay.

use super::size;
use super::*;
use crate::app::Talks;
use crate::app::game::{Command, Game};
use crate::app::i18n::t;
use crate::app::palette;
use crate::app::words;
use crate::sim::Simulation;
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use bevy_egui::egui::{self, Align2, RichText, Vec2};
pub(super) fn table_screen(
    mut contexts: EguiContexts,
    talks: Option<Res<Talks>>,
    game: Option<Res<Game>>,
    mut builder: ResMut<MoveBuilder>,
    mut map: super::map_view::MapUi,
    mut out: MessageWriter<Command>,
) -> Result {
    let (Some(talks), Some(game)) = (talks, game) else {
        return Ok(());
    };
    // The flags, as egui textures (registered once; the same handles the map draws).
    let flags: Vec<Option<egui::TextureId>> = talks
        .0
        .scenario
        .parties
        .iter()
        .map(|p| {
            map.flag(&p.id)
                .map(|h| contexts.add_image(bevy_egui::EguiTextureHandle::Strong(h.clone())))
        })
        .collect();
    let ctx = contexts.ctx_mut()?;
    let sim = &talks.0;
    let scn = &sim.scenario;
    let mut ui = root(ctx);
    // The state the delegations decide on today, worked out once a frame for every panel that shows it.
    let today = sim.state_at_decision();

    top_bar(&mut ui, sim, &today, &game, &mut out);
    egui::Panel::right("side")
        .resizable(true)
        .default_size(360.0)
        .show(&mut ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                if !(game.all_moves && game.mover().is_some()) {
                    ladder(ui, sim);
                    ui.separator();
                }
                if sim.state.deal.is_some() {
                    commitments_board(ui, sim, &game, game.mover(), &mut out);
                    ui.separator();
                }
                if let Some(p) = game.mover().filter(|_| game.viewer().is_some()) {
                    action_panel(ui, sim, &today, &game, p, &mut builder, &mut out);
                } else if let Some(p) = game.cover() {
                    ui.label(big(
                        t!("table.waiting_seat", id = scn.parties[p as usize].id),
                        size::TEXT,
                    ));
                } else if game.humans.is_empty() {
                    ui.label(big(t!("table.observing"), size::TEXT));
                } else if game.humans.len() > 1 && game.stop.is_none() && !game.advisers_play {
                    ui.label(big(t!("table.ask_turn"), size::TEXT));
                    ui.horizontal_wrapped(|ui| {
                        for &h in &game.humans {
                            if ui
                                .button(big(
                                    t!("table.asks", id = scn.parties[h as usize].id),
                                    size::BODY,
                                ))
                                .clicked()
                            {
                                out.write(Command::RequestTurn(h));
                            }
                        }
                    });
                } else {
                    ui.label(big(t!("table.moving"), size::TEXT));
                }
            });
        });
    // The chronicle and the chart take a quarter of the height (at most 250 points), so that the seats and
    // a stop's banner fit on a short or scaled-up screen.
    let bottom = (ui.max_rect().height() * 0.25).clamp(120.0, 250.0);
    egui::Panel::bottom("bottom")
        .resizable(true)
        .default_size(bottom)
        .show(&mut ui, |ui| {
            ui.columns(2, |cols| {
                chronicle(&mut cols[0], sim);
                chart(&mut cols[1], scn, &game);
            });
        });
    // A stop is a banner across the top of the table, which draws itself below it: nothing is hidden.
    if let (Some(stop), Some(p)) = (&game.stop, game.mover())
        && game.cover().is_none()
    {
        egui::Panel::top("stop")
            .frame(
                egui::Frame::new()
                    .fill(palette::COVER)
                    .stroke(egui::Stroke::new(3.0, palette::TURN))
                    .inner_margin(egui::Margin::symmetric(12, 8)),
            )
            .show(&mut ui, |ui| stop_banner(ui, sim, &game, stop, p, &mut out));
    }
    // The centre: the map (drawn by Bevy under a transparent panel) or the table with its seats.
    if map.view() == crate::app::map::scene::View::Map {
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(&mut ui, |ui| {
                super::map_view::map_centre(ui, sim, &game, &mut map, &mut out);
                super::map_view::switch(ui, &mut map);
            });
    } else {
        map.hide();
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(palette::TABLE))
            .show(&mut ui, |ui| {
                seats(ui, sim, &today, &game, &flags, &mut out);
                super::map_view::switch(ui, &mut map);
            });
    }

    if let Some(p) = game.dossier
        && (p as usize) < scn.parties.len()
    {
        let mut open = true;
        egui::Window::new(big(
            t!(
                "table.dossier",
                id = scn.parties[p as usize].id,
                name = words::party_name(&scn.parties[p as usize])
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
        egui::Window::new(big(t!("table.leave_title"), size::SUBTITLE))
            .collapsible(false)
            .resizable(false)
            .order(egui::Order::Tooltip)
            .anchor(Align2::CENTER_CENTER, Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(big(t!("table.leave_text"), size::TEXT));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(big(t!("table.save_leave"), size::LEAD)).clicked() {
                        out.write(Command::SaveAndLeave);
                    }
                    if ui.button(big(t!("table.leave"), size::LEAD)).clicked() {
                        out.write(Command::BackToSetup);
                    }
                    if ui.button(big(t!("table.stay"), size::LEAD)).clicked() {
                        out.write(Command::AskLeave);
                    }
                });
            });
    }
    if game.help {
        let mut open = true;
        egui::Window::new(big(t!("table.help"), size::HEADING))
            .open(&mut open)
            .anchor(Align2::CENTER_CENTER, Vec2::ZERO)
            .show(ctx, help);
        if !open {
            out.write(Command::ToggleHelp);
        }
    }
    Ok(())
}

/// The game has stopped for the delegation to move: what happened, and how to go on. The opening stop
/// is the guided start: the delegation's aims, how it is scored, and how the game runs.
fn stop_banner(
    ui: &mut egui::Ui,
    sim: &Simulation,
    game: &Game,
    stop: &crate::app::game::Stop,
    p: u8,
    out: &mut MessageWriter<Command>,
) {
    let scn = &sim.scenario;
    let party = &scn.parties[p as usize];
    let opening = sim.state.day == 0 && game.moves.iter().all(|m| m.party != p || m.day > 0);
    ui.label(
        big(
            t!(
                "stop.title",
                day = sim.state.day,
                date = words::long_date(sim.date()),
                id = party.id
            ),
            size::LEAD,
        )
        .strong()
        .color(palette::TURN),
    );
    {
        let shown = 6;
        for (_, why) in stop.why.iter().take(shown) {
            ui.label(big(format!("• {why}"), size::TEXT));
        }
        if stop.why.len() > shown {
            ui.label(
                big(t!("stop.more", n = stop.why.len() - shown), size::BODY).color(palette::MUTED),
            );
        }
        if opening {
            ui.separator();
            ui.label(big(
                t!(
                    "stop.you_lead",
                    id = party.id,
                    head = party.head,
                    aims = party.aims
                ),
                size::BODY,
            ));
            ui.label(big(t!("stop.score"), size::BODY).color(palette::TEXT_DIM));
            ui.label(big(t!("stop.how_to_play"), size::BODY).color(palette::TEXT_DIM));
        }
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(big(t!("stop.continue"), size::LEAD))
                .on_hover_text(t!("stop.continue_hint"))
                .clicked()
            {
                out.write(Command::Continue);
            }
            if ui
                .button(big(t!("stop.wait7"), size::BODY))
                .on_hover_text(t!("stop.wait7_hint"))
                .clicked()
            {
                out.write(Command::WaitDays(7));
            }
            if ui
                .button(big(t!("stop.advisers"), size::BODY))
                .on_hover_text(t!("stop.advisers_hint"))
                .clicked()
            {
                out.write(Command::AdvisersUntil(None));
            }
            ui.label(big(t!("stop.or_move"), size::SMALL).color(palette::MUTED));
        });
    }
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
                    ui.label(
                        big(
                            t!("cover.hand_over", name = words::party_name(party)),
                            size::DISPLAY,
                        )
                        .strong(),
                    );
                    ui.add_space(8.0);
                    ui.label(big(
                        t!(
                            "cover.to_move",
                            day = sim.state.day,
                            date = words::long_date(sim.date()),
                            id = party.id,
                            head = party.head
                        ),
                        size::HEADING,
                    ));
                    if let Some(left) = game.time_left() {
                        ui.label(
                            big(t!("cover.time_left", time = clock(left)), size::HEADING)
                                .color(palette::TURN),
                        );
                    }
                    ui.add_space(24.0);
                    let go = ui.add(
                        egui::Button::new(big(
                            t!("cover.take_seat", id = party.id),
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
    ui.label(big(t!("help.title"), size::HEADING).strong());
    for line in ["help.1", "help.2", "help.3", "help.4"] {
        ui.label(big(t!(line), size::BODY));
        ui.add_space(4.0);
    }
    ui.separator();
    ui.label(big(t!("help.keys"), size::HEADING).strong());
    egui::Grid::new("keys")
        .num_columns(2)
        .spacing([24.0, 8.0])
        .show(ui, |ui| {
            for k in [
                "space", "step", "speed", "dossier", "advisers", "moves", "scale", "save", "enter",
                "help", "esc",
            ] {
                ui.label(big(t!(&format!("key.{k}")), size::LEAD).strong());
                ui.label(big(t!(&format!("key_does.{k}")), size::LEAD));
                ui.end_row();
            }
        });
}
