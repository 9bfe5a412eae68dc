//! The chronicle with reasons, and the chart of rung and phase over time.

use super::size;
use super::*;
use crate::app::game::Game;
use crate::app::palette;
use crate::sim::Simulation;
use crate::sim::action::Action;
use crate::sim::output::render::{describe_cause, describe_why, name_move};
use crate::sim::scenario::{Phase, Scenario};
use crate::sim::state::chronicle::Entry;
use bevy::prelude::*;
use bevy_egui::egui::{self, Color32, RichText};
pub(super) fn entry_line(sim: &Simulation, e: &Entry) -> Option<(i64, String, Color32)> {
    let scn = &sim.scenario;
    Some(match e {
        Entry::Background { .. } => return None,
        Entry::Event { day, event } => (
            *day,
            format!("★ {}", scn.timeline[*event as usize].text),
            palette::SKY,
        ),
        Entry::Scheduled { day, text } => (*day, format!("★ {text}"), palette::SKY),
        Entry::Rule { day, rule } => (
            *day,
            format!("~ {}", scn.rules[*rule as usize].text),
            palette::TEXT_QUIET,
        ),
        Entry::Move {
            day,
            party,
            action,
            why,
        } => (
            *day,
            format!(
                "{}: {} — {}",
                scn.parties[*party as usize].id,
                name_move(scn, action),
                describe_why(scn, why)
            ),
            palette::TEXT_BRIGHT,
        ),
        Entry::Phase { day, to, cause, .. } => (
            *day,
            format!("» talks {}: {}", to.banner(), describe_cause(scn, cause)),
            palette::phase(*to),
        ),
        Entry::Rung { day, to, cause, .. } => (
            *day,
            format!(
                "» ladder {}: {}",
                scn.rungs[*to as usize].name,
                describe_cause(scn, cause)
            ),
            palette::RUNG_LIT,
        ),
        Entry::Refused {
            day,
            party,
            by,
            action,
            ..
        } => (
            *day,
            format!(
                "{} refuses {}'s {}",
                scn.parties[*by as usize].id,
                scn.parties[*party as usize].id,
                action.kind().key().replace('_', " ")
            ),
            palette::TEXT_QUIET,
        ),
        Entry::Verdicts { day, .. } => (
            *day,
            "= the delegations weighed the package (see the debrief)".into(),
            palette::TEXT_QUIET,
        ),
        Entry::Inject { day, text, .. } => (*day, format!("★ Inject: {text}"), palette::SKY),
        Entry::Note { day, from, to, .. } => (
            *day,
            format!(
                "@ {} → {}: a back-channel note",
                scn.parties[*from as usize].id, scn.parties[*to as usize].id
            ),
            palette::TEXT_QUIET,
        ),
        Entry::Offer {
            day, from, to, how, ..
        } => (
            *day,
            format!(
                "@ {}'s offer to {} is {}",
                scn.parties[*from as usize].id,
                scn.parties[*to as usize].id,
                how.key()
            ),
            palette::TEXT_QUIET,
        ),
    })
}

pub(super) fn chronicle(ui: &mut egui::Ui, sim: &Simulation) {
    ui.label(big("Chronicle", size::LEAD).strong());
    let log = sim.log.as_deref().unwrap_or(&[]);
    // Waits are folded out: a day on which a delegation does nothing is not news.
    let waits = log
        .iter()
        .filter(|e| {
            matches!(
                e,
                Entry::Move {
                    action: Action::Wait,
                    ..
                }
            )
        })
        .count();
    ui.label(
        RichText::new(format!("{waits} waits folded out"))
            .size(size::SMALL)
            .color(palette::TEXT_QUIET),
    )
    .on_hover_text(
        "Days on which a delegation made no move are left out here; the transcript keeps them.",
    );
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let shown: Vec<&Entry> = log
                .iter()
                .filter(|e| {
                    !matches!(
                        e,
                        Entry::Move {
                            action: Action::Wait,
                            ..
                        }
                    )
                })
                .collect();
            let start = shown.len().saturating_sub(300);
            for e in &shown[start..] {
                if let Some((day, text, colour)) = entry_line(sim, e) {
                    ui.label(
                        RichText::new(format!("{} {}", sim.scenario.date_of(day), text))
                            .size(size::BODY)
                            .color(colour),
                    );
                }
            }
        });
}

pub(super) fn chart(ui: &mut egui::Ui, scn: &Scenario, game: &Game) {
    use egui_plot::{Legend, Line, Plot, PlotPoints};
    let lowest = scn.rungs.first().map_or("", |r| r.name.as_str());
    let phases: Vec<String> = Phase::ALL
        .iter()
        .enumerate()
        .map(|(k, p)| format!("{k} {}", p.banner().to_lowercase()))
        .collect();
    ui.label(big("Ladder rung and talks phase by day", size::LEAD).strong())
        .on_hover_text(format!(
            "Ladder rung: 0 = {lowest}, up to {} = {}. Talks phase: {}.",
            scn.rungs.len().saturating_sub(1),
            scn.rungs.last().map_or("", |r| r.name.as_str()),
            phases.join(", ")
        ));
    let rung: Vec<[f64; 2]> = game
        .history
        .iter()
        .map(|(d, _, r)| [*d as f64 + 1.0, *r as f64])
        .collect();
    let phase: Vec<[f64; 2]> = game
        .history
        .iter()
        .map(|(d, p, _)| {
            [
                *d as f64 + 1.0,
                Phase::ALL.iter().position(|x| x == p).unwrap_or(0) as f64,
            ]
        })
        .collect();
    Plot::new("history")
        .legend(Legend::default())
        .include_x(0.0)
        .include_x(scn.horizon_days as f64)
        .include_y(0.0)
        .include_y(scn.rungs.len().max(Phase::ALL.len()) as f64 - 1.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |p| {
            p.line(
                Line::new(
                    format!("ladder rung (0 = {lowest})"),
                    PlotPoints::from(rung),
                )
                .color(palette::RUNG_LIT)
                .width(2.5),
            );
            p.line(
                Line::new("talks phase (3 = in session)", PlotPoints::from(phase))
                    .color(palette::GREEN)
                    .width(2.5),
            );
        });
}
