//! Colours of the window, in one place. The Okabe–Ito colours come from the project's one palette
//! ([`crate::sim::output::palette`]); the rest are the window's own neutrals. Party colours come from
//! the scenario.

use crate::sim::output::palette::{self as shared, Rgb};
use crate::sim::scenario::Phase;
use bevy_egui::egui::Color32;

/// Background of the table.
pub const TABLE: Color32 = Color32::from_rgb(0x2b, 0x3a, 0x2f);
/// Dark panel text on light fills.
pub const INK: Color32 = Color32::from_rgb(0x11, 0x11, 0x11);
/// Muted text.
pub const MUTED: Color32 = Color32::from_rgb(0x9a, 0xa0, 0xa6);
/// The lit rung of the ladder.
pub const RUNG_LIT: Color32 = egui(shared::VERMILLION);
/// Unlit rungs.
pub const RUNG_DARK: Color32 = Color32::from_rgb(0x3a, 0x3f, 0x44);
/// Player's turn highlight.
pub const TURN: Color32 = Color32::from_rgb(0xF0, 0xE4, 0x42);

/// Text on dark panels, brightest first.
pub const TEXT_BRIGHT: Color32 = Color32::from_gray(235);
/// Secondary text on dark panels (reasons, verdicts, unlit rung names).
pub const TEXT_DIM: Color32 = Color32::from_gray(200);
/// Quiet text on dark panels (background events, rules).
pub const TEXT_QUIET: Color32 = Color32::from_gray(190);
/// White: the lit seat's name, the selected scenario, a fresh banner's border.
pub const WHITE: Color32 = Color32::WHITE;
/// Okabe–Ito orange: hard lines and pressure.
pub const ORANGE: Color32 = egui(shared::ORANGE);
/// Okabe–Ito sky blue: contacts and mediation.
pub const SKY: Color32 = egui(shared::SKY);
/// Okabe–Ito bluish green: engagement and sessions.
pub const GREEN: Color32 = egui(shared::GREEN);
/// Okabe–Ito blue: agreement.
pub const BLUE: Color32 = egui(shared::BLUE);
/// The table's wooden top.
pub const WOOD: Color32 = Color32::from_rgb(0x5b, 0x3a, 0x1e);
/// A seat's card.
pub const CARD: Color32 = Color32::from_rgb(0xf4, 0xf1, 0xea);
/// Text on a seat's card, and the outline of a seat that is not lit.
pub const CARD_TEXT: Color32 = Color32::from_gray(60);
/// The outline of a seat that is not lit.
pub const CARD_EDGE: Color32 = Color32::from_gray(90);
/// The hot-seat cover that hides the table.
pub const COVER: Color32 = Color32::from_rgb(0x14, 0x18, 0x1c);

/// The banner colour of a talks phase.
pub fn phase(p: Phase) -> Color32 {
    egui(shared::phase(p))
}

/// An egui colour from the shared palette.
const fn egui(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// A party's colour from the scenario.
pub fn party(rgb: [u8; 3]) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}
