//! The deterministic core of sixparty: scenarios, state, party decisions, rules, outcomes and transcripts.
//!
//! Nothing in this module may depend on Bevy or on rendering: every front end (the window, `sixparty run`,
//! batches, the adviser) calls [`engine::Simulation::step`].

pub mod action;
pub mod adviser;
pub mod batch;
pub mod brief;
pub mod date;
pub mod debrief;
pub mod decide;
pub mod diag;
pub mod doc;
pub mod engine;
pub mod factor;
pub mod invariants;
pub mod locate;
pub mod render;
pub mod report;
pub mod save;
pub mod scenario;
pub mod script;
pub mod soak;
pub mod state;
pub mod summary;
pub mod transcript;
pub mod whatif;

pub use engine::Simulation;
pub use scenario::{Scenario, default_scenario, load_scenario, read_scenario};

use diag::{Diagnostic, Diagnostics};

/// Reads a text file, turning every failure into a diagnostic that names the file.
pub fn read_text(path: &std::path::Path) -> Result<String, Diagnostics> {
    let name = path.display().to_string();
    let bytes = read_bytes(path, "a file")?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(good);
        let line = 1 + text.matches('\n').count();
        let col = 1 + text.rsplit('\n').next().map_or(0, |l| l.chars().count());
        Diagnostics(vec![Diagnostic {
            file: name.clone(),
            line,
            col,
            path: String::new(),
            message: "is not valid UTF-8 text".into(),
        }])
    })
}

/// Reads a file's bytes, turning every failure into a diagnostic that names the file; `what` is what was
/// expected instead of a directory ("a file", "a save file").
pub fn read_bytes(path: &std::path::Path, what: &str) -> Result<Vec<u8>, Diagnostics> {
    let fail = |message: String| {
        Diagnostics(vec![Diagnostic {
            file: path.display().to_string(),
            line: 1,
            col: 1,
            path: String::new(),
            message,
        }])
    };
    if path.is_dir() {
        return Err(fail(format!("is a directory; expected {what}")));
    }
    std::fs::read(path).map_err(|e| {
        fail(match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => format!("cannot read: {e}"),
        })
    })
}

/// The `.ron` files in a folder, sorted by name (none if it cannot be read).
pub fn ron_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
