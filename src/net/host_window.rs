//! The facilitator's window (`sixparty host` with a display, unless `--headless`): who is connected and
//! who has moved, with each seat's join code; pause, resume, the pace and the turn limit; handing a
//! delegation to its advisers and back; the scenario's injects to release and news to write; the back
//! channel; a save; and the public table as the projector shows it. Every button is one of the console's
//! commands, carried out by the same code ([`super::console`]).

use super::console::command;
use super::host::Host;
use super::protocol::ToSeat;
use crate::app::Talks;
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
    .add_systems(EguiPrimaryContextPass, draw)
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
            ui.heading("Facilitator");
            ui.separator();
            ui.label(format!(
                "{} · day {} · {} · talks {} · ladder \"{}\"",
                scn.file.meta.id,
                sim.state.day,
                sim.date(),
                sim.state.phase.banner(),
                scn.rungs[sim.state.rung as usize].name
            ));
            ui.separator();
            if host.paused {
                if ui.button("Resume").clicked() {
                    run.push("resume".into());
                }
                ui.label(RichText::new("PAUSED").strong());
            } else if ui.button("Pause").clicked() {
                run.push("pause".into());
            }
            let mut pace = host.options.pace;
            ui.label("s/day");
            if ui
                .add(egui::DragValue::new(&mut pace).range(0.0..=60.0).speed(0.1))
                .changed()
            {
                run.push(format!("pace {pace}"));
            }
            let mut limit = host.options.turn_limit;
            ui.label("s/turn");
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
            ui.heading("Delegations");
            egui::Grid::new("seats").striped(true).show(ui, |ui| {
                for h in ["Party", "Code", "Computer", "Today", ""] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                let day = sim.state.day;
                for (p, party) in scn.parties.iter().enumerate() {
                    let p = p as u8;
                    ui.label(&party.id);
                    if !host.options.humans.contains(&p) {
                        ui.label("");
                        ui.label("the model");
                        ui.label("");
                        ui.label("");
                        ui.end_row();
                        continue;
                    }
                    ui.label(RichText::new(&host.options.codes[p as usize]).monospace());
                    ui.label(if host.seats[p as usize].is_some() {
                        "connected"
                    } else {
                        "not connected"
                    });
                    ui.label(if sim.has_fixed_move(p, day) {
                        "moved"
                    } else if host.asked.contains(&p) {
                        "asked"
                    } else {
                        "waits"
                    });
                    if host.taken.contains(&p) {
                        if ui.button("Hand back").clicked() {
                            run.push(format!("hand {}", party.id));
                        }
                    } else if ui.button("Advisers play").clicked() {
                        run.push(format!("take {}", party.id));
                    }
                    ui.end_row();
                }
            });
            ui.label(format!("{} watching", host.watchers.len()));
            ui.add_space(8.0);
            ui.heading("Injects");
            for inj in &scn.injects {
                ui.horizontal(|ui| {
                    if ui.button("Release").clicked() {
                        run.push(format!("inject {}", inj.id));
                    }
                    ui.label(&inj.title);
                });
            }
            ui.horizontal(|ui| {
                ui.text_edit_singleline(&mut desk.news);
                if ui.button("Release news").clicked() && !desk.news.trim().is_empty() {
                    run.push(format!("news {}", desk.news.trim()));
                    desk.news.clear();
                }
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.text_edit_singleline(&mut desk.save);
                if ui.button("Save the class game").clicked() {
                    run.push(format!("save {}", desk.save.trim()));
                }
            });
            ui.add_space(8.0);
            ui.heading("Console");
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
            ui.heading("Back channel (you see it all)");
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
        ui.heading("The public table (as the projector shows it)");
        egui::ScrollArea::vertical()
            .stick_to_bottom(true)
            .show(ui, |ui| {
                for d in (sim.state.day - 20).max(0)..sim.state.day {
                    let lines = public_lines(sim, d);
                    if lines.is_empty() {
                        continue;
                    }
                    ui.label(RichText::new(format!("Day {d} | {}", scn.date_of(d))).strong());
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
