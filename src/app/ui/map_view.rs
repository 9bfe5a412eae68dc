//! The egui side of the map view: it measures the space the panels leave for the map (Bevy draws the map
//! there, under egui), puts a hover and a click on each capital (the dossier), and draws the headline
//! cards, the moments, the legend and the view switch. While the assets load it says so; if they failed
//! it names each file and why, and the table view still works.

use super::size;
use super::*;
use crate::app::game::{Command, Game};
use crate::app::i18n::t;
use crate::app::map::assets::{Loading, MapAssets};
use crate::app::map::headline::{CARD_SECONDS, Headlines, MOMENT_SECONDS};
use crate::app::map::layout::{Layout, MapFit};
use crate::app::map::scene::{MapClock, View};
use crate::app::palette;
use crate::app::words;
use crate::sim::Simulation;
use bevy::ecs::system::SystemParam;
use bevy_egui::egui::{self, Align2, Color32, Pos2, Vec2};

/// What the centre of the table screen needs of the map.
#[derive(SystemParam)]
pub(crate) struct MapUi<'w> {
    fit: ResMut<'w, MapFit>,
    view: ResMut<'w, View>,
    lay: Option<Res<'w, Layout>>,
    assets: Option<Res<'w, MapAssets>>,
    heads: ResMut<'w, Headlines>,
    clock: Res<'w, MapClock>,
}

impl MapUi<'_> {
    /// Which view is shown.
    pub(crate) fn view(&self) -> View {
        *self.view
    }

    /// A party's flag, once the assets are in.
    pub(crate) fn flag(&self, id: &str) -> Option<&bevy::asset::Handle<bevy::image::Image>> {
        let a = self.assets.as_ref()?;
        if a.status != Loading::Ready {
            return None;
        }
        a.flag(id)
    }

    /// The table view is shown: the map is not.
    pub(crate) fn hide(&mut self) {
        self.fit.shown = false;
    }
}

/// The key and the button that switch between the map and the table.
pub(crate) fn switch(ui: &mut egui::Ui, m: &mut MapUi) {
    let rect = ui.max_rect();
    let other = match *m.view {
        View::Map => t!("map.to_table"),
        View::Table => t!("map.to_map"),
    };
    let at = egui::Rect::from_min_size(
        Pos2::new(rect.right() - 150.0, rect.top() + 6.0),
        Vec2::new(144.0, 26.0),
    );
    let clicked = ui
        .put(at, egui::Button::new(big(other, size::BODY)))
        .clicked();
    let key = !ui.ctx().egui_wants_keyboard_input() && ui.input(|i| i.key_pressed(egui::Key::Tab));
    if clicked || key {
        *m.view = match *m.view {
            View::Map => View::Table,
            View::Table => View::Map,
        };
    }
}

