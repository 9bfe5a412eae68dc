//! `sixparty sweep`: which settings the outcomes depend on — Morris screening or Sobol indices over ranges
//! of `--set` paths, whole or in shards (`--shard K/N`, put together by `sixparty merge`).

use super::many::{BatchFormat, Output, RunsArgs, load, partial_of, shard_with_output_options};
use super::{Failure, apply_sets, progress_bar, read_input, usage, whole, write_output};
use crate::sim::Scenario;
use crate::sim::io::partial;
use crate::sim::output::sweep::Swept;
use crate::sim::runs::sweep::{self, Design, Factor, MEASURES, Method};
use clap::{Args, ValueEnum};

/// How `sweep` chooses its points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum SweepMethod {
    /// Morris elementary effects: screening many settings (R·(k+1) points).
    #[default]
    Morris,
    /// Sobol indices, first-order and total: a few settings in depth (M·(k+2) points).
    Sobol,
}

/// `sixparty sweep`.
#[derive(Debug, Args)]
pub(crate) struct SweepArgs {
    #[command(flatten)]
    runs: RunsArgs,
    /// A setting to vary and its range, PATH=LOW..HIGH, where PATH is a `--set` path that takes a number
    /// (e.g. model.trust.decay=0.01..0.05); may be repeated.
    #[arg(short = 'p', long = "param", value_name = "PATH=LOW..HIGH")]
    params: Vec<String>,
    /// Settings to vary read from FILE: one PATH=LOW..HIGH a line; blank lines and `#` comments skipped.
    #[arg(long, value_name = "FILE")]
    params_file: Option<String>,
    /// Vary every model coefficient that is not zero (`sixparty model` lists them) from (1 - W) to (1 + W)
    /// times its value, within 0–1 for coefficients in that unit; a --param for one replaces its range.
    #[arg(long)]
    all: bool,
    /// W for --all.
    #[arg(long, value_name = "W", default_value_t = 0.5, value_parser = parse_width)]
    width: f64,
    /// Morris screening or Sobol indices.
    #[arg(long, value_enum, default_value_t = SweepMethod::Morris)]
    method: SweepMethod,
    /// Morris: the number of trajectories R (1–10000).
    #[arg(long, value_name = "R", default_value_t = 10, value_parser = parse_trajectories)]
    trajectories: usize,
    /// Morris: the levels of each setting's grid, an even number p (2–100).
    #[arg(long, value_name = "P", default_value_t = 4, value_parser = parse_levels)]
    levels: usize,
    /// Sobol: the number of base samples M (1–1000000).
    #[arg(long, value_name = "M", default_value_t = 64, value_parser = parse_samples)]
    samples: usize,
    /// The measure the settings are ranked by: agreement, resumed, stalled, escalated, breakdown,
    /// first_session_day, agreement_day, peak_rung or tests.
    #[arg(long, value_name = "MEASURE", default_value = "agreement", value_parser = parse_measure)]
    rank: usize,
    /// The ranked table as text, everything as JSON, or one row per setting and measure as CSV
    /// [default: text].
    #[arg(short, long, value_enum)]
    format: Option<BatchFormat>,
    /// Play only shard K of the sweep's points split in N (1 <= K <= N) and write its partial result (to
    /// --out or standard output) for `sixparty merge`, which prints what the whole sweep prints.
    #[arg(long, value_name = "K/N", value_parser = partial::parse_shard)]
    shard: Option<(usize, usize)>,
}

fn parse_width(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(w) if w > 0.0 && w <= 1.0 => Ok(w),
        _ => Err(format!("`{text}`: expected a number above 0 and at most 1")),
    }
}

fn parse_trajectories(text: &str) -> Result<usize, String> {
    whole(text, 1, 10_000, "a whole number of trajectories")
}

fn parse_samples(text: &str) -> Result<usize, String> {
    whole(text, 1, 1_000_000, "a whole number of samples")
}

fn parse_levels(text: &str) -> Result<usize, String> {
    let p: usize = whole(text, 2, 100, "a whole number of levels")?;
    if p % 2 == 1 {
        return Err(format!(
            "`{text}`: the levels are an even number (Morris's step is half the grid)"
        ));
    }
    Ok(p)
}

/// `--rank MEASURE`: the index of a measure.
pub(crate) fn parse_measure(text: &str) -> Result<usize, String> {
    sweep::measure_index(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = MEASURES.iter().map(|m| m.0).collect();
        format!(
            "`{text}`: unknown measure; expected one of: {}",
            names.join(", ")
        )
    })
}

/// Reads one `PATH=LOW..HIGH`; `from` says where it was given, for messages.
fn parse_factor(text: &str, from: &str) -> Result<Factor, String> {
    let bad =
        || format!("{from} `{text}`: expected PATH=LOW..HIGH (e.g. model.trust.decay=0.01..0.05)");
    let (path, range) = text.split_once('=').ok_or_else(bad)?;
    let (low, high) = range.split_once("..").ok_or_else(bad)?;
    let number = |v: &str| {
        v.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("{from} {}: `{}` is not a number", path.trim(), v.trim()))
    };
    Ok(Factor {
        path: path.trim().to_string(),
        low: number(low)?,
        high: number(high)?,
    })
}

