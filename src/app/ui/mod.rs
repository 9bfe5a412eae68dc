//! The window's interface, drawn with egui: the setup screen, the table (seats, phase banner, ladder,
//! chronicle, chart, dossiers, the player's action panel) and the debrief. Every control is also a key;
//! every control sends a [`Command`] to the game's logic.

mod chronicle;
mod commitments;
mod debrief;
mod dossier;
mod keys;
mod ladder;
mod map_view;
mod moves;
mod seats;
mod setup;
mod table;
mod top_bar;

pub use table::clock;

use chronicle::{chart, chronicle};
use commitments::commitments_board;
use dossier::dossier;
use ladder::ladder;
use moves::action_panel;
use seats::seats;
use top_bar::top_bar;

use crate::app::game::Screen;
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use bevy_egui::egui::{self, RichText};

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
    /// A move that asks for confirmation, clicked once (a second click plays it).
    pub armed: Option<crate::sim::action::Action>,
}

impl Default for MoveBuilder {
    fn default() -> Self {
        MoveBuilder {
            amount: 5.0,
            package: 0,
            armed: None,
        }
    }
}

/// The interface's systems: the keys first, then the screen being shown.
pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<MoveBuilder>().add_systems(
        EguiPrimaryContextPass,
        (
            (
                fonts,
                keys::scale_keys,
                keys::setup_keys.run_if(in_state(Screen::Setup)),
                keys::table_keys.run_if(in_state(Screen::Table)),
                keys::debrief_keys.run_if(in_state(Screen::Debrief)),
            ),
            (
                setup::setup_screen.run_if(in_state(Screen::Setup)),
                table::table_screen.run_if(in_state(Screen::Table)),
                debrief::debrief_screen.run_if(in_state(Screen::Debrief)),
            ),
        )
            .chain(),
    );
}

/// The font that carries Korean, Chinese and Japanese (Noto Sans CJK KR, cut by `assets/scripts/build.py`
/// to the characters the window shows, the translation files' included), compiled in for egui.
const CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansCJKkr-subset.otf");

/// Once, at the start: egui's own fonts, with the CJK font behind them for every character they lack.
pub(crate) fn fonts(mut contexts: bevy_egui::EguiContexts, mut done: Local<bool>) -> Result {
    if *done {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut defs = egui::FontDefinitions::default();
    defs.font_data.insert(
        "noto-cjk".into(),
        std::sync::Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        defs.families
            .entry(family)
            .or_default()
            .push("noto-cjk".into());
    }
    ctx.set_fonts(defs);
    *done = true;
    Ok(())
}

pub(crate) fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The interface's type scale, in points at text scale 1.0: every text is drawn at one of these sizes.
pub mod size {
    /// Reasons, footnotes, the advisers' look-ahead figures.
    pub const SMALL: f32 = 13.0;
    /// Secondary labels and hints.
    pub const BODY: f32 = 14.0;
    /// Ordinary text and list entries.
    pub const TEXT: f32 = 16.0;
    /// Buttons and leading lines.
    pub const LEAD: f32 = 18.0;
    /// Section headings.
    pub const HEADING: f32 = 20.0;
    /// The phase banner, window titles, the start button.
    pub const SUBTITLE: f32 = 24.0;
    /// The game's title on the setup screen.
    pub const TITLE: f32 = 32.0;
    /// The hand-over line on the hot-seat cover.
    pub const DISPLAY: f32 = 40.0;
    /// The symbol on the hot-seat cover.
    pub const ICON: f32 = 64.0;
}

/// Text at one of the sizes of [`size`].
pub(super) fn big(text: impl Into<String>, size: f32) -> RichText {
    RichText::new(text).size(size)
}
