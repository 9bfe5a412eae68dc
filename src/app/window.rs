//! The window front end: Bevy's default plugins, egui, the talks and the game, plus the automation that
//! the tests, CI and the README's screenshots use (`--autoplay`, `--screenshot`, `--exit-after-days`).

use super::game::{Command, Game, GameSetup, Screen, SetupChoices, resume_game, start_game};
use super::ui::UiScale;
use super::{Talks, TalksPlugin, TalksSystems};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Capturing, Screenshot, save_to_disk};
use bevy::window::WindowResolution;
use std::path::PathBuf;
use std::sync::Arc;

/// What `sixparty play` was asked to do.
#[derive(Resource, Clone, Debug, Default)]
pub struct PlayOptions {
    /// A scenario file to select (else the embedded default).
    pub scenario: Option<PathBuf>,
    /// The delegations played by people, by id.
    pub humans: Vec<String>,
    /// A save to resume, already loaded.
    pub load: Option<PathBuf>,
    /// The seed.
    pub seed: Option<u64>,
    /// Start at once, with the delegation's advisers playing for the player.
    pub autoplay: bool,
    /// Start at once and let the player play (skip the setup screen).
    pub start: bool,
    /// Speed index into [`super::game::SPEEDS`].
    pub speed: Option<usize>,
    /// Stop after this many days have been played.
    pub exit_after_days: Option<i64>,
    /// Stop after this many frames.
    pub exit_after_frames: Option<u32>,
    /// Save a screenshot before stopping.
    pub screenshot: Option<PathBuf>,
    /// Open this delegation's dossier.
    pub dossier: Option<String>,
    /// Play to the end and stop on the debrief.
    pub debrief: bool,
    /// Text scale.
    pub scale: f32,
    /// Where replays go.
    pub replay_dir: PathBuf,
    /// Print frame-time figures on exit.
    pub frame_stats: bool,
    /// Write the run's chronicle here on exit.
    pub transcript: Option<PathBuf>,
    /// A resumed game goes on writing the replay it was saved with (else a new `…-2.ron`).
    pub same_replay: bool,
    /// With `--tour`: close the window after answering this many stops.
    pub exit_after_stops: Option<u32>,
    /// Answer each stop by waiting, and take a screenshot at each into this folder (`--tour`).
    pub tour: Option<PathBuf>,
    /// The folder the window's assets are read from (`--assets`; see [`super::map::assets::folder`]).
    pub assets: Option<PathBuf>,
    /// The view the table screen opens on (`--view`).
    pub view: super::map::scene::View,
    /// The window's language, an index into [`super::i18n::LANGUAGES`] (`--lang`).
    pub lang: usize,
}

/// The first frame on which `--tour` takes a picture.
const TOUR_FIRST_FRAME: u32 = 60;

/// Whether a display is there to open a window on.
pub fn display_available() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

#[derive(Resource, Default)]
struct Automation {
    frames: u32,
    reached_at: Option<u32>,
    shot_at: Option<u32>,
    frame_times: Vec<f32>,
    dossier_sent: bool,
    speed_set: bool,
    tour: Tour,
    /// The map's clock when the automation stopped the days, and the time it did.
    map_clock_at: f32,
    reached_secs: Option<f32>,
}

/// What the automation waits for on the map before it takes a picture.
#[derive(bevy::ecs::system::SystemParam)]
struct MapWait<'w> {
    clock: ResMut<'w, super::map::scene::MapClock>,
    fit: Res<'w, super::map::layout::MapFit>,
    assets: Option<Res<'w, super::map::assets::MapAssets>>,
}

/// `--tour`: a player who answers every stop with the advisers' first choice, with a screenshot at each.
#[derive(Default)]
struct Tour {
    /// The frame the current stop was first seen on.
    seen_at: Option<u32>,
    /// The frame its screenshot was asked for.
    shot_at: Option<u32>,
    /// Stops answered so far.
    answered: u32,
    /// One line per stop answered: day, what stopped the game, the answer.
    lines: Vec<String>,
    /// When the table was first shown.
    began: Option<std::time::Instant>,
    /// The debrief's screenshot was asked for on this frame.
    debrief_at: Option<u32>,
    /// At the first stop in session, the full move list is shown (M) and pictured too: the frame it was
    /// opened on, the frame its picture was asked for, and whether that is done.
    moves_at: Option<u32>,
    moves_shot_at: Option<u32>,
    moves_done: bool,
}

