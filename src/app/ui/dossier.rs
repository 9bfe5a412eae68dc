//! A delegation's dossier: positions against red lines, salience, trust, and what it has done.

use super::size;
use super::*;
use crate::app::i18n::t;
use crate::app::palette;
use crate::app::words;
use crate::sim::Simulation;
use crate::sim::scenario::Phase;
use crate::sim::state::chronicle::Entry;
use crate::sim::state::table::verdicts;
use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};
pub(super) fn dossier(ui: &mut egui::Ui, sim: &Simulation, p: u8) {
    let scn = &sim.scenario;
    let party = &scn.parties[p as usize];
    let ps = &sim.state.parties[p as usize];
    ui.label(big(
        t!(
            "dossier.head",
            head = party.head,
            role = words::role(party.doctrine.role),
            capability = party.capability
        ),
        size::TEXT,
    ));
    if !party.aims.is_empty() {
        ui.label(big(&party.aims, size::TEXT));
    }
    ui.label(big(
        t!(
            "dossier.state",
            pressure = ps.pressure,
            grievance = sim.state.grievance_max(p),
            face = ps.face,
            capital = ps.capital,
            max = scn.model.capital.max
        ),
        size::TEXT,
    ));
    ui.add_space(6.0);
    ui.label(big(t!("dossier.positions"), size::TEXT).strong());
    egui::Grid::new("positions")
        .num_columns(4)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for k in 0..scn.issue_count() {
                let st = &party.stances[k];
                ui.label(big(words::issue(scn, k), size::BODY));
                ui.label(big(
                    t!(
                        "dossier.position",
                        now = ps.positions[k],
                        start = st.position
                    ),
                    size::BODY,
                ));
                ui.label(big(
                    st.red_line.map_or(t!("dossier.no_red_line").into(), |rl| {
                        t!("dossier.red_line", line = words::red_line(rl))
                    }),
                    size::BODY,
                ));
                ui.add(
                    egui::ProgressBar::new(st.salience as f32)
                        .desired_width(110.0)
                        .text(t!("dossier.cares", s = st.salience)),
                );
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label(big(t!("dossier.trust"), size::TEXT).strong());
    for (j, other) in scn.parties.iter().enumerate() {
        if j == p as usize {
            continue;
        }
        let t = sim.state.trust(p, j as u8);
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("{:<5}", other.id))
                    .monospace()
                    .size(size::BODY)
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
            t!(
                "dossier.on_table",
                weighing = words::weighing(&v),
                decision = if v.accepts {
                    t!("dossier.would_sign")
                } else {
                    t!("dossier.would_refuse")
                }
            ),
            size::BODY,
        ));
    }
    // What it owes under the deal in force (or the one that unravelled), step by step.
    if let Some(deal) = &sim.state.deal {
        let owed: Vec<_> = deal
            .steps
            .iter()
            .filter(|s| scn.commitments.steps[s.kind as usize].party == p)
            .collect();
        ui.add_space(6.0);
        ui.label(big(t!("dossier.owes"), size::TEXT).strong());
        if owed.is_empty() {
            ui.label(big(t!("dossier.owes_nothing"), size::BODY));
        }
        for s in owed {
            let kind = &scn.commitments.steps[s.kind as usize];
            ui.label(big(
                t!(
                    "dossier.owes_step",
                    name = kind.name,
                    date = scn.date_of(s.due),
                    status = super::commitments::status_word(s.status, s.late).0
                ),
                size::BODY,
            ));
        }
    }
    ui.add_space(6.0);
    ui.label(big(t!("dossier.done"), size::TEXT).strong());
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
                        t!(
                            "dossier.move",
                            day = day,
                            action = words::move_name(scn, action),
                            why = words::why(scn, why)
                        ),
                        size::SMALL,
                    ));
                }
            }
        });
}