/// The scenario's complaint about a factor as one line under the factor's own name.
fn factor_problem(from: &str, f: &Factor, e: &str) -> String {
    let first = e.lines().next().unwrap_or(e);
    if first.contains("no such setting") {
        return format!(
            "{from} {}: no such setting (`sixparty model` lists the model's coefficients, docs/cli.md the other paths)",
            f.path
        );
    }
    let first = first
        .strip_prefix(&format!("--set {}: ", f.path))
        .or_else(|| first.strip_prefix("(scenario after --set):1:1: "))
        .unwrap_or(first);
    format!("{from} {}={}..{}: {first}", f.path, f.low, f.high)
}

/// The factors the command line names: --all's, then --params-file's and --param's (which replace an
/// --all range of the same path; a path named twice otherwise is an error).
fn factors(a: &SweepArgs, scn: &Scenario) -> Result<Vec<Factor>, Failure> {
    let mut out: Vec<Factor> = Vec::new();
    if a.all {
        let (all, left) = sweep::every_coefficient(scn, a.width);
        let refused: Vec<&String> = left.iter().filter(|l| !l.ends_with("(0)")).collect();
        eprintln!(
            "sweep --all: {} model coefficients from {} to {} times their values; {} left out at 0{}",
            all.len(),
            1.0 - a.width,
            1.0 + a.width,
            left.len() - refused.len(),
            if refused.is_empty() {
                String::new()
            } else {
                format!(
                    ", {} whose range the scenario refuses: {}",
                    refused.len(),
                    refused
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            }
        );
        out = all;
    }
    let from_all = out.len();
    let mut named: Vec<(String, Factor)> = Vec::new();
    if let Some(f) = &a.params_file {
        let (name, text) = read_input(f)?;
        for (n, line) in text.lines().enumerate() {
            let t = line.split('#').next().unwrap_or("").trim();
            if t.is_empty() {
                continue;
            }
            let from = format!("{name}:{}:1:", n + 1);
            let factor = parse_factor(t, &from).map_err(|m| Failure {
                code: super::EXIT_INPUT,
                message: m,
            })?;
            named.push((from, factor));
        }
    }
    for p in &a.params {
        named.push(("--param".into(), parse_factor(p, "--param").map_err(usage)?));
    }
    for (from, f) in named {
        let code = if from == "--param" {
            super::EXIT_USAGE
        } else {
            super::EXIT_INPUT
        };
        let fail = |m: String| Failure {
            code,
            message: if code == super::EXIT_USAGE {
                usage(m).message
            } else {
                m
            },
        };
        sweep::check_factor(scn, &f).map_err(|e| fail(factor_problem(&from, &f, &e)))?;
        match out.iter().position(|x| x.path == f.path) {
            Some(i) if i < from_all => out[i] = f,
            Some(_) => {
                return Err(fail(format!(
                    "{from} {}: this setting is already varied; name each once",
                    f.path
                )));
            }
            None => out.push(f),
        }
    }
    if out.is_empty() {
        return Err(usage(
            "sweep needs settings to vary: --param PATH=LOW..HIGH (repeated), --params-file FILE or --all",
        ));
    }
    Ok(out)
}

pub(crate) fn cmd_sweep(a: SweepArgs) -> Result<(), Failure> {
    let r = &a.runs;
    if a.shard.is_some() && (a.format.is_some() || r.output.report.is_some()) {
        return Err(shard_with_output_options());
    }
    let l = load(r)?;
    let scenario = apply_sets(&l.scenario, &r.set)?;
    let method = match a.method {
        SweepMethod::Morris => Method::Morris {
            trajectories: a.trajectories,
            levels: a.levels,
        },
        SweepMethod::Sobol => Method::Sobol { samples: a.samples },
    };
    let design = Design {
        method,
        factors: factors(&a, &scenario)?,
        seed: r.many.seed,
    };
    if let Some(m) = partial::design_problem(&design) {
        return Err(usage(m));
    }
    let points = design.point_count();
    let range = match a.shard {
        Some((k, n)) if n > points => {
            return Err(usage(format!(
                "--shard {k}/{n}: a sweep of {points} points is split in at most {points} shards"
            )));
        }
        Some((k, n)) => partial::shard_range(points, k, n),
        None => 0..points,
    };
    let runs = sweep::Runs {
        scenario: &scenario,
        runs: r.many.runs,
        moves: &l.moves,
        days: r.days,
    };
    let tallies = sweep::play(
        &design,
        &runs,
        range.clone(),
        l.threads,
        &progress_bar(range.len() * r.many.runs, "runs"),
    )
    .map_err(|m| usage(format!("sweep: {m}")))?;
    if let Some((k, n)) = a.shard {
        let part = partial::Partial {
            design: Some(design),
            points: tallies,
            ..partial_of("sweep", r, &l, (k, n))
        };
        return write_output(r.output.out.as_deref(), &part.to_text());
    }
    let swept = Swept {
        scenario: &scenario,
        design: &design,
        runs: r.many.runs,
        tallies: &tallies,
        rank: a.rank,
    };
    write(&swept, a.format.unwrap_or_default(), &r.output)
}

/// Writes a sweep's table in `format`, then its chart if `--report` asks for one: what `sweep` and `merge`
/// share.
pub(crate) fn write(s: &Swept, format: BatchFormat, to: &Output) -> Result<(), Failure> {
    let text = match format {
        BatchFormat::Text => s.text(),
        BatchFormat::Json => s.json(),
        BatchFormat::Csv => s.csv(),
    };
    // The output first: a chart is only written once the figures it goes with are safely out.
    write_output(to.out.as_deref(), &text)?;
    if let Some(r) = &to.report {
        write_output(Some(&r.path), &if r.html { s.html() } else { s.svg() })?;
    }
    Ok(())
}
