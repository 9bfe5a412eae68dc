//! How a party chooses its move: every available move gets a score from the party's doctrine, its positions,
//! the pressure on it, its trust in the others and the state of the talks, plus seeded noise; the best score
//! wins, and the factors that weighed most are kept as the reason.

mod candidates;
mod logit;
mod view;

pub use view::Day;

use candidates::{Cand, Cands, candidates};

use crate::sim::action::Action;
use crate::sim::scenario::Scenario;
use crate::sim::state::State;
use crate::sim::state::factor::Factors;
use rand::RngExt;
use rand::rngs::ChaCha8Rng;

/// A party's chosen move and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Choice {
    /// The move.
    pub action: Action,
    /// Its score.
    pub score: f64,
    /// The chance the model gave it among the day's options.
    pub probability: f64,
    /// The factors that weighed most.
    pub factors: Factors,
}

/// Chooses today's move for party `i`, drawing one number from the party's own stream.
pub fn decide(scn: &Scenario, st: &State, i: u8, rng: &mut ChaCha8Rng) -> Choice {
    decide_on(scn, st, &Day::new(scn, st), i, rng, true)
}

/// [`decide`] with the day's shared view already worked out (the step makes it once for all parties).
/// Without `reasons` the choice is the same but its `factors` are empty: a run that keeps no chronicle
/// never reads them, and working them out is a good part of a decision's cost.
pub fn decide_on(
    scn: &Scenario,
    st: &State,
    day: &Day,
    i: u8,
    rng: &mut ChaCha8Rng,
    reasons: bool,
) -> Choice {
    // The candidates go into a buffer kept per thread, so that a decision allocates nothing.
    thread_local! {
        static SCRATCH: std::cell::RefCell<Cands> = std::cell::RefCell::new(Cands::default());
    }
    SCRATCH.with(|buf| {
        let mut cands = buf.borrow_mut();
        cands.reasons = reasons;
        candidates(scn, st, day, i, &mut cands);
        if cands.list.is_empty() {
            return Choice {
                action: Action::Wait,
                score: 0.0,
                probability: 1.0,
                factors: Factors::default(),
            };
        }
        choose(&cands, scn.model.choice.temperature, rng)
    })
}

/// Every move open to party `i` today with its score, its chance under the logit choice and its reasons,
/// most likely first (what the delegation's advisers would say).
pub fn options(scn: &Scenario, st: &State, i: u8) -> Vec<Choice> {
    let mut cands = Cands {
        reasons: true,
        ..Cands::default()
    };
    candidates(scn, st, &Day::new(scn, st), i, &mut cands);
    let mut w = vec![0.0; cands.list.len()];
    weights(&cands.list, scn.model.choice.temperature, &mut w);
    let total: f64 = w.iter().sum();
    let mut out: Vec<Choice> = cands
        .list
        .iter()
        .zip(&w)
        .enumerate()
        .map(|(k, (c, w))| Choice {
            action: c.action,
            score: c.score,
            probability: if total > 0.0 { w / total } else { 0.0 },
            factors: cands.factors(k),
        })
        .collect();
    out.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    out
}

/// Unnormalised logit weights at temperature `t` (the model's `choice.temperature`: a move scoring `t`
/// below another is chosen e^-1 times as often); candidates more than 12 temperatures below the best get none.
fn weights(cands: &[Cand], t: f64, out: &mut [f64]) {
    let best = cands
        .iter()
        .map(|c| c.score)
        .fold(f64::NEG_INFINITY, f64::max);
    for (c, w) in cands.iter().zip(out.iter_mut()) {
        let z = (c.score - best) / t;
        // libm's exp, not the C library's: the same bits on every machine, so classroom machines agree.
        *w = if z < -12.0 { 0.0 } else { logit::exp(z) };
    }
}

/// Draws one candidate with probability proportional to `exp(score / t)` (a logit choice), using one
/// number from the party's stream. Candidates more than 12 temperatures below the best are left out.
fn choose(all: &Cands, t: f64, rng: &mut ChaCha8Rng) -> Choice {
    let cands = &all.list;
    let mut stack = [0.0f64; 32];
    let mut heap = Vec::new();
    let w: &mut [f64] = if cands.len() <= stack.len() {
        &mut stack[..cands.len()]
    } else {
        heap.resize(cands.len(), 0.0);
        &mut heap
    };
    weights(cands, t, w);
    let weights = &*w;
    let total: f64 = weights.iter().sum();
    let mut u = rng.random::<f64>() * total;
    let mut pick = cands.len() - 1;
    for (k, w) in weights.iter().enumerate() {
        if u < *w {
            pick = k;
            break;
        }
        u -= w;
    }
    let c = &cands[pick];
    Choice {
        action: c.action,
        score: c.score,
        probability: weights[pick] / total,
        factors: all.factors(pick),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The logit weights come from libm's `exp`, which gives the correctly rounded double for these inputs
    /// on every machine: the values below are e^-0.5, e^-1 and e^-11 worked out to 50 digits and rounded.
    #[test]
    fn logit_weights_are_the_same_bits_on_every_machine() {
        let c = |score| Cand {
            action: Action::Wait,
            score,
            t0: 0,
            tn: 0,
        };
        let cands = [c(0.0), c(-0.05), c(-0.1), c(-1.1), c(-1.3)];
        let mut w = [9.0; 5];
        weights(&cands, 0.1, &mut w);
        assert_eq!(
            w.map(f64::to_bits),
            [
                1f64.to_bits(),
                0x3fe3_68b2_fc6f_960a,
                0x3fd7_8b56_362c_ef38,
                0x3ef1_8354_238f_6764,
                0,
            ]
        );
    }
}
