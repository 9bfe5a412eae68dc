//! The window's interface, drawn with egui: the setup screen, the table (seats, phase banner, ladder,
//! chronicle, chart, dossiers, the player's action panel) and the debrief. Every control is also a key;
//! every control sends a [`Command`] to the game's logic.

use super::Talks;
use super::game::{Command, Game, SPEEDS, Screen, SetupChoices};
use super::palette;
use crate::sim::Simulation;
use crate::sim::action::{Action, ActionKind};
use crate::sim::decide::options;
use crate::sim::engine::verdicts;
use crate::sim::render::{describe_action, describe_cause, describe_factor, describe_why};
use crate::sim::scenario::{Phase, RedLine, Scenario};
use crate::sim::transcript::Entry;
use bevy::prelude::*;
use bevy_egui::egui::{self, Align2, Color32, FontId, RichText, Sense, Stroke, StrokeKind, Vec2};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

/// How large everything is drawn (for projectors); `+` and `-` change it.
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct UiScale(pub f32);

/// The player's own move being put together: how far to concede and which issues go in a package.
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct MoveBuilder {
    /// Points to concede.
    pub amount: f64,
    /// Bit `k` set when issue `k` is in the package.
    pub package: u32,
}

impl Default for MoveBuilder {
    fn default() -> Self {
        MoveBuilder {
            amount: 5.0,
            package: 0,
        }
    }
}

/// The interface's systems.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<MoveBuilder>().add_systems(
        EguiPrimaryContextPass,
        (
            setup_screen.run_if(in_state(Screen::Setup)),
            table_screen.run_if(in_state(Screen::Table)),
            debrief_screen.run_if(in_state(Screen::Debrief)),
        ),
    );
}

fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

fn apply_scale(ctx: &egui::Context, scale: &mut UiScale) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    ctx.input(|i| {
        if i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals) {
            scale.0 = (scale.0 + 0.1).min(2.5);
        }
        if i.key_pressed(egui::Key::Minus) {
            scale.0 = (scale.0 - 0.1).max(0.6);
        }
    });
    if (ctx.zoom_factor() - scale.0).abs() > 1e-3 {
        ctx.set_zoom_factor(scale.0);
    }
}

fn big(text: impl Into<String>, size: f32) -> RichText {
    RichText::new(text).size(size)
}

// ---------------------------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------------------------

