//! The map view, drawn by Bevy: the region's map with each regional party's land in its colour, the six
//! capitals with their flags and names (Washington and Moscow as insets), the venue in Beijing that lights
//! up when the talks sit, relations as links coloured by trust, sanctions as dashed lines, envoys, meetings,
//! aid and sanctions as tokens travelling between capitals, tests as arcs and shockwaves, and the ladder's
//! rung tinting the scene from calm to alarm. Everything moves on the map's own clock, which stops when the
//! game is paused.

use super::assets::{Loading, MapAssets, Region};
use super::headline::{Headlines, headline};
use crate::app::Talks;
use crate::app::game::{Game, Screen};
use crate::sim::Simulation;
use crate::sim::action::Action;
use crate::sim::scenario::Phase;
use crate::sim::state::chronicle::{Entry, of_day};
use bevy::prelude::*;

/// Which view the table screen shows in its centre.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum View {
    /// The map of the region.
    #[default]
    Map,
    /// The table with its six seats.
    Table,
}

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

/// The size of an inset's box, in screen points at scale 1: with the full names, and with the short
/// ones (a map drawn small).
const INSET: Vec2 = Vec2::new(230.0, 100.0);
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
        city.push(known.map_or_else(
            || p.id.clone(),
            |c| {
                let key = format!("city.{}", c.party);
                if crate::app::i18n::has(&key) {
                    crate::app::i18n::text(&key).to_string()
                } else {
                    c.city.clone()
                }
            },
        ));
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

/// The map's own clock: seconds of animation, stopped while the game is paused (unless `running`: the
/// window's automation lets the last day's animations play out for its picture).
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct MapClock {
    /// Seconds of animation so far.
    pub seconds: f32,
    /// Runs even while the game is paused.
    pub running: bool,
}

/// Every entity of the map view hangs under this one (its visibility is the view's).
#[derive(Component)]
pub struct MapRoot;

/// Where an entity sits: a map pixel, an offset in screen pixels (grown with the interface's scale), and
/// for the map and its masks a size in map pixels.
#[derive(Component, Clone, Copy)]
struct Placed {
    px: Vec2,
    offset: Vec2,
    /// The party whose marker it belongs to (an inset's things move with its box).
    party: Option<usize>,
    map_size: Option<Vec2>,
    screen_size: Option<Vec2>,
    z: f32,
}

impl Placed {
    fn at(px: Vec2, z: f32) -> Self {
        Placed {
            px,
            offset: Vec2::ZERO,
            party: None,
            map_size: None,
            screen_size: None,
            z,
        }
    }
}

/// A label whose size follows the interface's scale.
#[derive(Component, Clone, Copy)]
struct Label(f32);

/// An inset's box: smaller when the map is drawn small.
#[derive(Component)]
struct InsetBox;

/// A party's name in its own script: left out when the map is drawn too small for two lines of names.
#[derive(Component)]
struct Native;

/// A capital's label in full (`DPRK · Pyongyang`) and short (`DPRK`, when the map is drawn small).
#[derive(Component)]
struct Names {
    long: String,
    short: String,
}

/// Below this many screen points per map pixel (for text at scale 1), the names in the parties' own
/// scripts are left out, so that neighbouring capitals' names do not run into each other.
const NATIVE_DENSITY: f32 = 0.4;

/// The map's sprites whose colour follows the state.
#[derive(Component, Clone, Copy)]
enum Layer {
    /// The map's own image, darkened towards red as the ladder rises.
    Base,
    /// A party's land, in its colour (flashing after a test).
    Land(usize),
}

/// A token travelling between two places (an envoy, a meeting, aid or sanctions); turned back halfway when
/// refused.
#[derive(Component)]
struct Token {
    from: usize,
    to: usize,
    start: f32,
    length: f32,
    refused: bool,
}

/// What the gizmos draw for a while: test arcs, shockwaves and ripples.
#[derive(Clone, Copy, Debug)]
enum Effect {
    Arc { from: Vec2, to: Vec2 },
    Shock { at: Vec2, radius: f32 },
    Ripple { at: Vec2, party: Option<usize> },
}

/// The effects under way, with their start and length on the map's clock and colour.
#[derive(Resource, Default)]
pub struct Effects(Vec<(Effect, f32, f32, Color)>);

