//! The command line: clap parses it into one of the commands below, each in its own file; this file holds
//! what they share (exit codes, errors, reading `-` from standard input, writing output, progress bars).
//! docs/cli.md is the user's reference.

mod docs;
mod many;
mod model;
mod net;
mod play;
mod run;
mod sweep;

use crate::sim::io::diag::Diagnostics;
use crate::sim::io::files::write_atomic;
use crate::sim::{Scenario, default_scenario, load_scenario};
use clap::{CommandFactory, Parser, Subcommand};
use std::io::{Read, Write};
use std::path::Path;
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
/// The soak found runs that broke an invariant or panicked.
pub const EXIT_SOAK_FAILED: i32 = 7;

const EXIT_CODES: &str = "\
Exit codes: 0 ok, 2 bad command line, 3 bad input file, 4 output not written, 5 no display,
6 the window failed, 7 the soak found failing runs. A FILE given as `-` is standard input
(scenarios, scripts) or standard output (--out).";

/// Prints a line to standard output; a reader that has gone (`| head`) is not an error.
macro_rules! say {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}
pub(crate) use say;

/// sixparty: a Six-Party Talks negotiation simulator.
///
/// Without a command, opens the game window on the default scenario (8 November 2006).
#[derive(Debug, Parser)]
#[command(
    name = "sixparty",
    version,
    after_help = EXIT_CODES,
    color = clap::ColorChoice::Never,
    max_term_width = 110,
    disable_help_subcommand = false
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open the game window: choose a scenario and the delegations people lead, then play.
    Play(play::PlayArgs),
    /// Play one run and print its chronicle (text) or transcript (JSON); save and resume runs.
    Run(run::RunArgs),
    /// Play many runs of one scenario and summarise them (text, JSON or CSV).
    Batch(many::BatchArgs),
    /// Which settings the outcomes depend on: Morris screening or Sobol indices over ranges of settings.
    Sweep(sweep::SweepArgs),
    /// Put the shards of a batch, sweep or soak back together (`--shard K/N`): prints what the whole one prints.
    Merge(many::MergeArgs),
    /// Compare a baseline with a variant (--set, a variant script or a variant scenario) over many runs.
    Compare(many::CompareArgs),
    /// Host a networked class game: the one authoritative run, a join code for each delegation people play.
    Host(net::HostArgs),
    /// Join a networked class game as one delegation, from its own computer.
    Join(net::JoinArgs),
    /// Write a delegation's printed brief (Markdown or HTML), or every delegation's.
    Brief(docs::BriefArgs),
    /// Write the class debrief report (HTML) from the replays of games played in the window.
    Report(docs::ReportArgs),
    /// Long runs with the model's invariants checked every day.
    Soak(many::SoakArgs),
    /// Validate scenario files.
    Check(run::CheckArgs),
    /// List the model's coefficients: path, value, unit and meaning (every one can be set).
    Model(model::ModelArgs),
    /// Search for a cheap strategy that wins: every delegation, every simple strategy, against the model alone.
    Exploits(model::ExploitsArgs),
    /// Score the model against history: outcome shares for each calibration case, with Brier scores.
    Calibrate(model::CalibrateArgs),
    /// Print a shell completion script: `sixparty completions bash > /etc/bash_completion.d/sixparty`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// A command-line error: the message and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// Exit code.
    pub code: i32,
    /// What to print on standard error.
    pub message: String,
}

/// A usage error (exit code 2) with a hint to the help.
pub(crate) fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_USAGE,
        message: format!(
            "sixparty: {}\n(run `sixparty help` for usage)",
            message.into()
        ),
    }
}

/// A bad input file (exit code 3): its located problems.
pub(crate) fn input(d: Diagnostics) -> Failure {
    Failure {
        code: EXIT_INPUT,
        message: d.to_string(),
    }
}

/// Runs the command line (without the program name); returns the exit code.
pub fn main_with(args: &[String]) -> i32 {
    let argv = std::iter::once("sixparty".to_string()).chain(args.iter().cloned());
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => return clap_failure(&e, args),
    };
    match dispatch(cli) {
        Ok(()) => EXIT_OK,
        Err(f) => {
            eprintln!("{}", f.message);
            f.code
        }
    }
}

/// Prints clap's help and version to standard output (exit 0), and its errors as one line with clap's
/// suggestion, then where to read more (exit 2).
fn clap_failure(e: &clap::Error, args: &[String]) -> i32 {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = write!(std::io::stdout().lock(), "{}", e.render());
        return EXIT_OK;
    }
    let rendered = e.render().to_string();
    let mut lines = rendered
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more"));
    let first = lines
        .next()
        .unwrap_or("bad command line")
        .trim_start_matches("error: ");
    let tips: Vec<&str> = lines.map(|l| l.trim_start_matches("tip: ")).collect();
    let command = args
        .iter()
        .find(|a| Cli::command().find_subcommand(a.as_str()).is_some())
        .map_or(String::new(), |c| format!(" {c}"));
    let message = if tips.is_empty() {
        first.to_string()
    } else if first.ends_with(':') {
        // "the following required arguments were not provided:" and the arguments, on one line.
        format!("{first} {}", tips.join(", "))
    } else {
        format!("{first} ({})", tips.join("; "))
    };
    eprintln!("sixparty: {message}\n(run `sixparty{command} --help` for usage)");
    EXIT_USAGE
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        None => play::cmd_play(play::PlayArgs::default()),
        Some(Command::Play(a)) => play::cmd_play(a),
        Some(Command::Run(a)) => run::cmd_run(a),
        Some(Command::Check(a)) => run::cmd_check(a),
        Some(Command::Batch(a)) => many::cmd_batch(a),
        Some(Command::Sweep(a)) => sweep::cmd_sweep(a),
        Some(Command::Merge(a)) => many::cmd_merge(a),
        Some(Command::Compare(a)) => many::cmd_compare(a),
        Some(Command::Soak(a)) => many::cmd_soak(a),
        Some(Command::Host(a)) => net::cmd_host(a),
        Some(Command::Join(a)) => net::cmd_join(a),
        Some(Command::Brief(a)) => docs::cmd_brief(a),
        Some(Command::Report(a)) => docs::cmd_report(a),
        Some(Command::Model(a)) => model::cmd_model(a),
        Some(Command::Exploits(a)) => model::cmd_exploits(a),
        Some(Command::Calibrate(a)) => model::cmd_calibrate(a),
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "sixparty", &mut out);
            write_output(None, &String::from_utf8_lossy(&out))
        }
    }
}

