//! The escalation ladder with the current rung lit.

use super::size;
use super::*;
use crate::app::i18n::t;
use crate::app::palette;
use crate::sim::Simulation;
use bevy::prelude::*;
use bevy_egui::egui::{self};
pub(super) fn ladder(ui: &mut egui::Ui, sim: &Simulation) {
    ui.label(big(t!("ladder.title"), size::LEAD).strong());
    for k in (0..sim.scenario.rungs.len()).rev() {
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
                    format!("▶ {}", crate::app::words::rung(&sim.scenario, k))
                } else {
                    crate::app::words::rung(&sim.scenario, k)
                },
                size::TEXT,
            );
            ui.label(if lit {
                text.strong().color(palette::INK)
            } else {
                text.color(palette::TEXT_DIM)
            });
        });
    }
}
