//! How a delegation did against its own preferences: what the outcome gives it over the status quo (the
//! signed package, or no deal at what no deal has come to cost it), less the escalation it lived through
//! and what its moves cost. Neither holding firm nor giving everything away is free.

use crate::sim::scenario::{Phase, Scenario};
use crate::sim::state::State;
use crate::sim::state::table::{no_deal_cost, status_quo_utility, utility};

/// One delegation's score and its parts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    /// Utility of the outcome: the signed package's, or the status quo's less what no deal costs it now.
    pub outcome: f64,
    /// Utility of the status quo (what it started from).
    pub status_quo: f64,
    /// Points lost to the escalation lived through.
    pub escalation: f64,
    /// Points lost to the capital its moves cost.
    pub cost: f64,
    /// The score: 50 + the model's `score.deal` × (outcome − status quo) − escalation − cost, within 0–100.
    pub total: f64,
}

/// Party `i`'s score as the run stands.
pub fn score(scn: &Scenario, st: &State, i: u8) -> Score {
    let m = &scn.model.score;
    let sq = status_quo_utility(scn, st, i);
    let outcome = if st.phase == Phase::Agreement {
        utility(scn, st, i, &st.table)
    } else {
        sq - no_deal_cost(scn, st, i)
    };
    let top = (scn.rungs.len() as f64 - 1.0).max(1.0);
    let days: u32 = st.milestones.rung_days.iter().sum();
    let mean_rung = if days > 0 {
        st.milestones
            .rung_days
            .iter()
            .enumerate()
            .map(|(r, &d)| r as f64 / top * d as f64)
            .sum::<f64>()
            / days as f64
    } else {
        st.rung as f64 / top
    };
    let risk = scn.parties[i as usize].doctrine.risk_tolerance;
    let escalation = m.escalation * mean_rung * (1.0 - risk);
    let cost = m.cost * st.parties[i as usize].spent / 100.0;
    let total = (50.0 + m.deal * (outcome - sq) - escalation - cost).clamp(0.0, 100.0);
    Score {
        outcome,
        status_quo: sq,
        escalation,
        cost,
        total,
    }
}
