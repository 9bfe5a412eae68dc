//! The model's own commands: `sixparty model` (every coefficient, its unit, meaning and value),
//! `sixparty exploits` (the search for a cheap strategy that wins) and `sixparty calibrate` (the model
//! scored against history).

use super::{
    Failure, apply_sets, input, load_scenario_arg, parse_seed, parse_threads, say, threads_or_all,
    usage, whole, write_output,
};
use crate::sim::Scenario;
use crate::sim::output::json::{FORMAT, pretty, round};
use crate::sim::runs::calibrate::{CaseScore, score_case};
use crate::sim::runs::exploits::search;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;
use std::sync::Arc;

fn parse_runs(text: &str) -> Result<usize, String> {
    whole(text, 1, 1_000_000, "a whole number of runs")
}

/// Text, JSON or a Markdown table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum TableFormat {
    /// Aligned text.
    #[default]
    Text,
    /// JSON.
    Json,
    /// A Markdown table (for docs).
    Markdown,
    /// CSV.
    Csv,
}

/// `sixparty model`.
#[derive(Debug, Args)]
pub(crate) struct ModelArgs {
    /// A scenario file (`-` for standard input): its values, with its `model` section applied; the
    /// embedded default if omitted.
    #[arg(value_name = "SCENARIO")]
    scenario: Option<String>,
    /// A what-if, as for batch; may be repeated.
    #[arg(long, value_name = "PATH=VALUE")]
    set: Vec<String>,
    /// Only the coefficients whose path contains this text.
    #[arg(long, value_name = "TEXT")]
    grep: Option<String>,
    /// Text, JSON, CSV or a Markdown table.
    #[arg(short, long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<String>,
}

#[derive(Serialize)]
struct ParamJson {
    path: String,
    unit: &'static str,
    value: f64,
    meaning: &'static str,
}

