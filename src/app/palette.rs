//! Colours of the window, in one place: the Okabe–Ito palette (distinguishable with the common forms of
//! colour blindness) for phases and series; party colours come from the scenario.

use crate::sim::scenario::Phase;
use bevy_egui::egui::Color32;

/// Background of the table.
pub const TABLE: Color32 = Color32::from_rgb(0x2b, 0x3a, 0x2f);
/// Dark panel text on light fills.
pub const INK: Color32 = Color32::from_rgb(0x11, 0x11, 0x11);
/// Muted text.
pub const MUTED: Color32 = Color32::from_rgb(0x9a, 0xa0, 0xa6);
/// The lit rung of the ladder.
pub const RUNG_LIT: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
/// Unlit rungs.
pub const RUNG_DARK: Color32 = Color32::from_rgb(0x3a, 0x3f, 0x44);
/// Player's turn highlight.
pub const TURN: Color32 = Color32::from_rgb(0xF0, 0xE4, 0x42);

/// The banner colour of a talks phase.
pub fn phase(p: Phase) -> Color32 {
    match p {
        Phase::Stalled => Color32::from_rgb(0x99, 0x99, 0x99),
        Phase::Contacts => Color32::from_rgb(0x56, 0xB4, 0xE9),
        Phase::Preparatory => Color32::from_rgb(0xE6, 0x9F, 0x00),
        Phase::InSession => Color32::from_rgb(0x00, 0x9E, 0x73),
        Phase::Agreement => Color32::from_rgb(0x00, 0x72, 0xB2),
        Phase::Walkout => Color32::from_rgb(0xD5, 0x5E, 0x00),
    }
}

/// A party's colour from the scenario.
pub fn party(rgb: [u8; 3]) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}
