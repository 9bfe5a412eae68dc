//! The networked classroom: `sixparty host` runs the one authoritative simulation and `sixparty join`
//! seats a delegation at its own computer. Built on bevy_replicon's messages over its renet transport (UDP
//! with netcode): seats send moves, the host alone steps the run (the same [`crate::app::TalksPlugin`] step
//! as every other front end) and sends each seat the public record and its own private view only.

pub mod console;
pub mod host;
mod host_window;
pub mod join;
pub mod protocol;
mod seat_window;

use bevy::prelude::*;
use bevy_replicon::prelude::*;
use bevy_replicon_renet::renet::ConnectionConfig;
use bevy_replicon_renet::{RenetChannelsExt, RepliconRenetPlugins};
use std::time::{Duration, SystemTime};

/// A headless networked App, as the host and every seat run it: minimal plugins looping every 5 ms, the
/// states replicon needs, the single-threaded executor on the main schedules, replicon over renet with
/// sixparty's messages registered; and the renet connection settings for its channels.
pub(crate) fn net_app() -> (App, ConnectionConfig) {
    net_app_with(None)
}

/// [`net_app`], or with `window` a windowed one (Bevy's default plugins and egui) titled so.
pub(crate) fn net_app_with(window: Option<String>) -> (App, ConnectionConfig) {
    let mut app = App::new();
    match window {
        None => {
            app.add_plugins(
                MinimalPlugins.set(bevy::app::ScheduleRunnerPlugin::run_loop(
                    Duration::from_millis(5),
                )),
            )
            .add_plugins(bevy::state::app::StatesPlugin);
            crate::app::single_threaded(&mut app);
        }
        Some(title) => {
            app.add_plugins(DefaultPlugins.set(bevy::window::WindowPlugin {
                primary_window: Some(bevy::window::Window {
                    title,
                    resolution: bevy::window::WindowResolution::new(1280, 800),
                    ..default()
                }),
                ..default()
            }))
            .add_plugins(bevy_egui::EguiPlugin::default())
            .insert_resource(ClearColor(Color::srgb(0.1, 0.12, 0.13)))
            .add_systems(Startup, |mut commands: Commands| {
                commands.spawn((Camera2d, Msaa::Off));
            });
        }
    }
    app.add_plugins((RepliconPlugins, RepliconRenetPlugins));
    protocol::register(&mut app);
    let channels = app.world().resource::<RepliconChannels>();
    let config = ConnectionConfig {
        server_channels_config: channels.server_configs(),
        client_channels_config: channels.client_configs(),
        ..Default::default()
    };
    (app, config)
}

/// `--screenshot FILE --exit-after-day N` for a networked window: once the game has reached day N, a
/// picture of the window, then the App exits.
#[derive(Resource, Clone, Debug)]
pub struct Shot {
    /// Where the PNG goes.
    pub path: std::path::PathBuf,
    /// The day to take it on.
    pub day: i64,
    /// Frames since the day was reached.
    frames: u32,
    /// Whether the picture was asked for.
    taken: bool,
}

impl Shot {
    /// A picture to take at `day`.
    pub fn new(path: std::path::PathBuf, day: i64) -> Shot {
        Shot {
            path,
            day,
            frames: 0,
            taken: false,
        }
    }

    /// Called each frame with the game's day: takes the picture a few frames after the day is reached
    /// (for the interface to settle), and returns true once it is on disk.
    pub(crate) fn step(&mut self, day: i64, commands: &mut Commands, capturing: bool) -> bool {
        use bevy::render::view::screenshot::{Screenshot, save_to_disk};
        if day < self.day {
            return false;
        }
        self.frames += 1;
        if !self.taken && self.frames >= 15 {
            self.taken = true;
            commands
                .spawn(Screenshot::primary_window())
                .observe(save_to_disk(self.path.clone()));
            return false;
        }
        self.taken && self.frames >= 20 && !capturing
    }
}

/// The time since the Unix epoch, as netcode wants it.
pub(crate) fn unix_now() -> Duration {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
}

/// Lines typed on standard input, read on a thread of their own so that the loop never waits on them.
pub(crate) fn stdin_lines() -> std::sync::Mutex<std::sync::mpsc::Receiver<String>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::stdin().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    std::sync::Mutex::new(rx)
}
