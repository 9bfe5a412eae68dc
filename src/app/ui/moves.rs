//! The player's turn: the advisers' options, the look-ahead, and every other move with the package builder.

use super::size;
use super::*;
use crate::app::game::{Command, Game};
use crate::app::palette;
use crate::sim::Simulation;
use crate::sim::action::Action;
use crate::sim::decide::options;
use crate::sim::output::render::{describe_factor, name_move, weighing};
use crate::sim::scenario::Phase;
use crate::sim::state::State;
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

/// `today` is the state the delegations decide on today ([`Simulation::state_at_decision`]).
pub(super) fn action_panel(
    ui: &mut egui::Ui,
    sim: &Simulation,
    today: &State,
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
    if sim.is_finished() || game.mover() != Some(p) {
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
    let chosen = game
        .moves
        .iter()
        .find(|m| m.day == sim.state.day && m.party == p)
        .map(|m| m.action);
    ui.label(
        big(
            match (chosen, game.turn == Some(p)) {
                (Some(a), _) => format!(
                    "Your move for day {} is chosen: {}.",
                    sim.state.day,
                    name_move(scn, &a)
                ),
                (None, true) => format!("Your move for day {} ({}):", sim.state.day, sim.date()),
                (None, false) => format!(
                    "The days run. A move chosen now is played on day {} ({}).",
                    sim.state.day,
                    sim.date()
                ),
            },
            size::TEXT,
        )
        .color(palette::TURN),
    );
    if let Some(f) = game.feedback.iter().rev().find(|f| f.party == p) {
        ui.group(|ui| {
            ui.label(
                big(
                    format!(
                        "Your last move, day {}: {}",
                        f.day,
                        name_move(scn, &f.action)
                    ),
                    size::BODY,
                )
                .strong(),
            );
            if f.lines.is_empty() {
                ui.label(
                    big(
                        "On its own it changed nothing on the table today.",
                        size::SMALL,
                    )
                    .color(palette::MUTED),
                );
            }
            for line in &f.lines {
                let colour = if line.contains('+') {
                    palette::GREEN
                } else if line.contains('−') {
                    palette::ORANGE
                } else {
                    palette::TEXT_DIM
                };
                ui.label(big(line, size::SMALL).color(colour));
            }
        });
    }
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
    if ui
        .button(big(
            if game.all_moves {
                "Back to the advisers (M)"
            } else {
                "Every move open to you, full height (M)"
            },
            size::BODY,
        ))
        .clicked()
    {
        out.write(Command::ToggleAllMoves);
    }
    if sim.state.phase == Phase::InSession && !game.all_moves {
        signature(ui, sim, today, p, out);
    }
    let advice = game
        .advice
        .as_ref()
        .filter(|(d, who, _)| *d == sim.state.day && *who == p)
        .map(|(_, _, rows)| rows);
    // Issues ticked for another scenario's package do not carry over.
    builder.package &= if scn.issue_count() >= 32 {
        u32::MAX
    } else {
        (1u32 << scn.issue_count()) - 1
    };
    if game.all_moves {
        ui.label(big("Every move open to you", size::TEXT).strong());
        every_move(ui, sim, game, p, builder, advice, out);
        return;
    }
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
    for c in options(scn, today, p).iter().take(6) {
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                move_button(ui, scn, c.action, size::TEXT, builder, out);
                ui.label(
                    big(format!("{:.0}%", 100.0 * c.probability), size::BODY).color(palette::MUTED),
                );
            });
            let why: Vec<String> = c
                .factors
                .iter()
                .map(|(f, _)| describe_factor(scn, f))
                .collect();
            if !why.is_empty() {
                ui.label(
                    RichText::new(format!("because: {}", why.join(", ")))
                        .size(size::SMALL)
                        .color(palette::TEXT_DIM),
                );
            }
            if let Some(rows) = advice
                && let Some(r) = rows.iter().find(|r| r.action == c.action)
            {
                ui.label(
                    RichText::new(look_ahead_line(sim, r))
                        .size(size::SMALL)
                        .color(palette::TURN),
                );
            }
        });
    }
    egui::CollapsingHeader::new(big("Another move… (every move open to you)", size::TEXT))
        .default_open(true)
        .show(ui, |ui| every_move(ui, sim, game, p, builder, advice, out));
}

