//! Figures over a batch of runs: outcome shares with 95% intervals, milestone percentiles, the peak rung,
//! and what each party did most. Rendered as text, JSON or CSV.

use crate::sim::action::ActionKind;
use crate::sim::output::json::{FORMAT, Ordered, round};
use crate::sim::runs::batch::RunSummary;
use crate::sim::scenario::Scenario;
use crate::sim::state::chronicle::OutcomeKind;
use crate::sim::state::deal::DealStatus;
use serde::Serialize;
use std::fmt::Write;

/// A share with its Wilson 95% interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Share {
    /// Count.
    pub count: usize,
    /// Share of runs, 0–1.
    pub share: f64,
    /// Lower bound of the 95% interval.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

/// The Wilson score interval for `k` of `n`.
pub fn share(k: usize, n: usize) -> Share {
    if n == 0 {
        return Share {
            count: 0,
            share: 0.0,
            low: 0.0,
            high: 0.0,
        };
    }
    let z = 1.959_963_984_540_054;
    let nf = n as f64;
    let p = k as f64 / nf;
    let denom = 1.0 + z * z / nf;
    let centre = (p + z * z / (2.0 * nf)) / denom;
    let half = z * ((p * (1.0 - p) + z * z / (4.0 * nf)) / nf).sqrt() / denom;
    Share {
        count: k,
        share: p,
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    }
}