/// A party's land flashes (a test) until this time on the map's clock.
#[derive(Resource, Default)]
pub struct Flashes(Vec<(usize, f32, Color)>);

/// How high the ladder stands, from 0 (its bottom rung) to 1 (its top): what the map's tint eases to.
fn rung_height(sim: &Simulation) -> f32 {
    let rungs = sim.scenario.rungs.len().max(2) as f32 - 1.0;
    f32::from(sim.state.rung) / rungs
}

/// The rung's tint as drawn, eased towards the rung's.
#[derive(Resource, Default)]
pub struct Tint(f32);

/// Something on the map is moving (a token, an effect, a fresh headline, the tint easing): the window
/// keeps drawing every frame; when nothing is and the game is paused it redraws only on input.
#[derive(Resource, Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapBusy(pub bool);

/// The plugin's systems (the window adds them; the networked windows do not).
pub fn plugin(app: &mut App) {
    app.init_resource::<View>()
        .init_resource::<MapFit>()
        .init_resource::<MapClock>()
        .init_resource::<Effects>()
        .init_resource::<Flashes>()
        .init_resource::<Tint>()
        .init_resource::<MapBusy>()
        .init_resource::<Headlines>()
        .add_systems(
            Update,
            (
                spawn,
                tick,
                on_days.after(crate::app::TalksSystems::Publish),
                place,
                colour,
                move_tokens,
                draw,
                busy,
            )
                .chain()
                .run_if(in_state(Screen::Table)),
        )
        .add_systems(OnExit(Screen::Table), forget);
}

fn forget(
    mut effects: ResMut<Effects>,
    mut flashes: ResMut<Flashes>,
    mut heads: ResMut<Headlines>,
    mut commands: Commands,
) {
    effects.0.clear();
    flashes.0.clear();
    heads.0.clear();
    commands.remove_resource::<Layout>();
}

/// How strongly a party's land shows its colour.
const LAND_ALPHA: f32 = 0.09;

fn party_colour(rgb: [u8; 3], alpha: f32) -> Color {
    Color::srgba_u8(rgb[0], rgb[1], rgb[2], (alpha * 255.0) as u8)
}

