//! The map view, drawn by Bevy: the region's map with each regional party's land in its colour, the six
//! capitals with their flags and names (Washington and Moscow as insets), the venue in Beijing that lights
//! up when the talks sit, relations as links coloured by trust, sanctions as dashed lines, envoys, meetings,
//! aid and sanctions as tokens travelling between capitals, tests as arcs and shockwaves, and the ladder's
//! rung tinting the scene from calm to alarm. Everything moves on the map's own clock, which stops when the
//! game is paused.

use super::assets::{Loading, MapAssets};
use super::headline::{Headlines, headline};
use super::layout::{INSET, Layout, MapFit, dense, inset_size, layout};
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
