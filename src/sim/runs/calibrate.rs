//! Calibration: how well the model's outcome shares for a historical start point predict what happened.
//! Each case is a scenario whose `meta.observed` says how history stood at its horizon; the score is the
//! multi-category Brier score of the model's shares against that outcome, beside a uniform guess's. A case
//! whose history is a deal's fate (implemented, partly implemented, unravelled) is scored over seven
//! endings (the four without a deal and the three of a deal), and the slippage of its steps against the
//! record's.

use crate::sim::runs::batch::{RunSummary, run_batch};
use crate::sim::scenario::{CourseMilestone, ObservedOutcome, Scenario};
use crate::sim::state::chronicle::OutcomeKind;
use crate::sim::state::deal::DealStatus;
use std::sync::Arc;

/// The endings a deal's case is scored over.
pub const DEAL_ENDINGS: [&str; 7] = [
    "resumed",
    "stalled",
    "escalated",
    "breakdown",
    "implemented",
    "partly",
    "unravelled",
];

/// The categories a case is scored over, and which of them history chose.
pub fn categories(o: ObservedOutcome) -> (Vec<&'static str>, usize) {
    let kind = |k: OutcomeKind| {
        let all: Vec<&'static str> = OutcomeKind::ALL.iter().map(|k| k.key()).collect();
        let at = OutcomeKind::ALL.iter().position(|&x| x == k).unwrap_or(0);
        (all, at)
    };
    let deal = |d: DealStatus| {
        let at = DEAL_ENDINGS.iter().position(|&x| x == d.key()).unwrap_or(0);
        (DEAL_ENDINGS.to_vec(), at)
    };
    match o {
        ObservedOutcome::Agreement => kind(OutcomeKind::Agreement),
        ObservedOutcome::Resumed => kind(OutcomeKind::Resumed),
        ObservedOutcome::Stalled => kind(OutcomeKind::Stalled),
        ObservedOutcome::Escalated => kind(OutcomeKind::Escalated),
        ObservedOutcome::Breakdown => kind(OutcomeKind::Breakdown),
        ObservedOutcome::Implemented => deal(DealStatus::Implemented),
        ObservedOutcome::Partly => deal(DealStatus::Partly),
        ObservedOutcome::Unravelled => deal(DealStatus::Unravelled),
    }
}

/// A run's category among `categories`: its outcome kind, or for a deal's case how its deal ended (a
/// deal without steps counts as implemented; a breakdown stays a breakdown).
fn category_of(r: &RunSummary, deal_case: bool) -> &'static str {
    match (deal_case, r.outcome, r.deal) {
        (true, OutcomeKind::Agreement, Some(d)) => d.key(),
        (true, OutcomeKind::Agreement, None) => DealStatus::Implemented.key(),
        (_, k, _) => k.key(),
    }
}

/// The Brier score of a forecast (shares, one per category) against what happened (the category's
/// index): the sum of squared differences, 0 for a certain and right forecast, 2 for a certain and wrong
/// one.
pub fn brier(shares: &[f64], happened: usize) -> f64 {
    shares
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let o = if k == happened { 1.0 } else { 0.0 };
            (p - o) * (p - o)
        })
        .sum()
}

/// The Brier score of the uniform forecast over `n` categories.
pub fn uniform_brier(n: usize) -> f64 {
    let n = n.max(1) as f64;
    let p = 1.0 / n;
    (1.0 - p) * (1.0 - p) + (n - 1.0) * p * p
}

/// One case scored.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseScore {
    /// The scenario's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its start date.
    pub start: String,
    /// Its horizon in days.
    pub horizon: u32,
    /// The categories scored over.
    pub categories: Vec<&'static str>,
    /// What happened by the horizon (one of the categories).
    pub observed: &'static str,
    /// The model's shares of each category.
    pub shares: Vec<f64>,
    /// The model's Brier score.
    pub brier: f64,
    /// The uniform forecast's.
    pub uniform: f64,
    /// Milestones: (name, day in history, the model's median day and the share of runs reaching it).
    pub milestones: Vec<(String, i64, Option<i64>, f64)>,
    /// Steps' slippage: (step id, history's factor, the model's median factor, the share of runs doing it).
    pub slippage: Vec<(String, f64, Option<f64>, f64)>,
}

impl CaseScore {
    /// 1 − Brier/uniform: above 0 when the model beats the uniform guess.
    pub fn skill(&self) -> f64 {
        1.0 - self.brier / self.uniform
    }
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    v.sort_unstable();
    (!v.is_empty()).then(|| v[v.len() / 2])
}

/// Scores one case over `runs` runs from `seed`; `None` when the scenario says nothing of what happened.
pub fn score_case(
    scn: &Arc<Scenario>,
    seed: u64,
    runs: usize,
    threads: usize,
) -> Option<CaseScore> {
    let observed = scn.file.meta.observed.as_ref()?;
    let (cats, happened) = categories(observed.outcome);
    let deal_case = cats.len() == DEAL_ENDINGS.len();
    let results: Vec<RunSummary> = run_batch(scn, seed, runs, threads, &[], None, &|_| {});
    let n = results.len().max(1) as f64;
    let shares: Vec<f64> = cats
        .iter()
        .map(|&c| {
            results
                .iter()
                .filter(|r| category_of(r, deal_case) == c)
                .count() as f64
                / n
        })
        .collect();
    let milestones = scn
        .course
        .iter()
        .map(|(day, m, _)| {
            let days: Vec<i64> = results
                .iter()
                .filter_map(|r| match m {
                    CourseMilestone::FirstSession => r.first_session,
                    CourseMilestone::Agreement => r.agreement,
                    CourseMilestone::DateSet => r.first_date_set,
                })
                .collect();
            let reached = days.len() as f64 / n;
            (m.name().to_string(), *day, median(days), reached)
        })
        .collect();
    let slippage = observed
        .slippage
        .iter()
        .filter_map(|o| {
            let k = scn.commitments.index(&o.step)?;
            let mut v: Vec<f64> = results
                .iter()
                .flat_map(|r| r.slippage.iter().filter(|s| s.0 == k).map(|s| s.1))
                .collect();
            v.sort_by(f64::total_cmp);
            let share = v.len() as f64 / n;
            let med = (!v.is_empty()).then(|| v[v.len() / 2]);
            Some((o.step.clone(), o.factor, med, share))
        })
        .collect();
    Some(CaseScore {
        id: scn.file.meta.id.clone(),
        title: scn.file.meta.title.clone(),
        start: scn.start.to_string(),
        horizon: scn.horizon_days,
        observed: cats[happened],
        brier: brier(&shares, happened),
        uniform: uniform_brier(cats.len()),
        categories: cats,
        shares,
        milestones,
        slippage,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brier_scores_are_right_at_the_ends() {
        let right = [0.0, 1.0, 0.0, 0.0, 0.0];
        assert_eq!(brier(&right, 1), 0.0);
        assert_eq!(brier(&right, 2), 2.0);
        assert!((uniform_brier(5) - 0.8).abs() < 1e-12);
        assert!((brier(&[0.2; 5], 4) - 0.8).abs() < 1e-12);
        assert!((uniform_brier(7) - 6.0 / 7.0).abs() < 1e-12);
        let (cats, at) = categories(ObservedOutcome::Unravelled);
        assert_eq!((cats.len(), cats[at]), (7, "unravelled"));
        let (cats, at) = categories(ObservedOutcome::Agreement);
        assert_eq!((cats.len(), cats[at]), (5, "agreement"));
    }
}