/// Builds the scene once the assets are there and a game is on the table.
#[expect(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn spawn(
    mut commands: Commands,
    assets: Option<Res<MapAssets>>,
    regions: Res<Assets<super::assets::RegionAsset>>,
    images: Res<Assets<Image>>,
    talks: Option<Res<Talks>>,
    roots: Query<(), With<MapRoot>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let (Some(assets), Some(talks)) = (assets, talks) else {
        return;
    };
    if assets.status != Loading::Ready || !roots.is_empty() {
        return;
    }
    let Some(region) = regions.get(&assets.region).map(|r| &r.0) else {
        return;
    };
    let sim = &talks.0;
    let lay = layout(region, sim);
    let size = lay.size;
    let font = TextFont {
        font: assets.font.clone().into(),
        font_size: bevy::text::FontSize::Px(15.0),
        ..default()
    };
    let root = commands
        .spawn((
            MapRoot,
            Transform::IDENTITY,
            Visibility::Hidden,
            DespawnOnExit(Screen::Table),
            Name::new("Map"),
        ))
        .id();
    let mut kids: Vec<Entity> = Vec::new();
    if let Some(map) = &assets.map {
        kids.push(
            commands
                .spawn((
                    Sprite::from_image(map.clone()),
                    Layer::Base,
                    Transform::default(),
                    Placed {
                        map_size: Some(size),
                        ..Placed::at(size / 2.0, 0.0)
                    },
                ))
                .id(),
        );
    }
    for (k, p) in sim.scenario.parties.iter().enumerate() {
        let Some(mask) = region
            .masks
            .iter()
            .find(|m| m.party.eq_ignore_ascii_case(&p.id))
        else {
            continue;
        };
        let Some((_, handle)) = assets
            .masks
            .iter()
            .find(|(id, _)| id.eq_ignore_ascii_case(&p.id))
        else {
            continue;
        };
        let Some(img) = images.get(handle) else {
            continue;
        };
        let wh = img.size_f32();
        kids.push(
            commands
                .spawn((
                    Sprite {
                        image: handle.clone(),
                        color: party_colour(p.colour, LAND_ALPHA),
                        ..default()
                    },
                    Transform::default(),
                    Placed {
                        map_size: Some(wh),
                        ..Placed::at(Vec2::new(mask.x, mask.y) + wh / 2.0, 1.0)
                    },
                    Layer::Land(k),
                ))
                .id(),
        );
    }
    // The venue: a ring around Beijing, lit while the talks sit.
    kids.push(
        commands
            .spawn((
                Mesh2d(meshes.add(Annulus::new(15.0, 19.0))),
                MeshMaterial2d(
                    materials.add(ColorMaterial::from_color(Color::srgb(0.3, 0.3, 0.3))),
                ),
                Transform::default(),
                Placed::at(lay.venue, 6.0),
                Venue,
            ))
            .id(),
    );
    kids.push(
        commands
            .spawn((
                Text2d::new(crate::app::i18n::text("map.venue")),
                font.clone(),
                TextColor(Color::srgb(0.6, 0.9, 0.75)),
                Transform::default(),
                Placed {
                    offset: Vec2::new(0.0, -30.0),
                    ..Placed::at(lay.venue, 8.0)
                },
                Label(13.0),
                VenueLabel,
            ))
            .id(),
    );
    let dot = meshes.add(Circle::new(6.0));
    for (k, p) in sim.scenario.parties.iter().enumerate() {
        let at = lay.at[k];
        let colour = party_colour(p.colour, 1.0);
        if lay.inset[k] {
            kids.push(
                commands
                    .spawn((
                        Sprite::from_color(Color::srgba(0.05, 0.07, 0.09, 0.85), Vec2::ONE),
                        Transform::default(),
                        Placed {
                            screen_size: Some(INSET),
                            offset: Vec2::new(0.0, -2.0),
                            party: Some(k),
                            ..Placed::at(at, 7.0)
                        },
                        InsetBox,
                    ))
                    .id(),
            );
        }
        kids.push(
            commands
                .spawn((
                    Mesh2d(dot.clone()),
                    MeshMaterial2d(materials.add(ColorMaterial::from_color(colour))),
                    Transform::default(),
                    Placed {
                        party: Some(k),
                        ..Placed::at(at, 9.0)
                    },
                ))
                .id(),
        );
        if let Some(flag) = assets.flag(&p.id) {
            kids.push(
                commands
                    .spawn((
                        Sprite::from_image(flag.clone()),
                        Transform::default(),
                        Placed {
                            offset: Vec2::new(0.0, 26.0),
                            party: Some(k),
                            screen_size: Some(Vec2::new(36.0, 27.0)),
                            ..Placed::at(at, 9.0)
                        },
                    ))
                    .id(),
            );
        }
        // The name, and under it the name in the party's own script, beside the marker.
        let (anchor, off) = match lay.side[k] {
            super::assets::Side::Below => (bevy::sprite::Anchor::TOP_CENTER, Vec2::new(0.0, -10.0)),
            super::assets::Side::Left => (bevy::sprite::Anchor::TOP_RIGHT, Vec2::new(-12.0, 8.0)),
            super::assets::Side::Right => (bevy::sprite::Anchor::TOP_LEFT, Vec2::new(12.0, 8.0)),
        };
        for (text, size, colour, dy) in [
            (
                format!("{} · {}", p.id, lay.city[k]),
                15.0,
                Color::srgb(0.95, 0.95, 0.92),
                0.0,
            ),
            (
                lay.native[k].clone(),
                13.0,
                Color::srgb(0.75, 0.78, 0.74),
                -19.0,
            ),
        ] {
            let mut e = commands.spawn(Visibility::Inherited);
            if dy < 0.0 {
                e.insert(Native);
            } else {
                e.insert(Names {
                    long: text.clone(),
                    short: p.id.clone(),
                });
            }
            kids.push(
                e.insert((
                    Text2d::new(text),
                    TextFont {
                        font_size: bevy::text::FontSize::Px(size),
                        ..font.clone()
                    },
                    TextColor(colour),
                    anchor,
                    bevy::sprite::Text2dShadow::default(),
                    Transform::default(),
                    Placed {
                        offset: off + Vec2::new(0.0, dy),
                        party: Some(k),
                        ..Placed::at(at, 9.5)
                    },
                    Label(size),
                ))
                .id(),
            );
        }
    }
    commands.entity(root).add_children(&kids);
    commands.insert_resource(lay);
}

/// The venue's ring.
#[derive(Component)]
struct Venue;

/// The venue's label.
#[derive(Component)]
struct VenueLabel;