fn setup_screen(
    mut contexts: EguiContexts,
    mut setup: ResMut<SetupChoices>,
    mut scale: ResMut<UiScale>,
    mut out: MessageWriter<Command>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    apply_scale(ctx, &mut scale);
    let mut ui = root(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(12.0);
        ui.heading(big("sixparty: the Six-Party Talks", 30.0));
        ui.label(big(
            "Choose a scenario, the delegations people will lead (none to observe), and a seed; then start.",
            17.0,
        ));
        ui.add_space(16.0);
        ui.columns(2, |cols| {
            let ui = &mut cols[0];
            ui.label(big("Scenario", 20.0).strong());
            for (k, c) in setup.scenarios.clone().iter().enumerate() {
                let text = match &c.loaded {
                    Ok(_) => big(&c.name, 16.0),
                    Err(_) => big(&c.name, 16.0).color(palette::RUNG_LIT),
                };
                if ui.selectable_label(setup.selected == k, text).clicked() {
                    setup.selected = k;
                    setup.humans.clear();
                }
            }
            if let Some(Err(e)) = setup.scenarios.get(setup.selected).map(|c| &c.loaded) {
                ui.add_space(8.0);
                ui.label(
                    big(
                        "This file has errors; save a fix and it reloads here:",
                        15.0,
                    )
                    .color(palette::RUNG_LIT),
                );
                ui.label(RichText::new(e).monospace().size(13.0));
            }
            if let Some(scn) = setup.scenario() {
                ui.add_space(10.0);
                ui.label(big(&scn.file.meta.summary, 15.0));
                ui.label(big(
                    format!(
                        "Starts {}; runs up to {} days.",
                        scn.start.long(),
                        scn.horizon_days
                    ),
                    15.0,
                ));
            }
            let ui = &mut cols[1];
            ui.label(big("Delegations played by people", 20.0).strong());
            if let Some(scn) = setup.scenario() {
                if ui
                    .selectable_label(
                        setup.humans.is_empty(),
                        big(
                            format!(
                                "None: observe the model play all {}",
                                scn.parties.len()
                            ),
                            16.0,
                        ),
                    )
                    .clicked()
                {
                    setup.humans.clear();
                }
                for (i, p) in scn.parties.iter().enumerate() {
                    let chosen = setup.humans.contains(&(i as u8));
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new("■")
                                .size(18.0)
                                .color(palette::party(p.colour)),
                        );
                        // The selected row sits on the highlight colour, so its text is white.
                        let text =
                            RichText::new(format!("{} — {} (head: {})", p.id, p.name, p.head))
                                .size(16.0);
                        let text = if chosen {
                            text.color(Color32::WHITE).strong()
                        } else {
                            text.color(palette::party(p.colour))
                        };
                        if ui.selectable_label(chosen, text).clicked() {
                            if chosen {
                                setup.humans.retain(|&h| h != i as u8);
                            } else {
                                setup.humans.push(i as u8);
                                setup.humans.sort_unstable();
                            }
                        }
                    });
                }
                let n = setup.humans.len();
                ui.label(
                    big(
                        match n {
                            0 => "Click delegations to give them to people; the model plays the rest.".to_string(),
                            1 => format!(
                                "One person plays; the model plays the other {}.",
                                scn.parties.len() - 1
                            ),
                            _ => format!(
                                "{n} people share this machine (hot seat): a cover screen hands over between their turns."
                            ),
                        },
                        14.0,
                    )
                    .color(palette::MUTED),
                );
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.label(big("Time per turn", 18.0));
                ui.add(
                    egui::DragValue::new(&mut setup.turn_limit)
                        .range(0..=3600)
                        .suffix(" s"),
                );
                ui.label(
                    big(
                        if setup.turn_limit == 0 {
                            "no limit".to_string()
                        } else {
                            "then the advisers move".to_string()
                        },
                        14.0,
                    )
                    .color(palette::MUTED),
                );
            });
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                ui.label(big("Seed", 18.0));
                ui.add(egui::DragValue::new(&mut setup.seed).range(0..=u64::MAX));
                if ui.button(big("random-ish: next", 14.0)).clicked() {
                    setup.seed = setup.seed.wrapping_add(1);
                }
            });
            ui.add_space(16.0);
            let ready = setup.scenario().is_some();
            let start = ui.add_enabled(
                ready,
                egui::Button::new(big("Start  (Enter)", 22.0)).min_size(Vec2::new(200.0, 44.0)),
            );
            // Enter starts, unless it ends typing in a field (the seed).
            let enter = !ctx.egui_wants_keyboard_input()
                && ctx.input(|i| i.key_pressed(egui::Key::Enter));
            if start.clicked() || (ready && enter) {
                out.write(Command::Start);
            }
            ui.add_space(8.0);
            ui.label(
                big(
                    "Keys: Enter start · + / − text size · F1 help at the table",
                    14.0,
                )
                .color(palette::MUTED),
            );
        });
        });
    });
    Ok(())
}

// ---------------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------------

fn stance(sim: &Simulation, i: usize) -> (&'static str, Color32) {
    let ps = &sim.state.parties[i];
    if ps.boycotting {
        return ("BOYCOTTING", palette::RUNG_LIT);
    }
    let recent = ps
        .last_move
        .filter(|(d, _)| sim.state.day - d <= 10)
        .map(|(_, a)| a.kind());
    match recent {
        Some(k) if k.is_military() => ("ESCALATING", palette::RUNG_LIT),
        Some(ActionKind::HardlineStatement | ActionKind::HoldFirm | ActionKind::WalkOut) => {
            ("HARDLINE", Color32::from_rgb(0xE6, 0x9F, 0x00))
        }
        Some(ActionKind::ImposeSanctions) => ("PRESSING", Color32::from_rgb(0xE6, 0x9F, 0x00)),
        Some(ActionKind::Mediate) => ("MEDIATING", Color32::from_rgb(0x56, 0xB4, 0xE9)),
        Some(ActionKind::Wait) | None => ("WAITING", palette::MUTED),
        Some(_) => ("ENGAGING", Color32::from_rgb(0x00, 0x9E, 0x73)),
    }
}

fn keys(ctx: &egui::Context, game: &Game, out: &mut MessageWriter<Command>) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    ctx.input(|i| {
        if i.key_pressed(egui::Key::Space) {
            out.write(Command::TogglePause);
        }
        if i.key_pressed(egui::Key::N) || i.key_pressed(egui::Key::ArrowRight) {
            out.write(Command::StepDay);
        }
        if i.key_pressed(egui::Key::ArrowUp) || i.key_pressed(egui::Key::CloseBracket) {
            out.write(Command::Speed(1));
        }
        if i.key_pressed(egui::Key::ArrowDown) || i.key_pressed(egui::Key::OpenBracket) {
            out.write(Command::Speed(-1));
        }
        if i.key_pressed(egui::Key::F1) || i.key_pressed(egui::Key::H) {
            out.write(Command::ToggleHelp);
        }
        if i.key_pressed(egui::Key::A) && game.viewer().is_some() && !i.modifiers.command {
            out.write(Command::Advise(200));
        }
        if i.modifiers.command && i.key_pressed(egui::Key::S) {
            out.write(Command::Save);
        }
        if game.cover().is_some() && !game.confirm_leave && i.key_pressed(egui::Key::Enter) {
            out.write(Command::TakeSeat);
        }
        for (k, key) in [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
            egui::Key::Num6,
            egui::Key::Num7,
            egui::Key::Num8,
            egui::Key::Num9,
        ]
        .iter()
        .enumerate()
        {
            if i.key_pressed(*key) {
                out.write(Command::Dossier(Some(k as u8)));
            }
        }
        if i.key_pressed(egui::Key::Escape) {
            if game.dossier.is_some() {
                out.write(Command::Dossier(None));
            } else if game.help {
                out.write(Command::ToggleHelp);
            } else {
                // Leaving asks first (a second Esc stays).
                out.write(Command::AskLeave);
            }
        }
        if game.confirm_leave && i.key_pressed(egui::Key::Enter) {
            out.write(Command::BackToSetup);
        }
    });
}