/// Opens the window and plays until it is closed (or the automation stops it).
pub fn run_window(
    opts: PlayOptions,
    setup: SetupChoices,
    load: Option<(crate::sim::io::save::Loaded, PathBuf)>,
) -> AppExit {
    let mut app = App::new();
    super::i18n::set(opts.lang);
    let assets = super::map::assets::folder(opts.assets.clone());
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: super::i18n::text("setup.title").into(),
                    resolution: WindowResolution::new(1280, 800),
                    ..default()
                }),
                ..default()
            })
            .set(bevy::asset::AssetPlugin {
                file_path: assets.to_string_lossy().into_owned(),
                // The assets carry no `.meta` files: none is looked for.
                meta_check: bevy::asset::AssetMetaCheck::Never,
                ..default()
            }),
    )
    .add_plugins(bevy_egui::EguiPlugin::default())
    .add_plugins(TalksPlugin)
    .add_plugins(super::game::plugin)
    .add_plugins(super::ui::plugin)
    .insert_resource(super::map::assets::AssetsFolder(assets))
    .add_plugins(super::map::plugin)
    .insert_resource(opts.view)
    .insert_resource(ClearColor(Color::srgb(0.1, 0.12, 0.13)))
    .insert_resource(UiScale(opts.scale))
    .insert_resource(setup)
    .init_resource::<Automation>()
    .insert_resource(opts)
    .insert_resource(match load {
        Some((l, path)) => LoadedSave(Some(l), path),
        None => LoadedSave(None, PathBuf::new()),
    })
    .add_systems(Startup, (spawn_camera, autostart))
    .add_systems(Update, automate.after(TalksSystems::Publish))
    .add_systems(Update, tour.after(automate))
    .add_systems(Update, redraw_mode)
    .add_systems(
        PreUpdate,
        quiet_modifiers
            .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
            .before(bevy_egui::EguiPreUpdateSet::BeginPass),
    );
    app.run()
}

/// A game paused (or waiting for a person, with no clock on the turn) with nothing moving on the map and
/// nothing being worked out redraws only on input, so that an idle window costs almost no CPU; otherwise
/// every frame is drawn. The automation (tests, screenshots) always draws every frame.
fn redraw_mode(
    game: Option<Res<Game>>,
    opts: Res<PlayOptions>,
    busy: Res<super::map::scene::MapBusy>,
    screen: Res<State<Screen>>,
    mut winit: ResMut<bevy::winit::WinitSettings>,
) {
    use bevy::winit::UpdateMode;
    let automated = opts.exit_after_days.is_some()
        || opts.exit_after_frames.is_some()
        || opts.debrief
        || opts.tour.is_some();
    let idle = !automated
        && *screen.get() == Screen::Table
        && !busy.0
        && game.as_ref().is_some_and(|g| {
            (g.paused || (g.stop.is_some() && g.turn_limit.is_none()))
                && !g.thinking
                && !g.reporting
        });
    let (focused, unfocused) = if idle {
        let wait = UpdateMode::reactive_low_power(std::time::Duration::from_secs(5));
        (wait, wait)
    } else {
        (
            UpdateMode::Continuous,
            UpdateMode::reactive_low_power(std::time::Duration::from_secs_f64(1.0 / 60.0)),
        )
    };
    if winit.focused_mode != focused {
        winit.focused_mode = focused;
        winit.unfocused_mode = unfocused;
    }
}

/// bevy_egui hands egui the keyboard's modifiers as a new event on every frame, and egui answers every
/// event with a request to draw the next frame: the window would never rest. Only a change of modifiers
/// is passed on (egui reads the modifiers themselves from its input as before).
fn quiet_modifiers(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut last: Local<Option<bevy_egui::egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        let mut seen = *last;
        input.0.events.retain(|e| match e {
            bevy_egui::egui::Event::ModifiersChanged(m) => {
                let changed = seen != Some(*m);
                seen = Some(*m);
                changed
            }
            _ => true,
        });
        *last = seen;
    }
}