/// Advances the map's clock unless the game is paused.
fn tick(time: Res<Time>, game: Option<Res<Game>>, mut clock: ResMut<MapClock>) {
    if clock.running || game.is_some_and(|g| !g.paused) {
        clock.seconds += time.delta_secs();
    }
}

/// Turns the days just played into tokens, effects, flashes and headlines.
#[expect(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn on_days(
    mut days: MessageReader<crate::app::DayPlayed>,
    talks: Option<Res<Talks>>,
    lay: Option<Res<Layout>>,
    assets: Option<Res<MapAssets>>,
    clock: Res<MapClock>,
    roots: Query<Entity, With<MapRoot>>,
    mut effects: ResMut<Effects>,
    mut flashes: ResMut<Flashes>,
    mut heads: ResMut<Headlines>,
    mut commands: Commands,
) {
    let (Some(talks), Some(lay)) = (talks, lay) else {
        days.clear();
        return;
    };
    let sim = &talks.0;
    let scn = &sim.scenario;
    let now = clock.seconds;
    let root = roots.single().ok();
    for d in days.read() {
        for e in of_day(sim.log.as_deref().unwrap_or(&[]), d.day) {
            if let Some(h) = headline(sim, &lay.city, e) {
                heads.push(h, now);
            }
            let (party, action, refused) = match e {
                Entry::Move { party, action, .. } => (*party, *action, false),
                Entry::Refused { party, action, .. } => (*party, *action, true),
                _ => continue,
            };
            let p = party as usize;
            let colour = party_colour(scn.parties[p].colour, 1.0);
            let from = lay.at[p];
            let target = match action {
                Action::EnvoyVisit { to } | Action::OfferAid { to } => Some(to),
                Action::BilateralMeeting { with } => Some(with),
                Action::ImposeSanctions { on } | Action::EaseSanctions { on } => Some(on),
                Action::Mediate { a, .. } => Some(a),
                _ => None,
            };
            if let (Some(t), Some(root), Some(assets)) = (target, root, assets.as_ref()) {
                let token = commands
                    .spawn((
                        Sprite {
                            image: assets.icon(action.kind()).clone(),
                            color: colour,
                            ..default()
                        },
                        Transform::default(),
                        Visibility::Hidden,
                        Token {
                            from: p,
                            to: t as usize,
                            start: now,
                            length: 1.6,
                            refused,
                        },
                    ))
                    .id();
                commands.entity(root).add_child(token);
            }
            if refused {
                continue;
            }
            let site = lay.site[p];
            let alarm = Color::srgb(1.0, 0.35, 0.2);
            match action {
                Action::MissileTest => {
                    let to = site + Vec2::new(260.0, 30.0);
                    effects
                        .0
                        .push((Effect::Arc { from: site, to }, now, 1.4, alarm));
                    effects.0.push((
                        Effect::Shock {
                            at: to,
                            radius: 60.0,
                        },
                        now + 1.3,
                        1.0,
                        alarm,
                    ));
                }
                Action::NuclearTest => {
                    for k in 0..3 {
                        effects.0.push((
                            Effect::Shock {
                                at: site,
                                radius: 240.0,
                            },
                            now + 0.35 * k as f32,
                            2.2,
                            Color::srgb(1.0, 0.85, 0.3),
                        ));
                    }
                    flashes.0.push((p, now + 3.0, alarm));
                }
                Action::MilitaryDrill => {
                    for k in 0..2 {
                        effects.0.push((
                            Effect::Ripple {
                                at: from,
                                party: Some(p),
                            },
                            now + 0.4 * k as f32,
                            1.2,
                            Color::srgb(0.9, 0.6, 0.1),
                        ));
                    }
                }
                Action::ConciliatoryStatement | Action::CallForTalks => effects.0.push((
                    Effect::Ripple {
                        at: from,
                        party: Some(p),
                    },
                    now,
                    1.2,
                    Color::srgb(0.4, 0.85, 0.65),
                )),
                Action::HardlineStatement => effects.0.push((
                    Effect::Ripple {
                        at: from,
                        party: Some(p),
                    },
                    now,
                    1.2,
                    Color::srgb(0.95, 0.55, 0.2),
                )),
                Action::WalkOut | Action::Boycott | Action::LeaveTalks => effects.0.push((
                    Effect::Shock {
                        at: lay.venue,
                        radius: 80.0,
                    },
                    now,
                    1.5,
                    alarm,
                )),
                Action::Sign => effects.0.push((
                    Effect::Shock {
                        at: lay.venue,
                        radius: 80.0,
                    },
                    now,
                    1.5,
                    Color::srgb(0.35, 0.6, 1.0),
                )),
                Action::ExpelInspectors | Action::RestartFacility => {
                    flashes.0.push((p, now + 2.0, Color::srgb(0.95, 0.6, 0.1)));
                }
                _ => {}
            }
        }
        if d.finished
            && let Some(h) = super::headline::ending(sim)
        {
            heads.push(h, now);
        }
    }
    effects
        .0
        .retain(|(_, start, length, _)| start + length > now);
    flashes.0.retain(|(_, until, _)| *until > now);
}

