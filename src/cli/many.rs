//! The many-run commands: `sixparty batch` (whole or in shards), `sixparty merge`, `sixparty compare` and
//! `sixparty soak`.

use super::{
    EXIT_SOAK_FAILED, Failure, apply_sets, input, load_scenario_arg, parse_days, parse_seed,
    parse_threads, progress_bar, read_input, threads_or_all, usage, whole, write_output,
};
use crate::cli::EXIT_INPUT;
use crate::sim::Scenario;
use crate::sim::io::partial;
use crate::sim::io::script::load_script;
use crate::sim::output::{report, summary};
use crate::sim::runs::batch;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn parse_runs(text: &str) -> Result<usize, String> {
    whole(text, 1, 100_000_000, "a whole number of runs")
}

/// How many runs, from which seed, on how many threads: what every many-run command takes.
#[derive(Debug, Args)]
pub(crate) struct Many {
    /// How many runs (1–100000000; per scenario for soak); run k uses a seed derived from the base seed
    /// and k.
    #[arg(short = 'n', long, value_name = "N", value_parser = parse_runs)]
    pub(super) runs: usize,
    /// The base seed.
    #[arg(short, long, value_name = "S", value_parser = parse_seed, default_value_t = 1, allow_negative_numbers = true)]
    pub(super) seed: u64,
    /// Worker threads [default: every core]; the output is the same for any number.
    #[arg(short = 'j', long, value_name = "T", value_parser = parse_threads)]
    threads: Option<usize>,
}

/// What `batch` and `compare` share: the scenario, runs, seeds, threads, script and horizon.
#[derive(Debug, Args)]
pub(crate) struct RunsArgs {
    /// A scenario file (`-` for standard input); the embedded default if omitted.
    #[arg(value_name = "SCENARIO")]
    scenario: Option<String>,
    #[command(flatten)]
    pub(super) many: Many,
    /// Moves fixed in advance in every run.
    #[arg(long, value_name = "FILE")]
    script: Option<String>,
    /// End each run after day N instead of the scenario's horizon (1–3650).
    #[arg(short, long, value_name = "N", value_parser = parse_days, allow_negative_numbers = true)]
    pub(super) days: Option<i64>,
    /// A what-if: change one setting of the scenario (docs/cli.md lists the paths); may be repeated.
    #[arg(long, value_name = "PATH=VALUE")]
    pub(super) set: Vec<String>,
    #[command(flatten)]
    pub(super) output: Output,
}

/// Where a many-run command writes: what `batch`, `compare` and `merge` share.
#[derive(Debug, Args)]
pub(crate) struct Output {
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(super) out: Option<String>,
    /// Also write a chart: an SVG picture, or an HTML page with the figures.
    #[arg(long, value_name = "FILE.svg|FILE.html", value_parser = parse_report)]
    pub(super) report: Option<ReportFile>,
}

/// `--report`: the file and whether it is HTML.
#[derive(Clone, Debug)]
pub(crate) struct ReportFile {
    pub(super) path: String,
    pub(super) html: bool,
}

fn parse_report(f: &str) -> Result<ReportFile, String> {
    if f.ends_with(".svg") {
        Ok(ReportFile {
            path: f.into(),
            html: false,
        })
    } else if f.ends_with(".html") || f.ends_with(".htm") {
        Ok(ReportFile {
            path: f.into(),
            html: true,
        })
    } else {
        Err("expected a file name ending in .svg or .html".into())
    }
}

/// The shared arguments, checked and loaded.
pub(super) struct Loaded {
    pub(super) scenario: Arc<Scenario>,
    pub(super) threads: usize,
    pub(super) moves: Vec<crate::sim::step::FixedMove>,
}

