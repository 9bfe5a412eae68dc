//! The command line: parses arguments, picks the front end, returns the exit code (see docs/cli.md).

use crate::sim::diag::Diagnostics;
use crate::sim::script::read_script;
use crate::sim::{Scenario, Simulation, default_scenario, read_scenario, render};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Success.
pub const EXIT_OK: i32 = 0;
/// The command line itself was wrong.
pub const EXIT_USAGE: i32 = 2;
/// An input file (scenario, script) was missing or invalid.
pub const EXIT_INPUT: i32 = 3;
/// The output could not be written.
pub const EXIT_OUTPUT: i32 = 4;

const USAGE: &str = "\
sixparty: a Six-Party Talks negotiation simulator

Usage:
  sixparty                       run the default scenario (8 November 2006) and print the chronicle
  sixparty run [SCENARIO] [--seed N] [--days N] [--script FILE] [--format text|json] [--out FILE]
  sixparty batch [SCENARIO] --runs N [--seed S] [--threads T] [--script FILE] [--days N]
                 [--format text|json|csv] [--out FILE]
  sixparty check FILE...         validate scenario files
  sixparty help | --help         this text
  sixparty --version

Exit codes: 0 ok, 2 bad command line, 3 bad input file, 4 output not written.";

/// A command-line error: the message and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// Exit code.
    pub code: i32,
    /// What to print on standard error.
    pub message: String,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_USAGE,
        message: format!(
            "sixparty: {}\n(run `sixparty help` for usage)",
            message.into()
        ),
    }
}

fn input(d: Diagnostics) -> Failure {
    Failure {
        code: EXIT_INPUT,
        message: d.to_string(),
    }
}

/// Runs the command line; returns the exit code.
pub fn main_with(args: &[String]) -> i32 {
    match dispatch(args) {
        Ok(()) => EXIT_OK,
        Err(f) => {
            eprintln!("{}", f.message);
            f.code
        }
    }
}

fn dispatch(args: &[String]) -> Result<(), Failure> {
    match args.first().map(String::as_str) {
        None => cmd_run(&[]),
        Some("run") => cmd_run(&args[1..]),
        Some("check") => cmd_check(&args[1..]),
        Some("batch") => cmd_batch(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some("--version" | "-V") => {
            println!("sixparty {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Some(other) if other.starts_with('-') => Err(usage(format!("unknown option `{other}`"))),
        Some(other) => Err(usage(format!("unknown command `{other}`"))),
    }
}

/// Splits arguments into options (with values) and positionals, rejecting unknown options.
struct Parsed {
    opts: Vec<(String, String)>,
    flags: Vec<String>,
    positional: Vec<String>,
}

impl Parsed {
    fn new(args: &[String], with_value: &[&str], flags: &[&str]) -> Result<Parsed, Failure> {
        let mut p = Parsed {
            opts: Vec::new(),
            flags: Vec::new(),
            positional: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (name, None),
                };
                if with_value.contains(&name) {
                    let v = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| usage(format!("--{name} needs a value")))?,
                    };
                    if p.opts.iter().any(|(n, _)| n == name) {
                        return Err(usage(format!("--{name} given twice")));
                    }
                    p.opts.push((name.to_string(), v));
                } else if flags.contains(&name) && inline.is_none() {
                    p.flags.push(name.to_string());
                } else {
                    return Err(usage(format!("unknown option `{a}`")));
                }
            } else if a.starts_with('-') && a.len() > 1 {
                return Err(usage(format!("unknown option `{a}`")));
            } else {
                p.positional.push(a.clone());
            }
        }
        Ok(p)
    }
    fn get(&self, name: &str) -> Option<&str> {
        self.opts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn number<T: std::str::FromStr>(&self, name: &str, what: &str) -> Result<Option<T>, Failure> {
        self.get(name)
            .map(|v| {
                v.parse::<T>()
                    .map_err(|_| usage(format!("--{name} `{v}` is not {what}")))
            })
            .transpose()
    }
}

/// Loads the named scenario, or the embedded default.
pub fn load_scenario_arg(path: Option<&str>) -> Result<Scenario, Failure> {
    match path {
        None => Ok(default_scenario()),
        Some(p) => read_scenario(Path::new(p)).map_err(input),
    }
}

/// Writes `text` to `path` atomically (a temporary file in the same folder, synced, then renamed), or to
/// standard output when `path` is `None`.
pub fn write_output(path: Option<&str>, text: &str) -> Result<(), Failure> {
    let fail = |p: &str, e: std::io::Error| Failure {
        code: EXIT_OUTPUT,
        message: format!("sixparty: cannot write {p}: {e}"),
    };
    let Some(p) = path else {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(text.as_bytes())
            .and_then(|_| out.flush())
            .map_err(|e| fail("standard output", e));
    };
    write_atomic(Path::new(p), text.as_bytes()).map_err(|e| fail(p, e))
}