/// Every move open to the delegation: in session the concession size and the package builder first, then
/// one button per move (escalations asked twice), each with its look-ahead.
fn every_move(
    ui: &mut egui::Ui,
    sim: &Simulation,
    game: &Game,
    p: u8,
    builder: &mut MoveBuilder,
    advice: Option<&Vec<crate::sim::runs::adviser::Advice>>,
    out: &mut MessageWriter<Command>,
) {
    let scn = &sim.scenario;
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
                if ui
                    .checkbox(&mut on, big(&issue.name, size::BODY))
                    .on_hover_text(format!(
                        "{}: 0 = {}, 100 = {}",
                        issue.id, issue.low, issue.high
                    ))
                    .changed()
                {
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
    // The whole side panel scrolls: the list takes the height it needs, not a slot of its own.
    for a in custom_moves(sim, p, (builder.amount * 10.0).round() / 10.0) {
        ui.horizontal_wrapped(|ui| {
            move_button(ui, scn, a, size::BODY, builder, out);
            let row = advice.and_then(|rows| rows.iter().find(|r| r.action == a));
            match row {
                Some(r) => {
                    ui.label(
                        RichText::new(look_ahead_line(sim, r))
                            .size(size::SMALL)
                            .color(palette::TURN),
                    );
                }
                None if !game.thinking
                    && ui
                        .small_button("look ahead")
                        .on_hover_text("200 futures of 30 days after this move")
                        .clicked() =>
                {
                    out.write(Command::AdviseMove(a, 200));
                }
                None => {}
            }
        });
    }
}

/// A move's button: one click plays it; a move asked twice ([`confirm_first`]) is armed by the first
/// click and played by the second, and says so beside the button.
fn move_button(
    ui: &mut egui::Ui,
    scn: &crate::sim::scenario::Scenario,
    a: Action,
    text: f32,
    builder: &mut MoveBuilder,
    out: &mut MessageWriter<Command>,
) {
    let mut button = ui.button(big(name_move(scn, &a), text));
    if confirm_first(a) {
        button = button.on_hover_text(
            "A step that cannot be taken back: click twice (once to arm, once to play).",
        );
    }
    if button.clicked() {
        if !confirm_first(a) || builder.armed == Some(a) {
            builder.armed = None;
            out.write(Command::PlayerMove(a));
        } else {
            builder.armed = Some(a);
        }
    }
    if builder.armed == Some(a) {
        ui.label(big("click again to confirm", size::SMALL).color(palette::RUNG_LIT));
    }
}

/// Moves that are asked twice: walkouts, tests and drills, the steps out of the process, sanctions.
fn confirm_first(a: Action) -> bool {
    let k = a.kind();
    k.is_escalation()
        || matches!(
            k,
            crate::sim::action::ActionKind::WalkOut
                | crate::sim::action::ActionKind::ImposeSanctions
        )
}

/// The look-ahead's figures for one move, in words; in session the chance that the package on the table is
/// signed before the session closes comes first, since that is what tells session moves apart.
fn look_ahead_line(sim: &Simulation, r: &crate::sim::runs::adviser::Advice) -> String {
    if sim.state.phase == Phase::InSession {
        format!(
            "if we do this: the package is signed this session in {:.0}% of futures; agreement within 30 days {:.0}%, escalation {:.0}%",
            100.0 * r.signed,
            100.0 * r.agreement,
            100.0 * r.escalation
        )
    } else {
        format!(
            "if we do this: talks resume in {:.0}% of futures, agreement {:.0}%, escalation {:.0}%",
            100.0 * r.resumed,
            100.0 * r.agreement,
            100.0 * r.escalation
        )
    }
}

/// The draft on the table, how the delegation's advisers weigh it, and the delegation's own decision: it
/// signs or refuses for itself; without a decision the advisers' weighing stands.
fn signature(
    ui: &mut egui::Ui,
    sim: &Simulation,
    today: &State,
    p: u8,
    out: &mut MessageWriter<Command>,
) {
    use crate::sim::state::Decision;
    let scn = &sim.scenario;
    let v = verdicts(scn, today)[p as usize];
    ui.group(|ui| {
        ui.label(big("The draft on the table, against what you want", size::BODY).strong());
        // Per issue: the draft, your delegation's ideal, how much the issue matters to it, its red line.
        egui::Grid::new(("draft", p))
            .striped(true)
            .spacing([10.0, 2.0])
            .show(ui, |ui| {
                for h in ["Issue", "Draft", "You want", "Weight", "Red line"] {
                    ui.label(RichText::new(h).size(size::SMALL).color(palette::MUTED));
                }
                ui.end_row();
                for (k, issue) in scn.file.issues.iter().enumerate() {
                    let st = &scn.parties[p as usize].stances[k];
                    let crossed = v.crossed == Some(k as u8);
                    ui.label(big(issue.name.clone(), size::SMALL))
                        .on_hover_text(format!("0 = {}; 100 = {}", issue.low, issue.high));
                    ui.label(big(format!("{:.0}", today.table[k]), size::SMALL).strong());
                    ui.label(big(format!("{:.0}", st.position), size::SMALL));
                    ui.label(big(format!("{:.2}", st.salience), size::SMALL))
                        .on_hover_text("How much the issue matters to your delegation, 0 to 1.");
                    let line = st.red_line.map_or("none".into(), |rl| rl.describe());
                    ui.label(if crossed {
                        big(format!("{line}: crossed"), size::SMALL).color(palette::RUNG_LIT)
                    } else {
                        big(line, size::SMALL)
                    });
                    ui.end_row();
                }
            });
        let mut weighed = format!("Your advisers weigh it: {}", weighing(&v));
        if let Some(k) = v.crossed {
            weighed += &format!(
                " (it crosses your red line on {}: it cannot be signed)",
                scn.file.issues[k as usize].name
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
