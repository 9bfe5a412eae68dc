//! A delegation's window (`sixparty join --window`): the day and the question asked, the delegation's own
//! standing on each issue and how it weighs the draft, its advisers' options as buttons, the public
//! record, and its back channel with a form to write a note or an offer. Only what the host sent this
//! seat is shown: the public record and its own private view.

use super::join::{Seat, SeatEnd};
use super::protocol::ToHost;
use crate::app::i18n::t;
use crate::sim::action::Move;
use crate::sim::io::script::OfferLine;
use bevy::prelude::*;
use bevy::render::view::screenshot::Capturing;
use bevy_egui::egui::{self, Color32, RichText};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

/// The note being written.
#[derive(Resource, Default)]
struct Compose {
    to: String,
    text: String,
    offer: bool,
    give: String,
    give_by: f64,
    want: String,
    want_by: f64,
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(Compose {
        give_by: 10.0,
        want_by: 10.0,
        ..default()
    })
    .add_systems(
        EguiPrimaryContextPass,
        (crate::app::ui::fonts, draw).chain(),
    )
    .add_systems(Update, shoot);
}

fn shoot(
    mut seat: ResMut<Seat>,
    mut commands: Commands,
    capturing: Query<(), With<Capturing>>,
    mut exit: MessageWriter<AppExit>,
) {
    let today = seat.today;
    let Some(shot) = seat.options.shot.as_mut() else {
        return;
    };
    if shot.step(today, &mut commands, !capturing.is_empty()) {
        seat.end(SeatEnd::Finished("screenshot taken".into()), &mut exit, 0);
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut seat: ResMut<Seat>,
    mut compose: ResMut<Compose>,
    mut send: MessageWriter<ToHost>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = crate::app::ui::root(ctx);
    let seat = &mut *seat;
    let party = seat.party.clone().unwrap_or_default();
    let asked = seat
        .asked_day
        .is_some_and(|d| seat.answered != Some(d) && d == seat.today);
    egui::Panel::top("seat-top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(if party.is_empty() {
                t!("seat_window.taking").to_string()
            } else {
                t!("seat_window.delegation", id = party)
            });
            ui.separator();
            ui.label(t!("seat_window.day", day = seat.today, date = seat.date));
            ui.separator();
            if let Some(o) = &seat.outcome {
                ui.label(RichText::new(t!("seat_window.ended", outcome = o)).strong());
            } else if asked {
                ui.label(
                    RichText::new(match seat.seconds_left {
                        Some(s) => t!("seat_window.your_move_timed", s = s),
                        None => t!("seat_window.your_move").to_string(),
                    })
                    .color(Color32::from_rgb(240, 200, 90))
                    .strong(),
                );
            } else {
                ui.label(t!("seat_window.days_run"));
            }
        });
    });
    egui::Panel::left("seat-view")
        .default_size(430.0)
        .show(&mut ui, |ui| {
            let Some(view) = &seat.view else {
                ui.label(t!("seat_window.waiting"));
                return;
            };
            ui.heading(t!("seat_window.standing"));
            ui.label(t!(
                "seat_window.capital",
                capital = view.capital.0,
                max = view.capital.1,
                face = view.face,
                pressure = view.pressure
            ));
            egui::Grid::new("issues").striped(true).show(ui, |ui| {
                for h in [
                    "seat_window.col_issue",
                    "seat_window.col_offer",
                    "seat_window.col_want",
                    "seat_window.col_cares",
                    "seat_window.col_draft",
                    "seat_window.col_red_line",
                ] {
                    ui.label(RichText::new(t!(h)).strong());
                }
                ui.end_row();
                for i in &view.issues {
                    ui.label(&i.issue);
                    ui.label(format!("{:.0}", i.offer));
                    ui.label(format!("{:.0}", i.ideal));
                    ui.label(format!("{:.2}", i.salience));
                    ui.label(format!("{:.0}", i.table));
                    ui.label(i.red_line.clone().unwrap_or_default());
                    ui.end_row();
                }
            });
            ui.add_space(6.0);
            ui.label(
                RichText::new(if view.would_sign {
                    t!("seat_window.would_sign")
                } else {
                    t!("seat_window.would_not_sign")
                })
                .strong(),
            );
            ui.label(&view.weighing);
            ui.add_space(8.0);
            ui.heading(t!("seat_window.advisers"));
            let mut chosen: Option<Move> = None;
            for a in &view.advice {
                ui.horizontal_wrapped(|ui| {
                    if ui.add_enabled(asked, egui::Button::new(&a.text)).clicked() {
                        chosen = Some(a.action.clone());
                    }
                    ui.label(format!("{:.0}% — {}", a.probability * 100.0, a.why));
                });
            }
            if ui
                .add_enabled(asked, egui::Button::new(t!("seat_window.wait")))
                .clicked()
            {
                chosen = Some(Move::Wait);
            }
            if let (Some(action), Some(day)) = (chosen, seat.asked_day) {
                seat.answered = Some(day);
                send.write(ToHost::Move {
                    day,
                    action,
                    party: seat.party.clone(),
                });
            }
        });
    egui::Panel::right("seat-channel")
        .default_size(360.0)
        .show(&mut ui, |ui| {
            ui.heading(t!("seat_window.back_channel"));
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .stick_to_bottom(true)
                .show(ui, |ui| {
                    if let Some(v) = &seat.view {
                        for l in &v.back_channel {
                            ui.label(l);
                        }
                    }
                    for l in &seat.messages {
                        ui.label(RichText::new(l).color(Color32::GRAY));
                    }
                });
            ui.separator();
            ui.label(t!("seat_window.write_to"));
            ui.horizontal_wrapped(|ui| {
                for h in &seat.parties {
                    if *h != party && ui.selectable_label(compose.to == *h, h).clicked() {
                        compose.to = h.clone();
                    }
                }
            });
            ui.text_edit_multiline(&mut compose.text);
            ui.checkbox(&mut compose.offer, t!("seat_window.with_offer"));
            if compose.offer {
                let issues: Vec<String> = seat
                    .view
                    .as_ref()
                    .map(|v| v.issues.iter().map(|i| i.key.clone()).collect())
                    .unwrap_or_default();
                ui.horizontal(|ui| {
                    ui.label(t!("seat_window.we_move"));
                    ui.add(egui::DragValue::new(&mut compose.give_by).range(1.0..=100.0));
                    ui.label(t!("seat_window.on"));
                    egui::ComboBox::from_id_salt("give")
                        .selected_text(compose.give.clone())
                        .show_ui(ui, |ui| {
                            for k in &issues {
                                ui.selectable_value(&mut compose.give, k.clone(), k);
                            }
                        });
                });
                ui.horizontal(|ui| {
                    ui.label(t!("seat_window.if_you_move"));
                    ui.add(egui::DragValue::new(&mut compose.want_by).range(1.0..=100.0));
                    ui.label(t!("seat_window.on"));
                    egui::ComboBox::from_id_salt("want")
                        .selected_text(compose.want.clone())
                        .show_ui(ui, |ui| {
                            for k in &issues {
                                ui.selectable_value(&mut compose.want, k.clone(), k);
                            }
                        });
                });
            }
            if ui.button(t!("seat_window.send")).clicked() && !compose.to.is_empty() {
                send.write(ToHost::Note {
                    day: seat.today,
                    to: compose.to.clone(),
                    text: compose.text.trim().to_string(),
                    offer: compose.offer.then(|| OfferLine {
                        give: compose.give.clone(),
                        give_by: compose.give_by,
                        want: compose.want.clone(),
                        want_by: compose.want_by,
                    }),
                });
                compose.text.clear();
            }
        });
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading(t!("seat_window.public"));
        egui::ScrollArea::vertical()
            .stick_to_bottom(true)
            .show(ui, |ui| {
                for l in &seat.record {
                    if l.starts_with("Day ") {
                        ui.label(RichText::new(l).strong());
                    } else {
                        ui.label(l);
                    }
                }
            });
    });
    Ok(())
}
