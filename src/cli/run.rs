//! `sixparty run` (one run: its chronicle or transcript, saves and resumes) and `sixparty check`.

use super::{
    EXIT_INPUT, EXIT_OUTPUT, Failure, input, load_scenario_arg, parse_days, parse_seed, read_input,
    say, usage, write_output,
};
use crate::sim::io::diag::Diagnostics;
use crate::sim::io::files::write_atomic;
use crate::sim::io::save::EMBEDDED_ORIGIN;
use crate::sim::io::script::load_script;
use crate::sim::output::render;
use crate::sim::{Scenario, Simulation, default_scenario, read_scenario};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The output of `run`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum RunFormat {
    /// The chronicle, day by day, in words.
    #[default]
    Text,
    /// The transcript as JSON (docs/transcript.md).
    Json,
}

/// `sixparty run`.
#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// A scenario file (`-` for standard input); the embedded default if omitted.
    #[arg(value_name = "SCENARIO")]
    scenario: Option<String>,
    /// The run's seed [default: the script's seed, else 1].
    #[arg(short, long, value_name = "N", value_parser = parse_seed, allow_negative_numbers = true)]
    seed: Option<u64>,
    /// End the run after day N instead of the scenario's horizon (1–3650).
    #[arg(short, long, value_name = "N", value_parser = parse_days, allow_negative_numbers = true)]
    days: Option<i64>,
    /// Moves fixed in advance: a script, or a replay saved by the window (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    script: Option<String>,
    /// Text chronicle or JSON transcript.
    #[arg(short, long, value_enum, default_value_t = RunFormat::Text)]
    format: RunFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<String>,
    /// Save the run to FILE just before day DAY is played (0–3650); may be repeated.
    #[arg(long, num_args = 2, value_names = ["DAY", "FILE"], action = clap::ArgAction::Append, allow_negative_numbers = true)]
    save_at: Vec<String>,
    /// Resume a saved run (the save holds the scenario, the seed and the moves).
    #[arg(long, value_name = "SAVE", conflicts_with_all = ["scenario", "seed", "script"])]
    load: Option<String>,
}

/// Finds the scenario a replay or script was written for: the file given, else the embedded default or a
/// file in `./scenarios` with that id.
pub(crate) fn scenario_for(
    id: &str,
    given: Option<&Arc<Scenario>>,
    replay: &str,
) -> Result<Arc<Scenario>, Failure> {
    if let Some(s) = given {
        return Ok(Arc::clone(s));
    }
    let default = default_scenario();
    if default.file.meta.id == id {
        return Ok(Arc::new(default));
    }
    for f in crate::sim::io::files::ron_files(Path::new("scenarios")) {
        if let Ok(s) = read_scenario(&f)
            && s.file.meta.id == id
        {
            return Ok(Arc::new(s));
        }
    }
    Err(Failure {
        code: EXIT_INPUT,
        message: format!(
            "{replay}:1:1: scenario: {}; give the scenario file (`run SCENARIO --script {replay}`, `report --scenario FILE`)",
            if id.is_empty() {
                "the replay does not say which scenario it was written for".to_string()
            } else {
                format!(
                    "the replay was written for scenario `{id}`, which is neither the default nor a valid file in ./scenarios"
                )
            }
        ),
    })
}

/// The scenario id a script or replay names (`kind` says which, in messages), read before the scenario
/// it is checked against.
pub(crate) fn script_scenario_id(
    name: &str,
    text: &str,
    kind: &str,
) -> Result<Option<String>, Diagnostics> {
    let map = crate::sim::io::locate::SourceMap::scan(text);
    crate::sim::io::ron::parse_ron::<crate::sim::io::script::ScriptFile>(name, text, &map, kind)
        .map(|s| s.scenario)
}