/// A shard's partial result of `command` as `batch` and `sweep` write it: the scenario before the
/// what-ifs, the what-ifs, the script's moves, the seed, runs and horizon; its results still empty.
pub(super) fn partial_of(
    command: &str,
    a: &RunsArgs,
    l: &Loaded,
    (shard, shards): (usize, usize),
) -> partial::Partial {
    partial::Partial {
        command: command.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        scenario_id: l.scenario.file.meta.id.clone(),
        scenario: crate::sim::io::save::scenario_text(&l.scenario),
        sets: a.set.clone(),
        moves: l.moves.clone(),
        seed: a.many.seed,
        runs: a.many.runs,
        days: a.days,
        shard,
        shards,
        results: Vec::new(),
        design: None,
        points: Vec::new(),
        soak: None,
    }
}

/// `--shard` with `--format` or `--report`: what `batch` and `sweep` refuse alike.
pub(super) fn shard_with_output_options() -> Failure {
    usage(
        "--shard writes a partial result; choose --format and --report when merging the shards (`sixparty merge FILES --format ...`)",
    )
}

pub(super) fn load(a: &RunsArgs) -> Result<Loaded, Failure> {
    let scenario = Arc::new(load_scenario_arg(a.scenario.as_deref())?);
    let moves = match &a.script {
        Some(f) => script_moves(f, &scenario)?,
        None => Vec::new(),
    };
    Ok(Loaded {
        scenario,
        threads: threads_or_all(a.many.threads),
        moves,
    })
}

fn script_moves(f: &str, scn: &Scenario) -> Result<Vec<crate::sim::step::FixedMove>, Failure> {
    let (name, text) = read_input(f)?;
    let script = load_script(&name, &text, scn).map_err(input)?;
    if !script.injects.is_empty() || !script.notes.is_empty() {
        return Err(Failure {
            code: EXIT_INPUT,
            message: format!(
                "{name}:1:1: injects, notes: this script carries {} injects and {} back-channel notes, which only `sixparty run --script` plays; batches and what-ifs play a script's moves",
                script.injects.len(),
                script.notes.len()
            ),
        });
    }
    Ok(script.moves)
}

/// The output of `batch`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum BatchFormat {
    /// The summary in words and tables.
    #[default]
    Text,
    /// The summary and every run, as JSON.
    Json,
    /// One row per run.
    Csv,
}

/// `sixparty batch`.
#[derive(Debug, Args)]
pub(crate) struct BatchArgs {
    #[command(flatten)]
    runs: RunsArgs,
    /// The summary as text, the summary and the runs as JSON, or the runs as CSV [default: text].
    #[arg(short, long, value_enum)]
    format: Option<BatchFormat>,
    /// Play only shard K of the batch split in N (1 <= K <= N) and write its partial result (to --out or
    /// standard output) for `sixparty merge`, which prints what the whole batch prints.
    #[arg(long, value_name = "K/N", value_parser = partial::parse_shard)]
    shard: Option<(usize, usize)>,
}

/// `sixparty merge`.
#[derive(Debug, Args)]
pub(crate) struct MergeArgs {
    /// The partial result files of every shard of one batch, sweep or soak (`--shard K/N --out FILE`).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,
    /// The summary as text, the summary and the runs as JSON, or the runs as CSV (a sweep: its table).
    #[arg(short, long, value_enum, default_value_t = BatchFormat::Text)]
    format: BatchFormat,
    /// A sweep's shards: rank the settings by this measure (as `sweep --rank`) [default: agreement].
    #[arg(long, value_name = "MEASURE", value_parser = super::sweep::parse_measure)]
    rank: Option<usize>,
    #[command(flatten)]
    output: Output,
}

pub(crate) fn cmd_batch(b: BatchArgs) -> Result<(), Failure> {
    let a = &b.runs;
    if let Some((k, n)) = b.shard {
        if b.format.is_some() || a.output.report.is_some() {
            return Err(shard_with_output_options());
        }
        if n > a.many.runs {
            return Err(usage(format!(
                "--shard {k}/{n}: a batch of {} runs is split in at most {} shards",
                a.many.runs, a.many.runs
            )));
        }
    }
    let l = load(a)?;
    let scenario = apply_sets(&l.scenario, &a.set)?;
    if let Some((k, n)) = b.shard {
        let range = partial::shard_range(a.many.runs, k, n);
        let results = batch::run_batch_range(
            &scenario,
            a.many.seed,
            range.clone(),
            l.threads,
            &l.moves,
            a.days,
            &progress_bar(range.len(), "runs"),
        );
        let part = partial::Partial {
            results,
            ..partial_of("batch", a, &l, (k, n))
        };
        return write_output(a.output.out.as_deref(), &part.to_text());
    }
    let results = batch::run_batch(
        &scenario,
        a.many.seed,
        a.many.runs,
        l.threads,
        &l.moves,
        a.days,
        &progress_bar(a.many.runs, "runs"),
    );
    let out = Summarised {
        scenario: &scenario,
        seed: a.many.seed,
        runs: &results,
        days: a.days,
    };
    out.write(b.format.unwrap_or_default(), &a.output)
}

