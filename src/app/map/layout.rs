//! Where the map view puts things: the map's fit into the space the panels leave, each party's place
//! (a capital on the map, or an inset at the edge facing it, slid clear of the others), and whether the
//! map is drawn large enough for full names. Geometry only: no system, no entity.

use super::assets::Region;
use crate::sim::Simulation;
use bevy::prelude::*;

/// Where the map is drawn this frame: written by the interface from the space its panels leave.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct MapFit {
    /// The map view is on screen.
    pub shown: bool,
    /// World units per map pixel.
    pub scale: f32,
    /// The world position of the map's top-left pixel.
    pub origin: Vec2,
    /// The interface's scale (flags, tokens and labels grow with it).
    pub zoom: f32,
    /// The part of the map in sight between the panels, in map pixels (empty: not known). The map and
    /// the lands are drawn cut to it: on a software renderer the map under the panels costs as much to
    /// draw as the map in sight.
    pub visible: Rect,
}

impl MapFit {
    /// The world position of a map pixel.
    pub fn world(&self, px: Vec2) -> Vec2 {
        self.origin + Vec2::new(px.x, -px.y) * self.scale
    }
}

/// Where each party is drawn on the map, and the part of the map the view keeps in sight.
#[derive(Resource, Clone, Debug, Default)]
pub struct Layout {
    /// Per party (scenario order): its marker's map pixel.
    pub at: Vec<Vec2>,
    /// Per party: where its tests start.
    pub site: Vec<Vec2>,
    /// Per party: drawn as an inset (its capital is off the map).
    pub inset: Vec<bool>,
    /// Per party: its city's name, or its id when the region does not know it.
    pub city: Vec<String>,
    /// Per party: its name in its own script.
    pub native: Vec<String>,
    /// Per party: the side its name goes.
    pub side: Vec<super::assets::Side>,
    /// Per party: for an inset, the direction (x and y each −1, 0 or 1; y up) from its map pixel, on the
    /// view's edge, to its box, which sits inside the view beside the edge that faces its capital.
    pub shift: Vec<Vec2>,
    /// The venue of the talks.
    pub venue: Vec2,
    /// The part of the map kept in sight, in map pixels.
    pub focus: Rect,
    /// The map's size in pixels.
    pub size: Vec2,
    /// The insets' places for the last fit asked about (its scale and zoom), worked out once.
    pub placed: std::sync::Arc<std::sync::Mutex<Option<Placement>>>,
}

/// The insets' offsets worked out for one fit (its scale and zoom, as bits).
pub type Placement = ([u32; 2], Vec<Vec2>);

/// The size of an inset's box with the full names, in screen points at scale 1.
pub const INSET: Vec2 = Vec2::new(230.0, 100.0);
/// The size of an inset's box with the short names (a map drawn small).
const INSET_SHORT: Vec2 = Vec2::new(96.0, 84.0);

impl Layout {
    /// Where party `k`'s marker is drawn, in world units.
    pub fn world(&self, fit: &MapFit, k: usize) -> Vec2 {
        fit.world(self.at[k]) + self.offset(fit, k) * fit.zoom
    }

    /// Party `k`'s offset from its map pixel, in screen points at scale 1 (y up): an inset's box beside
    /// the edge, slid along it clear of the capitals on the map and of the insets placed before it.
    pub fn offset(&self, fit: &MapFit, k: usize) -> Vec2 {
        if self.shift[k] == Vec2::ZERO {
            return Vec2::ZERO;
        }
        let key = [fit.scale.to_bits(), fit.zoom.to_bits()];
        let mut placed = self.placed.lock().unwrap_or_else(|e| e.into_inner());
        match &*placed {
            Some((k0, offs)) if *k0 == key => offs[k],
            _ => {
                let offs = self.inset_offsets(fit);
                let off = offs[k];
                *placed = Some((key, offs));
                off
            }
        }
    }

    /// Every party's offset (see [`Layout::offset`]), the insets placed in party order: each takes the
    /// place nearest its own beside the edge (along the edge first, then inwards) where its box covers
    /// no capital's marker, flag or name and no inset already placed, and stays inside the view's focus;
    /// where no place is free of names, the nearest that covers no flag or marker.
    pub fn inset_offsets(&self, fit: &MapFit) -> Vec<Vec2> {
        let size = inset_size(fit);
        // Screen points per map pixel; a map pixel's place in points, y up.
        let pts = fit.scale / fit.zoom.max(0.1);
        let p = |px: Vec2| Vec2::new(px.x, -px.y) * pts;
        let view = Rect::from_corners(p(self.focus.min), p(self.focus.max));
        let on_map = || (0..self.at.len()).filter(|&j| !self.inset[j]);
        let mut taken: Vec<Rect> = on_map().map(|j| self.keep_out(j, p(self.at[j]))).collect();
        // The flag and the marker alone, for a view too small to keep every name clear.
        let mut marks: Vec<Rect> = on_map()
            .map(|j| {
                let at = p(self.at[j]);
                Rect::new(at.x - 20.0, at.y - 8.0, at.x + 20.0, at.y + 42.0)
            })
            .collect();
        let mut out = vec![Vec2::ZERO; self.at.len()];
        for k in (0..self.at.len()).filter(|&k| self.shift[k] != Vec2::ZERO) {
            let s = self.shift[k];
            let base = s * (size / 2.0 + 6.0);
            let boxed =
                |off: Vec2| Rect::from_center_size(p(self.at[k]) + off - Vec2::Y * 2.0, size);
            // Every place on a grid over the view, nearest first; moving along the edge counts for
            // less than moving inwards, away from it.
            const STEP: f32 = 8.0;
            let (nx, ny) = (
                (view.width() / STEP) as i32 + 1,
                (view.height() / STEP) as i32 + 1,
            );
            let mut places: Vec<(f32, Vec2)> = (-nx..=nx)
                .flat_map(|i| (-ny..=ny).map(move |j| Vec2::new(i as f32, j as f32) * STEP))
                .map(|d| {
                    let inward = if s.x != 0.0 { d.x * s.x } else { d.y * s.y };
                    (d.length() + 2.0 * inward.abs(), base + d)
                })
                .filter(|(_, off)| {
                    let r = boxed(*off);
                    r.min.x >= view.min.x - 1.0
                        && r.max.x <= view.max.x + 1.0
                        && r.min.y >= view.min.y - 1.0
                        && r.max.y <= view.max.y + 1.0
                })
                .collect();
            places.sort_by(|a, b| a.0.total_cmp(&b.0));
            let clear = |r: Rect, keep: &[Rect]| keep.iter().all(|t| t.intersect(r).is_empty());
            let found = places
                .iter()
                .map(|(_, off)| *off)
                .find(|&off| clear(boxed(off), &taken))
                .or_else(|| {
                    places
                        .iter()
                        .map(|(_, off)| *off)
                        .find(|&off| clear(boxed(off), &marks))
                });
            out[k] = found.unwrap_or(base);
            taken.push(boxed(out[k]));
            marks.push(boxed(out[k]));
        }
        out
    }

