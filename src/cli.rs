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
/// No display to open the window on.
pub const EXIT_NO_DISPLAY: i32 = 5;
/// The window failed while running.
pub const EXIT_WINDOW: i32 = 6;
/// What a save records as the origin of the embedded default scenario.
pub const EMBEDDED_ORIGIN: &str = "(the embedded default scenario)";
/// The soak found runs that broke an invariant or panicked.
pub const EXIT_SOAK_FAILED: i32 = 7;

/// Prints a line to standard output; a reader that has gone (`| head`) is not an error.
macro_rules! say {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

const USAGE: &str = "\
sixparty: a Six-Party Talks negotiation simulator

Usage:
  sixparty                       open the game on the default scenario (8 November 2006)
  sixparty play [SCENARIO] [--as PARTY[,PARTY...]] [--seed N] [--turn-limit SECS] [--scale X]
                [--load SAVE] [--replay-dir DIR]
                [--start | --autoplay] [--speed 0-4] [--exit-after-days N] [--exit-after-frames N] [--debrief]
                [--dossier PARTY] [--screenshot FILE.png] [--transcript FILE] [--frame-stats]
  sixparty run [SCENARIO] [--seed N] [--days N] [--script FILE] [--format text|json] [--out FILE]
               [--save-at DAY FILE]...
  sixparty run --load SAVE [--days N] [--format text|json] [--out FILE] [--save-at DAY FILE]...
  sixparty batch [SCENARIO] --runs N [--seed S] [--threads T] [--script FILE] [--days N]
                 [--set PATH=VALUE]... [--format text|json|csv] [--out FILE] [--report FILE.svg|.html]
  sixparty compare [SCENARIO] --runs N [--seed S] [--threads T] [--script FILE] [--days N]
                 [--set PATH=VALUE]... [--variant-script FILE] [--variant-scenario FILE]
                 [--format text|json] [--out FILE] [--report FILE.svg|.html]
  sixparty brief [SCENARIO] --party ID [--out FILE.html|FILE.md] [--format md|html]
  sixparty brief [SCENARIO] --all [--out-dir DIR] [--format html|md]
  sixparty report REPLAY... [--scenario FILE] [--out FILE.html] [--runs N] [--seed S] [--threads T]
  sixparty soak [SCENARIO...] --runs N [--seed S] [--threads T]
                                 long runs with the model's invariants checked every day
  sixparty check FILE...         validate scenario files
  sixparty help | --help         this text
  sixparty --version

Exit codes: 0 ok, 2 bad command line, 3 bad input file, 4 output not written, 5 no display,
6 the window failed, 7 the soak found failing runs.";

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
        None => cmd_play(&[]),
        Some("play") => cmd_play(&args[1..]),
        Some("run") => cmd_run(&args[1..]),
        Some("check") => cmd_check(&args[1..]),
        Some("batch") => cmd_batch(&args[1..]),
        Some("compare") => cmd_compare(&args[1..]),
        Some("brief") => cmd_brief(&args[1..]),
        Some("report") => cmd_report(&args[1..]),
        Some("soak") => cmd_soak(&args[1..]),
        Some("help" | "--help" | "-h") => {
            say!("{USAGE}");
            Ok(())
        }
        Some("--version" | "-V") => {
            say!("sixparty {}", env!("CARGO_PKG_VERSION"));
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
                if name == "save-at" && with_value.contains(&name) && inline.is_some() {
                    return Err(usage(
                        "--save-at takes a day and a file: write --save-at DAY FILE",
                    ));
                }
                if name == "save-at" && with_value.contains(&name) {
                    // Two values: the day and the file.
                    let (Some(day), Some(file)) = (it.next(), it.next()) else {
                        return Err(usage(
                            "--save-at needs a day and a file: --save-at DAY FILE",
                        ));
                    };
                    p.opts.push((name.to_string(), format!("{day}\n{file}")));
                } else if with_value.contains(&name) {
                    let v = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| usage(format!("--{name} needs a value")))?,
                    };
                    if name != "set" && name != "save-at" && p.opts.iter().any(|(n, _)| n == name) {
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
    fn all(&self, name: &str) -> Vec<String> {
        self.opts
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
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
        std::fs::rename(&tmp, path)?;
        // The rename itself is made durable by syncing the folder (where the system allows it).
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn cmd_run(args: &[String]) -> Result<(), Failure> {
    let p = Parsed::new(
        args,
        &["seed", "days", "script", "format", "out", "save-at", "load"],
        &[],
    )?;
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
    let mut saves: Vec<(i64, PathBuf)> = Vec::new();
    for v in p.all("save-at") {
        let (day, file) = v.split_once('\n').unwrap_or((&v, ""));
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
    let (mut sim, origin) = if let Some(f) = p.get("load") {
        for (opt, given) in [
            ("--seed", seed.is_some()),
            ("--script", p.get("script").is_some()),
            ("a scenario file", !p.positional.is_empty()),
        ] {
            if given {
                return Err(usage(format!(
                    "--load {f}: {opt} cannot be given with --load; the save holds the scenario, the seed and the moves"
                )));
            }
        }
        let loaded = crate::sim::save::read_save(Path::new(f)).map_err(input)?;
        (loaded.sim, loaded.origin)
    } else {
        let origin = p
            .positional
            .first()
            .cloned()
            .unwrap_or_else(|| EMBEDDED_ORIGIN.into());
        // A script or replay of another scenario than the default finds it by its id in ./scenarios.
        let wanted = match (p.positional.first(), p.get("script")) {
            (None, Some(f)) => crate::sim::read_text(Path::new(f))
                .ok()
                .and_then(|text| {
                    let map = crate::sim::locate::SourceMap::scan(&text);
                    crate::sim::scenario::parse_ron::<crate::sim::script::ScriptFile>(
                        f, &text, &map, "script",
                    )
                    .ok()
                })
                .and_then(|s| s.scenario)
                .filter(|id| *id != crate::sim::scenario::default_scenario_id()),
            _ => None,
        };
        let scenario = match (&wanted, p.get("script")) {
            // Not found: the default, against which the script's own check names the mismatch in place.
            (Some(id), Some(f)) => {
                scenario_for(id, None, f).unwrap_or_else(|_| Arc::new(default_scenario()))
            }
            _ => Arc::new(load_scenario_arg(p.positional.first().map(String::as_str))?),
        };
        let script = match p.get("script") {
            Some(f) => Some(read_script(Path::new(f), &scenario).map_err(input)?),
            None => None,
        };
        let seed = seed
            .or_else(|| script.as_ref().and_then(|s| s.file.seed))
            .unwrap_or(1);
        let mut sim = Simulation::new(scenario, seed, true);
        if let Some(s) = script {
            sim.fix_moves(s.moves);
        }
        (sim, origin)
    };
    if let Some(d) = days {
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
            let text = crate::sim::save::save_text(sim, &origin, &[]);
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
    let text = match format {
        "json" => render::json(&sim).pretty(),
        _ => render::text(&sim),
    };
    write_output(p.get("out"), &text)
}

fn doc_format(p: &Parsed, out: Option<&str>, default: &str) -> Result<String, Failure> {
    if let Some(f) = p.get("format") {
        return match f {
            "md" | "html" => Ok(f.to_string()),
            _ => Err(usage(format!("--format `{f}` is not one of: md, html"))),
        };
    }
    Ok(match out {
        Some(o) if o.ends_with(".html") || o.ends_with(".htm") => "html".into(),
        Some(o) if o.ends_with(".md") => "md".into(),
        Some(o) => {
            return Err(usage(format!(
                "--out {o}: expected a file name ending in .html or .md (or give --format)"
            )));
        }
        None => default.into(),
    })
}

fn cmd_brief(args: &[String]) -> Result<(), Failure> {
    use crate::sim::brief::{all_briefs, brief};
    let p = Parsed::new(args, &["party", "out", "out-dir", "format"], &["all"])?;
    if p.positional.len() > 1 {
        return Err(usage(format!(
            "brief takes one scenario file, got {}: {}",
            p.positional.len(),
            p.positional.join(" ")
        )));
    }
    let all = p.flags.iter().any(|f| f == "all");
    match (all, p.get("party"), p.get("out"), p.get("out-dir")) {
        (false, None, _, _) => {
            return Err(usage(
                "brief needs --party ID (one delegation) or --all (every delegation)",
            ));
        }
        (true, Some(_), _, _) => return Err(usage("give either --party or --all, not both")),
        (true, _, Some(_), _) => {
            return Err(usage(
                "--all writes one file per delegation: give --out-dir DIR instead of --out",
            ));
        }
        (false, _, _, Some(_)) => {
            return Err(usage(
                "--out-dir goes with --all; for one brief use --out FILE",
            ));
        }
        _ => {}
    }
    let scn = Arc::new(load_scenario_arg(p.positional.first().map(String::as_str))?);
    let render = |d: &crate::sim::doc::Doc, format: &str| {
        if format == "html" {
            d.html()
        } else {
            d.markdown()
        }
    };
    if all {
        let format = doc_format(&p, None, "html")?;
        let dir = PathBuf::from(p.get("out-dir").unwrap_or("briefs"));
        if dir.is_file() {
            return Err(usage(format!(
                "--out-dir {}: is a file; expected a folder",
                dir.display()
            )));
        }
        std::fs::create_dir_all(&dir).map_err(|e| Failure {
            code: EXIT_OUTPUT,
            message: format!("sixparty: cannot create {}: {e}", dir.display()),
        })?;
        for (id, d) in all_briefs(&scn) {
            let path = dir.join(format!(
                "{}-{}.{format}",
                scn.file.meta.id,
                id.to_lowercase()
            ));
            write_output(Some(&path.display().to_string()), &render(&d, &format))?;
            say!("{}", path.display());
        }
        return Ok(());
    }
    let id = p.get("party").expect("checked above");
    let party = scn.party_index(id).ok_or_else(|| {
        let known: Vec<&str> = scn.parties.iter().map(|x| x.id.as_str()).collect();
        usage(format!(
            "--party {id}: unknown party; expected one of: {}",
            known.join(", ")
        ))
    })?;
    let format = doc_format(&p, p.get("out"), "md")?;
    write_output(p.get("out"), &render(&brief(&scn, party), &format))
}

/// Finds the scenario a replay was written for: the file given, else the embedded default or a file in
/// `./scenarios` with that id.
fn scenario_for(
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
    for f in crate::sim::ron_files(Path::new("scenarios")) {
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

fn cmd_report(args: &[String]) -> Result<(), Failure> {
    use crate::sim::debrief;
    use crate::sim::script::{ScriptFile, load_script};
    let p = Parsed::new(args, &["scenario", "out", "runs", "seed", "threads"], &[])?;
    if p.positional.is_empty() {
        return Err(usage("report needs at least one replay file"));
    }
    if let Some(o) = p.get("out")
        && !(o.ends_with(".html") || o.ends_with(".htm"))
    {
        return Err(usage(format!(
            "--out {o}: expected a file name ending in .html"
        )));
    }
    let runs: usize = p.number("runs", "a whole number")?.unwrap_or(1000);
    if !(1..=1_000_000).contains(&runs) {
        return Err(usage(format!(
            "--runs {runs} is out of range; expected 1 to 1000000"
        )));
    }
    let (seed, threads) = seed_and_threads(&p)?;
    let given = match p.get("scenario") {
        Some(f) => Some(Arc::new(read_scenario(Path::new(f)).map_err(input)?)),
        None => None,
    };
    let mut scenario: Option<Arc<Scenario>> = None;
    let mut games = Vec::new();
    for f in &p.positional {
        let text = crate::sim::read_text(Path::new(f)).map_err(input)?;
        // The replay names its scenario; read that first, then the moves against it.
        let map = crate::sim::locate::SourceMap::scan(&text);
        let raw: ScriptFile =
            crate::sim::scenario::parse_ron(f, &text, &map, "replay").map_err(input)?;
        let id = raw.scenario.clone().unwrap_or_default();
        let scn = scenario_for(&id, given.as_ref(), f)?;
        if let Some(first) = &scenario
            && first.file.meta.id != scn.file.meta.id
        {
            return Err(Failure {
                code: EXIT_INPUT,
                message: format!(
                    "{f}:1:1: scenario: this replay is of `{}`, the first of `{}`; a report compares games of one scenario",
                    scn.file.meta.id, first.file.meta.id
                ),
            });
        }
        let script = load_script(f, &text, &scn).map_err(input)?;
        let Some(s) = script.file.seed else {
            return Err(Failure {
                code: EXIT_INPUT,
                message: format!("{f}:1:1: seed: missing; a replay records the seed of its game"),
            });
        };
        let label = Path::new(f)
            .file_stem()
            .map_or(f.clone(), |s| s.to_string_lossy().into_owned());
        games.push(debrief::replay(&scn, &label, s, &script.moves));
        scenario = Some(scn);
    }
    let scn = scenario.expect("at least one replay");
    let batch = crate::sim::batch::run_batch(
        &scn,
        seed,
        runs,
        threads,
        &[],
        None,
        &progress_bar(runs, "model-only runs"),
    );
    write_output(
        p.get("out"),
        &debrief::html(&scn, &games, &batch, seed, "sixparty report"),
    )
}

/// `--seed S` (default 1) and `--threads T` (default: every core) of a many-run command.
fn seed_and_threads(p: &Parsed) -> Result<(u64, usize), Failure> {
    let seed: u64 = p
        .number("seed", "a whole number from 0 to 18446744073709551615")?
        .unwrap_or(1);
    let threads: usize = match p.number::<usize>("threads", "a whole number")? {
        Some(0) => return Err(usage("--threads 0: expected at least 1")),
        Some(t) => t,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    Ok((seed, threads))
}

fn cmd_soak(args: &[String]) -> Result<(), Failure> {
    let p = Parsed::new(args, &["runs", "seed", "threads"], &[])?;
    let runs: usize = p
        .number("runs", "a whole number")?
        .ok_or_else(|| usage("soak needs --runs N (runs per scenario)"))?;
    if !(1..=100_000_000).contains(&runs) {
        return Err(usage(format!(
            "--runs {runs} is out of range; expected 1 to 100000000"
        )));
    }
    let (seed, threads) = seed_and_threads(&p)?;
    // The scenarios named, else every one in ./scenarios, else the embedded default.
    let mut files: Vec<PathBuf> = p.positional.iter().map(PathBuf::from).collect();
    if files.is_empty() {
        files = crate::sim::ron_files(Path::new("scenarios"));
    }
    let scenarios: Vec<Arc<Scenario>> = if files.is_empty() {
        vec![Arc::new(default_scenario())]
    } else {
        files
            .iter()
            .map(|f| read_scenario(f).map(Arc::new).map_err(input))
            .collect::<Result<_, _>>()?
    };
    let total = runs * scenarios.len();
    eprintln!(
        "soak: {} scenario{} x {runs} runs = {total} runs on {threads} thread{}, invariants checked every day",
        scenarios.len(),
        if scenarios.len() == 1 { "" } else { "s" },
        if threads == 1 { "" } else { "s" }
    );
    let started = std::time::Instant::now();
    let report = crate::sim::soak::soak(
        &scenarios,
        seed,
        runs,
        threads,
        &progress_bar(total, "soak runs"),
    );
    let secs = started.elapsed().as_secs_f64();
    let mut out = String::new();
    for (id, n) in &report.runs {
        out.push_str(&format!("  {id}: {n} runs\n"));
    }
    out.push_str(&format!(
        "runs: {total}\ndays played: {}\nfailures: {}\ntime: {secs:.1} s ({:.0} runs/s)\npeak memory: {}\n",
        report.days,
        report.failed,
        total as f64 / secs.max(1e-9),
        crate::sim::soak::peak_memory_kib()
            .map_or("unknown".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
    ));
    for f in &report.failures {
        out.push_str(&format!(
            "FAILED {} seed {}{}: {}\n",
            f.scenario,
            f.seed,
            if f.with_moves {
                " (with random moves)"
            } else {
                ""
            },
            f.what
        ));
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if report.failed > 0 {
        return Err(Failure {
            code: EXIT_SOAK_FAILED,
            message: format!("sixparty: the soak found {} failing runs", report.failed),
        });
    }
    Ok(())
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
                say!(
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

/// What `batch` and `compare` share: the scenario, runs, seeds, threads, script and horizon.
struct BatchArgs {
    scenario: Arc<Scenario>,
    runs: usize,
    seed: u64,
    threads: usize,
    days: Option<i64>,
    moves: Vec<crate::sim::engine::FixedMove>,
}

fn batch_args(p: &Parsed, cmd: &str) -> Result<BatchArgs, Failure> {
    if p.positional.len() > 1 {
        return Err(usage(format!(
            "{cmd} takes one scenario file, got {}: {}",
            p.positional.len(),
            p.positional.join(" ")
        )));
    }
    let runs: usize = p
        .number("runs", "a whole number of runs")?
        .ok_or_else(|| usage(format!("{cmd} needs --runs N")))?;
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
    Ok(BatchArgs {
        scenario,
        runs,
        seed,
        threads,
        days,
        moves,
    })
}

fn apply_sets(scn: &Arc<Scenario>, sets: &[String]) -> Result<Arc<Scenario>, Failure> {
    if sets.is_empty() {
        return Ok(Arc::clone(scn));
    }
    crate::sim::whatif::with_sets(scn, sets)
        .map(Arc::new)
        .map_err(|m| Failure {
            code: EXIT_USAGE,
            message: format!("sixparty: {m}"),
        })
}

fn report_kind(p: &Parsed) -> Result<Option<(String, bool)>, Failure> {
    match p.get("report") {
        None => Ok(None),
        Some(f) if f.ends_with(".svg") => Ok(Some((f.to_string(), false))),
        Some(f) if f.ends_with(".html") || f.ends_with(".htm") => Ok(Some((f.to_string(), true))),
        Some(f) => Err(usage(format!(
            "--report `{f}`: expected a file name ending in .svg or .html"
        ))),
    }
}

fn progress_bar(runs: usize, label: &'static str) -> impl Fn(usize) + Sync {
    use std::io::IsTerminal;
    let tty = std::io::stderr().is_terminal();
    move |done: usize| {
        if tty {
            let width = 40;
            let filled = done * width / runs.max(1);
            eprint!(
                "\r{label} [{}{}] {done}/{runs}",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
            if done >= runs {
                eprintln!();
            }
        }
    }
}

fn cmd_batch(args: &[String]) -> Result<(), Failure> {
    use crate::sim::{batch, report, summary};
    let p = Parsed::new(
        args,
        &[
            "runs", "seed", "threads", "script", "days", "format", "out", "set", "report",
        ],
        &[],
    )?;
    let format = p.get("format").unwrap_or("text");
    if !matches!(format, "text" | "json" | "csv") {
        return Err(usage(format!(
            "--format `{format}` is not one of: text, json, csv"
        )));
    }
    let report_to = report_kind(&p)?;
    let a = batch_args(&p, "batch")?;
    let scenario = apply_sets(&a.scenario, &p.all("set"))?;
    let results = batch::run_batch(
        &scenario,
        a.seed,
        a.runs,
        a.threads,
        &a.moves,
        a.days,
        &progress_bar(a.runs, "runs"),
    );
    let s = summary::summarize(&scenario, a.seed, &results);
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
    // The output first: a report is only written once the figures it goes with are safely out.
    write_output(p.get("out"), &text)?;
    if let Some((file, as_html)) = report_to {
        let horizon = a.days.unwrap_or(scenario.horizon_days as i64);
        let series = [report::Series {
            label: "model",
            summary: &s,
            runs: &results,
        }];
        let title = format!("sixparty batch: {} runs", a.runs);
        let doc = if as_html {
            report::html(
                &scenario,
                &title,
                &series,
                horizon,
                &summary::text(&scenario, &s),
            )
        } else {
            report::svg(&scenario, &title, &series, horizon)
        };
        write_output(Some(&file), &doc)?;
    }
    Ok(())
}

fn cmd_compare(args: &[String]) -> Result<(), Failure> {
    use crate::sim::{batch, report, summary};
    let p = Parsed::new(
        args,
        &[
            "runs",
            "seed",
            "threads",
            "script",
            "days",
            "format",
            "out",
            "set",
            "report",
            "variant-script",
            "variant-scenario",
        ],
        &[],
    )?;
    let format = p.get("format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(usage(format!(
            "--format `{format}` is not one of: text, json"
        )));
    }
    let report_to = report_kind(&p)?;
    let sets = p.all("set");
    if sets.is_empty() && p.get("variant-script").is_none() && p.get("variant-scenario").is_none() {
        return Err(usage(
            "compare needs a variant: --set PATH=VALUE, --variant-script FILE or --variant-scenario FILE",
        ));
    }
    let a = batch_args(&p, "compare")?;
    let variant_base = match p.get("variant-scenario") {
        Some(f) => Arc::new(read_scenario(Path::new(f)).map_err(input)?),
        None => Arc::clone(&a.scenario),
    };
    let variant = apply_sets(&variant_base, &sets)?;
    // The variant's moves: its own script, else the baseline's script checked against the variant.
    let variant_moves = match (p.get("variant-script"), p.get("script")) {
        (Some(f), _) | (None, Some(f)) => read_script(Path::new(f), &variant).map_err(input)?.moves,
        (None, None) => Vec::new(),
    };
    let mut described: Vec<String> = sets.iter().map(|s| format!("--set {s}")).collect();
    if let Some(f) = p.get("variant-scenario") {
        described.push(format!("scenario {f}"));
    }
    if let Some(f) = p.get("variant-script") {
        described.push(format!("script {f}"));
    }
    let described = described.join(", ");
    let base_runs = batch::run_batch(
        &a.scenario,
        a.seed,
        a.runs,
        a.threads,
        &a.moves,
        a.days,
        &progress_bar(a.runs, "baseline"),
    );
    let var_runs = batch::run_batch(
        &variant,
        a.seed,
        a.runs,
        a.threads,
        &variant_moves,
        a.days,
        &progress_bar(a.runs, "variant "),
    );
    let sa = summary::summarize(&a.scenario, a.seed, &base_runs);
    let sb = summary::summarize(&variant, a.seed, &var_runs);
    let text = match format {
        "json" => summary::compare_json(&a.scenario, &variant, &sa, &sb, &described).pretty(),
        _ => summary::compare_text(&a.scenario, &sa, &sb, &described),
    };
    // The output first: a report is only written once the figures it goes with are safely out.
    write_output(p.get("out"), &text)?;
    if let Some((file, as_html)) = report_to {
        let horizon = a.days.unwrap_or(a.scenario.horizon_days as i64);
        let series = [
            report::Series {
                label: "baseline",
                summary: &sa,
                runs: &base_runs,
            },
            report::Series {
                label: &described,
                summary: &sb,
                runs: &var_runs,
            },
        ];
        let title = "sixparty compare: baseline and variant".to_string();
        let doc = if as_html {
            report::html(
                &a.scenario,
                &title,
                &series,
                horizon,
                &summary::compare_text(&a.scenario, &sa, &sb, &described),
            )
        } else {
            report::svg(&a.scenario, &title, &series, horizon)
        };
        write_output(Some(&file), &doc)?;
    }
    Ok(())
}

fn cmd_play(args: &[String]) -> Result<(), Failure> {
    use crate::app::game::SetupChoices;
    use crate::app::window::{PlayOptions, display_available, run_window};
    let p = Parsed::new(
        args,
        &[
            "as",
            "seed",
            "scale",
            "speed",
            "exit-after-days",
            "exit-after-frames",
            "screenshot",
            "dossier",
            "replay-dir",
            "transcript",
            "turn-limit",
            "load",
        ],
        &["autoplay", "start", "debrief", "frame-stats"],
    )?;
    if p.positional.len() > 1 {
        return Err(usage(format!(
            "play takes one scenario file, got {}: {}",
            p.positional.len(),
            p.positional.join(" ")
        )));
    }
    let seed: Option<u64> = p.number("seed", "a whole number from 0 to 18446744073709551615")?;
    let scale: f32 = p.number("scale", "a number such as 1.5")?.unwrap_or(1.0);
    if !(0.6..=2.5).contains(&scale) {
        return Err(usage(format!(
            "--scale {scale} is out of range; expected 0.6 to 2.5"
        )));
    }
    let speed: Option<usize> = p.number("speed", "a speed from 0 to 4")?;
    if let Some(s) = speed
        && s > 4
    {
        return Err(usage(format!(
            "--speed {s} is out of range; expected 0 to 4"
        )));
    }
    let exit_after_days: Option<i64> = p.number("exit-after-days", "a whole number of days")?;
    if let Some(d) = exit_after_days
        && !(1..=3650).contains(&d)
    {
        return Err(usage(format!(
            "--exit-after-days {d} is out of range; expected 1 to 3650"
        )));
    }
    let exit_after_frames: Option<u32> =
        p.number("exit-after-frames", "a whole number of frames")?;
    let screenshot = p.get("screenshot").map(PathBuf::from);
    if let Some(s) = &screenshot
        && s.extension().is_none_or(|x| x != "png")
    {
        return Err(usage(format!(
            "--screenshot {}: expected a .png file name",
            s.display()
        )));
    }
    if screenshot.is_some()
        && exit_after_days.is_none()
        && exit_after_frames.is_none()
        && !p.flags.iter().any(|f| f == "debrief")
    {
        return Err(usage(
            "--screenshot is taken when the window stops: add --exit-after-days N, --exit-after-frames N or --debrief",
        ));
    }
    let replay_dir = PathBuf::from(p.get("replay-dir").unwrap_or("replays"));
    let scenarios_dir = Path::new("scenarios");
    let mut setup = SetupChoices::discover(
        scenarios_dir.is_dir().then_some(scenarios_dir),
        replay_dir.clone(),
    );
    if let Some(f) = p.positional.first() {
        let scn = read_scenario(Path::new(f)).map_err(input)?;
        setup.scenarios.insert(
            1,
            crate::app::game::ScenarioChoice {
                name: format!("{} ({f})", scn.file.meta.title),
                path: Some(PathBuf::from(f)),
                loaded: Ok(Arc::new(scn)),
            },
        );
        setup.selected = 1;
    }
    let load = match p.get("load") {
        Some(f) => {
            for (opt, given) in [
                ("--seed", seed.is_some()),
                ("--as", p.get("as").is_some()),
                ("a scenario file", !p.positional.is_empty()),
            ] {
                if given {
                    return Err(usage(format!(
                        "--load {f}: {opt} cannot be given with --load; the save holds the scenario, the seed and the human delegations"
                    )));
                }
            }
            Some((
                crate::sim::save::read_save(Path::new(f)).map_err(input)?,
                PathBuf::from(f),
            ))
        }
        None => None,
    };
    let scn = match &load {
        Some((l, _)) => Arc::clone(&l.sim.scenario),
        None => setup.scenario().expect("the chosen scenario loaded"),
    };
    let unknown = |opt: &str, id: &str| {
        let known: Vec<&str> = scn.parties.iter().map(|x| x.id.as_str()).collect();
        usage(format!(
            "--{opt} {id}: unknown party; expected one of: {}",
            known.join(", ")
        ))
    };
    if let Some(id) = p.get("dossier")
        && scn.party_index(id).is_none()
    {
        return Err(unknown("dossier", id));
    }
    let mut humans = Vec::new();
    for id in p
        .get("as")
        .map(|v| v.split(',').collect::<Vec<_>>())
        .unwrap_or_default()
    {
        if id.trim().is_empty() {
            return Err(usage(
                "--as: an empty party id; give ids separated by commas, such as --as DPRK,USA",
            ));
        }
        let i = scn
            .party_index(id.trim())
            .ok_or_else(|| unknown("as", id))?;
        if humans.contains(&i) {
            return Err(usage(format!("--as: {id} is listed twice")));
        }
        humans.push(i);
    }
    setup.humans = humans;
    let turn_limit: u32 = p
        .number("turn-limit", "a whole number of seconds")?
        .unwrap_or(0);
    if turn_limit > 3600 {
        return Err(usage(format!(
            "--turn-limit {turn_limit} is out of range; expected 0 (no limit) to 3600 seconds"
        )));
    }
    setup.turn_limit = turn_limit;
    if let Some(s) = seed {
        setup.seed = s;
    }
    if !display_available() {
        return Err(Failure {
            code: EXIT_NO_DISPLAY,
            message: "sixparty: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset).\n\
                      Run the talks headless instead: `sixparty run --seed 7` prints the chronicle, and\n\
                      `sixparty batch --runs 1000` summarises many runs."
                .into(),
        });
    }
    let opts = PlayOptions {
        scenario: p.positional.first().map(PathBuf::from),
        humans: p
            .get("as")
            .map(|v| v.split(',').map(|x| x.trim().to_string()).collect())
            .unwrap_or_default(),
        load: p.get("load").map(PathBuf::from),
        seed,
        autoplay: p.flags.iter().any(|f| f == "autoplay"),
        start: p.flags.iter().any(|f| f == "start"),
        speed,
        exit_after_days,
        exit_after_frames,
        screenshot,
        dossier: p.get("dossier").map(String::from),
        debrief: p.flags.iter().any(|f| f == "debrief"),
        scale,
        replay_dir,
        frame_stats: p.flags.iter().any(|f| f == "frame-stats"),
        transcript: p.get("transcript").map(PathBuf::from),
    };
    // A failure inside the window (a display that cannot be opened, a graphics driver that gives up) is
    // reported in one line and exit code 6, not as a panic.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into());
        eprintln!("sixparty: the window failed: {what}");
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_window(opts, setup, load)
    }));
    let _ = std::panic::take_hook();
    match result {
        Ok(bevy::app::AppExit::Success) => Ok(()),
        Ok(bevy::app::AppExit::Error(code)) => Err(Failure {
            code: EXIT_WINDOW,
            message: format!("sixparty: the window closed with an error (code {code})"),
        }),
        Err(_) => Err(Failure {
            code: EXIT_WINDOW,
            message:
                "sixparty: the window could not run; `sixparty run` plays the talks without one"
                    .into(),
        }),
    }
}
