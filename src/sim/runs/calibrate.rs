//! Calibration: how well the model's outcome shares for a historical start point predict what happened.
//! Each case is a scenario whose `meta.observed` says how history stood at its horizon; the score is the
//! multi-category Brier score of the model's shares against that outcome, beside a uniform guess's.

use crate::sim::runs::batch::{RunSummary, run_batch};
use crate::sim::scenario::{CourseMilestone, ObservedOutcome, Scenario};
use crate::sim::state::chronicle::OutcomeKind;
use std::sync::Arc;

/// The outcome kind a scenario's observed outcome names.
pub fn outcome_kind(o: ObservedOutcome) -> OutcomeKind {
    match o {
        ObservedOutcome::Agreement => OutcomeKind::Agreement,
        ObservedOutcome::Resumed => OutcomeKind::Resumed,
        ObservedOutcome::Stalled => OutcomeKind::Stalled,
        ObservedOutcome::Escalated => OutcomeKind::Escalated,
        ObservedOutcome::Breakdown => OutcomeKind::Breakdown,
    }
}

/// The Brier score of a forecast (shares in [`OutcomeKind::ALL`] order) against what happened: the sum of
/// squared differences over the kinds, 0 for a certain and right forecast, 2 for a certain and wrong one.
pub fn brier(shares: &[f64], happened: OutcomeKind) -> f64 {
    OutcomeKind::ALL
        .iter()
        .zip(shares)
        .map(|(&k, &p)| {
            let o = if k == happened { 1.0 } else { 0.0 };
            (p - o) * (p - o)
        })
        .sum()
}

/// The Brier score of the uniform forecast (each kind equally likely).
pub fn uniform_brier() -> f64 {
    let n = OutcomeKind::ALL.len() as f64;
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
    /// What happened by the horizon.
    pub observed: OutcomeKind,
    /// The model's shares of each outcome, in [`OutcomeKind::ALL`] order.
    pub shares: Vec<f64>,
    /// The model's Brier score.
    pub brier: f64,
    /// The uniform forecast's.
    pub uniform: f64,
    /// Milestones: (name, day in history, the model's median day and the share of runs reaching it).
    pub milestones: Vec<(String, i64, Option<i64>, f64)>,
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
    let observed = outcome_kind(scn.file.meta.observed.as_ref()?.outcome);
    let results: Vec<RunSummary> = run_batch(scn, seed, runs, threads, &[], None, &|_| {});
    let n = results.len().max(1) as f64;
    let shares: Vec<f64> = OutcomeKind::ALL
        .iter()
        .map(|&k| results.iter().filter(|r| r.outcome == k).count() as f64 / n)
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
    Some(CaseScore {
        id: scn.file.meta.id.clone(),
        title: scn.file.meta.title.clone(),
        start: scn.start.to_string(),
        horizon: scn.horizon_days,
        observed,
        brier: brier(&shares, observed),
        uniform: uniform_brier(),
        shares,
        milestones,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brier_scores_are_right_at_the_ends() {
        let right = [0.0, 1.0, 0.0, 0.0, 0.0];
        assert_eq!(brier(&right, OutcomeKind::Agreement), 0.0);
        assert_eq!(brier(&right, OutcomeKind::Stalled), 2.0);
        assert!((uniform_brier() - 0.8).abs() < 1e-12);
        assert!((brier(&[0.2; 5], OutcomeKind::Breakdown) - 0.8).abs() < 1e-12);
    }
}