/// Reads an input file's text, or standard input for `-`; returns the name to use in messages and the text.
pub(crate) fn read_input(path: &str) -> Result<(String, String), Failure> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| Failure {
                code: EXIT_INPUT,
                message: format!("<stdin>:1:1: cannot read standard input: {e}"),
            })?;
        return Ok(("<stdin>".into(), text));
    }
    let text = crate::sim::io::files::read_text(Path::new(path)).map_err(input)?;
    Ok((path.to_string(), text))
}

/// Loads the named scenario (`-` for standard input), or the embedded default.
pub(crate) fn load_scenario_arg(path: Option<&str>) -> Result<Scenario, Failure> {
    match path {
        None => Ok(default_scenario()),
        Some(p) => {
            let (name, text) = read_input(p)?;
            load_scenario(&name, &text).map_err(input)
        }
    }
}

/// The scenario with `--set` what-ifs applied (itself when there are none); a bad assignment is a usage
/// error.
pub(crate) fn apply_sets(scn: &Arc<Scenario>, sets: &[String]) -> Result<Arc<Scenario>, Failure> {
    if sets.is_empty() {
        return Ok(Arc::clone(scn));
    }
    crate::sim::scenario::whatif::with_sets(scn, sets)
        .map(Arc::new)
        .map_err(|m| Failure {
            code: EXIT_USAGE,
            message: format!("sixparty: {m}"),
        })
}

/// `--OPT ID` names no party of the scenario: a usage error listing the ids it has.
pub(crate) fn unknown_party(scn: &Scenario, opt: &str, id: &str) -> Failure {
    let known: Vec<&str> = scn.parties.iter().map(|x| x.id.as_str()).collect();
    usage(format!(
        "--{opt} {id}: unknown party; expected one of: {}",
        known.join(", ")
    ))
}

/// `--as PARTY[,PARTY...]`: the delegations people play, each once, by index.
pub(crate) fn party_list(scn: &Scenario, list: &str) -> Result<Vec<u8>, Failure> {
    let mut humans = Vec::new();
    for id in list.split(',') {
        if id.trim().is_empty() {
            return Err(usage(
                "--as: an empty party id; give ids separated by commas, such as --as DPRK,USA",
            ));
        }
        let i = scn
            .party_index(id.trim())
            .ok_or_else(|| unknown_party(scn, "as", id))?;
        if humans.contains(&i) {
            return Err(usage(format!("--as: {id} is listed twice")));
        }
        humans.push(i);
    }
    Ok(humans)
}

/// Writes `text` to `path` atomically (a temporary file in the same folder, synced, then renamed), or to
/// standard output when `path` is `None` or `-`. A reader of standard output that has gone (`| head`) ends
/// the output quietly: it is not an error.
pub(crate) fn write_output(path: Option<&str>, text: &str) -> Result<(), Failure> {
    let fail = |p: &str, e: std::io::Error| Failure {
        code: EXIT_OUTPUT,
        message: format!("sixparty: cannot write {p}: {e}"),
    };
    match path {
        None | Some("-") => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.map_err(|e| fail("standard output", e)),
            }
        }
        Some(p) => write_atomic(Path::new(p), text.as_bytes()).map_err(|e| fail(p, e)),
    }
}

/// A progress bar on standard error for `total` runs, with the rate and the time left; drawn only when
/// standard error is a terminal. The returned function sets how many runs are done.
pub(crate) fn progress_bar(total: usize, label: &'static str) -> impl Fn(usize) + Sync {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} runs, {per_sec}, {eta} left")
            .expect("a valid progress template")
            .progress_chars("#>-"),
    );
    bar.set_prefix(label);
    move |done: usize| {
        bar.set_position(done as u64);
        if done >= total {
            bar.finish_and_clear();
        }
    }
}

/// Parses a whole number in a range, with a message that names what was expected.
pub(crate) fn whole<T>(text: &str, lo: T, hi: T, what: &str) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let v: T = text
        .parse()
        .map_err(|_| format!("`{text}` is not {what}"))?;
    if v < lo || v > hi {
        return Err(format!("{v} is out of range; expected {lo} to {hi}"));
    }
    Ok(v)
}

/// `--seed`: a whole number from 0 to 2^64 − 1.
pub(crate) fn parse_seed(text: &str) -> Result<u64, String> {
    whole(
        text,
        0,
        u64::MAX,
        "a whole number from 0 to 18446744073709551615",
    )
}

/// `--days`: 1 to 3650.
pub(crate) fn parse_days(text: &str) -> Result<i64, String> {
    whole(text, 1, 3650, "a whole number of days")
}

/// `--threads`: at least 1.
pub(crate) fn parse_threads(text: &str) -> Result<usize, String> {
    whole(text, 1, 4096, "a whole number of threads")
}

/// The number of threads to use: the one given, else every core.
pub(crate) fn threads_or_all(t: Option<usize>) -> usize {
    t.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