fn table_screen(
    mut contexts: EguiContexts,
    talks: Option<Res<Talks>>,
    game: Option<Res<Game>>,
    mut builder: ResMut<MoveBuilder>,
    mut scale: ResMut<UiScale>,
    mut out: MessageWriter<Command>,
) -> Result {
    let (Some(talks), Some(game)) = (talks, game) else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    apply_scale(ctx, &mut scale);
    keys(ctx, &game, &mut out);
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
                        15.0,
                    ));
                } else if game.humans.is_empty() {
                    ui.label(big(
                        "Observing: every delegation is played by the model.",
                        15.0,
                    ));
                } else {
                    ui.label(big("The delegations are moving…", 15.0));
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
            18.0,
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
        egui::Window::new(big("Leave this game?", 22.0))
            .collapsible(false)
            .resizable(false)
            .order(egui::Order::Tooltip)
            .anchor(Align2::CENTER_CENTER, Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(big(
                    "The replay of the moves so far is kept. To continue this game in a later lesson, save it first.",
                    16.0,
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(big("Save and leave", 18.0)).clicked() {
                        out.write(Command::SaveAndLeave);
                    }
                    if ui.button(big("Leave (Enter)", 18.0)).clicked() {
                        out.write(Command::BackToSetup);
                    }
                    if ui.button(big("Stay (Esc)", 18.0)).clicked() {
                        out.write(Command::AskLeave);
                    }
                });
            });
    }
    if game.help {
        let mut open = true;
        egui::Window::new(big("Keys", 20.0))
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
fn cover_screen(
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
            ui.painter().rect_filled(screen, 0.0, Color32::from_rgb(0x14, 0x18, 0x1c));
            ui.scope_builder(egui::UiBuilder::new().max_rect(screen), |ui| {
                ui.set_min_size(screen.size());
                ui.vertical_centered(|ui| {
                    ui.add_space(screen.height() * 0.25);
                    ui.label(
                        RichText::new("■")
                            .size(64.0)
                            .color(palette::party(party.colour)),
                    );
                    ui.label(big(format!("Hand over to the {} delegation", party.name), 40.0).strong());
                    ui.add_space(8.0);
                    ui.label(big(
                        format!(
                            "Day {} · {} — {} ({}) is to move. Everyone else, look away from the screen.",
                            sim.state.day,
                            sim.date().long(),
                            party.id,
                            party.head
                        ),
                        20.0,
                    ));
                    if let Some(left) = game.time_left() {
                        ui.label(
                            big(
                                format!("Time left for this turn: {}", clock(left)),
                                20.0,
                            )
                            .color(palette::TURN),
                        );
                    }
                    ui.add_space(24.0);
                    let go = ui.add(
                        egui::Button::new(big(
                            format!("I am the {} delegation: show our view (Enter)", party.id),
                            24.0,
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

fn help(ui: &mut egui::Ui) {
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
                ui.label(big(k, 17.0).strong());
                ui.label(big(what, 17.0));
                ui.end_row();
            }
        });
}

fn top_bar(ui: &mut egui::Ui, sim: &Simulation, game: &Game, out: &mut MessageWriter<Command>) {
    let scn = &sim.scenario;
    egui::Panel::top("top").show(ui, |ui| {
        ui.horizontal(|ui| {
            let date = sim.date();
            ui.label(
                big(
                    format!("Day {} · {} {}", sim.state.day, date.weekday(), date.long()),
                    22.0,
                )
                .strong(),
            );
            ui.separator();
            let phase = sim.state.phase;
            let recent = sim.state.day - sim.state.phase_since <= 3;
            let banner = egui::Frame::new()
                .fill(palette::phase(phase))
                .stroke(Stroke::new(if recent { 4.0 } else { 1.0 }, Color32::WHITE))
                .inner_margin(egui::Margin::symmetric(14, 4))
                .corner_radius(6.0);
            banner.show(ui, |ui| {
                ui.label(big(phase.banner(), 26.0).strong().color(palette::INK));
            });
            ui.separator();
            ui.label(big(
                format!("Ladder: {}", scn.rungs[sim.state.rung as usize].name),
                18.0,
            ));
            ui.label(big(format!("Momentum {:.0}", sim.state.momentum), 18.0));
        });
        // Controls on a line of their own, so that nothing falls off a 1280-pixel screen.
        ui.horizontal(|ui| {
            let pause = if game.paused {
                "▶ Resume"
            } else {
                "⏸ Pause"
            };
            if ui.button(big(pause, 17.0)).clicked() {
                out.write(Command::TogglePause);
            }
            if ui.button(big("+1 day", 17.0)).clicked() {
                out.write(Command::StepDay);
            }
            if ui.button(big("−", 17.0)).clicked() {
                out.write(Command::Speed(-1));
            }
            ui.label(big(format!("{} days/s", SPEEDS[game.speed]), 16.0));
            if ui.button(big("+", 17.0)).clicked() {
                out.write(Command::Speed(1));
            }
            if ui.button(big("Help (F1)", 16.0)).clicked() {
                out.write(Command::ToggleHelp);
            }
            ui.menu_button(big("Game menu", 16.0), |ui| {
                if ui.button(big("Save now (Ctrl+S)", 15.0)).clicked() {
                    out.write(Command::Save);
                    ui.close();
                }
                if ui.button(big("Back to setup (Esc)", 15.0)).clicked() {
                    out.write(Command::AskLeave);
                    ui.close();
                }
            });
            if let (Some(left), Some(t)) = (game.time_left(), game.turn) {
                ui.separator();
                ui.label(
                    big(
                        format!("{} to move: {}", scn.parties[t as usize].id, clock(left)),
                        18.0,
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
                ui.label(big(m, 14.0).color(palette::MUTED));
            }
            Some(Err(e)) => {
                ui.label(big(e, 14.0).color(palette::RUNG_LIT));
            }
            None => {}
        }
        if let Some(e) = &game.replay_error {
            ui.label(big(format!("Replay not saved: {e}"), 14.0).color(palette::RUNG_LIT));
        }
    });
}

fn ladder(ui: &mut egui::Ui, sim: &Simulation) {
    ui.label(big("Escalation ladder", 18.0).strong());
    for (k, r) in sim.scenario.rungs.iter().enumerate().rev() {
        let lit = k == sim.state.rung as usize;
        let frame = egui::Frame::new()
            .fill(if lit {
                palette::RUNG_LIT
            } else {
                palette::RUNG_DARK
            })
            .inner_margin(egui::Margin::symmetric(8, 3))
            .corner_radius(4.0);
        frame.show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            let text = big(
                if lit {
                    format!("▶ {}", r.name)
                } else {
                    r.name.clone()
                },
                15.0,
            );
            ui.label(if lit {
                text.strong().color(palette::INK)
            } else {
                text.color(Color32::from_gray(200))
            });
        });
    }
}

fn seats(ui: &mut egui::Ui, sim: &Simulation, game: &Game, out: &mut MessageWriter<Command>) {
    let scn = &sim.scenario;
    let rect = ui.available_rect_before_wrap();
    let painter = ui.painter_at(rect);
    let c = rect.center();
    let (rx, ry) = (rect.width() * 0.34, rect.height() * 0.33);
    painter.circle_filled(c, rx.min(ry) * 0.55, Color32::from_rgb(0x5b, 0x3a, 0x1e));
    painter.text(
        c - Vec2::new(0.0, 12.0),
        Align2::CENTER_CENTER,
        sim.state.phase.banner(),
        FontId::proportional(26.0),
        palette::phase(sim.state.phase),
    );
    painter.text(
        c + Vec2::new(0.0, 18.0),
        Align2::CENTER_CENTER,
        sim.date().to_string(),
        FontId::proportional(17.0),
        Color32::WHITE,
    );
    let n = scn.parties.len().max(1);
    let card = Vec2::new((rect.width() * 0.27).clamp(170.0, 280.0), 104.0);
    for (i, p) in scn.parties.iter().enumerate() {
        let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / n as f32;
        let centre = c + Vec2::new(rx * angle.cos(), ry * angle.sin());
        let r = egui::Rect::from_center_size(centre, card);
        let resp = ui.interact(r, ui.id().with(("seat", i)), Sense::click());
        if resp.clicked() {
            out.write(Command::Dossier(Some(i as u8)));
        }
        let mine = game.humans.contains(&(i as u8));
        let to_move = game.turn == Some(i as u8);
        painter.rect_filled(r, 8.0, Color32::from_rgb(0xf4, 0xf1, 0xea));
        painter.rect_filled(
            egui::Rect::from_min_size(r.min, Vec2::new(12.0, r.height())),
            4.0,
            palette::party(p.colour),
        );
        let border = if to_move {
            palette::TURN
        } else if resp.hovered() {
            Color32::WHITE
        } else {
            Color32::from_gray(90)
        };
        painter.rect_stroke(
            r,
            8.0,
            Stroke::new(if mine { 4.0 } else { 2.0 }, border),
            StrokeKind::Outside,
        );
        let x = r.min.x + 20.0;
        painter.text(
            egui::pos2(x, r.min.y + 6.0),
            Align2::LEFT_TOP,
            format!("{}  {}", i + 1, p.id),
            FontId::proportional(20.0),
            palette::INK,
        );
        let (st, sc) = stance(sim, i);
        painter.text(
            egui::pos2(r.max.x - 8.0, r.min.y + 8.0),
            Align2::RIGHT_TOP,
            st,
            FontId::proportional(14.0),
            sc.gamma_multiply(0.9),
        );
        painter.text(
            egui::pos2(x, r.min.y + 32.0),
            Align2::LEFT_TOP,
            &p.name,
            FontId::proportional(13.0),
            Color32::from_gray(60),
        );
        painter.text(
            egui::pos2(x, r.min.y + 50.0),
            Align2::LEFT_TOP,
            format!("Head: {}", p.head),
            FontId::proportional(13.0),
            Color32::from_gray(60),
        );
        let latest = sim.state.parties[i]
            .last_move
            .map(|(d, a)| format!("Day {d}: {}", describe_action(scn, &a)))
            .unwrap_or_else(|| "no move yet".into());
        painter.text(
            egui::pos2(x, r.min.y + 72.0),
            Align2::LEFT_TOP,
            latest,
            FontId::proportional(14.0),
            palette::INK,
        );
        if mine {
            painter.text(
                egui::pos2(r.max.x - 8.0, r.max.y - 6.0),
                Align2::RIGHT_BOTTOM,
                if to_move { "TO MOVE" } else { "human" },
                FontId::proportional(13.0),
                Color32::from_rgb(0x00, 0x72, 0xB2),
            );
        }
    }
    ui.allocate_rect(rect, Sense::hover());
}

fn entry_line(sim: &Simulation, e: &Entry) -> Option<(i64, String, Color32)> {
    let scn = &sim.scenario;
    Some(match e {
        Entry::Background { .. } => return None,
        Entry::Event { day, event } => (
            *day,
            format!("★ {}", scn.timeline[*event as usize].text),
            Color32::from_rgb(0x56, 0xB4, 0xE9),
        ),
        Entry::Scheduled { day, text } => (
            *day,
            format!("★ {text}"),
            Color32::from_rgb(0x56, 0xB4, 0xE9),
        ),
        Entry::Rule { day, rule } => (
            *day,
            format!("~ {}", scn.rules[*rule as usize].text),
            Color32::from_gray(190),
        ),
        Entry::Move {
            day,
            party,
            action,
            why,
        } => (
            *day,
            format!(
                "{}: {} — {}",
                scn.parties[*party as usize].id,
                describe_action(scn, action),
                describe_why(scn, why)
            ),
            Color32::from_gray(235),
        ),
        Entry::Phase { day, to, cause, .. } => (
            *day,
            format!("» talks {}: {}", to.banner(), describe_cause(scn, cause)),
            palette::phase(*to),
        ),
        Entry::Rung { day, to, cause, .. } => (
            *day,
            format!(
                "» ladder {}: {}",
                scn.rungs[*to as usize].name,
                describe_cause(scn, cause)
            ),
            palette::RUNG_LIT,
        ),
        Entry::Verdicts { day, .. } => (
            *day,
            "= the delegations weighed the package (see the debrief)".into(),
            Color32::from_gray(190),
        ),
    })
}

fn chronicle(ui: &mut egui::Ui, sim: &Simulation) {
    ui.label(big("Chronicle", 17.0).strong());
    let log = sim.log.as_deref().unwrap_or(&[]);
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let start = log.len().saturating_sub(300);
            for e in &log[start..] {
                if let Some((day, text, colour)) = entry_line(sim, e) {
                    ui.label(
                        RichText::new(format!("{} {}", sim.scenario.date_of(day), text))
                            .size(14.0)
                            .color(colour),
                    );
                }
            }
        });
}

fn chart(ui: &mut egui::Ui, scn: &Scenario, game: &Game) {
    use egui_plot::{Legend, Line, Plot, PlotPoints};
    ui.label(big("Ladder rung and talks phase by day", 17.0).strong());
    let rung: Vec<[f64; 2]> = game
        .history
        .iter()
        .map(|(d, _, r)| [*d as f64 + 1.0, *r as f64])
        .collect();
    let phase: Vec<[f64; 2]> = game
        .history
        .iter()
        .map(|(d, p, _)| {
            [
                *d as f64 + 1.0,
                Phase::ALL.iter().position(|x| x == p).unwrap_or(0) as f64,
            ]
        })
        .collect();
    Plot::new("history")
        .legend(Legend::default())
        .include_x(0.0)
        .include_x(scn.horizon_days as f64)
        .include_y(0.0)
        .include_y(scn.rungs.len().max(Phase::ALL.len()) as f64 - 1.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |p| {
            let lowest = scn.rungs.first().map_or("", |r| r.name.as_str());
            p.line(
                Line::new(
                    format!("ladder rung (0 = {lowest})"),
                    PlotPoints::from(rung),
                )
                .color(palette::RUNG_LIT)
                .width(2.5),
            );
            p.line(
                Line::new(
                    "talks phase (0 stalled … 3 in session, 4 agreement, 5 walkout)",
                    PlotPoints::from(phase),
                )
                .color(Color32::from_rgb(0x00, 0x9E, 0x73))
                .width(2.5),
            );
        });
}

fn dossier(ui: &mut egui::Ui, sim: &Simulation, p: u8) {
    let scn = &sim.scenario;
    let party = &scn.parties[p as usize];
    let ps = &sim.state.parties[p as usize];
    ui.label(big(
        format!(
            "Head of delegation: {} · role: {} · capability {:.0}",
            party.head,
            party.doctrine.role.key(),
            party.capability
        ),
        15.0,
    ));
    if !party.aims.is_empty() {
        ui.label(big(&party.aims, 15.0));
    }
    ui.label(big(
        format!(
            "Pressure on it {:.0} · grievance {:.0} · face {:.0}",
            ps.pressure, ps.grievance, ps.face
        ),
        15.0,
    ));
    ui.add_space(6.0);
    ui.label(
        big(
            "Positions (0–100) against red lines; bar = how much it cares",
            16.0,
        )
        .strong(),
    );
    egui::Grid::new("positions")
        .num_columns(4)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for (k, issue) in scn.file.issues.iter().enumerate() {
                let st = &party.stances[k];
                ui.label(big(&issue.name, 14.0));
                ui.label(big(
                    format!("{:.0} (started {:.0})", ps.positions[k], st.position),
                    14.0,
                ));
                ui.label(big(
                    match st.red_line {
                        Some(RedLine::AtLeast(x)) => format!("red line: at least {x:.0}"),
                        Some(RedLine::AtMost(x)) => format!("red line: at most {x:.0}"),
                        None => "no red line".into(),
                    },
                    14.0,
                ));
                ui.add(
                    egui::ProgressBar::new(st.salience as f32)
                        .desired_width(110.0)
                        .text(format!("cares {:.1}", st.salience)),
                );
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label(big("Trust in the others (0–100)", 16.0).strong());
    for (j, other) in scn.parties.iter().enumerate() {
        if j == p as usize {
            continue;
        }
        let t = sim.state.trust(p, j as u8);
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("{:<5}", other.id))
                    .monospace()
                    .size(14.0)
                    .color(palette::party(other.colour)),
            );
            ui.add(
                egui::ProgressBar::new((t / 100.0) as f32)
                    .desired_width(220.0)
                    .text(format!("{t:.0}")),
            );
        });
    }
    if sim.state.phase == Phase::InSession {
        let v = verdicts(scn, &sim.state)[p as usize];
        ui.label(big(
            format!(
                "On the table now: gain {:.1} × credibility {:.2} vs needed {:.1}: {}",
                v.gain,
                v.credibility,
                v.needed,
                if v.accepts {
                    "would sign"
                } else {
                    "would refuse"
                }
            ),
            14.0,
        ));
    }
    ui.add_space(6.0);
    ui.label(big("What it has done", 16.0).strong());
    egui::ScrollArea::vertical()
        .max_height(160.0)
        .show(ui, |ui| {
            for e in sim.log.as_deref().unwrap_or(&[]) {
                if let Entry::Move {
                    day,
                    party: who,
                    action,
                    why,
                } = e
                    && *who == p
                {
                    ui.label(big(
                        format!(
                            "Day {day}: {} — {}",
                            describe_action(scn, action),
                            describe_why(scn, why)
                        ),
                        13.0,
                    ));
                }
            }
        });
}

/// Every move open to a delegation today, for the custom-move builder: its kinds and targets.
fn custom_moves(sim: &Simulation, p: u8, amount: f64) -> Vec<Action> {
    let scn = &sim.scenario;
    let n = scn.parties.len() as u8;
    let others: Vec<u8> = (0..n).filter(|&j| j != p).collect();
    let mut v = vec![
        Action::Wait,
        Action::ConciliatoryStatement,
        Action::HardlineStatement,
    ];
    match sim.state.phase {
        Phase::InSession => {
            v.push(Action::HoldFirm);
            v.push(Action::WalkOut);
            for k in 0..scn.issue_count() as u8 {
                v.push(Action::Concede { issue: k, amount });
            }
        }
        _ => {
            v.push(Action::CallForTalks);
            v.push(Action::Attend);
            v.push(Action::Boycott);
        }
    }
    for &j in &others {
        v.push(Action::EnvoyVisit { to: j });
        v.push(Action::BilateralMeeting { with: j });
        v.push(Action::OfferAid { to: j });
        if sim.state.sanctions(p, j) {
            v.push(Action::EaseSanctions { on: j });
        } else {
            v.push(Action::ImposeSanctions { on: j });
        }
    }
    for &a in &others {
        for &b in others.iter().filter(|&&b| b > a) {
            v.push(Action::Mediate { a, b });
        }
    }
    for k in &scn.parties[p as usize].arsenal {
        v.push(match k {
            ActionKind::MissileTest => Action::MissileTest,
            ActionKind::NuclearTest => Action::NuclearTest,
            _ => Action::MilitaryDrill,
        });
    }
    v
}

fn action_panel(
    ui: &mut egui::Ui,
    sim: &Simulation,
    game: &Game,
    p: u8,
    builder: &mut MoveBuilder,
    out: &mut MessageWriter<Command>,
) {
    let scn = &sim.scenario;
    let party = &scn.parties[p as usize];
    ui.label(
        big(format!("You lead {} ({})", party.id, party.head), 18.0)
            .strong()
            .color(palette::party(party.colour)),
    );
    if game.turn != Some(p) {
        ui.label(big(
            if sim.is_finished() {
                "The run is over."
            } else {
                "The other delegations are moving…"
            },
            15.0,
        ));
        return;
    }
    ui.label(
        big(
            format!("Your move for day {} ({}):", sim.state.day, sim.date()),
            16.0,
        )
        .color(palette::TURN),
    );
    if let Some(left) = game.time_left() {
        ui.label(
            big(
                format!(
                    "Time left: {} (then your advisers move for you)",
                    clock(left)
                ),
                15.0,
            )
            .color(if left < 10.0 {
                palette::RUNG_LIT
            } else {
                palette::TURN
            }),
        );
    }
    let advice = game
        .advice
        .as_ref()
        .filter(|(d, who, _)| *d == sim.state.day && *who == p)
        .map(|(_, _, rows)| rows);
    if advice.is_none()
        && ui
            .button(big(
                "Ask the advisers: 30 days ahead, 200 futures (A)",
                14.0,
            ))
            .clicked()
    {
        out.write(Command::Advise(200));
    }
    ui.label(big("Your advisers (the delegation's doctrine) would:", 14.0).color(palette::MUTED));
    // What the advisers see: today's events and rules applied, as when the delegations decide.
    let today = sim.state_at_decision();
    for c in options(scn, &today, p).iter().take(6) {
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                if ui.button(big(describe_action(scn, &c.action), 15.0)).clicked() {
                    out.write(Command::PlayerMove(c.action));
                }
                ui.label(big(format!("{:.0}%", 100.0 * c.probability), 14.0).color(palette::MUTED));
            });
            let why: Vec<String> = c.factors.iter().map(|(f, _)| describe_factor(scn, f)).collect();
            if !why.is_empty() {
                ui.label(RichText::new(format!("because: {}", why.join(", "))).size(13.0).color(Color32::from_gray(200)));
            }
            if let Some(rows) = advice
                && let Some(r) = rows.iter().find(|r| r.action == c.action)
            {
                ui.label(
                    RichText::new(format!(
                        "if we do this: talks resume in {:.0}% of futures, agreement {:.0}%, escalation {:.0}%",
                        100.0 * r.resumed,
                        100.0 * r.agreement,
                        100.0 * r.escalation
                    ))
                    .size(13.0)
                    .color(palette::TURN),
                );
            }
        });
    }
    // Issues ticked for another scenario's package do not carry over.
    builder.package &= if scn.issue_count() >= 32 {
        u32::MAX
    } else {
        (1u32 << scn.issue_count()) - 1
    };
    ui.collapsing(big("Another move…", 15.0), |ui| {
        if sim.state.phase == Phase::InSession {
            ui.horizontal(|ui| {
                ui.label(big("Concede up to", 14.0));
                ui.add(
                    egui::DragValue::new(&mut builder.amount)
                        .range(1.0..=30.0)
                        .speed(0.5),
                );
                ui.label(big("points", 14.0));
            });
            ui.label(big("A package on:", 14.0));
            ui.horizontal_wrapped(|ui| {
                for (k, issue) in scn.file.issues.iter().enumerate() {
                    let mut on = builder.package & (1 << k) != 0;
                    if ui.checkbox(&mut on, big(&issue.id, 14.0)).changed() {
                        builder.package ^= 1 << k;
                    }
                }
            });
            let any = builder.package != 0;
            if ui
                .add_enabled(any, egui::Button::new(big("Propose this package", 14.0)))
                .clicked()
            {
                out.write(Command::PlayerMove(Action::ProposePackage {
                    issues: builder.package,
                }));
            }
        }
        egui::ScrollArea::vertical()
            .max_height(220.0)
            .show(ui, |ui| {
                for a in custom_moves(sim, p, (builder.amount * 10.0).round() / 10.0) {
                    if ui.button(big(describe_action(scn, &a), 14.0)).clicked() {
                        out.write(Command::PlayerMove(a));
                    }
                }
            });
    });
}