pub(crate) fn cmd_run(a: RunArgs) -> Result<(), Failure> {
    let mut saves: Vec<(i64, PathBuf)> = Vec::new();
    // Each --save-at brings exactly two values, so the flat list comes in pairs.
    for pair in a.save_at.chunks(2) {
        let (day, file) = (&pair[0], &pair[1]);
        let day: i64 = day.parse().ok().filter(|d| (0..=3650).contains(d)).ok_or_else(|| {
            usage(format!(
                "--save-at {day} {file}: `{day}` is not a day; expected a whole number from 0 to 3650"
            ))
        })?;
        let file = PathBuf::from(file);
        if file.is_dir() {
            return Err(usage(format!(
                "--save-at {day} {}: is a directory; expected a file name",
                file.display()
            )));
        }
        saves.push((day, file));
    }
    let (mut sim, origin) = if let Some(f) = &a.load {
        let loaded = crate::sim::io::save::read_save(Path::new(f)).map_err(input)?;
        (loaded.sim, loaded.origin)
    } else {
        let origin = a.scenario.clone().unwrap_or_else(|| EMBEDDED_ORIGIN.into());
        let script = match &a.script {
            Some(f) => Some(read_input(f)?),
            None => None,
        };
        // A script or replay of another scenario than the default finds it by its id in ./scenarios.
        let wanted = match (&a.scenario, &script) {
            // A script that cannot be read is reported by its own check below.
            (None, Some((name, text))) => script_scenario_id(name, text, "script")
                .ok()
                .flatten()
                .filter(|id| *id != crate::sim::scenario::default_scenario_id()),
            _ => None,
        };
        let scenario = match (&wanted, &script) {
            // Not found: the default, against which the script's own check names the mismatch in place.
            (Some(id), Some((name, _))) => {
                scenario_for(id, None, name).unwrap_or_else(|_| Arc::new(default_scenario()))
            }
            _ => Arc::new(load_scenario_arg(a.scenario.as_deref())?),
        };
        let script = match script {
            Some((name, text)) => Some(load_script(&name, &text, &scenario).map_err(input)?),
            None => None,
        };
        let seed = a
            .seed
            .or_else(|| script.as_ref().and_then(|s| s.file.seed))
            .unwrap_or(1);
        let mut sim = Simulation::new(scenario, seed, true);
        if let Some(s) = script {
            s.fix_into(&mut sim);
        }
        (sim, origin)
    };
    if let Some(d) = a.days {
        if d < sim.state.day {
            return Err(usage(format!(
                "--days {d}: the save is already at day {}; give a later day",
                sim.state.day
            )));
        }
        sim.set_horizon(d);
    }
    // Each save is written when its day comes, before the day is played, or at the end if the run ends
    // first; a save that cannot be written stops the command with nothing half-written.
    let mut failed: Option<Failure> = None;
    let mut pending = saves;
    let sim = crate::app::run_headless_with(sim, |sim| {
        pending.retain(|(day, file)| {
            if failed.is_some() || (sim.state.day < *day && !sim.is_finished()) {
                return true;
            }
            let text = crate::sim::io::save::save_text(sim, &origin, &[]);
            match write_atomic(file, text.as_bytes()) {
                Ok(()) => eprintln!(
                    "sixparty: saved the run before day {} to {}",
                    sim.state.day,
                    file.display()
                ),
                Err(e) => {
                    failed = Some(Failure {
                        code: EXIT_OUTPUT,
                        message: format!("sixparty: cannot write {}: {e}", file.display()),
                    })
                }
            }
            false
        });
    });
    if let Some(f) = failed {
        return Err(f);
    }
    let text = match a.format {
        RunFormat::Json => render::json_text(&sim),
        RunFormat::Text => render::text(&sim),
    };
    write_output(a.out.as_deref(), &text)
}

/// `sixparty check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The scenario files to validate (`-` for standard input).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,
}

pub(crate) fn cmd_check(a: CheckArgs) -> Result<(), Failure> {
    let mut bad = Vec::new();
    for f in &a.files {
        match load_scenario_arg(Some(f)) {
            Ok(s) => {
                let n = |k: usize, one: &str, many: &str| {
                    format!("{k} {}", if k == 1 { one } else { many })
                };
                say!(
                    "ok: {f}: \"{}\", {}, {}, {}, {}",
                    s.file.meta.title,
                    n(s.parties.len(), "party", "parties"),
                    n(s.issue_count(), "issue", "issues"),
                    n(s.rules.len(), "rule", "rules"),
                    n(s.timeline.len(), "event", "events")
                )
            }
            Err(f) => bad.push(f.message),
        }
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(Failure {
            code: EXIT_INPUT,
            message: bad.join("\n"),
        })
    }
}
