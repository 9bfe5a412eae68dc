//! What the test crates share: the repository's root, the shipped scenarios, temporary folders that clean up
//! after themselves, the binary runner, and (with the window's feature) Bevy App builders.

#![allow(
    dead_code,
    reason = "each test crate uses a different part of this module"
)]

use sixparty::sim::{Scenario, read_scenario};
use std::path::{Path, PathBuf};
#[cfg(feature = "app")]
use std::process::Command;
use std::process::Output;
use std::sync::Arc;

/// The repository's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `.ron` files in `scenarios/`, by name.
pub fn shipped_files() -> Vec<PathBuf> {
    let files = sixparty::sim::io::files::ron_files(&root().join("scenarios"));
    assert!(!files.is_empty(), "scenarios/ holds scenarios");
    files
}

/// Every scenario shipped in `scenarios/`, loaded, with its file.
pub fn shipped() -> Vec<(PathBuf, Arc<Scenario>)> {
    shipped_files()
        .into_iter()
        .map(|f| {
            let s = read_scenario(&f).unwrap_or_else(|e| panic!("{e}"));
            (f, Arc::new(s))
        })
        .collect()
}

/// A shipped scenario by file name (`"teaching60.ron"`).
pub fn scenario(name: &str) -> Arc<Scenario> {
    Arc::new(read_scenario(&root().join("scenarios").join(name)).unwrap_or_else(|e| panic!("{e}")))
}

/// A temporary folder of its own, removed when dropped (also when the test fails).
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new, empty folder named after `name` and this process.
    pub fn new(name: &str) -> TempDir {
        let d = std::env::temp_dir().join(format!("sixparty-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("a temporary folder can be made");
        TempDir(d)
    }
    /// Its path.
    pub fn path(&self) -> PathBuf {
        self.0.clone()
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `sixparty` binary, to run from the repository's root.
#[cfg(feature = "app")]
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sixparty"));
    c.current_dir(root());
    c
}

/// Runs `sixparty ARGS` from the repository's root.
#[cfg(feature = "app")]
pub fn sixparty(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

/// Runs `sixparty ARGS` (a headless run of a replay, say) and checks that it succeeds and prints
/// exactly `expected`.
#[cfg(feature = "app")]
pub fn prints_exactly(args: &[&str], expected: &str) {
    let out = sixparty(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
}

/// Runs `sixparty ARGS` from `dir`.
#[cfg(feature = "app")]
pub fn sixparty_in(args: &[&str], dir: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 output")
}

/// Bevy App builders for the game's logic without rendering.
#[cfg(feature = "app")]
pub mod apps {
    use bevy::prelude::*;
    use bevy::state::app::StatesPlugin;
    use bevy::time::TimeUpdateStrategy;
    use sixparty::app::TalksPlugin;
    use sixparty::app::game::{Command, Game, Screen, SetupChoices};
    use std::time::Duration;

    /// An App with the game's logic and the given setup; every update is one second of game time.
    pub fn game_app(setup: SetupChoices) -> App {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, StatesPlugin, TalksPlugin))
            .add_plugins(sixparty::app::game::plugin)
            .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(1)));
        app.insert_resource(setup);
        // Virtual time caps a frame at 250 ms unless told otherwise.
        app.world_mut()
            .resource_mut::<Time<Virtual>>()
            .set_max_delta(Duration::from_secs(2));
        app.update();
        app
    }

    /// Sends the game a command and plays one update.
    pub fn send(app: &mut App, c: Command) {
        app.world_mut().write_message(c);
        app.update();
    }

    /// The game resource.
    pub fn game(app: &App) -> &Game {
        app.world().resource::<Game>()
    }

    /// The screen shown.
    pub fn screen(app: &App) -> Screen {
        *app.world().resource::<State<Screen>>().get()
    }
}
