//! The six seats round the table: colour, name, head of delegation, stance and latest move.

use super::size;
use crate::app::game::{Command, Game};
use crate::app::i18n::{t, text};
use crate::app::palette;
use crate::app::words;
use crate::sim::Simulation;
use crate::sim::action::ActionKind;
use bevy::prelude::*;
use bevy_egui::egui::{self, Align2, Color32, FontId, Sense, Stroke, StrokeKind, Vec2};
/// How strongly a move of the day just played holds the floor: a package over a concession over a
/// statement over a call for talks or a mediation over a refusal or a firm stand; none for the rest.
fn floor_claim(k: ActionKind) -> u8 {
    use ActionKind as K;
    match k {
        K::ProposePackage => 5,
        K::Concede => 4,
        K::ConciliatoryStatement | K::HardlineStatement => 3,
        K::CallForTalks | K::Mediate => 2,
        K::Refuse | K::HoldFirm => 1,
        _ => 0,
    }
}

/// A seat's stance over the last ten days, and whether it is acting on the day just played, which the
/// card shows on a lit badge: every delegation signing, walking out or leaving the talks, and the one
/// that held the floor (the day's weightiest words; the first seat of those tied).
pub(super) fn stance(sim: &Simulation, i: usize) -> (&'static str, Color32, bool) {
    let ps = &sim.state.parties[i];
    let today = |q: &crate::sim::state::PartyState| {
        q.last_move
            .filter(|(d, _)| *d == sim.state.day - 1)
            .map(|(_, a)| a.kind())
    };
    if let Some(k) = today(ps) {
        use ActionKind as K;
        match k {
            K::Sign => return (text("stance.signing"), palette::GREEN, true),
            K::WalkOut => return (text("stance.walking_out"), palette::RUNG_LIT, true),
            K::LeaveTalks => return (text("stance.leaving"), palette::RUNG_LIT, true),
            _ => {}
        }
        let claim = |q: &crate::sim::state::PartyState| today(q).map_or(0, floor_claim);
        let mine = claim(ps);
        let floor = sim
            .state
            .parties
            .iter()
            .enumerate()
            .map(|(j, q)| (claim(q), std::cmp::Reverse(j)))
            .max()
            .map(|(c, std::cmp::Reverse(j))| (c, j));
        if mine > 0 && floor == Some((mine, i)) {
            return (text("stance.speaking"), palette::SKY, true);
        }
    }
    if ps.boycotting {
        return (text("stance.boycotting"), palette::RUNG_LIT, false);
    }
    let recent = ps
        .last_move
        .filter(|(d, _)| sim.state.day - d <= 10)
        .map(|(_, a)| a.kind());
    let (t, c) = match recent {
        Some(k) if k.is_escalation() => (text("stance.escalating"), palette::RUNG_LIT),
        Some(ActionKind::HardlineStatement | ActionKind::HoldFirm | ActionKind::WalkOut) => {
            (text("stance.hardline"), palette::ORANGE)
        }
        Some(ActionKind::ImposeSanctions) => (text("stance.pressing"), palette::ORANGE),
        Some(ActionKind::Mediate) => (text("stance.mediating"), palette::SKY),
        Some(ActionKind::Sign) => (text("stance.signed"), palette::GREEN),
        Some(ActionKind::Refuse) => (text("stance.refusing"), palette::ORANGE),
        Some(ActionKind::Wait) | None => (text("stance.waiting"), palette::MUTED),
        Some(_) => (text("stance.engaging"), palette::GREEN),
    };
    (t, c, false)
}