/// Everything placed on the map, with what `place` sets on it.
type PlacedQuery<'w, 's> = Query<
    'w,
    's,
    (
        Entity,
        &'static Placed,
        &'static mut Transform,
        Option<&'static mut Sprite>,
        Option<&'static Label>,
        Option<&'static mut TextFont>,
    ),
>;

/// Puts every placed entity where the fit says, and shows the view when it is on screen.
#[expect(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn place(
    fit: Res<MapFit>,
    view: Res<View>,
    mut roots: Query<&mut Visibility, With<MapRoot>>,
    mut placed: PlacedQuery,
    mut natives: Query<&mut Visibility, (With<Native>, Without<MapRoot>)>,
    mut names: Query<(&Names, &mut Text2d)>,
    boxes: Query<(), With<InsetBox>>,
    lay: Option<Res<Layout>>,
    mut last_zoom: Local<f32>,
) {
    let shown = fit.shown && *view == View::Map && fit.scale > 0.0;
    for mut v in &mut roots {
        show(&mut v, shown);
    }
    if !shown {
        return;
    }
    let Some(lay) = lay else { return };
    let dense = dense(&fit);
    for mut v in &mut natives {
        show(&mut v, dense);
    }
    for (n, mut t) in &mut names {
        let want = if dense { &n.long } else { &n.short };
        if t.0 != *want {
            t.0.clone_from(want);
        }
    }
    let zoom_changed = (*last_zoom - fit.zoom).abs() > 1e-3;
    *last_zoom = fit.zoom;
    for (e, p, mut t, sprite, label, font) in &mut placed {
        let shift = p.party.map_or(Vec2::ZERO, |k| lay.offset(&fit, k));
        let w = fit.world(p.px) + (p.offset + shift) * fit.zoom;
        t.translation = w.extend(p.z);
        if let Some(mut s) = sprite {
            if let Some(m) = p.map_size {
                // Only the part in sight: a sub-rectangle of the image, centred on its own middle.
                let whole = Rect::from_center_size(p.px, m);
                let part = if fit.visible.is_empty() {
                    whole
                } else {
                    whole.intersect(fit.visible)
                };
                if part.is_empty() {
                    s.custom_size = Some(Vec2::ZERO);
                    s.rect = Some(Rect::new(0.0, 0.0, 1.0, 1.0));
                } else {
                    s.custom_size = Some(part.size() * fit.scale);
                    s.rect = Some(Rect::from_corners(
                        part.min - whole.min,
                        part.max - whole.min,
                    ));
                    t.translation = fit.world(part.center()).extend(p.z);
                }
            } else if boxes.contains(e) {
                s.custom_size = Some(inset_size(&fit) * fit.zoom);
            } else if let Some(sz) = p.screen_size {
                s.custom_size = Some(sz * fit.zoom);
            }
        }
        if zoom_changed && let (Some(l), Some(mut f)) = (label, font) {
            f.font_size = bevy::text::FontSize::Px(l.0 * fit.zoom);
        }
    }
}