fn spawn_camera(mut commands: Commands) {
    // The interface is egui's flat shapes and text: multisampling adds nothing to see and costs a lot on
    // software renderers.
    commands.spawn((Camera2d, Msaa::Off, Name::new("Camera")));
}

/// A save given with `--load`, waiting to be put on the table at startup.
#[derive(Resource)]
pub struct LoadedSave(pub Option<crate::sim::io::save::Loaded>, pub PathBuf);

fn autostart(
    mut commands: Commands,
    opts: Res<PlayOptions>,
    setup: Res<SetupChoices>,
    loaded: Option<ResMut<LoadedSave>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let dir = setup.replay_dir.clone();
    if let Some(mut l) = loaded
        && let Some(save) = l.0.take()
    {
        // A resumed game goes straight back to the table, with the same human delegations; its next
        // save replaces the file it came from.
        let humans = save.humans.clone();
        resume_game(
            &mut commands,
            &mut next,
            save.sim,
            GameSetup {
                humans,
                // Automation (a test, a screenshot) lets the advisers play; `--start` gives the seats
                // back to people.
                advisers_play: !opts.start
                    && (opts.autoplay || opts.debrief || opts.exit_after_days.is_some()),
                // The limit given on the command line, else the one the game was saved with.
                turn_limit: if setup.turn_limit > 0 {
                    setup.turn_limit
                } else {
                    save.turn_limit
                },
                dir,
                origin: save.origin,
                save_path: Some(l.1.clone()),
                // A resumed game writes a new replay beside the old one (`…-2.ron`), so that the
                // finished game's replay is never cut short, unless told to go on with the same file
                // (which is still never replaced by a shorter game).
                replay_path: (!save.replay.is_empty()).then(|| {
                    let old = PathBuf::from(&save.replay);
                    if opts.same_replay {
                        old
                    } else {
                        super::game::unused_path(&old)
                    }
                }),
                pause_rules: setup.pause_rules,
            },
        );
        return;
    }
    if !(opts.start
        || opts.autoplay
        || opts.debrief
        || opts.exit_after_days.is_some()
        || opts.tour.is_some())
    {
        return;
    }
    if let Some(scn) = setup.scenario() {
        let origin = setup.origin();
        start_game(
            &mut commands,
            &mut next,
            Arc::clone(&scn),
            setup.seed,
            GameSetup {
                humans: setup.humans.clone(),
                advisers_play: !opts.start && opts.tour.is_none(),
                turn_limit: setup.turn_limit,
                dir,
                origin,
                save_path: None,
                replay_path: None,
                pause_rules: setup.pause_rules,
            },
        );
    }
}