/// `today` is the state the delegations decide on today (the signing lights weigh the draft on it).
pub(super) fn seats(
    ui: &mut egui::Ui,
    sim: &Simulation,
    today: &crate::sim::state::State,
    game: &Game,
    flags: &[Option<egui::TextureId>],
    out: &mut MessageWriter<Command>,
) {
    let scn = &sim.scenario;
    let rect = ui.available_rect_before_wrap();
    let painter = ui.painter_at(rect);
    let c = rect.center();
    let n = scn.parties.len().max(1);
    // In session, each seat carries a signing light: how its delegation weighs the draft now.
    let lights = (sim.state.phase == crate::sim::scenario::Phase::InSession)
        .then(|| crate::sim::state::table::verdicts(scn, today));
    let layout = Layout::fit(rect, n, lights.is_some());
    if layout.round {
        let (rx, ry) = layout.radii;
        painter.circle_filled(c, rx.min(ry) * 0.55, palette::WOOD);
        painter.text(
            c - Vec2::new(0.0, 12.0),
            Align2::CENTER_CENTER,
            words::phase(sim.state.phase),
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
    }
    let compact = layout.compact;
    for (i, p) in scn.parties.iter().enumerate() {
        let r = layout.rects[i];
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
        let mut id_right = painter
            .text(
                egui::pos2(x, r.min.y + 6.0),
                Align2::LEFT_TOP,
                format!("{}  {}", i + 1, p.id),
                FontId::proportional(size::HEADING),
                palette::INK,
            )
            .max
            .x;
        // The delegation's flag beside its id.
        if let Some(Some(tex)) = flags.get(i) {
            let at = egui::Rect::from_min_size(
                egui::pos2(id_right + 8.0, r.min.y + 9.0),
                Vec2::new(28.0, 21.0),
            );
            painter.image(
                *tex,
                at,
                egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
                Color32::WHITE,
            );
            painter.rect_stroke(
                at,
                0.0,
                Stroke::new(1.0, palette::CARD_EDGE),
                StrokeKind::Outside,
            );
            id_right = at.max.x;
        }
        // Top right: "TO MOVE" or "human" on a human delegation's card, then the stance if it fits.
        let mut right = r.max.x - 8.0;
        if mine {
            let g = painter.layout_no_wrap(
                (if to_move {
                    t!("seat.to_move")
                } else {
                    t!("seat.human")
                })
                .to_string(),
                FontId::proportional(size::SMALL),
                palette::BLUE,
            );
            right -= g.size().x;
            painter.galley(egui::pos2(right, r.min.y + 10.0), g, palette::BLUE);
            right -= 10.0;
        }
        let (st, sc, now) = stance(sim, i);
        // Acting today: the badge is lit (its colour behind dark text) and the card's edge takes it.
        let ink = if now {
            palette::INK
        } else {
            sc.gamma_multiply(0.9)
        };
        let g = painter.layout_no_wrap(st.to_string(), FontId::proportional(size::BODY), ink);
        if right - g.size().x >= id_right + 8.0 {
            let at = egui::pos2(right - g.size().x, r.min.y + 8.0);
            if now {
                painter.rect_filled(
                    egui::Rect::from_min_size(at, g.size()).expand2(Vec2::new(5.0, 2.0)),
                    4.0,
                    sc,
                );
                painter.rect_stroke(r, 8.0, Stroke::new(3.0, sc), StrokeKind::Outside);
            }
            painter.galley(at, g, ink);
        }
        // A compact card (a short table area) leaves out the name and the head of delegation; a minimal
        // one the latest move too.
        let body = if compact == 2 {
            r.min.y + 8.0
        } else if compact == 1 {
            r.min.y + 32.0
        } else {
            let w = r.max.x - 8.0 - x;
            one_line(
                &painter,
                egui::pos2(x, r.min.y + 32.0),
                words::party_name(p),
                size::SMALL,
                palette::CARD_TEXT,
                w,
            );
            one_line(
                &painter,
                egui::pos2(x, r.min.y + 50.0),
                t!("seat.head", head = p.head),
                size::SMALL,
                palette::CARD_TEXT,
                w,
            );
            r.min.y + 72.0
        };
        let latest = sim.state.parties[i]
            .last_move
            .map(|(d, a)| t!("seat.latest", day = d, action = words::move_name(scn, &a)))
            .unwrap_or_else(|| t!("seat.no_move").into());
        resp.clone().on_hover_text(t!(
            "seat.hover",
            name = words::party_name(p),
            id = p.id,
            head = p.head,
            latest = latest
        ));
        // One line, cut with "…" at the card's edge (the dossier and the chronicle have it whole).
        if compact < 2 {
            one_line(
                &painter,
                egui::pos2(x, body),
                latest,
                size::BODY,
                palette::INK,
                r.max.x - 8.0 - x,
            );
        }
        if let Some(v) = lights.as_ref().and_then(|l| l.get(i)) {
            let (text, colour) = match (v.decided, v.crossed) {
                (_, Some(k)) => (
                    t!("seat.red_line", issue = words::issue(scn, k as usize)),
                    palette::RUNG_LIT,
                ),
                (Some(true), None) => (t!("seat.signed").to_string(), palette::GREEN),
                (Some(false), None) => (t!("seat.refuses").to_string(), palette::ORANGE),
                (None, None) if v.accepts => (t!("seat.would_sign").to_string(), palette::GREEN),
                (None, None) => (
                    t!("seat.short", by = v.shortfall().max(0.0)),
                    palette::ORANGE,
                ),
            };
            // The signing light: a disc in the verdict's colour, then the verdict.
            painter.circle_filled(egui::pos2(x + 6.0, body + 33.0), 6.0, colour);
            one_line(
                &painter,
                egui::pos2(x + 18.0, body + 24.0),
                text,
                size::BODY,
                colour,
                r.max.x - 26.0 - x,
            );
        }
    }
    ui.allocate_rect(rect, Sense::hover());
}

/// Paints `text` on one line from `at`, cut with "…" at `width`.
fn one_line(
    painter: &egui::Painter,
    at: egui::Pos2,
    text: String,
    size: f32,
    colour: egui::Color32,
    width: f32,
) {
    let mut job = egui::text::LayoutJob::single_section(
        text,
        egui::TextFormat::simple(FontId::proportional(size), colour),
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width(width.max(10.0));
    painter.galley(at, painter.layout_job(job), colour);
}

/// Where the seats go in the table area: round the table when the cards fit there without touching,
/// else in two rows (the upper half of the round above, the lower half below), with compact cards if the
/// full ones do not fit.
struct Layout {
    rects: Vec<egui::Rect>,
    /// 0: the full card; 1: without the name and the head; 2: without the latest move either.
    compact: u8,
    round: bool,
    radii: (f32, f32),
}

impl Layout {
    fn fit(rect: egui::Rect, n: usize, lights: bool) -> Layout {
        let c = rect.center();
        let width = (rect.width() * 0.27).clamp(170.0, 280.0);
        let height = |compact: u8| {
            let lines = match compact {
                0 => 104.0,
                1 => 58.0,
                _ => 36.0,
            };
            lines + if lights { 22.0 } else { 0.0 }
        };
        let angle =
            |i: usize| -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / n as f32;
        let apart = |rects: &[egui::Rect]| {
            rects.iter().enumerate().all(|(i, a)| {
                rect.contains_rect(*a)
                    && rects[i + 1..].iter().all(|b| !a.expand(3.0).intersects(*b))
            })
        };
        let radii = (rect.width() * 0.34, rect.height() * 0.33);
        for compact in [0, 1] {
            let card = Vec2::new(width, height(compact));
            let (rx, ry) = radii;
            let rects: Vec<egui::Rect> = (0..n)
                .map(|i| {
                    let a = angle(i);
                    egui::Rect::from_center_size(c + Vec2::new(rx * a.cos(), ry * a.sin()), card)
                })
                .collect();
            if apart(&rects) {
                return Layout {
                    rects,
                    compact,
                    round: true,
                    radii,
                };
            }
        }
        // Two rows, each seat keeping its side of the round table, left to right.
        let compact = (0..2)
            .find(|&k| rect.height() >= 2.0 * height(k) + 16.0)
            .unwrap_or(2);
        let card = Vec2::new(width, height(compact));
        let mut rows: [Vec<(f32, usize)>; 2] = [Vec::new(), Vec::new()];
        for i in 0..n {
            let a = angle(i);
            rows[usize::from(a.sin() > 1e-3)].push((a.cos(), i));
        }
        let mut rects = vec![egui::Rect::NOTHING; n];
        for (k, row) in rows.iter_mut().enumerate() {
            row.sort_by(|a, b| a.0.total_cmp(&b.0));
            let y = if k == 0 {
                c.y - card.y / 2.0 - 6.0
            } else {
                c.y + card.y / 2.0 + 6.0
            };
            let w = card
                .x
                .min((rect.width() - 12.0) / row.len().max(1) as f32 - 12.0);
            let step = rect.width() / row.len().max(1) as f32;
            for (j, (_, i)) in row.iter().enumerate() {
                let x = rect.min.x + step * (j as f32 + 0.5);
                rects[*i] = egui::Rect::from_center_size(egui::pos2(x, y), Vec2::new(w, card.y));
            }
        }
        Layout {
            rects,
            compact,
            round: false,
            radii,
        }
    }
}
