//! The project's one palette: the Okabe–Ito colours (distinguishable with the common forms of colour
//! blindness) for phases, rungs and series, used by the SVG/HTML reports here and by the window
//! (`app::palette` builds its egui colours from these values). Party colours come from the scenario.

use crate::sim::scenario::{Phase, Scenario};

/// A colour as red, green and blue; shown as `#RRGGBB`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// Okabe–Ito orange.
pub const ORANGE: Rgb = Rgb(0xE6, 0x9F, 0x00);
/// Okabe–Ito sky blue.
pub const SKY: Rgb = Rgb(0x56, 0xB4, 0xE9);
/// Okabe–Ito bluish green.
pub const GREEN: Rgb = Rgb(0x00, 0x9E, 0x73);
/// Okabe–Ito blue.
pub const BLUE: Rgb = Rgb(0x00, 0x72, 0xB2);
/// Okabe–Ito vermillion: escalation.
pub const VERMILLION: Rgb = Rgb(0xD5, 0x5E, 0x00);
/// Okabe–Ito reddish purple.
pub const PURPLE: Rgb = Rgb(0xCC, 0x79, 0xA7);
/// Neutral grey: stalled talks.
pub const GREY: Rgb = Rgb(0x99, 0x99, 0x99);

/// The series of a chart, in order.
pub const SERIES: [Rgb; 4] = [BLUE, VERMILLION, GREEN, PURPLE];

/// The colour of a talks phase.
pub const fn phase(p: Phase) -> Rgb {
    match p {
        Phase::Stalled => GREY,
        Phase::Contacts => SKY,
        Phase::Preparatory => ORANGE,
        Phase::InSession => GREEN,
        Phase::Agreement => BLUE,
        Phase::Walkout => VERMILLION,
    }
}

/// A party's colour from its scenario, as `#rrggbb`.
pub fn party_colour(scn: &Scenario, p: usize) -> String {
    let [r, g, b] = scn.parties[p].colour;
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_print_as_upper_case_hex() {
        assert_eq!(SKY.to_string(), "#56B4E9");
        assert_eq!(phase(Phase::Walkout).to_string(), "#D55E00");
    }
}
