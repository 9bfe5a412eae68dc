//! The printed documents: `sixparty brief` (a delegation's brief) and `sixparty report` (the class debrief).

use super::run::{scenario_for, script_scenario_id};
use super::{
    EXIT_INPUT, EXIT_OUTPUT, Failure, input, load_scenario_arg, parse_seed, parse_threads,
    progress_bar, read_input, say, threads_or_all, usage, whole, write_output,
};
use crate::sim::Scenario;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The format of a brief.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum DocFormat {
    /// Markdown.
    Md,
    /// A standalone HTML page, for printing.
    Html,
}

/// `sixparty brief`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("who").required(true).args(["party", "all"]))]
pub(crate) struct BriefArgs {
    /// A scenario file (`-` for standard input); the embedded default if omitted.
    #[arg(value_name = "SCENARIO")]
    scenario: Option<String>,
    /// The delegation whose brief to write, by its id (`USA`, `DPRK`, …).
    #[arg(short, long, value_name = "ID")]
    party: Option<String>,
    /// Every delegation's brief, one file each, in --out-dir.
    #[arg(long, conflicts_with_all = ["party", "out"])]
    all: bool,
    /// Write the brief to FILE (.md or .html) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<String>,
    /// The folder for --all's files.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<String>,
    /// Markdown or HTML [default: from --out's ending; Markdown for one brief, HTML for --all].
    #[arg(short, long, value_enum)]
    format: Option<DocFormat>,
}

fn doc_format(
    given: Option<DocFormat>,
    out: Option<&str>,
    default: DocFormat,
) -> Result<DocFormat, Failure> {
    if let Some(f) = given {
        return Ok(f);
    }
    Ok(match out {
        Some(o) if o.ends_with(".html") || o.ends_with(".htm") => DocFormat::Html,
        Some(o) if o.ends_with(".md") => DocFormat::Md,
        Some("-") | None => default,
        Some(o) => {
            return Err(usage(format!(
                "--out {o}: expected a file name ending in .html or .md (or give --format)"
            )));
        }
    })
}

pub(crate) fn cmd_brief(a: BriefArgs) -> Result<(), Failure> {
    use crate::sim::output::brief::{all_briefs, brief};
    if a.out_dir.is_some() && !a.all {
        return Err(usage(
            "--out-dir goes with --all; for one brief use --out FILE",
        ));
    }
    let scn = Arc::new(load_scenario_arg(a.scenario.as_deref())?);
    let render = |d: &crate::sim::output::doc::Doc, format: DocFormat| match format {
        DocFormat::Html => d.html(),
        DocFormat::Md => d.markdown(),
    };
    if a.all {
        let format = doc_format(a.format, None, DocFormat::Html)?;
        let ext = match format {
            DocFormat::Html => "html",
            DocFormat::Md => "md",
        };
        let dir = PathBuf::from(a.out_dir.as_deref().unwrap_or("briefs"));
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
            let path = dir.join(format!("{}-{}.{ext}", scn.file.meta.id, id.to_lowercase()));
            write_output(Some(&path.display().to_string()), &render(&d, format))?;
            say!("{}", path.display());
        }
        return Ok(());
    }
    let id = a.party.as_deref().expect("clap requires --party or --all");
    let party = scn.party_index(id).ok_or_else(|| {
        let known: Vec<&str> = scn.parties.iter().map(|x| x.id.as_str()).collect();
        usage(format!(
            "--party {id}: unknown party; expected one of: {}",
            known.join(", ")
        ))
    })?;
    let format = doc_format(a.format, a.out.as_deref(), DocFormat::Md)?;
    write_output(a.out.as_deref(), &render(&brief(&scn, party), format))
}

fn parse_html_out(o: &str) -> Result<String, String> {
    if o.ends_with(".html") || o.ends_with(".htm") || o == "-" {
        Ok(o.to_string())
    } else {
        Err("expected a file name ending in .html".into())
    }
}

/// `sixparty report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// The replays of the class's games (written by the window in ./replays).
    #[arg(value_name = "REPLAY", required = true)]
    replays: Vec<String>,
    /// The scenario the games were played on [default: found by the replays' scenario id].
    #[arg(long, value_name = "FILE")]
    scenario: Option<String>,
    /// Write the report to FILE.html instead of standard output.
    #[arg(short, long, value_name = "FILE.html", value_parser = parse_html_out)]
    out: Option<String>,
    /// Model-only runs to set the games against (1–1000000).
    #[arg(short = 'n', long, value_name = "N", default_value_t = 1000,
          value_parser = |t: &str| whole(t, 1usize, 1_000_000, "a whole number"))]
    runs: usize,
    /// The base seed of the model-only runs.
    #[arg(short, long, value_name = "S", value_parser = parse_seed, default_value_t = 1, allow_negative_numbers = true)]
    seed: u64,
    /// Worker threads [default: every core].
    #[arg(short = 'j', long, value_name = "T", value_parser = parse_threads)]
    threads: Option<usize>,
}

pub(crate) fn cmd_report(a: ReportArgs) -> Result<(), Failure> {
    use crate::sim::io::script::load_script;
    use crate::sim::output::debrief;
    let threads = threads_or_all(a.threads);
    let given = match &a.scenario {
        Some(f) => Some(Arc::new(load_scenario_arg(Some(f))?)),
        None => None,
    };
    let mut scenario: Option<Arc<Scenario>> = None;
    let mut games = Vec::new();
    for f in &a.replays {
        let (name, text) = read_input(f)?;
        // The replay names its scenario; read that first, then the moves against it.
        let id = script_scenario_id(&name, &text, "replay")
            .map_err(input)?
            .unwrap_or_default();
        let scn = scenario_for(&id, given.as_ref(), &name)?;
        if let Some(first) = &scenario
            && first.file.meta.id != scn.file.meta.id
        {
            return Err(Failure {
                code: EXIT_INPUT,
                message: format!(
                    "{name}:1:1: scenario: this replay is of `{}`, the first of `{}`; a report compares games of one scenario",
                    scn.file.meta.id, first.file.meta.id
                ),
            });
        }
        let script = load_script(&name, &text, &scn).map_err(input)?;
        let Some(s) = script.file.seed else {
            return Err(Failure {
                code: EXIT_INPUT,
                message: format!(
                    "{name}:1:1: seed: missing; a replay records the seed of its game"
                ),
            });
        };
        let label = Path::new(f)
            .file_stem()
            .map_or(f.clone(), |s| s.to_string_lossy().into_owned());
        let mut sim = crate::sim::step::Simulation::new(Arc::clone(&scn), s, true);
        script.fix_into(&mut sim);
        games.push(debrief::replay(&label, sim));
        scenario = Some(scn);
    }
    let scn = scenario.expect("clap requires at least one replay");
    let batch = crate::sim::runs::batch::run_batch(
        &scn,
        a.seed,
        a.runs,
        threads,
        &[],
        None,
        &progress_bar(a.runs, "model-only runs"),
    );
    write_output(
        a.out.as_deref(),
        &debrief::html(&scn, &games, &batch, a.seed, "sixparty report"),
    )
}
