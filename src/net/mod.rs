//! The networked classroom: `sixparty host` runs the one authoritative simulation and `sixparty join`
//! seats a delegation at its own computer. Built on bevy_replicon's messages over its renet transport (UDP
//! with netcode): seats send moves, the host alone steps the run (the same [`crate::app::TalksPlugin`] step
//! as every other front end) and sends each seat the public record and its own private view only.

pub mod console;
pub mod host;
pub mod join;
pub mod protocol;

use bevy::prelude::*;
use bevy_replicon::prelude::*;
use bevy_replicon_renet::renet::ConnectionConfig;
use bevy_replicon_renet::{RenetChannelsExt, RepliconRenetPlugins};
use std::time::{Duration, SystemTime};

/// A headless networked App, as the host and every seat run it: minimal plugins looping every 5 ms, the
/// states replicon needs, the single-threaded executor on the main schedules, replicon over renet with
/// sixparty's messages registered; and the renet connection settings for its channels.
pub(crate) fn net_app() -> (App, ConnectionConfig) {
    let mut app = App::new();
    app.add_plugins(
        MinimalPlugins.set(bevy::app::ScheduleRunnerPlugin::run_loop(
            Duration::from_millis(5),
        )),
    )
    .add_plugins(bevy::state::app::StatesPlugin);
    crate::app::single_threaded(&mut app);
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
