//! The adviser: for a delegation on the current day, plays each open move forward through many short
//! futures and reports how often talks resume, an agreement is signed or the ladder rises within a window.
//! It works on copies; the run it advises is never touched.

use crate::sim::action::Action;
use crate::sim::decide::options;
use crate::sim::state::chronicle::Why;
use crate::sim::step::{FixedMove, Simulation, mix};

/// What the futures after one move looked like.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    /// The move.
    pub action: Action,
    /// The chance the delegation's own doctrine gives it today.
    pub model_probability: f64,
    /// Share of futures in which a session opens (or continues) within the window.
    pub resumed: f64,
    /// Share of futures that reach agreement within the window.
    pub agreement: f64,
    /// Share of futures in which the escalation ladder rises within the window.
    pub escalation: f64,
    /// In session: share of futures in which the package is signed before the session now sitting
    /// closes (0 out of session).
    pub signed: f64,
    /// Futures played.
    pub rollouts: usize,
}

/// For party `party` today, plays `k` futures of `window` days after each open move (at most
/// `max_moves` moves, the likeliest first). Every move is tried against the same `k` futures' random
/// streams, so that differences between moves are not noise between futures.
pub fn advise(sim: &Simulation, party: u8, k: usize, window: i64, max_moves: usize) -> Vec<Advice> {
    if sim.is_finished() || party as usize >= sim.state.n() {
        return Vec::new();
    }
    options(&sim.scenario, &sim.state_at_decision(), party)
        .into_iter()
        .take(max_moves)
        .map(|choice| look_ahead(sim, party, k, window, choice.action, choice.probability))
        .collect()
}

/// The same look-ahead for moves of the player's choosing (any move from the full move panel), with the
/// chance the delegation's doctrine gives each today (0 for a move the model would not consider).
pub fn advise_moves(
    sim: &Simulation,
    party: u8,
    k: usize,
    window: i64,
    moves: &[Action],
) -> Vec<Advice> {
    if sim.is_finished() || party as usize >= sim.state.n() {
        return Vec::new();
    }
    let open = options(&sim.scenario, &sim.state_at_decision(), party);
    moves
        .iter()
        .map(|a| {
            let p = open
                .iter()
                .find(|c| c.action == *a)
                .map_or(0.0, |c| c.probability);
            look_ahead(sim, party, k, window, *a, p)
        })
        .collect()
}

/// `k` futures of `window` days after `action` today.
fn look_ahead(
    sim: &Simulation,
    party: u8,
    k: usize,
    window: i64,
    action: Action,
    model_probability: f64,
) -> Advice {
    use crate::sim::scenario::Phase;
    let day = sim.state.day;
    let base = sim.milestones().clone();
    let in_session_now = sim.state.phase == Phase::InSession;
    let (mut resumed, mut agreement, mut escalation, mut signed) = (0usize, 0usize, 0usize, 0usize);
    for r in 0..k {
        let mut f = sim.fork(mix(sim.seed
            ^ mix(day as u64 + 1)
            ^ mix(r as u64 + 0x00AD_7153)));
        f.fix_moves([FixedMove {
            day,
            party,
            action,
            why: Why::Player,
        }]);
        let mut sitting = in_session_now;
        while f.state.day < day + window && f.step() {
            if sitting && f.state.phase != Phase::InSession {
                sitting = false;
                if f.milestones().agreement.is_some() {
                    signed += 1;
                }
            }
        }
        if sitting && f.milestones().agreement.is_some() {
            signed += 1;
        }
        let m = f.milestones();
        if in_session_now || m.sessions > base.sessions || m.agreement.is_some() {
            resumed += 1;
        }
        if m.agreement.is_some() {
            agreement += 1;
        }
        if m.rises > base.rises {
            escalation += 1;
        }
    }
    let share = |x: usize| if k == 0 { 0.0 } else { x as f64 / k as f64 };
    Advice {
        action,
        model_probability,
        resumed: share(resumed),
        agreement: share(agreement),
        escalation: share(escalation),
        signed: share(signed),
        rollouts: k,
    }
}
