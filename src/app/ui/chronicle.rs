//! The chronicle with reasons, and the chart of rung and phase over time.

use super::size;
use super::*;
use crate::app::game::Game;
use crate::app::palette;
use crate::sim::Simulation;
use crate::sim::output::render::{describe_action, describe_cause, describe_why};
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
                describe_action(scn, action),
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
    })
}

pub(super) fn chronicle(ui: &mut egui::Ui, sim: &Simulation) {
    ui.label(big("Chronicle", size::LEAD).strong());
    let log = sim.log.as_deref().unwrap_or(&[]);
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let start = log.len().saturating_sub(300);
            for e in &log[start..] {
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
    ui.label(big("Ladder rung and talks phase by day", size::LEAD).strong());
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
            let lowest = scn.rungs.first().map_or("", |r| r.name.as_str());
            p.line(
                Line::new(
                    format!("ladder rung (0 = {lowest})"),
                    PlotPoints::from(rung),
                )
                .color(palette::RUNG_LIT)
                .width(2.5),
            );
            p.line(
                Line::new(
                    "talks phase (0 stalled … 3 in session, 4 agreement, 5 walkout)",
                    PlotPoints::from(phase),
                )
                .color(palette::GREEN)
                .width(2.5),
            );
        });
}
