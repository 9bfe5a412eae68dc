//! The setup screen: the scenario, the delegations people lead, the time per turn and the seed.

use super::size;
use super::*;
use crate::app::game::{Command, SetupChoices, WhatMatters};
use crate::app::i18n::{self, t};
use crate::app::palette;
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use bevy_egui::egui::{self, RichText, Vec2};
pub(super) fn setup_screen(
    mut contexts: EguiContexts,
    mut setup: ResMut<SetupChoices>,
    mut out: MessageWriter<Command>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add_space(12.0);
            ui.heading(big(t!("setup.title"), size::TITLE));
            ui.label(big(t!("setup.lead"), size::LEAD));
            ui.add_space(6.0);
            // The language first, so that a class that reads Korean can change it before reading on.
            ui.horizontal(|ui| {
                ui.label(big(t!("setup.language"), size::LEAD));
                for (k, l) in i18n::LANGUAGES.iter().enumerate() {
                    if ui
                        .selectable_label(i18n::current() == k, big(l.name, size::LEAD))
                        .clicked()
                    {
                        i18n::set(k);
                    }
                }
            });
            ui.add_space(10.0);
            ui.columns(2, |cols| {
                let ui = &mut cols[0];
                ui.label(big(t!("setup.scenario"), size::HEADING).strong());
                for (k, c) in setup.scenarios.clone().iter().enumerate() {
                    let text = match (&c.loaded, &c.path) {
                        (Ok(_), None) => big(t!("setup.default_scenario"), size::TEXT),
                        (Ok(_), Some(_)) => big(&c.name, size::TEXT),
                        (Err(_), _) => big(t!("setup.invalid", file = c.name), size::TEXT)
                            .color(palette::RUNG_LIT),
                    };
                    if ui.selectable_label(setup.selected == k, text).clicked() {
                        setup.selected = k;
                        setup.humans.clear();
                    }
                }
                if let Some(Err(e)) = setup.scenarios.get(setup.selected).map(|c| &c.loaded) {
                    ui.add_space(8.0);
                    ui.label(big(t!("setup.file_errors"), size::TEXT).color(palette::RUNG_LIT));
                    ui.label(RichText::new(e).monospace().size(size::SMALL));
                }
                if let Some(scn) = setup.scenario() {
                    ui.add_space(10.0);
                    ui.label(big(&scn.file.meta.summary, size::TEXT));
                    ui.label(big(
                        t!(
                            "setup.starts",
                            date = crate::app::words::long_date(scn.start),
                            days = scn.horizon_days
                        ),
                        size::TEXT,
                    ));
                    what_matters(ui, &setup, &mut out);
                }
                let ui = &mut cols[1];
                ui.label(big(t!("setup.humans"), size::HEADING).strong());
                if let Some(scn) = setup.scenario() {
                    if ui
                        .selectable_label(
                            setup.humans.is_empty(),
                            big(t!("setup.observe", n = scn.parties.len()), size::TEXT),
                        )
                        .clicked()
                    {
                        setup.humans.clear();
                    }
                    for (i, p) in scn.parties.iter().enumerate() {
                        let chosen = setup.humans.contains(&(i as u8));
                        ui.horizontal(|ui| {
                            ui.label(
                                RichText::new("■")
                                    .size(size::LEAD)
                                    .color(palette::party(p.colour)),
                            );
                            // The selected row sits on the highlight colour, so its text is white.
                            let text = RichText::new(t!(
                                "setup.party",
                                id = p.id,
                                name = crate::app::words::party_name(p),
                                head = p.head
                            ))
                            .size(size::TEXT);
                            let text = if chosen {
                                text.color(palette::WHITE).strong()
                            } else {
                                text.color(palette::party(p.colour))
                            };
                            if ui.selectable_label(chosen, text).clicked() {
                                if chosen {
                                    setup.humans.retain(|&h| h != i as u8);
                                } else {
                                    setup.humans.push(i as u8);
                                    setup.humans.sort_unstable();
                                }
                            }
                        });
                    }
                    let n = setup.humans.len();
                    ui.label(
                        big(
                            match n {
                                0 => t!("setup.humans_none").to_string(),
                                1 => t!("setup.humans_one", others = scn.parties.len() - 1),
                                _ => t!("setup.humans_many", n = n),
                            },
                            size::BODY,
                        )
                        .color(palette::MUTED),
                    );
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    ui.label(big(t!("setup.turn_limit"), size::LEAD));
                    let field = ui.add(
                        egui::DragValue::new(&mut setup.turn_limit)
                            .range(0..=3600)
                            .suffix(t!("setup.seconds_suffix")),
                    );
                    if field.has_focus() || field.lost_focus() {
                        setup.typing = 2;
                    }
                    ui.label(
                        big(
                            if setup.turn_limit == 0 {
                                t!("setup.no_limit")
                            } else {
                                t!("setup.then_advisers")
                            },
                            size::BODY,
                        )
                        .color(palette::MUTED),
                    );
                });
                ui.add_space(8.0);
                ui.label(big(t!("setup.pause_on"), size::LEAD));
                ui.horizontal_wrapped(|ui| {
                    for k in crate::app::pacing::PauseOn::ALL {
                        let mut on = setup.pause_rules.has(k);
                        if ui.checkbox(&mut on, big(k.label(), size::BODY)).changed() {
                            setup.pause_rules.set(k, on);
                        }
                    }
                });
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    ui.label(big(t!("setup.seed"), size::LEAD));
                    let field = ui.add(egui::DragValue::new(&mut setup.seed).range(0..=u64::MAX));
                    if field.has_focus() || field.lost_focus() {
                        setup.typing = 2;
                    }
                    if ui.button(big(t!("setup.next_seed"), size::BODY)).clicked() {
                        setup.seed = setup.seed.wrapping_add(1);
                    }
                });
                ui.add_space(16.0);
                let ready = setup.scenario().is_some();
                let start = ui.add_enabled(
                    ready,
                    egui::Button::new(big(t!("setup.start"), size::SUBTITLE))
                        .min_size(Vec2::new(200.0, 44.0)),
                );
                // Enter also starts: see the keys.
                if start.clicked() {
                    out.write(Command::Start);
                }
                ui.add_space(8.0);
                ui.label(big(t!("setup.keys"), size::BODY).color(palette::MUTED));
            });
        });
    });
    Ok(())
}

