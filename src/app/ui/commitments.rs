//! The commitments board: each step of the deal in force (owner, what, due date, done / late / broken),
//! and for the delegation whose turn it is, its own compliance choice on each step it owes today and its
//! answer to the others' demand for sampling on each of its steps whose verification they dispute.

use super::size;
use super::*;
use crate::app::game::{Command, Game};
use crate::app::i18n::{t, text};
use crate::app::palette;
use crate::sim::Simulation;
use crate::sim::state::deal::{Comply, StepStatus};
use bevy::prelude::*;
use bevy_egui::egui::{self, Color32};

pub(super) fn status_word(s: StepStatus, late: bool) -> (String, Color32) {
    let (key, colour) = match s {
        StepStatus::Waiting => ("deal.waiting", palette::TEXT_QUIET),
        StepStatus::Open if late => ("deal.late", palette::ORANGE),
        StepStatus::Open => ("deal.owed", palette::TEXT_BRIGHT),
        StepStatus::Begun(_) => ("deal.under_way", palette::SKY),
        StepStatus::Disputed(_) => ("deal.disputed", palette::ORANGE),
        StepStatus::Done(_) if late => ("deal.done_late", palette::GREEN),
        StepStatus::Done(_) => ("deal.done", palette::GREEN),
        StepStatus::Broken(_) => ("deal.broken", palette::RUNG_LIT),
    };
    (text(key).to_string(), colour)
}

/// The board, when a deal was signed; `mover` is the delegation whose turn it is (it decides on its own
/// steps owed today).
pub(super) fn commitments_board(
    ui: &mut egui::Ui,
    sim: &Simulation,
    game: &Game,
    mover: Option<u8>,
    out: &mut MessageWriter<Command>,
) {
    let Some(deal) = &sim.state.deal else {
        return;
    };
    let scn = &sim.scenario;
    ui.label(
        big(
            t!(
                "deal.title",
                date = scn.date_of(deal.signed),
                status = text(match deal.status() {
                    crate::sim::state::deal::DealStatus::Implemented => "deal.implemented",
                    crate::sim::state::deal::DealStatus::Partly => "deal.partly",
                    crate::sim::state::deal::DealStatus::Unravelled => "deal.unravelled",
                })
            ),
            size::LEAD,
        )
        .strong(),
    );
    let day = sim.state.day;
    egui::Grid::new("commitments")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for st in &deal.steps {
                let kind = &scn.commitments.steps[st.kind as usize];
                ui.label(big(&scn.parties[kind.party as usize].id, size::BODY).strong());
                ui.label(big(&kind.name, size::BODY));
                ui.label(big(t!("deal.due", date = scn.date_of(st.due)), size::BODY));
                let (word, colour) = status_word(st.status, st.late);
                ui.label(big(word, size::BODY).color(colour));
                ui.end_row();
            }
        });
    // The delegation to move decides on each step it owes today; the advisers (the model) decide the rest.
    let Some(p) = mover.filter(|_| deal.in_force() && game.viewer().is_some()) else {
        return;
    };
    for st in &deal.steps {
        let kind = &scn.commitments.steps[st.kind as usize];
        // An owed step: carry it out, delay, renege. A disputed one: answer the others' demand for
        // sampling (accept it, offer a narrower protocol, refuse), the same three choices.
        let (title, choices) = match st.status {
            _ if kind.party != p => continue,
            StepStatus::Open => (
                "deal.decide",
                [
                    (Comply::CarryOut, "deal.carry_out"),
                    (Comply::Delay, "deal.delay"),
                    (Comply::Renege, "deal.renege"),
                ],
            ),
            StepStatus::Disputed(_) => (
                "deal.answer",
                [
                    (Comply::CarryOut, "deal.accept"),
                    (Comply::Delay, "deal.narrower"),
                    (Comply::Renege, "deal.refuse"),
                ],
            ),
            _ => continue,
        };
        let chosen = sim.fixed_choice(day, st.kind);
        ui.label(big(t!(title, name = kind.name), size::TEXT));
        ui.horizontal_wrapped(|ui| {
            for (choice, key) in choices {
                let label = if chosen == Some(choice) {
                    format!("✔ {}", text(key))
                } else {
                    text(key).to_string()
                };
                if ui.button(big(label, size::BODY)).clicked() {
                    out.write(Command::Comply(st.kind, choice));
                }
            }
        });
    }
}