/// The `q` percentile (0–100) of sorted values, nearest-rank.
pub fn percentile(sorted: &[i64], q: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((q / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    Some(sorted[rank.min(sorted.len()) - 1])
}

/// Percentiles of a milestone's day and the share of runs reaching it.
#[derive(Clone, Debug, PartialEq)]
pub struct Milestone {
    /// Share of runs that reached it.
    pub reached: Share,
    /// 10th, 50th and 90th percentile of the day, among runs that reached it.
    pub p10: Option<i64>,
    /// Median.
    pub p50: Option<i64>,
    /// 90th percentile.
    pub p90: Option<i64>,
}

fn milestone(runs: &[RunSummary], f: impl Fn(&RunSummary) -> Option<i64>) -> Milestone {
    let mut days: Vec<i64> = runs.iter().filter_map(f).collect();
    days.sort_unstable();
    Milestone {
        reached: share(days.len(), runs.len()),
        p10: percentile(&days, 10.0),
        p50: percentile(&days, 50.0),
        p90: percentile(&days, 90.0),
    }
}

/// The figures of one batch.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Number of runs.
    pub runs: usize,
    /// First seed.
    pub base_seed: u64,
    /// Share of each outcome kind, in [`OutcomeKind::ALL`] order.
    pub outcomes: Vec<(OutcomeKind, Share)>,
    /// Share of runs in which talks resumed (a session was held), agreement or not.
    pub resumed_any: Share,
    /// The first session.
    pub first_session: Milestone,
    /// The agreement.
    pub agreement: Milestone,
    /// Runs whose peak rung was each rung.
    pub peak_rungs: Vec<Share>,
    /// Per party: (action kind, total count) sorted by count, waits left out.
    pub top_moves: Vec<Vec<(ActionKind, u64)>>,
    /// Rules by firings: (rule index, total firings, runs in which it fired).
    pub rules: Vec<(usize, u64, usize)>,
    /// Share of runs whose signed deal ended each way, in [`DealStatus::ALL`] order (empty for a scenario
    /// without commitments).
    pub deals: Vec<(DealStatus, Share)>,
    /// Per kind of step (in the scenario's order): how often it was done and its slippage's 10th, 50th and
    /// 90th percentile (days to done over days to due), among runs that did it.
    pub slippage: Vec<Slippage>,
}

/// How late one kind of step came over a batch.
#[derive(Clone, Debug, PartialEq)]
pub struct Slippage {
    /// The step kind.
    pub step: u16,
    /// Share of runs in which it was done.
    pub done: Share,
    /// 10th percentile.
    pub p10: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 90th percentile.
    pub p90: Option<f64>,
}

/// The `q` percentile (0–100) of sorted values, nearest-rank.
pub fn percentile_f(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((q / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    Some(sorted[rank.min(sorted.len()) - 1])
}

fn slippages(scn: &Scenario, runs: &[RunSummary]) -> Vec<Slippage> {
    (0..scn.commitments.steps.len() as u16)
        .map(|k| {
            let mut v: Vec<f64> = runs
                .iter()
                .flat_map(|r| r.slippage.iter().filter(|s| s.0 == k).map(|s| s.1))
                .collect();
            v.sort_by(f64::total_cmp);
            Slippage {
                step: k,
                done: share(v.len(), runs.len()),
                p10: percentile_f(&v, 10.0),
                p50: percentile_f(&v, 50.0),
                p90: percentile_f(&v, 90.0),
            }
        })
        .collect()
}

/// Computes the summary of a batch.
pub fn summarize(scn: &Scenario, base_seed: u64, runs: &[RunSummary]) -> Summary {
    let n = runs.len();
    let outcomes = OutcomeKind::ALL
        .iter()
        .map(|&k| (k, share(runs.iter().filter(|r| r.outcome == k).count(), n)))
        .collect();
    let peak_rungs = (0..scn.rungs.len())
        .map(|r| share(runs.iter().filter(|x| x.peak_rung as usize == r).count(), n))
        .collect();
    let top_moves = (0..scn.parties.len())
        .map(|p| {
            let mut v: Vec<(ActionKind, u64)> = ActionKind::ALL
                .iter()
                .filter(|&&k| k != ActionKind::Wait)
                .map(|&k| {
                    (
                        k,
                        runs.iter()
                            .map(|r| r.counters.moves[p][k as usize] as u64)
                            .sum(),
                    )
                })
                .filter(|x| x.1 > 0)
                .collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        })
        .collect();
    let mut rules: Vec<(usize, u64, usize)> = (0..scn.rules.len())
        .map(|r| {
            (
                r,
                runs.iter().map(|x| x.counters.rule_fires[r] as u64).sum(),
                runs.iter().filter(|x| x.counters.rule_fires[r] > 0).count(),
            )
        })
        .collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Summary {
        runs: n,
        base_seed,
        outcomes,
        resumed_any: share(runs.iter().filter(|r| r.sessions > 0).count(), n),
        first_session: milestone(runs, |r| r.first_session),
        agreement: milestone(runs, |r| r.agreement),
        peak_rungs,
        top_moves,
        rules,
        deals: if scn.commitments.steps.is_empty() {
            Vec::new()
        } else {
            DealStatus::ALL
                .iter()
                .map(|&d| {
                    (
                        d,
                        share(runs.iter().filter(|r| r.deal == Some(d)).count(), n),
                    )
                })
                .collect()
        },
        slippage: slippages(scn, runs),
    }
}

fn pct(s: &Share) -> String {
    format!(
        "{:5.1}%  [{:4.1}–{:4.1}]",
        100.0 * s.share,
        100.0 * s.low,
        100.0 * s.high
    )
}

fn opt(d: Option<i64>) -> String {
    d.map_or("—".into(), |d| format!("{d:+}"))
}

/// The seeds a batch used, `first..last`.
fn seed_range(s: &Summary) -> String {
    format!(
        "{}..{}",
        s.base_seed,
        s.base_seed.wrapping_add(s.runs.saturating_sub(1) as u64)
    )
}

/// The summary as a readable report.
pub fn text(scn: &Scenario, s: &Summary) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} ({}): {} runs, seeds {}",
        scn.file.meta.title,
        scn.file.meta.id,
        s.runs,
        seed_range(s)
    );
    let _ = writeln!(o, "\nOutcomes (share, 95% interval)");
    for (k, sh) in &s.outcomes {
        let _ = writeln!(o, "  {:<10} {:6}  {}", k.key(), sh.count, pct(sh));
    }
    let _ = writeln!(
        o,
        "  talks resumed at all (any session): {}",
        pct(&s.resumed_any)
    );
    if !s.deals.is_empty() {
        let _ = writeln!(o, "\nAfter the signature (share of all runs, 95% interval)");
        for (d, sh) in &s.deals {
            let _ = writeln!(o, "  {:<18} {:6}  {}", d.words(), sh.count, pct(sh));
        }
        let _ = writeln!(
            o,
            "\nSteps done and their slippage (days to done / days to due; 10th / 50th / 90th percentile)"
        );
        for sl in &s.slippage {
            let kind = &scn.commitments.steps[sl.step as usize];
            let f = |x: Option<f64>| x.map_or("—".to_string(), |x| format!("{x:.2}"));
            let _ = writeln!(
                o,
                "  {:<14} {:<5} done in {}   slippage {} / {} / {}",
                kind.id,
                scn.parties[kind.party as usize].id,
                pct(&sl.done),
                f(sl.p10),
                f(sl.p50),
                f(sl.p90)
            );
        }
    }
    let _ = writeln!(
        o,
        "\nMilestones (days from {}; 10th / 50th / 90th percentile)",
        scn.start
    );
    for (name, m) in [
        ("first session", &s.first_session),
        ("agreement", &s.agreement),
    ] {
        let _ = writeln!(
            o,
            "  {name:<14} reached in {}   day {} / {} / {}{}",
            pct(&m.reached),
            opt(m.p10),
            opt(m.p50),
            opt(m.p90),
            m.p50
                .map(|d| format!("   (median date {})", scn.date_of(d)))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(o, "\nPeak escalation rung");
    for (r, sh) in s.peak_rungs.iter().enumerate() {
        if sh.count > 0 {
            let _ = writeln!(o, "  {:<24} {:6}  {}", scn.rungs[r].name, sh.count, pct(sh));
        }
    }
    let _ = writeln!(o, "\nMost frequent moves per party (per run)");
    for (p, moves) in s.top_moves.iter().enumerate() {
        let list: Vec<String> = moves
            .iter()
            .take(4)
            .map(|(k, c)| format!("{} {:.2}", k.key(), *c as f64 / s.runs.max(1) as f64))
            .collect();
        let _ = writeln!(o, "  {:<5} {}", scn.parties[p].id, list.join(", "));
    }
    let _ = writeln!(
        o,
        "\nRules that fired most (firings per run; share of runs)"
    );
    for &(r, fires, in_runs) in s.rules.iter().take(8) {
        if fires == 0 {
            break;
        }
        let _ = writeln!(
            o,
            "  {:<28} {:.2}  {:.1}%",
            scn.rules[r].id,
            fires as f64 / s.runs.max(1) as f64,
            100.0 * in_runs as f64 / s.runs.max(1) as f64
        );
    }
    o
}

/// A share as JSON: count, share and its 95% interval.
#[derive(Clone, Debug, Serialize)]
pub struct ShareJson {
    count: usize,
    share: f64,
    ci95_low: f64,
    ci95_high: f64,
}

fn share_json(s: &Share) -> ShareJson {
    ShareJson {
        count: s.count,
        share: round(s.share, 4),
        ci95_low: round(s.low, 4),
        ci95_high: round(s.high, 4),
    }
}

/// A milestone as JSON: how often it was reached and on which days.
#[derive(Clone, Debug, Serialize)]
pub struct MilestoneJson {
    reached: ShareJson,
    p10_day: Option<i64>,
    p50_day: Option<i64>,
    p90_day: Option<i64>,
}

fn milestone_json(m: &Milestone) -> MilestoneJson {
    MilestoneJson {
        reached: share_json(&m.reached),
        p10_day: m.p10,
        p50_day: m.p50,
        p90_day: m.p90,
    }
}

/// A rule's firings over a batch.
#[derive(Clone, Debug, Serialize)]
pub struct RuleJson {
    id: String,
    firings: u64,
    runs: usize,
}

/// A batch's summary as JSON.
#[derive(Clone, Debug, Serialize)]
pub struct SummaryJson {
    scenario: String,
    runs: usize,
    base_seed: u64,
    outcomes: Ordered<ShareJson>,
    resumed_any: ShareJson,
    first_session: MilestoneJson,
    agreement: MilestoneJson,
    peak_rung: Ordered<ShareJson>,
    moves_per_run: Ordered<Ordered<f64>>,
    rules: Vec<RuleJson>,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    deals: Ordered<ShareJson>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    slippage: Vec<SlippageJson>,
}

/// A kind of step's slippage over a batch.
#[derive(Clone, Debug, Serialize)]
pub struct SlippageJson {
    step: String,
    party: String,
    done: ShareJson,
    p10: Option<f64>,
    p50: Option<f64>,
    p90: Option<f64>,
}

/// The summary as JSON.
pub fn json(scn: &Scenario, s: &Summary) -> SummaryJson {
    SummaryJson {
        scenario: scn.file.meta.id.clone(),
        runs: s.runs,
        base_seed: s.base_seed,
        outcomes: s
            .outcomes
            .iter()
            .map(|(k, sh)| (k.key().to_string(), share_json(sh)))
            .collect(),
        resumed_any: share_json(&s.resumed_any),
        first_session: milestone_json(&s.first_session),
        agreement: milestone_json(&s.agreement),
        peak_rung: s
            .peak_rungs
            .iter()
            .enumerate()
            .map(|(r, sh)| (scn.rungs[r].id.clone(), share_json(sh)))
            .collect(),
        moves_per_run: s
            .top_moves
            .iter()
            .enumerate()
            .map(|(p, v)| {
                (
                    scn.parties[p].id.clone(),
                    v.iter()
                        .map(|(k, c)| {
                            (
                                k.key().to_string(),
                                round(*c as f64 / s.runs.max(1) as f64, 4),
                            )
                        })
                        .collect(),
                )
            })
            .collect(),
        rules: s
            .rules
            .iter()
            .map(|&(r, fires, in_runs)| RuleJson {
                id: scn.rules[r].id.clone(),
                firings: fires,
                runs: in_runs,
            })
            .collect(),
        deals: s
            .deals
            .iter()
            .map(|(d, sh)| (d.key().to_string(), share_json(sh)))
            .collect(),
        slippage: if s.deals.is_empty() {
            Vec::new()
        } else {
            s.slippage
                .iter()
                .map(|sl| {
                    let kind = &scn.commitments.steps[sl.step as usize];
                    SlippageJson {
                        step: kind.id.clone(),
                        party: scn.parties[kind.party as usize].id.clone(),
                        done: share_json(&sl.done),
                        p10: sl.p10.map(|x| round(x, 3)),
                        p50: sl.p50.map(|x| round(x, 3)),
                        p90: sl.p90.map(|x| round(x, 3)),
                    }
                })
                .collect()
        },
    }
}

/// One run of a batch as JSON.
#[derive(Clone, Debug, Serialize)]
pub struct RunJson {
    seed: u64,
    outcome: &'static str,
    deal: Option<&'static str>,
    outcome_day: i64,
    first_contacts_day: Option<i64>,
    first_session_day: Option<i64>,
    agreement_day: Option<i64>,
    peak_rung: String,
    sessions: u32,
    walkouts: u32,
}

/// One JSON object per run.
pub fn run_json(scn: &Scenario, r: &RunSummary) -> RunJson {
    RunJson {
        seed: r.seed,
        outcome: r.outcome.key(),
        deal: r.deal.map(|d| d.key()),
        outcome_day: r.outcome_day,
        first_contacts_day: r.first_contacts,
        first_session_day: r.first_session,
        agreement_day: r.agreement,
        peak_rung: scn.rungs[r.peak_rung as usize].id.clone(),
        sessions: r.sessions,
        walkouts: r.walkouts,
    }
}

/// The document `sixparty batch --format json` writes: the summary and every run.
#[derive(Clone, Debug, Serialize)]
pub struct BatchJson {
    format: u32,
    summary: SummaryJson,
    runs: Vec<RunJson>,
}

/// The batch document.
pub fn batch_json(scn: &Scenario, s: &Summary, runs: &[RunSummary]) -> BatchJson {
    BatchJson {
        format: FORMAT,
        summary: json(scn, s),
        runs: runs.iter().map(|r| run_json(scn, r)).collect(),
    }
}

/// One CSV row per run, with a header.
pub fn csv(scn: &Scenario, runs: &[RunSummary]) -> String {
    // The csv crate quotes a field where it needs it (ids are free text in a scenario file); a missing
    // milestone is an empty field.
    if runs.is_empty() {
        return "seed,outcome,deal,outcome_day,first_contacts_day,first_session_day,agreement_day,peak_rung,sessions,walkouts\n".into();
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in runs {
        w.serialize(run_json(scn, r))
            .expect("a run's row always serialises");
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the rows are UTF-8")
}

/// The difference `b - a` of two shares with Newcombe's 95% interval (from the two Wilson intervals).
pub fn difference(a: &Share, b: &Share) -> (f64, f64, f64) {
    let d = b.share - a.share;
    let lo = d - ((b.share - b.low).powi(2) + (a.high - a.share).powi(2)).sqrt();
    let hi = d + ((b.high - b.share).powi(2) + (a.share - a.low).powi(2)).sqrt();
    (d, lo, hi)
}

/// The rows of a comparison: name, baseline share, variant share.
fn compare_rows<'a>(a: &'a Summary, b: &'a Summary) -> Vec<(String, &'a Share, &'a Share)> {
    let mut rows: Vec<(String, &Share, &Share)> = a
        .outcomes
        .iter()
        .zip(&b.outcomes)
        .map(|((k, x), (_, y))| (format!("outcome: {}", k.key()), x, y))
        .collect();
    rows.push((
        "talks resumed (any session)".into(),
        &a.resumed_any,
        &b.resumed_any,
    ));
    rows.push((
        "agreement reached".into(),
        &a.agreement.reached,
        &b.agreement.reached,
    ));
    for ((d, x), (_, y)) in a.deals.iter().zip(&b.deals) {
        rows.push((format!("deal: {}", d.words()), x, y));
    }
    rows
}

/// A baseline and a variant on the same seeds, side by side, with the change and its 95% interval.
pub fn compare_text(scn: &Scenario, a: &Summary, b: &Summary, variant: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} ({}): baseline vs variant, {} runs each on the same seeds {}",
        scn.file.meta.title,
        scn.file.meta.id,
        a.runs,
        seed_range(a)
    );
    let _ = writeln!(o, "variant: {variant}\n");
    let _ = writeln!(
        o,
        "  {:<30} {:>9} {:>9}   change (95% interval)",
        "figure", "baseline", "variant"
    );
    for (name, x, y) in compare_rows(a, b) {
        let (d, lo, hi) = difference(x, y);
        let _ = writeln!(
            o,
            "  {:<30} {:>8.1}% {:>8.1}%   {:+6.1} pp [{:+.1}, {:+.1}]",
            name,
            100.0 * x.share,
            100.0 * y.share,
            100.0 * d,
            100.0 * lo,
            100.0 * hi
        );
    }
    for (name, x, y) in [
        (
            "first session, median day",
            &a.first_session,
            &b.first_session,
        ),
        ("agreement, median day", &a.agreement, &b.agreement),
    ] {
        let change = match (x.p50, y.p50) {
            (Some(p), Some(q)) => format!("{:+} days", q - p),
            _ => "—".into(),
        };
        let _ = writeln!(
            o,
            "  {:<30} {:>9} {:>9}   {change}",
            name,
            opt(x.p50),
            opt(y.p50)
        );
    }
    o
}

/// One figure of a comparison: baseline, variant, and the change with its 95% interval.
#[derive(Clone, Debug, Serialize)]
pub struct ChangeJson {
    figure: String,
    baseline: f64,
    variant: f64,
    change: f64,
    change_ci95_low: f64,
    change_ci95_high: f64,
}

/// The document `sixparty compare --format json` writes.
#[derive(Clone, Debug, Serialize)]
pub struct CompareJson {
    format: u32,
    variant: String,
    changes: Vec<ChangeJson>,
    baseline: SummaryJson,
    variant_summary: SummaryJson,
}

/// The comparison as JSON; `scn_b` is the variant's scenario (it may differ from the baseline's).
pub fn compare_json(
    scn: &Scenario,
    scn_b: &Scenario,
    a: &Summary,
    b: &Summary,
    variant: &str,
) -> CompareJson {
    let changes = compare_rows(a, b)
        .into_iter()
        .map(|(name, x, y)| {
            let (d, lo, hi) = difference(x, y);
            ChangeJson {
                figure: name,
                baseline: round(x.share, 4),
                variant: round(y.share, 4),
                change: round(d, 4),
                change_ci95_low: round(lo, 4),
                change_ci95_high: round(hi, 4),
            }
        })
        .collect();
    CompareJson {
        format: FORMAT,
        variant: variant.to_string(),
        changes,
        baseline: json(scn, a),
        variant_summary: json(scn_b, b),
    }
}