// ---------------------------------------------------------------------------------------------------
// Debrief
// ---------------------------------------------------------------------------------------------------

pub use crate::sim::debrief::score;

fn debrief_screen(
    mut contexts: EguiContexts,
    talks: Option<Res<Talks>>,
    game: Option<Res<Game>>,
    mut scale: ResMut<UiScale>,
    mut out: MessageWriter<Command>,
) -> Result {
    let (Some(talks), Some(game)) = (talks, game) else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    apply_scale(ctx, &mut scale);
    let sim = &talks.0;
    let scn = &sim.scenario;
    let mut ui = root(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if let Some(o) = &sim.outcome {
                ui.heading(big(format!("Debrief: {} on {}", o.kind.key().to_uppercase(), scn.date_of(o.day).long()), 30.0));
                ui.label(big(format!("Day {} — {}.", o.day, o.reason), 17.0));
            }
            ui.horizontal(|ui| {
                if ui.button(big("Replay the same seed (R)", 18.0)).clicked() {
                    out.write(Command::Replay);
                }
                if ui.button(big("New seed (S)", 18.0)).clicked() {
                    out.write(Command::NewSeed);
                }
                if ui.button(big("Back to setup (Esc)", 18.0)).clicked() {
                    out.write(Command::BackToSetup);
                }
                if ui.button(big("Write the class report (W)", 18.0)).clicked() {
                    out.write(Command::WriteReport);
                }
            });
            match &game.report_status {
                Some(Ok(m)) => {
                    ui.label(big(m, 15.0).color(palette::TURN));
                }
                Some(Err(e)) => {
                    ui.label(big(e, 15.0).color(palette::RUNG_LIT));
                }
                None => {}
            }
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
                15.0,
            ));
            ui.add_space(10.0);
            for &p in &game.humans {
                let (outcome, kept, total) = score(sim, p);
                ui.label(big(format!("How {} did against its own goals", scn.parties[p as usize].id), 20.0).strong());
                ui.label(big(
                    format!("Outcome points {outcome:+} · positions kept {kept:.0}/100 · score {total:.0}/100"),
                    17.0,
                ));
            }
            if !game.humans.is_empty() && !game.advisers_play {
                ui.label(big(format!("Replay saved to {}", game.replay_path.display()), 14.0).color(palette::MUTED));
            }
            ui.add_space(10.0);
            ui.label(big("Turning points", 20.0).strong());
            for e in sim.log.as_deref().unwrap_or(&[]) {
                if matches!(e, Entry::Phase { .. } | Entry::Rung { .. })
                    && let Some((day, text, colour)) = entry_line(sim, e)
                {
                    ui.label(RichText::new(format!("{}  {}", scn.date_of(day), text)).size(15.0).color(colour));
                }
                if let Entry::Verdicts { day, verdicts } = e {
                    ui.label(RichText::new(format!("{}  how each delegation weighed the package:", scn.date_of(*day))).size(15.0));
                    for (i, v) in verdicts.iter().enumerate() {
                        ui.label(
                            RichText::new(format!(
                                "      {} {}: gain {:.1} × credibility {:.2} = {:.1} vs needed {:.1}{}",
                                scn.parties[i].id,
                                if v.accepts { "signs" } else { "refuses" },
                                v.gain,
                                v.credibility,
                                v.gain * v.credibility,
                                v.needed,
                                match (v.crossed, v.follows) {
                                    (Some(k), _) => format!(" (red line on {})", scn.file.issues[k as usize].name),
                                    (None, Some(f)) => format!(" (follows {})", scn.parties[f as usize].id),
                                    _ => String::new(),
                                }
                            ))
                            .size(14.0)
                            .color(Color32::from_gray(200)),
                        );
                    }
                }
            }
        });
    });
    ctx.input(|i| {
        if !i.modifiers.is_none() {
            return;
        }
        if i.key_pressed(egui::Key::R) {
            out.write(Command::Replay);
        }
        if i.key_pressed(egui::Key::S) {
            out.write(Command::NewSeed);
        }
        if i.key_pressed(egui::Key::W) {
            out.write(Command::WriteReport);
        }
        if i.key_pressed(egui::Key::Escape) {
            out.write(Command::BackToSetup);
        }
    });
    Ok(())
}
