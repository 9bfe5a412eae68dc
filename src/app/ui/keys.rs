//! Keyboard input as Bevy systems, apart from the drawing: each key sends the same `Command` as its button.

use super::*;
use crate::app::game::{Command, Game, SetupChoices};
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use bevy_egui::egui::{self};
/// `+` and `−` change the size of everything (for projectors), on every screen.
pub(super) fn scale_keys(mut contexts: EguiContexts, mut scale: ResMut<UiScale>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if !ctx.egui_wants_keyboard_input() {
        ctx.input(|i| {
            if i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals) {
                scale.0 = (scale.0 + 0.1).min(2.5);
            }
            if i.key_pressed(egui::Key::Minus) {
                scale.0 = (scale.0 - 0.1).max(0.6);
            }
        });
    }
    if (ctx.zoom_factor() - scale.0).abs() > 1e-3 {
        ctx.set_zoom_factor(scale.0);
    }
    Ok(())
}

/// On the setup screen, Enter starts the game once a scenario has loaded, unless it ends typing in a
/// field (the seed).
pub(super) fn setup_keys(
    mut contexts: EguiContexts,
    setup: Res<SetupChoices>,
    mut out: MessageWriter<Command>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    if setup.scenario().is_some()
        && !ctx.egui_wants_keyboard_input()
        && ctx.input(|i| i.key_pressed(egui::Key::Enter))
    {
        // The game decides: Enter that ends typing in a field (see `SetupChoices::typing`) does not start.
        out.write(Command::EnterOnSetup);
    }
    Ok(())
}

/// On the debrief screen: R replays the seed, S tries a new one, W writes the class report, Esc leaves.
pub(super) fn debrief_keys(mut contexts: EguiContexts, mut out: MessageWriter<Command>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if ctx.egui_wants_keyboard_input() {
        return Ok(());
    }
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

/// At the table: pause, step, speed, help, advisers, save, the hot-seat hand-over, dossiers, leaving.
pub(super) fn table_keys(
    mut contexts: EguiContexts,
    game: Option<Res<Game>>,
    mut out: MessageWriter<Command>,
) -> Result {
    let Some(game) = game else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    keys(ctx, &game, &mut out);
    Ok(())
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
        if i.key_pressed(egui::Key::M) && game.viewer().is_some() && !i.modifiers.command {
            out.write(Command::ToggleAllMoves);
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