/// `--tour DIR`: at each stop, once the interface has settled, a screenshot (`DIR/stop-NN-day-DDD.png`),
/// then the advisers' first choice as the player's answer (a wait answers "Continue"); on the debrief a
/// last screenshot and a summary on standard output: stops, decisions, days and wall-clock time.
#[expect(
    clippy::too_many_arguments,
    reason = "a Bevy system takes what it touches"
)]
fn tour(
    mut commands: Commands,
    mut auto: ResMut<Automation>,
    opts: Res<PlayOptions>,
    screen: Res<State<Screen>>,
    talks: Option<Res<Talks>>,
    game: Option<Res<Game>>,
    capturing: Query<(), With<Capturing>>,
    mut out: MessageWriter<Command>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(dir) = opts.tour.clone() else {
        return;
    };
    let frames = auto.frames;
    let (Some(t), Some(g)) = (talks, game) else {
        return;
    };
    let tour = &mut auto.tour;
    tour.began.get_or_insert_with(std::time::Instant::now);
    let shoot = |commands: &mut Commands, name: String| {
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(dir.join(name)));
    };
    if *screen.get() == Screen::Debrief {
        match tour.debrief_at {
            None => {
                if tour.seen_at.is_none() {
                    tour.seen_at = Some(frames);
                }
                if frames >= tour.seen_at.unwrap_or(frames) + 12 {
                    tour.debrief_at = Some(frames);
                    shoot(&mut commands, "debrief.png".into());
                }
            }
            Some(at) if frames >= at + 3 && capturing.is_empty() => {
                let sim = &t.0;
                println!("{}", tour.lines.join("\n"));
                println!(
                    "tour: {} stops answered, {} decisions by the player, {} days played, outcome {} on day {}, {:.1} s wall clock",
                    tour.answered,
                    g.decisions,
                    sim.state.day,
                    sim.outcome.as_ref().map_or("none", |o| o.kind.key()),
                    sim.outcome.as_ref().map_or(0, |o| o.day),
                    tour.began.map_or(0.0, |b| b.elapsed().as_secs_f64())
                );
                exit.write(if write_transcript(&opts, Some(&*t)) {
                    AppExit::Success
                } else {
                    AppExit::error()
                });
            }
            _ => {}
        }
        return;
    }
    if *screen.get() != Screen::Table {
        return;
    }
    if g.cover().is_some() {
        out.write(Command::TakeSeat);
        return;
    }
    let (Some(stop), Some(p)) = (&g.stop, g.mover()) else {
        tour.seen_at = None;
        return;
    };
    let seen = *tour.seen_at.get_or_insert(frames);
    match tour.shot_at {
        // The first stop comes on the first frames: a software renderer may not have drawn the window
        // yet (once, the first picture was one colour), so no picture before the 60th frame.
        None if frames >= seen + 12 && frames >= TOUR_FIRST_FRAME => {
            tour.shot_at = Some(frames);
            shoot(
                &mut commands,
                format!("stop-{:02}-day-{:03}.png", tour.answered + 1, stop.day),
            );
        }
        Some(at)
            if frames >= at + 3
                && capturing.is_empty()
                && !tour.moves_done
                && t.0.state.phase == crate::sim::scenario::Phase::InSession =>
        {
            // The full move list, pictured once, then back to the advisers before answering.
            match (tour.moves_at, tour.moves_shot_at) {
                (None, _) => {
                    out.write(Command::ToggleAllMoves);
                    tour.moves_at = Some(frames);
                }
                (Some(m), None) if frames >= m + 12 => {
                    tour.moves_shot_at = Some(frames);
                    shoot(
                        &mut commands,
                        format!("moves-{:02}-day-{:03}.png", tour.answered + 1, stop.day),
                    );
                }
                (Some(_), Some(ms)) if frames >= ms + 3 && capturing.is_empty() => {
                    out.write(Command::ToggleAllMoves);
                    tour.moves_done = true;
                }
                _ => {}
            }
        }
        Some(at) if frames >= at + 3 && capturing.is_empty() => {
            let sim = &t.0;
            let today = sim.state_at_decision();
            let action = crate::sim::decide::options(&sim.scenario, &today, p)
                .first()
                .map_or(crate::sim::action::Action::Wait, |c| c.action);
            tour.answered += 1;
            tour.lines.push(format!(
                "stop {:>2}, day {:>3}: {} -> {}",
                tour.answered,
                stop.day,
                stop.why
                    .iter()
                    .map(|(_, w)| w.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                crate::sim::output::render::describe_action(&sim.scenario, &action)
            ));
            out.write(if action == crate::sim::action::Action::Wait {
                Command::Continue
            } else {
                Command::PlayerMove(action)
            });
            tour.seen_at = None;
            tour.shot_at = None;
            if opts.exit_after_stops.is_some_and(|n| tour.answered >= n) {
                println!("{}", tour.lines.join("\n"));
                exit.write(if write_transcript(&opts, Some(&*t)) {
                    AppExit::Success
                } else {
                    AppExit::error()
                });
            }
        }
        _ => {}
    }
}