/// A batch's runs, to be summarised and written: by `batch`, or by `merge` from the shards.
struct Summarised<'a> {
    scenario: &'a Scenario,
    seed: u64,
    runs: &'a [batch::RunSummary],
    days: Option<i64>,
}

impl Summarised<'_> {
    fn write(&self, format: BatchFormat, to: &Output) -> Result<(), Failure> {
        let (scenario, results) = (self.scenario, self.runs);
        let s = summary::summarize(scenario, self.seed, results);
        let text = match format {
            BatchFormat::Json => {
                crate::sim::output::json::pretty(&summary::batch_json(scenario, &s, results))
            }
            BatchFormat::Csv => summary::csv(scenario, results),
            BatchFormat::Text => summary::text(scenario, &s),
        };
        // The output first: a report is only written once the figures it goes with are safely out.
        write_output(to.out.as_deref(), &text)?;
        if let Some(r) = &to.report {
            let horizon = self.days.unwrap_or(scenario.horizon_days as i64);
            let series = [report::Series {
                label: "model",
                summary: &s,
                runs: results,
            }];
            let title = format!("sixparty batch: {} runs", results.len());
            let doc = if r.html {
                report::html(
                    scenario,
                    &title,
                    &series,
                    horizon,
                    &summary::text(scenario, &s),
                )
            } else {
                report::svg(scenario, &title, &series, horizon)
            };
            write_output(Some(&r.path), &doc)?;
        }
        Ok(())
    }
}

/// `sixparty merge`: the shards' partial results put back together, printed as the whole batch prints.
pub(crate) fn cmd_merge(m: MergeArgs) -> Result<(), Failure> {
    let mut parts = Vec::new();
    for f in &m.files {
        let bytes =
            crate::sim::io::files::read_bytes(Path::new(f), "partial result").map_err(input)?;
        parts.push((
            f.clone(),
            partial::Partial::from_bytes(f, &bytes).map_err(input)?,
        ));
    }
    let merged = partial::merge(&parts).map_err(|e| Failure {
        code: EXIT_INPUT,
        message: format!("sixparty: {e}"),
    })?;
    let batch = &merged.first;
    if let Some(report) = &merged.soak {
        if m.format != BatchFormat::Text || m.output.report.is_some() || m.rank.is_some() {
            return Err(usage(
                "these are a soak's shards: they merge into its summary, in text, without --report or --rank",
            ));
        }
        return soak_summary(report, m.output.out.as_deref());
    }
    let name = format!("{} (the scenario inside)", m.files[0]);
    let scenario =
        Arc::new(crate::sim::scenario::load_scenario(&name, &batch.scenario).map_err(input)?);
    let scenario = apply_sets(&scenario, &batch.sets)?;
    if let Some(design) = &batch.design {
        let swept = crate::sim::output::sweep::Swept {
            scenario: &scenario,
            design,
            runs: batch.runs,
            tallies: &merged.points,
            rank: m.rank.unwrap_or(0),
        };
        return super::sweep::write(&swept, m.format, &m.output);
    }
    if m.rank.is_some() {
        return Err(usage(
            "--rank orders a sweep's settings; these are the shards of a batch",
        ));
    }
    let runs = merged.runs;
    let out = Summarised {
        scenario: &scenario,
        seed: batch.seed,
        runs: &runs,
        days: batch.days,
    };
    out.write(m.format, &m.output)
}

