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
                if let Some(p) = game.mover().filter(|_| game.viewer().is_some()) {
                    action_panel(ui, sim, &today, &game, p, &mut builder, &mut out);
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
                } else if game.humans.len() > 1 && game.stop.is_none() && !game.advisers_play {
                    ui.label(big(
                        "The days run. A delegation that wants to move asks for the turn:",
                        size::TEXT,
                    ));
                    ui.horizontal_wrapped(|ui| {
                        for &h in &game.humans {
                            if ui
                                .button(big(
                                    format!("{} asks to move", scn.parties[h as usize].id),
                                    size::BODY,
                                ))
                                .clicked()
                            {
                                out.write(Command::RequestTurn(h));
                            }
                        }
                    });
                } else {
                    ui.label(big("The delegations are moving…", size::TEXT));
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
        egui::Window::new(big("Help", size::HEADING))
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
            format!(
                "Day {} · {} — the game stops for {}",
                sim.state.day,
                sim.date().long(),
                party.id
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
                big(
                    format!("… and {} more in the chronicle", stop.why.len() - shown),
                    size::BODY,
                )
                .color(palette::MUTED),
            );
        }
        if opening {
            ui.separator();
            ui.label(big(
                format!(
                    "You lead {} ({}). Its aims: {}",
                    party.id, party.head, party.aims
                ),
                size::BODY,
            ));
            ui.label(
                big(
                    "Your score: 50 + what the outcome is worth to your delegation against today's standoff (its own preferences, salience-weighted) − the escalation you lived through − the political capital you spent. A deal that crosses your red line cannot be signed.",
                    size::BODY,
                )
                .color(palette::TEXT_DIM),
            );
            ui.label(
                big(
                    "How to play: the days run by themselves. Pick a move on the right at any time; the game stops here when a session opens, the talks change phase, the ladder moves, someone tests or a package is put to the vote (chosen in setup). In session, sign or refuse the draft. F1 explains the talks.",
                    size::BODY,
                )
                .color(palette::TEXT_DIM),
            );
        }
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(big("Continue: we wait today (Space)", size::LEAD))
                .on_hover_text("Your delegation makes no move today; the days run until the next stop.")
                .clicked()
            {
                out.write(Command::Continue);
            }
            if ui
                .button(big("Wait 7 days", size::BODY))
                .on_hover_text("No move for a week; the game stops earlier if something happens.")
                .clicked()
            {
                out.write(Command::WaitDays(7));
            }
            if ui
                .button(big("Advisers play to the next stop", size::BODY))
                .on_hover_text("Your advisers choose your moves (the model's choice) until the game stops again.")
                .clicked()
            {
                out.write(Command::AdvisersUntil(None));
            }
            ui.label(
                big("…or a move on the right: played today, then the days run on.", size::SMALL)
                    .color(palette::MUTED),
            );
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
    ui.label(big("How the talks work", size::HEADING).strong());
    for line in [
        "Six delegations move once a day, all at once. The talks go from stalled to contacts (envoys and meetings), to a date being set (preparatory), to a session at the table; a session ends in an agreement or fails, and a delegation can walk out.",
        "Each delegation has its own ideal on every issue and offers what it is willing to; in session the chair puts a draft on the table. A delegation signs when what the draft gains it, times how much it believes the others will keep their word, plus the cost of no deal, reaches what it needs; a red line crossed can never be signed.",
        "Trust (0: none, 100: complete), momentum (0: no movement, 100: ready to sign) and face (50 at the start; lost by conceding under pressure) change with every move. Tests, drills and sanctions raise the escalation ladder; its top rungs end the run.",
        "The days run by themselves and the game stops on what you chose in setup. Make a move at any time from the panel on the right; what it did on its own is shown under it. Your score is 50 + what the outcome is worth to you against today's standoff − the escalation lived through − the political capital spent.",
    ] {
        ui.label(big(line, size::BODY));
        ui.add_space(4.0);
    }
    ui.separator();
    ui.label(big("Keys", size::HEADING).strong());
    egui::Grid::new("keys")
        .num_columns(2)
        .spacing([24.0, 8.0])
        .show(ui, |ui| {
            for (k, what) in [
                (
                    "Space",
                    "pause / resume; at a stop: continue (your delegation waits today)",
                ),
                ("N  or  Right arrow", "play one day"),
                ("Up / Down arrows  or  ] / [", "faster / slower"),
                ("1 … 9", "open a delegation's dossier (or click its seat)"),
                (
                    "A",
                    "ask your advisers to look 30 days ahead (200 futures per move)",
                ),
                (
                    "M",
                    "every move open to you, full height (or back to the advisers)",
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
