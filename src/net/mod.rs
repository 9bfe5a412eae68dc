//! The networked classroom: `sixparty host` runs the one authoritative simulation and `sixparty join`
//! seats a delegation at its own computer. Built on bevy_replicon's messages over its renet transport (UDP
//! with netcode): seats send moves, the host alone steps the run (the same [`crate::app::TalksPlugin`] step
//! as every other front end) and sends each seat the public record and its own private view only.

pub mod host;
pub mod join;
pub mod protocol;

use bevy::prelude::*;

/// A headless networked App: minimal plugins looping every `frame` (the host's and a seat's loop), the
/// states replicon needs, and the single-threaded executor on the main schedules.
pub(crate) fn headless_net_app(frame: std::time::Duration) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins.set(bevy::app::ScheduleRunnerPlugin::run_loop(frame)))
        .add_plugins(bevy::state::app::StatesPlugin);
    crate::app::single_threaded(&mut app);
    app
}