/// "Which settings matter here?": a button that screens every model coefficient of the selected scenario
/// in the background (Morris, `sixparty sweep --all`), then its five largest effects on agreement.
fn what_matters(ui: &mut egui::Ui, setup: &SetupChoices, out: &mut MessageWriter<Command>) {
    ui.add_space(12.0);
    ui.label(big(t!("setup.matter_title"), size::LEAD).strong());
    let shown = |k: &std::sync::Arc<crate::sim::Scenario>| {
        setup
            .scenario()
            .is_some_and(|s| std::sync::Arc::ptr_eq(&s, k))
    };
    match &setup.matter {
        WhatMatters::Weighing(k) if shown(k) => {
            ui.label(big(t!("setup.matter_weighing"), size::BODY).color(palette::MUTED));
        }
        WhatMatters::Found(k, Ok(rows)) if shown(k) => {
            for (n, (f, e)) in rows.iter().enumerate() {
                let key = if e.mu >= 0.0 {
                    "setup.matter_raises"
                } else {
                    "setup.matter_lowers"
                };
                ui.label(big(
                    t!(
                        key,
                        n = n + 1,
                        path = f.path,
                        low = f.low,
                        high = f.high,
                        size = format!("{:.0}", e.mu_star),
                        points = format!("{:.0}", e.mu.abs())
                    ),
                    size::BODY,
                ));
            }
            ui.label(
                big(
                    t!(
                        "setup.matter_note",
                        trajectories = crate::app::background::MATTER_TRAJECTORIES,
                        runs = setup.matter_runs
                    ),
                    size::SMALL,
                )
                .color(palette::MUTED),
            );
        }
        WhatMatters::Found(k, Err(e)) if shown(k) => {
            ui.label(big(e, size::BODY).color(palette::RUNG_LIT));
        }
        _ => {
            if ui.button(big(t!("setup.matter_ask"), size::BODY)).clicked() {
                out.write(Command::WhatMatters);
            }
        }
    }
}
