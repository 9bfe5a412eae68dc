//! The player's turn: the advisers' options, the look-ahead, and every other move with the package builder.

use super::size;
use super::*;
use crate::app::game::{Command, Game};
use crate::app::palette;
use crate::sim::Simulation;
use crate::sim::action::Action;
use crate::sim::decide::options;
use crate::sim::output::render::{describe_action, describe_factor, weighing};
use crate::sim::scenario::Phase;
use crate::sim::state::table::verdicts;
use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};
/// Every move open to a delegation today, for the custom-move builder: its kinds and targets.
pub(super) fn custom_moves(sim: &Simulation, p: u8, amount: f64) -> Vec<Action> {
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
            v.push(Action::Sign);
            v.push(Action::Refuse);
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
    v.extend(
        scn.parties[p as usize]
            .arsenal
            .iter()
            .filter_map(|k| k.untargeted()),
    );
    v
}

pub(super) fn action_panel(
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
        big(
            format!("You lead {} ({})", party.id, party.head),
            size::LEAD,
        )
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
            size::TEXT,
        ));
        return;
    }
    ui.label(
        big(
            format!("Your move for day {} ({}):", sim.state.day, sim.date()),
            size::TEXT,
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
                size::TEXT,
            )
            .color(if left < 10.0 {
                palette::RUNG_LIT
            } else {
                palette::TURN
            }),
        );
    }
    if sim.state.phase == Phase::InSession {
        signature(ui, sim, p, out);
    }
    let advice = game
        .advice
        .as_ref()
        .filter(|(d, who, _)| *d == sim.state.day && *who == p)
        .map(|(_, _, rows)| rows);
    if game.thinking {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(
                big(
                    "Your advisers are thinking: 200 futures, 30 days ahead…",
                    size::BODY,
                )
                .color(palette::MUTED),
            );
        });
    } else if advice.is_none()
        && ui
            .button(big(
                "Ask the advisers: 30 days ahead, 200 futures (A)",
                size::BODY,
            ))
            .clicked()
    {
        out.write(Command::Advise(200));
    }
    ui.label(
        big(
            "Your advisers (the delegation's doctrine) would:",
            size::BODY,
        )
        .color(palette::MUTED),
    );
    // What the advisers see: today's events and rules applied, as when the delegations decide.
    let today = sim.state_at_decision();
    for c in options(scn, &today, p).iter().take(6) {
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                if ui.button(big(describe_action(scn, &c.action), size::TEXT)).clicked() {
                    out.write(Command::PlayerMove(c.action));
                }
                ui.label(big(format!("{:.0}%", 100.0 * c.probability), size::BODY).color(palette::MUTED));
            });
            let why: Vec<String> = c.factors.iter().map(|(f, _)| describe_factor(scn, f)).collect();
            if !why.is_empty() {
                ui.label(RichText::new(format!("because: {}", why.join(", "))).size(size::SMALL).color(palette::TEXT_DIM));
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
                    .size(size::SMALL)
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
    ui.collapsing(big("Another move…", size::TEXT), |ui| {
        if sim.state.phase == Phase::InSession {
            ui.horizontal(|ui| {
                ui.label(big("Concede up to", size::BODY));
                ui.add(
                    egui::DragValue::new(&mut builder.amount)
                        .range(1.0..=30.0)
                        .speed(0.5),
                );
                ui.label(big("points", size::BODY));
            });
            ui.label(big("A package on:", size::BODY));
            ui.horizontal_wrapped(|ui| {
                for (k, issue) in scn.file.issues.iter().enumerate() {
                    let mut on = builder.package & (1 << k) != 0;
                    if ui.checkbox(&mut on, big(&issue.id, size::BODY)).changed() {
                        builder.package ^= 1 << k;
                    }
                }
            });
            let any = builder.package != 0;
            if ui
                .add_enabled(
                    any,
                    egui::Button::new(big("Propose this package", size::BODY)),
                )
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
                    if ui
                        .button(big(describe_action(scn, &a), size::BODY))
                        .clicked()
                    {
                        out.write(Command::PlayerMove(a));
                    }
                }
            });
    });
}

/// The draft on the table, how the delegation's advisers weigh it, and the delegation's own decision: it
/// signs or refuses for itself; without a decision the advisers' weighing stands.
fn signature(ui: &mut egui::Ui, sim: &Simulation, p: u8, out: &mut MessageWriter<Command>) {
    use crate::sim::state::Decision;
    let scn = &sim.scenario;
    let today = sim.state_at_decision();
    let draft: Vec<String> = scn
        .file
        .issues
        .iter()
        .zip(&today.table)
        .map(|(issue, v)| format!("{} {v:.0}", issue.id))
        .collect();
    ui.group(|ui| {
        ui.label(
            big(
                format!("The draft on the table: {}", draft.join(", ")),
                size::BODY,
            )
            .strong(),
        );
        let v = verdicts(scn, &today)[p as usize];
        let mut weighed = format!("Your advisers weigh it: {}", weighing(&v));
        if let Some(k) = v.crossed {
            weighed += &format!(
                " (it crosses your red line on {}: it cannot be signed)",
                scn.file.issues[k as usize].id
            );
        }
        ui.label(
            RichText::new(weighed)
                .size(size::SMALL)
                .color(palette::TEXT_DIM),
        );
        let (text, colour) = match today.parties[p as usize].decision {
            Some(Decision::Signed(_)) if v.accepts => {
                ("You have signed this draft.", palette::GREEN)
            }
            Some(Decision::Signed(_)) => (
                "You signed an earlier draft; this one is worth less to you and is not signed.",
                palette::ORANGE,
            ),
            Some(Decision::Refused) => ("You refuse this draft.", palette::ORANGE),
            None if v.accepts => ("No decision yet: your advisers would sign.", palette::MUTED),
            None => (
                "No decision yet: your advisers would refuse.",
                palette::MUTED,
            ),
        };
        ui.label(big(text, size::BODY).color(colour));
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    v.crossed.is_none(),
                    egui::Button::new(big("Sign the draft", size::BODY)),
                )
                .clicked()
            {
                out.write(Command::PlayerMove(Action::Sign));
            }
            if ui.button(big("Refuse the draft", size::BODY)).clicked() {
                out.write(Command::PlayerMove(Action::Refuse));
            }
        });
    });
}