/// `--transcript FILE`: the chronicle so far, written whole or not at all; false if it could not be.
fn write_transcript(opts: &PlayOptions, talks: Option<&Talks>) -> bool {
    let (Some(path), Some(t)) = (&opts.transcript, talks) else {
        return true;
    };
    match crate::sim::io::files::write_atomic(
        path,
        crate::sim::output::render::text(&t.0).as_bytes(),
    ) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("sixparty: cannot write {}: {e}", path.display());
            false
        }
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Bevy system takes what it touches"
)]
fn automate(
    mut commands: Commands,
    mut auto: ResMut<Automation>,
    opts: Res<PlayOptions>,
    time: Res<Time>,
    screen: Res<State<Screen>>,
    talks: Option<Res<Talks>>,
    game: Option<ResMut<Game>>,
    capturing: Query<(), With<Capturing>>,
    mut map: MapWait,
    mut out: MessageWriter<Command>,
    mut exit: MessageWriter<AppExit>,
) {
    auto.frames += 1;
    let mut game = game;
    if *screen.get() == Screen::Table {
        auto.frame_times.push(time.delta_secs());
        if let Some(g) = game.as_mut()
            && !auto.speed_set
        {
            auto.speed_set = true;
            if let Some(s) = opts.speed {
                g.speed = s.min(super::game::SPEEDS.len() - 1);
            }
            if opts.debrief || (opts.tour.is_some() && opts.speed.is_none()) {
                g.speed = super::game::SPEEDS.len() - 1;
            }
        }
        if !auto.dossier_sent
            && let (Some(id), Some(t)) = (&opts.dossier, &talks)
        {
            auto.dossier_sent = true;
            out.write(Command::Dossier(t.0.scenario.party_index(id)));
        }
    }
    if auto.reached_at.is_none() {
        let days_done = match (opts.exit_after_days, &talks) {
            (Some(n), Some(t)) => t.0.state.day >= n || t.0.is_finished(),
            _ => false,
        };
        let frames_done = opts.exit_after_frames.is_some_and(|n| auto.frames >= n);
        let debrief_done = opts.debrief && *screen.get() == Screen::Debrief;
        if days_done || frames_done || debrief_done {
            auto.reached_at = Some(auto.frames);
            if let Some(g) = game.as_mut() {
                g.paused = true;
            }
            // The days stop; the map's animations of the last day go on, so that a picture shows them.
            map.clock.running = true;
            auto.map_clock_at = map.clock.seconds;
        }
    }
    let Some(reached) = auto.reached_at else {
        return;
    };
    // A picture waits for the assets (at most ten seconds) and for a second of the map's animations.
    let assets_settled = map
        .assets
        .as_ref()
        .is_none_or(|a| !matches!(a.status, super::map::assets::Loading::Pending(..)));
    let since = *auto.reached_secs.get_or_insert(time.elapsed_secs());
    let waited = time.elapsed_secs() > since + 10.0;
    let animated = !map.fit.shown || map.clock.seconds >= auto.map_clock_at + 1.0;
    if !(waited || assets_settled && animated) {
        return;
    }
    if let Some(path) = &opts.screenshot {
        // Let the interface settle for a few frames, take the picture, wait until it is on disk.
        if auto.shot_at.is_none() && auto.frames >= reached + 12 {
            auto.shot_at = Some(auto.frames);
            commands
                .spawn(Screenshot::primary_window())
                .observe(save_to_disk(path.clone()));
            return;
        }
        match auto.shot_at {
            Some(at) if auto.frames >= at + 3 && capturing.is_empty() => {}
            _ => return,
        }
    }
    let failed = !write_transcript(&opts, talks.as_deref());
    if opts.frame_stats {
        let mut v: Vec<f32> = auto.frame_times.iter().skip(10).copied().collect();
        v.sort_by(|a, b| a.total_cmp(b));
        if !v.is_empty() {
            let mean = v.iter().sum::<f32>() / v.len() as f32;
            let p95 = v[(v.len() * 95 / 100).min(v.len() - 1)];
            eprintln!(
                "frame time over {} frames at the table: mean {:.1} ms ({:.0} fps), 95th percentile {:.1} ms, worst {:.1} ms",
                v.len(),
                1e3 * mean,
                1.0 / mean,
                1e3 * p95,
                1e3 * v[v.len() - 1]
            );
        }
    }
    exit.write(if failed {
        AppExit::error()
    } else {
        AppExit::Success
    });
}
