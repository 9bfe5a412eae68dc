//! The facilitator's window (`sixparty host` with a display, unless `--headless`): who is connected and
//! who has moved, with each seat's join code; pause, resume, the pace and the turn limit; handing a
//! delegation to its advisers and back; the scenario's injects to release and news to write; the back
//! channel; a save; and the public table as the projector shows it. Every button is one of the console's
//! commands, carried out by the same code ([`super::console`]).

use super::console::command;
use super::host::Host;
use super::protocol::ToSeat;
use crate::app::Talks;
use crate::app::i18n::t;
use crate::app::words;
use crate::sim::output::render::{note_text, public_lines};
use bevy::prelude::*;
use bevy::render::view::screenshot::Capturing;
use bevy_egui::egui::{self, RichText};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use bevy_replicon::prelude::*;

/// The window's own state: the fields being typed and the console's answers.
#[derive(Resource, Default)]
struct Desk {
    news: String,
    save: String,
    answers: Vec<String>,
}

/// `--screenshot` for the facilitator's window.
#[derive(Resource)]
pub(super) struct HostShot(pub super::Shot);

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(Desk {
        save: "class-game.sav".into(),
        ..default()
    })
    .add_systems(
        EguiPrimaryContextPass,
        (crate::app::ui::fonts, draw).chain(),
    )
    .add_systems(Update, shoot);
}

fn shoot(
    shot: Option<ResMut<HostShot>>,
    talks: Res<Talks>,
    mut commands: Commands,
    capturing: Query<(), With<Capturing>>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(mut shot) = shot else { return };
    if shot
        .0
        .step(talks.0.state.day, &mut commands, !capturing.is_empty())
    {
        exit.write(AppExit::Success);
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut host: ResMut<Host>,
    mut talks: ResMut<Talks>,
    mut desk: ResMut<Desk>,
    mut out: MessageWriter<ToClients<ToSeat>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = crate::app::ui::root(ctx);
    let host = &mut *host;
    let sim = &mut talks.0;
    let mut run: Vec<String> = Vec::new();
    let scn = std::sync::Arc::clone(&sim.scenario);
    egui::Panel::top("host-top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(t!("host.title"));
            ui.separator();
            ui.label(t!(
                "host.status",
                id = scn.file.meta.id,
                day = sim.state.day,
                date = sim.date(),
                phase = words::phase(sim.state.phase),
                rung = words::rung(&scn, sim.state.rung as usize)
            ));
            ui.separator();
            if host.paused {
                if ui.button(t!("host.resume")).clicked() {
                    run.push("resume".into());
                }
                ui.label(RichText::new(t!("host.paused")).strong());
            } else if ui.button(t!("host.pause")).clicked() {
                run.push("pause".into());
            }
            let mut pace = host.options.pace;
            ui.label(t!("host.pace"));
            if ui
                .add(egui::DragValue::new(&mut pace).range(0.0..=60.0).speed(0.1))
                .changed()
            {
                run.push(format!("pace {pace}"));
            }
            let mut limit = host.options.turn_limit;
            ui.label(t!("host.limit"));
            if ui
                .add(egui::DragValue::new(&mut limit).range(1.0..=3600.0))
                .changed()
            {
                run.push(format!("limit {limit}"));
            }
        });
    });
    egui::Panel::left("host-seats")
        .default_size(380.0)
        .show(&mut ui, |ui| {
            ui.heading(t!("host.delegations"));
            egui::Grid::new("seats").striped(true).show(ui, |ui| {
                for h in [
                    "host.col_party",
                    "host.col_code",
                    "host.col_computer",
                    "host.col_today",
                ] {
                    ui.label(RichText::new(t!(h)).strong());
                }
                ui.end_row();
                let day = sim.state.day;
                for (p, party) in scn.parties.iter().enumerate() {
                    let p = p as u8;
                    ui.label(&party.id);
                    if !host.options.humans.contains(&p) {
                        ui.label("");
                        ui.label(t!("host.the_model"));
                        ui.label("");
                        ui.label("");
                        ui.end_row();
                        continue;
                    }
                    ui.label(RichText::new(&host.options.codes[p as usize]).monospace());
                    ui.label(if host.seats[p as usize].is_some() {
                        t!("host.connected")
                    } else {
                        t!("host.not_connected")
                    });
                    ui.label(if sim.has_fixed_move(p, day) {
                        t!("host.moved")
                    } else if host.asked.contains(&p) {
                        t!("host.asked")
                    } else {
                        t!("host.waits")
                    });
                    if host.taken.contains(&p) {
                        if ui.button(t!("host.hand_back")).clicked() {
                            run.push(format!("hand {}", party.id));
                        }
                    } else if ui.button(t!("host.advisers_play")).clicked() {
                        run.push(format!("take {}", party.id));
                    }
                    ui.end_row();
                }
            });
            ui.label(t!("host.watching", n = host.watchers.len()));
            ui.add_space(8.0);
            ui.heading(t!("host.injects"));
            for inj in &scn.injects {
                ui.horizontal(|ui| {
                    if ui.button(t!("host.release")).clicked() {
                        run.push(format!("inject {}", inj.id));
                    }
                    ui.label(&inj.title);
                });
            }
            ui.horizontal(|ui| {
                ui.text_edit_singleline(&mut desk.news);
                if ui.button(t!("host.release_news")).clicked() && !desk.news.trim().is_empty() {
                    run.push(format!("news {}", desk.news.trim()));
                    desk.news.clear();
                }
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.text_edit_singleline(&mut desk.save);
                if ui.button(t!("host.save")).clicked() {
                    run.push(format!("save {}", desk.save.trim()));
                }
            });
            ui.add_space(8.0);
            ui.heading(t!("host.console"));
            egui::ScrollArea::vertical()
                .id_salt("answers")
                .stick_to_bottom(true)
                .show(ui, |ui| {
                    for a in &desk.answers {
                        ui.label(a);
                    }
                });
        });
    egui::Panel::right("host-channel")
        .default_size(340.0)
        .show(&mut ui, |ui| {
            ui.heading(t!("host.back_channel"));
            egui::ScrollArea::vertical()
                .stick_to_bottom(true)
                .show(ui, |ui| {
                    for n in sim.notes() {
                        ui.label(note_text(
                            &scn,
                            n.day,
                            n.from,
                            n.to,
                            &n.text,
                            n.offer.as_ref(),
                        ));
                    }
                });
        });
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading(t!("host.public"));
        egui::ScrollArea::vertical()
            .stick_to_bottom(true)
            .show(ui, |ui| {
                for d in (sim.state.day - 20).max(0)..sim.state.day {
                    let lines = public_lines(sim, d);
                    if lines.is_empty() {
                        continue;
                    }
                    ui.label(
                        RichText::new(t!("host.day", day = d, date = scn.date_of(d))).strong(),
                    );
                    for l in lines {
                        ui.label(l);
                    }
                }
            });
    });
    for c in run {
        let answer = command(host, sim, &mut out, &c);
        desk.answers.push(format!("> {c}\n{answer}"));
    }
    Ok(())
}