/// Colours that follow the state: each party's land (flashing after a test), the rung's tint, the venue.
#[expect(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn colour(
    talks: Option<Res<Talks>>,
    clock: Res<MapClock>,
    time: Res<Time>,
    flashes: Res<Flashes>,
    mut tint: ResMut<Tint>,
    mut sprites: Query<(&Layer, &mut Sprite)>,
    venue: Query<&MeshMaterial2d<ColorMaterial>, With<Venue>>,
    mut venue_label: Query<&mut Visibility, With<VenueLabel>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let Some(talks) = talks else { return };
    let sim = &talks.0;
    let now = clock.seconds;
    let target = rung_height(sim);
    let k = (time.delta_secs() * 2.0).min(1.0);
    tint.0 += (target - tint.0) * k;
    let t = tint.0.clamp(0.0, 1.0);
    for (layer, mut s) in &mut sprites {
        s.color = match *layer {
            Layer::Land(p) => {
                let flash = flashes
                    .0
                    .iter()
                    .find(|(q, _, _)| *q == p)
                    .map(|(_, until, c)| (until - now, *c));
                match flash {
                    Some((left, c)) => {
                        let pulse = 0.35 + 0.3 * (now * 9.0).sin().abs();
                        c.with_alpha(pulse * (left / 3.0).clamp(0.3, 1.0))
                    }
                    None => party_colour(sim.scenario.parties[p].colour, LAND_ALPHA),
                }
            }
            // The map itself is darkened towards red (a multiply): no veil over it, which would cost a
            // full-screen layer on a software renderer, and which, blended in linear light, turns a dark
            // sea red at the slightest alpha.
            Layer::Base => Color::srgb(1.0, 1.0 - 0.4 * t, 1.0 - 0.45 * t),
        };
    }
    let sitting = sim.state.phase == Phase::InSession;
    for m in &venue {
        if let Some(mut mat) = materials.get_mut(&m.0) {
            mat.color = match sim.state.phase {
                Phase::InSession => {
                    let a = 0.65 + 0.35 * (now * 3.0).sin();
                    Color::srgba(0.35, 1.0, 0.7, a)
                }
                Phase::Preparatory => Color::srgba(0.9, 0.85, 0.4, 0.8),
                Phase::Agreement => Color::srgb(0.35, 0.6, 1.0),
                Phase::Walkout => Color::srgb(1.0, 0.3, 0.2),
                Phase::Stalled | Phase::Contacts => Color::srgba(0.5, 0.5, 0.5, 0.6),
            };
        }
    }
    for mut v in &mut venue_label {
        show(&mut v, sitting || sim.state.phase == Phase::Agreement);
    }
}

/// Moves the tokens along their way, and removes those that have arrived.
fn move_tokens(
    clock: Res<MapClock>,
    fit: Res<MapFit>,
    lay: Option<Res<Layout>>,
    mut tokens: Query<(Entity, &Token, &mut Transform, &mut Sprite, &mut Visibility)>,
    mut commands: Commands,
) {
    let Some(lay) = lay else { return };
    let now = clock.seconds;
    for (e, t, mut tf, mut s, mut v) in &mut tokens {
        let f = ((now - t.start) / t.length).clamp(0.0, 1.0);
        if f >= 1.0 {
            commands.entity(e).despawn();
            continue;
        }
        // Out and back when refused; the way bends a little, like a flight.
        let g = if t.refused {
            0.6 * (1.0 - (2.0 * f - 1.0).abs())
        } else {
            smooth(f)
        };
        let (a, c) = (lay.world(&fit, t.from), lay.world(&fit, t.to));
        let mid = (a + c) / 2.0;
        let d = c - a;
        let bend = Vec2::new(-d.y, d.x) * 0.15 + Vec2::new(0.0, d.length() * 0.08);
        tf.translation = quad(a, mid + bend, c, g).extend(12.0);
        s.custom_size = Some(Vec2::splat(30.0 * fit.zoom));
        let fade = if f > 0.85 { (1.0 - f) / 0.15 } else { 1.0 };
        let base = if t.refused {
            Color::srgb(1.0, 0.35, 0.3)
        } else {
            s.color.with_alpha(1.0)
        };
        s.color = base.with_alpha(fade);
        if *v != Visibility::Inherited {
            *v = Visibility::Inherited;
        }
    }
}

fn busy(
    clock: Res<MapClock>,
    tokens: Query<(), With<Token>>,
    effects: Res<Effects>,
    heads: Res<Headlines>,
    tint: Res<Tint>,
    talks: Option<Res<Talks>>,
    mut out: ResMut<MapBusy>,
) {
    let now = clock.seconds;
    let tint_moving = talks.is_some_and(|t| (rung_height(&t.0) - tint.0).abs() > 0.01);
    let b = !tokens.is_empty()
        || effects.0.iter().any(|(_, s, l, _)| s + l > now)
        || heads
            .0
            .iter()
            .any(|h| now - h.at < super::headline::CARD_SECONDS)
        || tint_moving;
    if out.0 != b {
        out.0 = b;
    }
}