/// Writes a file atomically: the previous file stays intact until the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("no file name"))?
        .to_string_lossy()
        .to_string();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn cmd_run(args: &[String]) -> Result<(), Failure> {
    let p = Parsed::new(args, &["seed", "days", "script", "format", "out"], &[])?;
    if p.positional.len() > 1 {
        return Err(usage(format!(
            "run takes one scenario file, got {}: {}",
            p.positional.len(),
            p.positional.join(" ")
        )));
    }
    let format = p.get("format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(usage(format!(
            "--format `{format}` is not one of: text, json"
        )));
    }
    let seed: Option<u64> = p.number("seed", "a whole number from 0 to 18446744073709551615")?;
    let days: Option<i64> = p.number("days", "a whole number of days")?;
    if let Some(d) = days
        && !(1..=3650).contains(&d)
    {
        return Err(usage(format!(
            "--days {d} is out of range; expected 1 to 3650"
        )));
    }
    let scenario = Arc::new(load_scenario_arg(p.positional.first().map(String::as_str))?);
    let script = match p.get("script") {
        Some(f) => Some(read_script(Path::new(f), &scenario).map_err(input)?),
        None => None,
    };
    let seed = seed
        .or_else(|| script.as_ref().and_then(|s| s.file.seed))
        .unwrap_or(1);
    let mut sim = Simulation::new(scenario, seed, true);
    if let Some(d) = days {
        sim.set_horizon(d);
    }
    if let Some(s) = script {
        sim.fix_moves(s.moves);
    }
    let sim = crate::app::run_headless(sim);
    let text = match format {
        "json" => render::json(&sim).pretty(),
        _ => render::text(&sim),
    };
    write_output(p.get("out"), &text)
}

fn cmd_check(args: &[String]) -> Result<(), Failure> {
    let p = Parsed::new(args, &[], &[])?;
    if p.positional.is_empty() {
        return Err(usage("check needs at least one scenario file"));
    }
    let mut bad = Vec::new();
    for f in &p.positional {
        match read_scenario(Path::new(f)) {
            Ok(s) => {
                let n = |k: usize, one: &str, many: &str| {
                    format!("{k} {}", if k == 1 { one } else { many })
                };
                println!(
                    "ok: {f}: \"{}\", {}, {}, {}, {}",
                    s.file.meta.title,
                    n(s.parties.len(), "party", "parties"),
                    n(s.issue_count(), "issue", "issues"),
                    n(s.rules.len(), "rule", "rules"),
                    n(s.timeline.len(), "event", "events")
                )
            }
            Err(d) => bad.push(d.to_string()),
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

fn cmd_batch(args: &[String]) -> Result<(), Failure> {
    use crate::sim::{batch, summary};
    use std::io::IsTerminal;
    let p = Parsed::new(
        args,
        &["runs", "seed", "threads", "script", "days", "format", "out"],
        &[],
    )?;
    if p.positional.len() > 1 {
        return Err(usage(format!(
            "batch takes one scenario file, got {}: {}",
            p.positional.len(),
            p.positional.join(" ")
        )));
    }
    let format = p.get("format").unwrap_or("text");
    if !matches!(format, "text" | "json" | "csv") {
        return Err(usage(format!(
            "--format `{format}` is not one of: text, json, csv"
        )));
    }
    let runs: usize = p
        .number("runs", "a whole number of runs")?
        .ok_or_else(|| usage("batch needs --runs N"))?;
    if runs == 0 || runs > 100_000_000 {
        return Err(usage(format!(
            "--runs {runs} is out of range; expected 1 to 100000000"
        )));
    }
    let seed: u64 = p
        .number("seed", "a whole number from 0 to 18446744073709551615")?
        .unwrap_or(1);
    let threads: usize = match p.number::<usize>("threads", "a whole number of threads")? {
        Some(0) => return Err(usage("--threads 0: expected at least 1")),
        Some(t) => t,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let days: Option<i64> = p.number("days", "a whole number of days")?;
    if let Some(d) = days
        && !(1..=3650).contains(&d)
    {
        return Err(usage(format!(
            "--days {d} is out of range; expected 1 to 3650"
        )));
    }
    let scenario = Arc::new(load_scenario_arg(p.positional.first().map(String::as_str))?);
    let moves = match p.get("script") {
        Some(f) => read_script(Path::new(f), &scenario).map_err(input)?.moves,
        None => Vec::new(),
    };
    let tty = std::io::stderr().is_terminal();
    let progress = |done: usize| {
        if tty {
            let width = 40;
            let filled = done * width / runs;
            eprint!(
                "\r[{}{}] {done}/{runs}",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
        }
    };
    let results = batch::run_batch(&scenario, seed, runs, threads, &moves, days, &progress);
    if tty {
        eprintln!();
    }
    let s = summary::summarize(&scenario, seed, &results);
    let text = match format {
        "json" => crate::json::Json::obj([
            ("summary", summary::json(&scenario, &s)),
            (
                "runs",
                crate::json::Json::Arr(
                    results
                        .iter()
                        .map(|r| summary::run_json(&scenario, r))
                        .collect(),
                ),
            ),
        ])
        .pretty(),
        "csv" => summary::csv(&scenario, &results),
        _ => summary::text(&scenario, &s),
    };
    write_output(p.get("out"), &text)
}