/// The output of `compare`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum CompareFormat {
    /// Both summaries side by side, with the differences and their intervals.
    #[default]
    Text,
    /// The same as JSON.
    Json,
}

/// `sixparty compare`.
#[derive(Debug, Args)]
pub(crate) struct CompareArgs {
    #[command(flatten)]
    runs: RunsArgs,
    /// The variant's moves (else the baseline's --script, checked against the variant).
    #[arg(long, value_name = "FILE")]
    variant_script: Option<String>,
    /// The variant's scenario (else the baseline's, with the --set changes).
    #[arg(long, value_name = "FILE")]
    variant_scenario: Option<String>,
    /// Text or JSON.
    #[arg(short, long, value_enum, default_value_t = CompareFormat::Text)]
    format: CompareFormat,
}

pub(crate) fn cmd_compare(c: CompareArgs) -> Result<(), Failure> {
    let a = &c.runs;
    if a.set.is_empty() && c.variant_script.is_none() && c.variant_scenario.is_none() {
        return Err(usage(
            "compare needs a variant: --set PATH=VALUE, --variant-script FILE or --variant-scenario FILE",
        ));
    }
    let l = load(a)?;
    let variant_base = match &c.variant_scenario {
        Some(f) => Arc::new(load_scenario_arg(Some(f))?),
        None => Arc::clone(&l.scenario),
    };
    let variant = apply_sets(&variant_base, &a.set)?;
    // The variant's moves: its own script, else the baseline's script checked against the variant.
    let variant_moves = match (&c.variant_script, &a.script) {
        (Some(f), _) | (None, Some(f)) => script_moves(f, &variant)?,
        (None, None) => Vec::new(),
    };
    let mut described: Vec<String> = a.set.iter().map(|s| format!("--set {s}")).collect();
    if let Some(f) = &c.variant_scenario {
        described.push(format!("scenario {f}"));
    }
    if let Some(f) = &c.variant_script {
        described.push(format!("script {f}"));
    }
    let described = described.join(", ");
    let base_runs = batch::run_batch(
        &l.scenario,
        a.many.seed,
        a.many.runs,
        l.threads,
        &l.moves,
        a.days,
        &progress_bar(a.many.runs, "baseline"),
    );
    let var_runs = batch::run_batch(
        &variant,
        a.many.seed,
        a.many.runs,
        l.threads,
        &variant_moves,
        a.days,
        &progress_bar(a.many.runs, "variant "),
    );
    let sa = summary::summarize(&l.scenario, a.many.seed, &base_runs);
    let sb = summary::summarize(&variant, a.many.seed, &var_runs);
    let text = match c.format {
        CompareFormat::Json => crate::sim::output::json::pretty(&summary::compare_json(
            &l.scenario,
            &variant,
            &sa,
            &sb,
            &described,
        )),
        CompareFormat::Text => summary::compare_text(&l.scenario, &sa, &sb, &described),
    };
    // The output first: a report is only written once the figures it goes with are safely out.
    write_output(a.output.out.as_deref(), &text)?;
    if let Some(r) = &a.output.report {
        let horizon = a.days.unwrap_or(l.scenario.horizon_days as i64);
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
        let doc = if r.html {
            report::html(
                &l.scenario,
                &title,
                &series,
                horizon,
                &summary::compare_text(&l.scenario, &sa, &sb, &described),
            )
        } else {
            report::svg(&l.scenario, &title, &series, horizon)
        };
        write_output(Some(&r.path), &doc)?;
    }
    Ok(())
}

/// `sixparty soak`.
#[derive(Debug, Args)]
pub(crate) struct SoakArgs {
    /// The scenarios to soak [default: every `.ron` file in ./scenarios, else the embedded default].
    #[arg(value_name = "SCENARIO")]
    scenarios: Vec<String>,
    #[command(flatten)]
    many: Many,
    /// Play only shard K of the soak's runs split in N (1 <= K <= N) and write its partial result (to
    /// --out or standard output) for `sixparty merge`, which prints what the whole soak prints.
    #[arg(long, value_name = "K/N", value_parser = partial::parse_shard)]
    shard: Option<(usize, usize)>,
    /// With --shard: write the partial result to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE", requires = "shard")]
    out: Option<String>,
}

