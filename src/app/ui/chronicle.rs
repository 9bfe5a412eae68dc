//! The chronicle with reasons, and the chart of rung and phase over time.

use super::size;
use super::*;
use crate::app::game::Game;
use crate::app::i18n::t;
use crate::app::palette;
use crate::app::words;
use crate::sim::Simulation;
use crate::sim::action::Action;
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
            t!("chron.event", text = scn.timeline[*event as usize].text),
            palette::SKY,
        ),
        Entry::Scheduled { day, text } => (*day, t!("chron.event", text = text), palette::SKY),
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
            t!(
                "chron.move",
                id = scn.parties[*party as usize].id,
                action = words::move_name(scn, action),
                why = words::why(scn, why)
            ),
            palette::TEXT_BRIGHT,
        ),
        Entry::Phase { day, to, cause, .. } => (
            *day,
            t!(
                "chron.phase",
                phase = words::phase(*to),
                cause = words::cause(scn, cause)
            ),
            palette::phase(*to),
        ),
        Entry::Rung { day, to, cause, .. } => (
            *day,
            t!(
                "chron.rung",
                rung = words::rung(scn, *to as usize),
                cause = words::cause(scn, cause)
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
            t!(
                "chron.refused",
                by = scn.parties[*by as usize].id,
                party = scn.parties[*party as usize].id,
                kind = words::move_kind(action)
            ),
            palette::TEXT_QUIET,
        ),
        Entry::Verdicts { day, .. } => (*day, t!("chron.verdicts").into(), palette::TEXT_QUIET),
        Entry::Inject { day, text, .. } => (*day, t!("chron.inject", text = text), palette::SKY),
        // The commitments' lines are the core's (in English).
        Entry::Step { day, step, change } => {
            let owner = scn.commitments.steps[*step as usize].party;
            let (what, why) = crate::sim::output::render::describe_step(scn, *step, change);
            (
                *day,
                format!("# {} {what} -- {why}", scn.parties[owner as usize].id),
                palette::TEXT_BRIGHT,
            )
        }
        Entry::Deal { day, text } => (*day, format!("# {text}"), palette::SKY),
        Entry::Note { day, from, to, .. } => (
            *day,
            t!(
                "chron.note",
                from = scn.parties[*from as usize].id,
                to = scn.parties[*to as usize].id
            ),
            palette::TEXT_QUIET,
        ),
        Entry::Offer {
            day, from, to, how, ..
        } => (
            *day,
            t!(
                "chron.offer",
                from = scn.parties[*from as usize].id,
                to = scn.parties[*to as usize].id,
                how = crate::app::i18n::text(&format!("offer.{}", how.key()))
            ),
            palette::TEXT_QUIET,
        ),
    })
}

pub(super) fn chronicle(ui: &mut egui::Ui, sim: &Simulation) {
    ui.label(big(t!("chron.title"), size::LEAD).strong());
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
        RichText::new(t!("chron.waits", n = waits))
            .size(size::SMALL)
            .color(palette::TEXT_QUIET),
    )
    .on_hover_text(t!("chron.waits_hint"));
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
    let lowest = words::rung(scn, 0);
    let phases: Vec<String> = Phase::ALL
        .iter()
        .enumerate()
        .map(|(k, p)| format!("{k} {}", words::phase_lower(*p)))
        .collect();
    ui.label(big(t!("chart.title"), size::LEAD).strong())
        .on_hover_text(t!(
            "chart.hint",
            lowest = lowest,
            top = scn.rungs.len().saturating_sub(1),
            highest = words::rung(scn, scn.rungs.len().saturating_sub(1)),
            phases = phases.join(", ")
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
                Line::new(t!("chart.rung", lowest = lowest), PlotPoints::from(rung))
                    .color(palette::RUNG_LIT)
                    .width(2.5),
            );
            p.line(
                Line::new(t!("chart.phase"), PlotPoints::from(phase))
                    .color(palette::GREEN)
                    .width(2.5),
            );
        });
}