pub(crate) fn cmd_model(a: ModelArgs) -> Result<(), Failure> {
    let scn = apply_sets(&Arc::new(load_scenario_arg(a.scenario.as_deref())?), &a.set)?;
    let params: Vec<_> = scn
        .model
        .params()
        .into_iter()
        .filter(|p| a.grep.as_deref().is_none_or(|g| p.path.contains(g)))
        .collect();
    let text = match a.format {
        TableFormat::Json => pretty(
            &params
                .iter()
                .map(|p| ParamJson {
                    path: format!("model.{}", p.path),
                    unit: p.unit,
                    value: p.value,
                    meaning: p.meaning,
                })
                .collect::<Vec<_>>(),
        ),
        TableFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(["path", "unit", "value", "meaning"]);
            for p in &params {
                let _ = w.write_record([
                    format!("model.{}", p.path),
                    p.unit.to_string(),
                    p.value.to_string(),
                    p.meaning.to_string(),
                ]);
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
        TableFormat::Markdown => {
            let mut o = String::from("| Path | Default | Unit | Meaning |\n|---|---|---|---|\n");
            for p in &params {
                let _ = writeln!(
                    o,
                    "| `model.{}` | {} | {} | {} |",
                    p.path, p.value, p.unit, p.meaning
                );
            }
            o
        }
        TableFormat::Text => {
            let mut o = format!(
                "The model's coefficients for {} ({} of them); set any with --set model.PATH=VALUE or in the scenario's model section.\n\n",
                scn.file.meta.id,
                params.len()
            );
            for p in &params {
                let _ = writeln!(
                    o,
                    "model.{:<44} {:>9}  {}  — {}",
                    p.path, p.value, p.unit, p.meaning
                );
            }
            o
        }
    };
    write_output(a.out.as_deref(), &text)
}

/// `sixparty exploits`.
#[derive(Debug, Args)]
pub(crate) struct ExploitsArgs {
    /// A scenario file (`-` for standard input); the embedded default if omitted.
    #[arg(value_name = "SCENARIO")]
    scenario: Option<String>,
    /// Runs per strategy (the same seeds for every strategy and for the model alone).
    #[arg(short = 'n', long, value_name = "N", value_parser = parse_runs, default_value_t = 200)]
    runs: usize,
    /// The base seed.
    #[arg(short, long, value_name = "S", value_parser = parse_seed, default_value_t = 1)]
    seed: u64,
    /// Worker threads [default: every core]; the output is the same for any number.
    #[arg(short = 'j', long, value_name = "T", value_parser = parse_threads)]
    threads: Option<usize>,
    /// Only strategies for this delegation (by id); may be repeated. Every delegation if omitted.
    #[arg(short, long, value_name = "PARTY")]
    party: Vec<String>,
    /// How many strategies to list in text (every one in JSON and CSV).
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// A what-if, as for batch; may be repeated.
    #[arg(long, value_name = "PATH=VALUE")]
    set: Vec<String>,
    /// Text (the top strategies), JSON or CSV (every strategy).
    #[arg(short, long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<String>,
}

#[derive(Serialize)]
struct ExploitJson {
    party: String,
    strategy: String,
    agreement: f64,
    escalated_or_breakdown: f64,
    score: f64,
    agreement_gain_points: f64,
    score_gain_points: f64,
}

#[derive(Serialize)]
struct ExploitsJson {
    format: u32,
    scenario: String,
    runs_per_strategy: usize,
    seed: u64,
    model_alone: ModelAloneJson,
    strategies: Vec<ExploitJson>,
}

#[derive(Serialize)]
struct ModelAloneJson {
    agreement: f64,
    escalated_or_breakdown: f64,
    scores: Vec<(String, f64)>,
}

pub(crate) fn cmd_exploits(a: ExploitsArgs) -> Result<(), Failure> {
    let scn = apply_sets(&Arc::new(load_scenario_arg(a.scenario.as_deref())?), &a.set)?;
    let mut parties = Vec::new();
    for id in &a.party {
        match scn.party_index(id) {
            Some(p) => parties.push(p),
            None => {
                let ids: Vec<&str> = scn.parties.iter().map(|p| p.id.as_str()).collect();
                return Err(usage(format!(
                    "--party {id}: no such delegation in {}; expected one of: {}",
                    scn.file.meta.id,
                    ids.join(", ")
                )));
            }
        }
    }
    let bar = exploit_bar();
    let rep = search(
        &scn,
        a.seed,
        a.runs,
        threads_or_all(a.threads),
        &parties,
        &|done, total| bar(done, total),
    );
    let pid = |p: u8| scn.parties[p as usize].id.clone();
    let text = match a.format {
        TableFormat::Json => pretty(&ExploitsJson {
            format: FORMAT,
            scenario: scn.file.meta.id.clone(),
            runs_per_strategy: rep.runs,
            seed: rep.seed,
            model_alone: ModelAloneJson {
                agreement: round(rep.baseline_agreement, 4),
                escalated_or_breakdown: round(rep.baseline_escalated, 4),
                scores: rep
                    .baseline_scores
                    .iter()
                    .enumerate()
                    .map(|(p, s)| (pid(p as u8), round(*s, 2)))
                    .collect(),
            },
            strategies: rep
                .rows
                .iter()
                .map(|r| ExploitJson {
                    party: pid(r.party),
                    strategy: r.name.clone(),
                    agreement: round(r.agreement, 4),
                    escalated_or_breakdown: round(r.escalated, 4),
                    score: round(r.score, 2),
                    agreement_gain_points: round(r.d_agreement, 2),
                    score_gain_points: round(r.d_score, 2),
                })
                .collect(),
        }),
        TableFormat::Csv | TableFormat::Markdown if a.format == TableFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record([
                "party",
                "strategy",
                "agreement",
                "escalated_or_breakdown",
                "score",
                "agreement_gain_points",
                "score_gain_points",
            ]);
            for r in &rep.rows {
                let _ = w.write_record([
                    pid(r.party),
                    r.name.clone(),
                    format!("{:.4}", r.agreement),
                    format!("{:.4}", r.escalated),
                    format!("{:.2}", r.score),
                    format!("{:.2}", r.d_agreement),
                    format!("{:.2}", r.d_score),
                ]);
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
        _ => {
            let markdown = a.format == TableFormat::Markdown;
            let mut o = String::new();
            let _ = writeln!(
                o,
                "Exploit search on {}: {} strategies, {} runs each (seeds {}–{}), against the model alone.",
                scn.file.meta.id,
                rep.rows.len(),
                rep.runs,
                rep.seed,
                rep.seed + rep.runs as u64 - 1
            );
            let _ = writeln!(
                o,
                "The model alone: agreement {:.1}%, escalated or breakdown {:.1}%; scores {}.\n",
                100.0 * rep.baseline_agreement,
                100.0 * rep.baseline_escalated,
                rep.baseline_scores
                    .iter()
                    .enumerate()
                    .map(|(p, s)| format!("{} {s:.1}", pid(p as u8)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if markdown {
                o.push_str("| Delegation | Strategy | Agreement | Δ agreement (points) | Own score | Δ own score | Escalated or breakdown |\n|---|---|---|---|---|---|---|\n");
            } else {
                let _ = writeln!(
                    o,
                    "{:<6} {:<36} {:>9} {:>8} {:>9} {:>8} {:>10}",
                    "party", "strategy", "agreement", "Δ", "own score", "Δ", "escalated"
                );
            }
            for r in rep.rows.iter().take(a.top) {
                if markdown {
                    let _ = writeln!(
                        o,
                        "| {} | {} | {:.1}% | {:+.1} | {:.1} | {:+.1} | {:.1}% |",
                        pid(r.party),
                        r.name,
                        100.0 * r.agreement,
                        r.d_agreement,
                        r.score,
                        r.d_score,
                        100.0 * r.escalated
                    );
                } else {
                    let _ = writeln!(
                        o,
                        "{:<6} {:<36} {:>8.1}% {:>+8.1} {:>9.1} {:>+8.1} {:>9.1}%",
                        pid(r.party),
                        r.name,
                        100.0 * r.agreement,
                        r.d_agreement,
                        r.score,
                        r.d_score,
                        100.0 * r.escalated
                    );
                }
            }
            let worst = rep.rows.first();
            let top_agree = rep.rows.iter().map(|r| r.agreement).fold(0.0, f64::max);
            let _ = writeln!(
                o,
                "\nLargest gain over the model alone: {:+.1} points ({}); highest agreement share under any strategy: {:.1}%.",
                worst.map_or(0.0, |r| r.gain()),
                worst.map_or_else(String::new, |r| format!("{} {}", pid(r.party), r.name)),
                100.0 * top_agree
            );
            o
        }
    };
    write_output(a.out.as_deref(), &text)
}

fn exploit_bar() -> impl Fn(usize, usize) + Sync {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("strategies [{bar:40}] {pos}/{len}, {eta} left")
            .expect("a valid progress template")
            .progress_chars("#>-"),
    );
    move |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if done >= total {
            bar.finish_and_clear();
        }
    }
}

/// `sixparty calibrate`.
#[derive(Debug, Args)]
pub(crate) struct CalibrateArgs {
    /// Case scenarios (each with `meta.observed`); every `.ron` file in scenarios/history/ and the
    /// embedded default if omitted.
    #[arg(value_name = "SCENARIO")]
    scenarios: Vec<String>,
    /// Runs per case.
    #[arg(short = 'n', long, value_name = "N", value_parser = parse_runs, default_value_t = 1000)]
    runs: usize,
    /// The base seed.
    #[arg(short, long, value_name = "S", value_parser = parse_seed, default_value_t = 1)]
    seed: u64,
    /// Worker threads [default: every core]; the output is the same for any number.
    #[arg(short = 'j', long, value_name = "T", value_parser = parse_threads)]
    threads: Option<usize>,
    /// A what-if applied to every case (only paths every case has); may be repeated.
    #[arg(long, value_name = "PATH=VALUE")]
    set: Vec<String>,
    /// Text, JSON or a Markdown table.
    #[arg(short, long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<String>,
}

#[derive(Serialize)]
struct CaseJson {
    scenario: String,
    start: String,
    horizon_days: u32,
    observed: &'static str,
    shares: Vec<(&'static str, f64)>,
    brier: f64,
    uniform_brier: f64,
    skill: f64,
    milestones: Vec<MilestoneJson>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    slippage: Vec<SlippageJson>,
}

#[derive(Serialize)]
struct SlippageJson {
    step: String,
    history: f64,
    model_median: Option<f64>,
    model_share_done: f64,
}

#[derive(Serialize)]
struct MilestoneJson {
    milestone: String,
    history_day: i64,
    model_median_day: Option<i64>,
    model_share_reaching: f64,
}

#[derive(Serialize)]
struct CalibrationJson {
    format: u32,
    runs_per_case: usize,
    seed: u64,
    cases: Vec<CaseJson>,
    mean_brier: f64,
    mean_uniform_brier: f64,
}

pub(crate) fn cmd_calibrate(a: CalibrateArgs) -> Result<(), Failure> {
    let mut cases: Vec<Scenario> = Vec::new();
    if a.scenarios.is_empty() {
        let dir = std::path::Path::new("scenarios/history");
        if !dir.is_dir() {
            return Err(Failure {
                code: super::EXIT_INPUT,
                message: format!(
                    "sixparty: {} is not a folder here; name the case files, or run from the repository's folder",
                    dir.display()
                ),
            });
        }
        let files = crate::sim::io::files::ron_files(dir);
        cases.push(crate::sim::default_scenario());
        for f in files {
            cases.push(crate::sim::read_scenario(&f).map_err(input)?);
        }
    } else {
        for f in &a.scenarios {
            cases.push(load_scenario_arg(Some(f))?);
        }
    }
    let threads = threads_or_all(a.threads);
    let mut scores: Vec<CaseScore> = Vec::new();
    for scn in cases {
        let id = scn.file.meta.id.clone();
        let scn = apply_sets(&Arc::new(scn), &a.set)?;
        match score_case(&scn, a.seed, a.runs, threads) {
            Some(s) => scores.push(s),
            None => {
                let _ = writeln!(
                    std::io::stderr(),
                    "sixparty: {id} has no meta.observed outcome; left out of the calibration"
                );
            }
        }
    }
    if scores.is_empty() {
        return Err(usage("no case with a meta.observed outcome to score"));
    }
    let n = scores.len() as f64;
    let mean_brier = scores.iter().map(|s| s.brier).sum::<f64>() / n;
    let mean_uniform = scores.iter().map(|s| s.uniform).sum::<f64>() / n;
    let text = match a.format {
        TableFormat::Json => pretty(&CalibrationJson {
            format: FORMAT,
            runs_per_case: a.runs,
            seed: a.seed,
            cases: scores
                .iter()
                .map(|s| CaseJson {
                    scenario: s.id.clone(),
                    start: s.start.clone(),
                    horizon_days: s.horizon,
                    observed: s.observed,
                    shares: s
                        .categories
                        .iter()
                        .zip(&s.shares)
                        .map(|(k, p)| (*k, round(*p, 4)))
                        .collect(),
                    slippage: s
                        .slippage
                        .iter()
                        .map(|(step, h, m, r)| SlippageJson {
                            step: step.clone(),
                            history: round(*h, 3),
                            model_median: m.map(|m| round(m, 3)),
                            model_share_done: round(*r, 4),
                        })
                        .collect(),
                    brier: round(s.brier, 4),
                    uniform_brier: round(s.uniform, 4),
                    skill: round(s.skill(), 4),
                    milestones: s
                        .milestones
                        .iter()
                        .map(|(m, h, d, r)| MilestoneJson {
                            milestone: m.clone(),
                            history_day: *h,
                            model_median_day: *d,
                            model_share_reaching: round(*r, 4),
                        })
                        .collect(),
                })
                .collect(),
            mean_brier: round(mean_brier, 4),
            mean_uniform_brier: round(mean_uniform, 4),
        }),
        _ => calibration_table(
            &scores,
            a.runs,
            a.format == TableFormat::Markdown,
            mean_brier,
            mean_uniform,
        ),
    };
    write_output(a.out.as_deref(), &text)?;
    let _ = std::io::stdout().flush();
    if a.out.is_some() {
        say!(
            "mean Brier {mean_brier:.3} against {mean_uniform:.3} for a uniform guess ({} cases)",
            scores.len()
        );
    }
    Ok(())
}

fn calibration_table(
    scores: &[CaseScore],
    runs: usize,
    markdown: bool,
    mean_brier: f64,
    mean_uniform: f64,
) -> String {
    let mut o = String::new();
    if markdown {
        o.push_str("| Case | Start | Horizon | What happened | Model's shares | Brier | Uniform | Milestones (history → model median, share reaching) |\n");
        o.push_str("|---|---|---|---|---|---|---|---|\n");
    } else {
        let _ = writeln!(
            o,
            "Calibration: {} case{}, {runs} runs each. Brier scores (lower is better; a uniform guess over k endings scores 1 - 1/k: 0.800 over five, 0.857 over seven).\n",
            scores.len(),
            if scores.len() == 1 { "" } else { "s" }
        );
    }
    for s in scores {
        let kinds = &s.categories;
        let slip: Vec<String> = s
            .slippage
            .iter()
            .map(|(step, h, m, r)| {
                format!(
                    "{step} slippage: history {h:.2} → model median {} ({:.0}% of runs did it){}",
                    m.map_or("never".to_string(), |m| format!("{m:.2}")),
                    100.0 * r,
                    match m {
                        Some(m) if *m >= h / 2.0 && *m <= h * 2.0 => ", within a factor of two",
                        Some(_) => ", NOT within a factor of two",
                        None => "",
                    }
                )
            })
            .collect();
        let shares: Vec<String> = s
            .shares
            .iter()
            .map(|p| format!("{:.0}%", 100.0 * p))
            .collect();
        let mut ms: Vec<String> = s
            .milestones
            .iter()
            .map(|(m, h, d, r)| {
                format!(
                    "{m}: +{h} → {} ({:.0}%)",
                    d.map_or("never".to_string(), |d| format!("+{d}")),
                    100.0 * r
                )
            })
            .collect();
        ms.extend(slip);
        if markdown {
            let _ = writeln!(
                o,
                "| {} | {} | {} d | {} | {} | {:.3} | {:.3} | {} |",
                s.id,
                s.start,
                s.horizon,
                s.observed,
                kinds
                    .iter()
                    .zip(&shares)
                    .map(|(k, p)| format!("{k} {p}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                s.brier,
                s.uniform,
                ms.join("; ")
            );
        } else {
            let _ = writeln!(
                o,
                "{:<14} from {} for {} days; history: {}",
                s.id, s.start, s.horizon, s.observed
            );
            let _ = writeln!(
                o,
                "  model: {}",
                kinds
                    .iter()
                    .zip(&shares)
                    .map(|(k, p)| format!("{k} {p}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = writeln!(
                o,
                "  Brier {:.3} (uniform {:.3}; skill {:+.2}){}",
                s.brier,
                s.uniform,
                s.skill(),
                if s.brier < s.uniform {
                    ""
                } else {
                    "  -- no better than a uniform guess"
                }
            );
            if !ms.is_empty() {
                let _ = writeln!(o, "  milestones: {}", ms.join("; "));
            }
        }
    }
    if markdown {
        let _ = writeln!(
            o,
            "| **mean** | | | | | **{mean_brier:.3}** | {mean_uniform:.3} | |"
        );
    } else {
        let _ = writeln!(
            o,
            "\nMean Brier {mean_brier:.3} against {mean_uniform:.3} for a uniform guess.",
        );
    }
    o
}
