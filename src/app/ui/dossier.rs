//! A delegation's dossier: positions against red lines, salience, trust, and what it has done.

use super::size;
use super::*;
use crate::app::palette;
use crate::sim::Simulation;
use crate::sim::output::render::{describe_why, name_move};
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
        format!(
            "Head of delegation: {} · role: {} · capability {:.0}",
            party.head,
            party.doctrine.role.key(),
            party.capability
        ),
        size::TEXT,
    ));
    if !party.aims.is_empty() {
        ui.label(big(&party.aims, size::TEXT));
    }
    ui.label(big(
        format!(
            "Pressure on it {:.0} · strongest grievance {:.0} · face {:.0} · capital {:.0}/{:.0}",
            ps.pressure,
            sim.state.grievance_max(p),
            ps.face,
            ps.capital,
            scn.model.capital.max
        ),
        size::TEXT,
    ));
    ui.add_space(6.0);
    ui.label(
        big(
            "Positions (0–100) against red lines; bar = how much it cares",
            size::TEXT,
        )
        .strong(),
    );
    egui::Grid::new("positions")
        .num_columns(4)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for (k, issue) in scn.file.issues.iter().enumerate() {
                let st = &party.stances[k];
                ui.label(big(&issue.name, size::BODY));
                ui.label(big(
                    format!("{:.0} (started {:.0})", ps.positions[k], st.position),
                    size::BODY,
                ));
                ui.label(big(
                    st.red_line.map_or("no red line".into(), |rl| {
                        format!("red line: {}", rl.describe())
                    }),
                    size::BODY,
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
    ui.label(big("Trust in the others (0–100)", size::TEXT).strong());
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
            format!(
                "On the table now: gain {:.1} × credibility {:.2} + no-deal cost {:.1} = {:.1} vs needed {:.1}: {}",
                v.gain,
                v.credibility,
                v.relief,
                v.value(),
                v.needed,
                if v.accepts {
                    "would sign"
                } else {
                    "would refuse"
                }
            ),
            size::BODY,
        ));
    }
    ui.add_space(6.0);
    ui.label(big("What it has done", size::TEXT).strong());
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
                            name_move(scn, action),
                            describe_why(scn, why)
                        ),
                        size::SMALL,
                    ));
                }
            }
        });
}
