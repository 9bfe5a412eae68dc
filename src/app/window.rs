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
}

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
}

/// Opens the window and plays until it is closed (or the automation stops it).
pub fn run_window(
    opts: PlayOptions,
    setup: SetupChoices,
    load: Option<(crate::sim::io::save::Loaded, PathBuf)>,
) -> AppExit {
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "sixparty: the Six-Party Talks".into(),
            resolution: WindowResolution::new(1280, 800),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(bevy_egui::EguiPlugin::default())
    .add_plugins(TalksPlugin)
    .add_plugins(super::game::plugin)
    .add_plugins(super::ui::plugin)
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
    .add_systems(Update, automate.after(TalksSystems::Publish));
    app.run()
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
                replay_path: (!save.replay.is_empty()).then(|| PathBuf::from(&save.replay)),
            },
        );
        return;
    }
    if !(opts.start || opts.autoplay || opts.debrief || opts.exit_after_days.is_some()) {
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
                advisers_play: !opts.start,
                turn_limit: setup.turn_limit,
                dir,
                origin,
                save_path: None,
                replay_path: None,
            },
        );
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
            if opts.debrief {
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
        }
    }
    let Some(reached) = auto.reached_at else {
        return;
    };
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
    let mut failed = false;
    if let (Some(path), Some(t)) = (&opts.transcript, &talks)
        && let Err(e) = crate::sim::io::files::write_atomic(
            path,
            crate::sim::output::render::text(&t.0).as_bytes(),
        )
    {
        eprintln!("sixparty: cannot write {}: {e}", path.display());
        failed = true;
    }
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