    /// What a capital on the map covers around its marker at `at` (screen points, y up): the flag above,
    /// the marker, and its two lines of names on their side.
    fn keep_out(&self, j: usize, at: Vec2) -> Rect {
        use super::assets::Side;
        let marker = Rect::new(at.x - 20.0, at.y - 8.0, at.x + 20.0, at.y + 42.0);
        let names = match self.side[j] {
            Side::Below => Rect::new(at.x - 70.0, at.y - 48.0, at.x + 70.0, at.y - 8.0),
            Side::Left => Rect::new(at.x - 150.0, at.y - 32.0, at.x - 10.0, at.y + 10.0),
            Side::Right => Rect::new(at.x + 10.0, at.y - 32.0, at.x + 150.0, at.y + 10.0),
        };
        marker.union(names)
    }
}

/// Whether the map is drawn large enough for two lines of names (full names, names in their own
/// scripts, full insets).
pub fn dense(fit: &MapFit) -> bool {
    fit.scale / fit.zoom.max(0.1) >= NATIVE_DENSITY
}

/// The size of an inset's box at this fit, in screen points at scale 1.
pub fn inset_size(fit: &MapFit) -> Vec2 {
    if dense(fit) { INSET } else { INSET_SHORT }
}

/// Places every party of a scenario on the region's map.
pub fn layout(region: &Region, sim: &Simulation) -> Layout {
    let scn = &sim.scenario;
    let n = scn.parties.len();
    let caps: Vec<Option<&super::assets::Capital>> = scn
        .parties
        .iter()
        .map(|p| region.capital(&p.id).filter(|c| !c.inset))
        .collect();
    let (x0, y0, x1, y1) = region.focus(scn);
    let focus = Rect::new(x0, y0, x1, y1);
    let mut at = Vec::with_capacity(n);
    let mut site = Vec::with_capacity(n);
    let mut inset = Vec::with_capacity(n);
    let mut city = Vec::with_capacity(n);
    let mut native = Vec::with_capacity(n);
    let mut side = Vec::with_capacity(n);
    let mut shift = Vec::with_capacity(n);
    let mut spare = 0.0;
    for (k, p) in scn.parties.iter().enumerate() {
        let known = region.capital(&p.id);
        let mut off = Vec2::ZERO;
        let pos = match (caps[k], known) {
            (Some(c), _) => Vec2::new(c.x, c.y),
            (None, Some(c)) => {
                // Off the map: at the edge of the view that faces it (east across the Pacific for the
                // western hemisphere).
                let lon = if c.lon < 0.0 { c.lon + 360.0 } else { c.lon };
                let east = lon > (region.lon.0 + region.lon.1) / 2.0;
                let x = if east { focus.max.x } else { focus.min.x };
                off = Vec2::new(if east { -1.0 } else { 1.0 }, 0.0);
                let y = if c.lat > region.lat.1 {
                    off.y = -1.0;
                    focus.min.y
                } else {
                    c.y.clamp(focus.min.y + 70.0, focus.max.y - 70.0) - 90.0
                };
                Vec2::new(x, y)
            }
            (None, None) => {
                spare += 1.0;
                Vec2::new(focus.min.x + 140.0 * spare, focus.max.y - 50.0)
            }
        };
        at.push(pos);
        shift.push(off);
        site.push(
            known
                .and_then(|c| c.site)
                .map_or(pos, |(x, y)| Vec2::new(x, y)),
        );
        inset.push(caps[k].is_none());
        // The city in the window's language (a city the translation file does not name keeps the region's).
        city.push(known.map_or_else(|| p.id.clone(), crate::app::words::city));
        native.push(known.map_or_else(|| p.name.clone(), |c| c.native.clone()));
        // An inset's name always goes under its flag, inside its box.
        side.push(match known {
            Some(c) if caps[k].is_some() => c.label,
            _ => super::assets::Side::Below,
        });
    }
    let venue = region
        .capital("chn")
        .filter(|c| !c.inset)
        .map_or(focus.center(), |c| Vec2::new(c.x, c.y));
    Layout {
        at,
        site,
        inset,
        city,
        native,
        side,
        shift,
        venue,
        focus,
        size: Vec2::new(region.width, region.height),
        placed: Default::default(),
    }
}

/// Below this many screen points per map pixel (for text at scale 1), the names in the parties' own
/// scripts are left out, so that neighbouring capitals' names do not run into each other.
pub const NATIVE_DENSITY: f32 = 0.4;
