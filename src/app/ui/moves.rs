//! The player's turn: the advisers' options, the look-ahead, and every other move with the package builder.

use super::size;
use super::*;
use crate::app::game::{Command, Game};
use crate::app::i18n::t;
use crate::app::palette;
use crate::app::words;
use crate::sim::Simulation;
use crate::sim::action::Action;
use crate::sim::decide::options;
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
            t!("moves.you_lead", id = party.id, head = party.head),
            size::LEAD,
        )
        .strong()
        .color(palette::party(party.colour)),
    );
    if sim.is_finished() || game.mover() != Some(p) {
        ui.label(big(
            if sim.is_finished() {
                t!("moves.over")
            } else {
                t!("moves.others_moving")
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
                (Some(a), _) => t!(
                    "moves.chosen",
                    day = sim.state.day,
                    action = words::move_name(scn, &a)
                ),
                (None, true) => t!("moves.your_move", day = sim.state.day, date = sim.date()),
                (None, false) => t!("moves.days_run", day = sim.state.day, date = sim.date()),
            },
            size::TEXT,
        )
        .color(palette::TURN),
    );
    if let Some(f) = game.feedback.iter().rev().find(|f| f.party == p) {
        ui.group(|ui| {
            ui.label(
                big(
                    t!(
                        "moves.last",
                        day = f.day,
                        action = words::move_name(scn, &f.action)
                    ),
                    size::BODY,
                )
                .strong(),
            );
            if f.lines.is_empty() {
                ui.label(big(t!("moves.nothing_changed"), size::SMALL).color(palette::MUTED));
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
            big(t!("moves.time_left", time = clock(left)), size::TEXT).color(if left < 10.0 {
                palette::RUNG_LIT
            } else {
                palette::TURN
            }),
        );
    }
    if ui
        .button(big(
            if game.all_moves {
                t!("moves.back_to_advisers")
            } else {
                t!("moves.all_moves_button")
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
        ui.label(big(t!("moves.all_moves"), size::TEXT).strong());
        every_move(ui, sim, game, p, builder, advice, out);
        return;
    }
    if game.thinking {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(big(t!("moves.thinking"), size::BODY).color(palette::MUTED));
        });
    } else if advice.is_none() && ui.button(big(t!("moves.ask"), size::BODY)).clicked() {
        out.write(Command::Advise(200));
    }
    ui.label(big(t!("moves.advisers_would"), size::BODY).color(palette::MUTED));
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
                .map(|(f, _)| words::factor(scn, f))
                .collect();
            if !why.is_empty() {
                ui.label(
                    RichText::new(t!("moves.because", why = why.join(", ")))
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
    egui::CollapsingHeader::new(big(t!("moves.another"), size::TEXT))
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
            ui.label(big(t!("moves.concede_up_to"), size::BODY));
            ui.add(
                egui::DragValue::new(&mut builder.amount)
                    .range(1.0..=30.0)
                    .speed(0.5),
            );
            ui.label(big(t!("moves.points"), size::BODY));
        });
        ui.label(big(t!("moves.package_on"), size::BODY));
        ui.horizontal_wrapped(|ui| {
            for (k, issue) in scn.file.issues.iter().enumerate() {
                let mut on = builder.package & (1 << k) != 0;
                if ui
                    .checkbox(&mut on, big(words::issue(scn, k), size::BODY))
                    .on_hover_text(t!(
                        "moves.issue_scale",
                        id = issue.id,
                        low = issue.low,
                        high = issue.high
                    ))
                    .changed()
                {
                    builder.package ^= 1 << k;
                }
            }
        });
        let any = builder.package != 0;
        if ui
            .add_enabled(any, egui::Button::new(big(t!("moves.propose"), size::BODY)))
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
                        .small_button(t!("moves.look_ahead"))
                        .on_hover_text(t!("moves.look_ahead_hint"))
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
    let mut button = ui.button(big(words::move_name(scn, &a), text));
    if confirm_first(a) {
        button = button.on_hover_text(t!("moves.confirm_hint"));
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
        ui.label(big(t!("moves.confirm"), size::SMALL).color(palette::RUNG_LIT));
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
        t!(
            "moves.ahead_session",
            signed = 100.0 * r.signed,
            agreement = 100.0 * r.agreement,
            escalation = 100.0 * r.escalation
        )
    } else {
        t!(
            "moves.ahead",
            resumed = 100.0 * r.resumed,
            agreement = 100.0 * r.agreement,
            escalation = 100.0 * r.escalation
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
        ui.label(big(t!("moves.draft"), size::BODY).strong());
        // Per issue: the draft, your delegation's ideal, how much the issue matters to it, its red line.
        egui::Grid::new(("draft", p))
            .striped(true)
            .spacing([10.0, 2.0])
            .show(ui, |ui| {
                for h in [
                    "moves.col_issue",
                    "moves.col_draft",
                    "moves.col_want",
                    "moves.col_weight",
                    "moves.col_red_line",
                ]
                .map(|k| t!(k))
                {
                    ui.label(RichText::new(h).size(size::SMALL).color(palette::MUTED));
                }
                ui.end_row();
                for (k, issue) in scn.file.issues.iter().enumerate() {
                    let st = &scn.parties[p as usize].stances[k];
                    let crossed = v.crossed == Some(k as u8);
                    ui.label(big(words::issue(scn, k), size::SMALL))
                        .on_hover_text(t!("moves.scale", low = issue.low, high = issue.high));
                    ui.label(big(format!("{:.0}", today.table[k]), size::SMALL).strong());
                    ui.label(big(format!("{:.0}", st.position), size::SMALL));
                    ui.label(big(format!("{:.2}", st.salience), size::SMALL))
                        .on_hover_text(t!("moves.weight_hint"));
                    let line = st.red_line.map_or(t!("moves.none").into(), words::red_line);
                    ui.label(if crossed {
                        big(t!("moves.crossed", line = line), size::SMALL).color(palette::RUNG_LIT)
                    } else {
                        big(line, size::SMALL)
                    });
                    ui.end_row();
                }
            });
        let mut weighed = t!("moves.weigh", weighing = words::weighing(&v));
        if let Some(k) = v.crossed {
            weighed += &t!("moves.crosses", issue = words::issue(scn, k as usize));
        }
        ui.label(
            RichText::new(weighed)
                .size(size::SMALL)
                .color(palette::TEXT_DIM),
        );
        let (text, colour) = match today.parties[p as usize].decision {
            Some(Decision::Signed(_)) if v.accepts => (t!("moves.signed"), palette::GREEN),
            Some(Decision::Signed(_)) => (t!("moves.signed_earlier"), palette::ORANGE),
            Some(Decision::Refused) => (t!("moves.refused"), palette::ORANGE),
            None if v.accepts => (t!("moves.undecided_sign"), palette::MUTED),
            None => (t!("moves.undecided_refuse"), palette::MUTED),
        };
        ui.label(big(text, size::BODY).color(colour));
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    v.crossed.is_none(),
                    egui::Button::new(big(t!("moves.sign"), size::BODY)),
                )
                .clicked()
            {
                out.write(Command::PlayerMove(Action::Sign));
            }
            if ui.button(big(t!("moves.refuse"), size::BODY)).clicked() {
                out.write(Command::PlayerMove(Action::Refuse));
            }
        });
    });
}