pub(crate) fn cmd_soak(a: SoakArgs) -> Result<(), Failure> {
    let threads = threads_or_all(a.many.threads);
    // The scenarios named, else every one in ./scenarios, else the embedded default.
    let mut files: Vec<String> = a.scenarios.clone();
    if files.is_empty() {
        files = crate::sim::io::files::ron_files(Path::new("scenarios"))
            .iter()
            .map(|p: &PathBuf| p.display().to_string())
            .collect();
    }
    let scenarios: Vec<Arc<Scenario>> = if files.is_empty() {
        vec![Arc::new(crate::sim::default_scenario())]
    } else {
        files
            .iter()
            .map(|f| load_scenario_arg(Some(f)).map(Arc::new))
            .collect::<Result<_, _>>()?
    };
    let runs = a.many.runs;
    let total = runs * scenarios.len();
    if let Some((k, n)) = a.shard
        && n > total
    {
        return Err(usage(format!(
            "--shard {k}/{n}: a soak of {total} runs is split in at most {total} shards"
        )));
    }
    let range = a
        .shard
        .map_or(0..total, |(k, n)| partial::shard_range(total, k, n));
    eprintln!(
        "soak: {} scenario{} x {runs} runs = {total} runs{} on {threads} thread{}, invariants checked every day",
        scenarios.len(),
        if scenarios.len() == 1 { "" } else { "s" },
        a.shard.map_or(String::new(), |(k, n)| format!(
            " (shard {k}/{n}: {} of them)",
            range.len()
        )),
        if threads == 1 { "" } else { "s" }
    );
    let started = std::time::Instant::now();
    let report = crate::sim::runs::soak::soak_range(
        &scenarios,
        a.many.seed,
        runs,
        range.clone(),
        threads,
        &progress_bar(range.len(), "soak"),
    );
    let secs = started.elapsed().as_secs_f64();
    // What was measured, not found: it differs from one soak to the next, so it goes to standard error
    // and standard output stays the same for the same scenarios, runs and seed (and a merge of shards).
    eprintln!(
        "soak: {:.1} s ({:.0} runs/s), peak memory {}",
        secs,
        range.len() as f64 / secs.max(1e-9),
        crate::sim::runs::soak::peak_memory_kib().map_or("unknown".into(), |k| format!(
            "{:.1} MiB",
            k as f64 / 1024.0
        ))
    );
    if let Some((k, n)) = a.shard {
        let part = partial::Partial {
            command: "soak".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            scenario_id: scenarios
                .iter()
                .map(|s| s.file.meta.id.as_str())
                .collect::<Vec<_>>()
                .join(","),
            scenario: scenarios
                .iter()
                .map(|s| crate::sim::io::save::scenario_text(s))
                .collect::<Vec<_>>()
                .join("\n"),
            sets: Vec::new(),
            moves: Vec::new(),
            seed: a.many.seed,
            runs,
            days: None,
            shard: k,
            shards: n,
            results: Vec::new(),
            design: None,
            points: Vec::new(),
            soak: Some(report),
        };
        return write_output(a.out.as_deref(), &part.to_text());
    }
    soak_summary(&report, None)
}

/// Prints a soak's summary (what `soak` and `merge` share) and fails with exit code 7 if a run failed.
fn soak_summary(
    report: &crate::sim::runs::soak::SoakReport,
    to: Option<&str>,
) -> Result<(), Failure> {
    let mut out = String::new();
    for (id, n) in &report.runs {
        out.push_str(&format!("  {id}: {n} runs\n"));
    }
    out.push_str(&format!(
        "runs: {}\ndays played: {}\nfailures: {}\n",
        report.runs.iter().map(|r| r.1).sum::<usize>(),
        report.days,
        report.failed,
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
    write_output(to, &out)?;
    if report.failed > 0 {
        return Err(Failure {
            code: EXIT_SOAK_FAILED,
            message: format!("sixparty: the soak found {} failing runs", report.failed),
        });
    }
    Ok(())
}