/// Shows or hides an entity, touching its visibility only when it changes.
fn show(v: &mut Visibility, on: bool) {
    let want = if on {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    if *v != want {
        *v = want;
    }
}

fn smooth(f: f32) -> f32 {
    f * f * (3.0 - 2.0 * f)
}

fn quad(a: Vec2, b: Vec2, c: Vec2, t: f32) -> Vec2 {
    a.lerp(b, t).lerp(b.lerp(c, t), t)
}

/// The gizmos: relations, sanctions, and the effects under way.
fn draw(
    talks: Option<Res<Talks>>,
    lay: Option<Res<Layout>>,
    fit: Res<MapFit>,
    view: Res<View>,
    clock: Res<MapClock>,
    effects: Res<Effects>,
    mut gizmos: Gizmos,
) {
    let (Some(talks), Some(lay)) = (talks, lay) else {
        return;
    };
    if !fit.shown || *view != View::Map || fit.scale <= 0.0 {
        return;
    }
    let sim = &talks.0;
    let n = sim.scenario.parties.len();
    let now = clock.seconds;
    // Relations: one link per pair, coloured by their mutual trust (red 0, amber 50, green 100).
    for a in 0..n {
        for b in a + 1..n {
            let t = ((sim.state.trust(a as u8, b as u8) + sim.state.trust(b as u8, a as u8))
                / 200.0)
                .clamp(0.0, 1.0) as f32;
            let c = if t < 0.5 {
                Color::srgb(0.9, 0.25 + 0.5 * t * 2.0, 0.2)
            } else {
                Color::srgb(0.9 - 0.7 * (t - 0.5) * 2.0, 0.75, 0.3)
            };
            let strength = ((t - 0.5).abs() * 2.0).clamp(0.15, 1.0);
            gizmos.line_2d(
                lay.world(&fit, a),
                lay.world(&fit, b),
                c.with_alpha(0.15 + 0.45 * strength),
            );
        }
    }
    // Sanctions in force: dashed orange lines from the party imposing them to its target.
    for (a, ps) in sim.state.parties.iter().enumerate() {
        for b in 0..n {
            if ps.sanctions_on & (1 << b) == 0 {
                continue;
            }
            let (p, q) = (lay.world(&fit, a), lay.world(&fit, b));
            let len = p.distance(q);
            let dashes = (len / 14.0).max(1.0) as usize;
            let off = Vec2::new(0.0, -4.0 * fit.zoom);
            for k in (0..dashes).step_by(2) {
                let s = p.lerp(q, k as f32 / dashes as f32) + off;
                let e = p.lerp(q, (k as f32 + 1.0) / dashes as f32) + off;
                gizmos.line_2d(s, e, Color::srgba(0.9, 0.6, 0.0, 0.8));
            }
        }
    }
    for &(effect, start, length, colour) in &effects.0 {
        let f = (now - start) / length;
        if !(0.0..1.0).contains(&f) {
            continue;
        }
        match effect {
            Effect::Arc { from, to } => {
                let (a, c) = (fit.world(from), fit.world(to));
                let lift = Vec2::new(0.0, a.distance(c) * 0.6);
                let b = (a + c) / 2.0 + lift;
                let shown = (f * 1.2).min(1.0);
                let steps = 32;
                let pts: Vec<Vec2> = (0..=steps)
                    .map(|k| quad(a, b, c, shown * k as f32 / steps as f32))
                    .collect();
                gizmos.linestrip_2d(pts, colour.with_alpha(1.0 - f * 0.5));
            }
            Effect::Shock { at, radius } => {
                let r = radius * fit.scale * (0.1 + 0.9 * smooth(f));
                gizmos.circle_2d(fit.world(at), r, colour.with_alpha(1.0 - f));
                gizmos.circle_2d(fit.world(at), r * 0.7, colour.with_alpha((1.0 - f) * 0.5));
            }
            Effect::Ripple { at, party } => {
                let r = (10.0 + 30.0 * f) * fit.zoom;
                let centre = party.map_or(fit.world(at), |k| lay.world(&fit, k));
                gizmos.circle_2d(centre, r, colour.with_alpha(1.0 - f));
            }
        }
    }
}
