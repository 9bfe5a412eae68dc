//! The six seats round the table: colour, name, head of delegation, stance and latest move.

use super::size;
use crate::app::game::{Command, Game};
use crate::app::palette;
use crate::sim::Simulation;
use crate::sim::action::ActionKind;
use crate::sim::output::render::describe_action;
use bevy::prelude::*;
use bevy_egui::egui::{self, Align2, Color32, FontId, Sense, Stroke, StrokeKind, Vec2};
pub(super) fn stance(sim: &Simulation, i: usize) -> (&'static str, Color32) {
    let ps = &sim.state.parties[i];
    if ps.boycotting {
        return ("BOYCOTTING", palette::RUNG_LIT);
    }
    let recent = ps
        .last_move
        .filter(|(d, _)| sim.state.day - d <= 10)
        .map(|(_, a)| a.kind());
    match recent {
        Some(k) if k.is_escalation() => ("ESCALATING", palette::RUNG_LIT),
        Some(ActionKind::HardlineStatement | ActionKind::HoldFirm | ActionKind::WalkOut) => {
            ("HARDLINE", palette::ORANGE)
        }
        Some(ActionKind::ImposeSanctions) => ("PRESSING", palette::ORANGE),
        Some(ActionKind::Mediate) => ("MEDIATING", palette::SKY),
        Some(ActionKind::Sign) => ("SIGNED", palette::GREEN),
        Some(ActionKind::Refuse) => ("REFUSING", palette::ORANGE),
        Some(ActionKind::Wait) | None => ("WAITING", palette::MUTED),
        Some(_) => ("ENGAGING", palette::GREEN),
    }
}

pub(super) fn seats(
    ui: &mut egui::Ui,
    sim: &Simulation,
    game: &Game,
    out: &mut MessageWriter<Command>,
) {
    let scn = &sim.scenario;
    let rect = ui.available_rect_before_wrap();
    let painter = ui.painter_at(rect);
    let c = rect.center();
    let (rx, ry) = (rect.width() * 0.34, rect.height() * 0.33);
    painter.circle_filled(c, rx.min(ry) * 0.55, palette::WOOD);
    painter.text(
        c - Vec2::new(0.0, 12.0),
        Align2::CENTER_CENTER,
        sim.state.phase.banner(),
        FontId::proportional(size::SUBTITLE),
        palette::phase(sim.state.phase),
    );
    painter.text(
        c + Vec2::new(0.0, 18.0),
        Align2::CENTER_CENTER,
        sim.date().to_string(),
        FontId::proportional(size::LEAD),
        palette::WHITE,
    );
    let n = scn.parties.len().max(1);
    let card = Vec2::new((rect.width() * 0.27).clamp(170.0, 280.0), 104.0);
    for (i, p) in scn.parties.iter().enumerate() {
        let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / n as f32;
        let centre = c + Vec2::new(rx * angle.cos(), ry * angle.sin());
        let r = egui::Rect::from_center_size(centre, card);
        let resp = ui.interact(r, ui.id().with(("seat", i)), Sense::click());
        if resp.clicked() {
            out.write(Command::Dossier(Some(i as u8)));
        }
        let mine = game.humans.contains(&(i as u8));
        let to_move = game.turn == Some(i as u8);
        painter.rect_filled(r, 8.0, palette::CARD);
        painter.rect_filled(
            egui::Rect::from_min_size(r.min, Vec2::new(12.0, r.height())),
            4.0,
            palette::party(p.colour),
        );
        let border = if to_move {
            palette::TURN
        } else if resp.hovered() {
            palette::WHITE
        } else {
            palette::CARD_EDGE
        };
        painter.rect_stroke(
            r,
            8.0,
            Stroke::new(if mine { 4.0 } else { 2.0 }, border),
            StrokeKind::Outside,
        );
        let x = r.min.x + 20.0;
        painter.text(
            egui::pos2(x, r.min.y + 6.0),
            Align2::LEFT_TOP,
            format!("{}  {}", i + 1, p.id),
            FontId::proportional(size::HEADING),
            palette::INK,
        );
        let (st, sc) = stance(sim, i);
        painter.text(
            egui::pos2(r.max.x - 8.0, r.min.y + 8.0),
            Align2::RIGHT_TOP,
            st,
            FontId::proportional(size::BODY),
            sc.gamma_multiply(0.9),
        );
        painter.text(
            egui::pos2(x, r.min.y + 32.0),
            Align2::LEFT_TOP,
            &p.name,
            FontId::proportional(size::SMALL),
            palette::CARD_TEXT,
        );
        painter.text(
            egui::pos2(x, r.min.y + 50.0),
            Align2::LEFT_TOP,
            format!("Head: {}", p.head),
            FontId::proportional(size::SMALL),
            palette::CARD_TEXT,
        );
        let latest = sim.state.parties[i]
            .last_move
            .map(|(d, a)| format!("Day {d}: {}", describe_action(scn, &a)))
            .unwrap_or_else(|| "no move yet".into());
        painter.text(
            egui::pos2(x, r.min.y + 72.0),
            Align2::LEFT_TOP,
            latest,
            FontId::proportional(size::BODY),
            palette::INK,
        );
        if mine {
            painter.text(
                egui::pos2(r.max.x - 8.0, r.max.y - 6.0),
                Align2::RIGHT_BOTTOM,
                if to_move { "TO MOVE" } else { "human" },
                FontId::proportional(size::SMALL),
                palette::BLUE,
            );
        }
    }
    ui.allocate_rect(rect, Sense::hover());
}