/// The map view's centre panel.
pub(crate) fn map_centre(
    ui: &mut egui::Ui,
    sim: &Simulation,
    game: &Game,
    m: &mut MapUi,
    out: &mut MessageWriter<Command>,
) {
    let rect = ui.max_rect();
    let ctx = ui.ctx().clone();
    let zoom = ctx.zoom_factor();
    let status = m
        .assets
        .as_ref()
        .map_or(Loading::Pending(0, 1), |a| a.status.clone());
    let Some(lay) = m.lay.as_ref().filter(|_| status == Loading::Ready) else {
        m.fit.shown = false;
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, palette::COVER);
        let text = match &status {
            Loading::Failed(lines) => t!("map.failed", files = lines.join("\n")),
            Loading::Pending(done, total) => t!("map.loading", done = done, total = total),
            Loading::Ready => t!("map.laying_out").into(),
        };
        let colour = if matches!(status, Loading::Failed(_)) {
            palette::ORANGE
        } else {
            palette::TEXT_DIM
        };
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(size::TEXT),
            colour,
        );
        return;
    };
    // The focus (the part of the map that matters) fits the space; the rest of the map runs on under the
    // panels around it.
    let focus = lay.focus;
    let scale_pts = (rect.width() / focus.width()).min(rect.height() / focus.height());
    let screen = ctx.viewport_rect();
    let centre_world = bevy::math::Vec2::new(
        (rect.center().x - screen.center().x) * zoom,
        (screen.center().y - rect.center().y) * zoom,
    );
    let c = focus.center();
    // The map in sight between the panels, in map pixels, with a pixel to spare on each side.
    let half = bevy::math::Vec2::new(rect.width(), rect.height()) / scale_pts / 2.0 + 1.0;
    *m.fit = MapFit {
        shown: true,
        scale: scale_pts * zoom,
        origin: centre_world - bevy::math::Vec2::new(c.x, -c.y) * scale_pts * zoom,
        zoom,
        visible: bevy::math::Rect::from_center_half_size(c, half),
    };
    let to_pts = |px: bevy::math::Vec2| {
        let d = (px - c) * scale_pts;
        rect.center() + Vec2::new(d.x, d.y)
    };
    // Each capital: its name and state on hover, its dossier on a click.
    let scn = &sim.scenario;
    for (k, p) in scn.parties.iter().enumerate() {
        let off = lay.offset(&m.fit, k);
        let at = to_pts(lay.at[k]) + Vec2::new(off.x, -off.y);
        let hot = egui::Rect::from_center_size(at, Vec2::new(64.0, 64.0));
        let r = ui
            .interact(hot, ui.id().with(("capital", k)), egui::Sense::click())
            .on_hover_ui(|ui| {
                ui.label(
                    big(
                        t!("map.capital", name = words::party_name(p), id = p.id),
                        size::TEXT,
                    )
                    .strong(),
                );
                ui.label(big(t!("map.head", head = p.head), size::BODY));
                ui.label(big(
                    t!(
                        "map.last_move",
                        action = sim.state.parties[k].last_move.map_or(
                            t!("map.no_move_yet").into(),
                            |(d, a)| t!(
                                "map.move_on_day",
                                day = d,
                                action = words::move_name(scn, &a)
                            )
                        )
                    ),
                    size::BODY,
                ));
                ui.label(big(t!("map.click_dossier"), size::SMALL));
            });
        if r.clicked() {
            out.write(Command::Dossier(Some(k as u8)));
        }
    }
    let now = m.clock.seconds;
    m.heads.expire(now);
    let painter = ui.painter_at(rect);
    // The cards, bottom left above the legend, newest at the bottom, fading as they age.
    let mut y = rect.bottom() - 28.0;
    // They stack in the lower half of the map, at most half its width, so that the capitals stay in view.
    let ceiling = rect.top() + rect.height() * 0.5;
    for h in m
        .heads
        .0
        .iter()
        .rev()
        .filter(|h| !h.moment || now - h.at > MOMENT_SECONDS)
    {
        let age = now - h.at;
        let alpha = (1.0 - (age - (CARD_SECONDS - 1.5)).max(0.0) / 1.5).clamp(0.0, 1.0);
        let font = egui::FontId::proportional(size::TEXT);
        let galley = painter.layout(
            h.text.clone(),
            font,
            palette::TEXT_BRIGHT.gamma_multiply(alpha),
            (rect.width() * 0.5).max(200.0),
        );
        let card = egui::Rect::from_min_size(
            Pos2::new(rect.left() + 8.0, y - galley.size().y - 12.0),
            galley.size() + Vec2::new(22.0, 12.0),
        );
        if card.top() < ceiling {
            break;
        }
        painter.rect_filled(card, 4.0, palette::COVER.gamma_multiply(0.88 * alpha));
        if let Some(p) = h.party {
            let bar = egui::Rect::from_min_size(card.min, Vec2::new(5.0, card.height()));
            painter.rect_filled(
                bar,
                2.0,
                palette::party(scn.parties[p as usize].colour).gamma_multiply(alpha),
            );
        }
        painter.galley(card.min + Vec2::new(14.0, 6.0), galley, Color32::WHITE);
        y = card.top() - 6.0;
    }
    // A moment: large in the middle, for the back of the room.
    if let Some(h) = m
        .heads
        .0
        .iter()
        .rev()
        .find(|h| h.moment && now - h.at < MOMENT_SECONDS)
    {
        let age = now - h.at;
        let alpha = (age * 4.0).min(1.0) * ((MOMENT_SECONDS - age) / 0.8).min(1.0);
        let font = egui::FontId::proportional(size::DISPLAY);
        let galley = painter.layout(
            h.text.clone(),
            font,
            Color32::WHITE.gamma_multiply(alpha),
            rect.width() * 0.8,
        );
        let card = egui::Rect::from_center_size(
            rect.center() + Vec2::new(0.0, rect.height() * 0.18),
            galley.size() + Vec2::new(40.0, 24.0),
        );
        let edge = h.party.map_or(palette::TURN, |p| {
            palette::party(scn.parties[p as usize].colour)
        });
        painter.rect_filled(card, 8.0, Color32::from_black_alpha((210.0 * alpha) as u8));
        painter.rect_stroke(
            card,
            8.0,
            egui::Stroke::new(3.0, edge.gamma_multiply(alpha)),
            egui::StrokeKind::Inside,
        );
        painter.galley(card.min + Vec2::new(20.0, 12.0), galley, Color32::WHITE);
    }
    // The legend, bottom left, cut short of the corner where PAUSED goes.
    let legend = painter.layout(
        t!("map.legend").into(),
        egui::FontId::proportional(size::SMALL),
        palette::TEXT_DIM,
        (rect.width() - 110.0).max(100.0),
    );
    painter.galley(
        Pos2::new(rect.left() + 8.0, rect.bottom() - 6.0 - legend.size().y),
        legend,
        palette::TEXT_DIM,
    );
    if game.paused {
        painter.text(
            Pos2::new(rect.right() - 8.0, rect.bottom() - 6.0),
            Align2::RIGHT_BOTTOM,
            t!("map.paused"),
            egui::FontId::proportional(size::LEAD),
            palette::TURN,
        );
    }
}
