//! Many runs at once: the same step function, stepped directly (no Bevy, no chronicle), spread over threads.
//! Results are stored by run index, so they do not depend on the number of threads.

use crate::sim::scenario::Scenario;
use crate::sim::state::chronicle::OutcomeKind;
use crate::sim::step::{Counters, FixedMove, Simulation};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a batch keeps of one run (and a shard's partial result carries).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunSummary {
    /// The run's seed.
    pub seed: u64,
    /// How it ended.
    pub outcome: OutcomeKind,
    /// The day it ended.
    pub outcome_day: i64,
    /// Day contacts began.
    pub first_contacts: Option<i64>,
    /// Day a date was first set.
    pub first_date_set: Option<i64>,
    /// Day the first session opened.
    pub first_session: Option<i64>,
    /// Day of the agreement.
    pub agreement: Option<i64>,
    /// Highest rung (index).
    pub peak_rung: u8,
    /// Sessions held.
    pub sessions: u32,
    /// Walkouts.
    pub walkouts: u32,
    /// Missile and nuclear tests.
    pub tests: u32,
    /// Sessions postponed by a boycott.
    pub postponed: u32,
    /// Envoys, meetings and mediations refused.
    pub refusals: u32,
    /// The rung at the end (index).
    pub end_rung: u8,
    /// Each delegation's score at the end (0–100), in party order.
    pub scores: Vec<f64>,
    /// Move and rule counters.
    pub counters: Counters,
    /// For a signed deal with steps: how it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal: Option<crate::sim::state::deal::DealStatus>,
    /// The slippage of each step done (its kind, days to done over days to due), in the deal's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slippage: Vec<(u16, f64)>,
}

/// The seed of run `k` of a batch whose base seed is `base`: consecutive seeds, so that run `k` of
/// `--seed S` is exactly `sixparty run --seed S+k`.
pub fn seed_of(base: u64, k: usize) -> u64 {
    base.wrapping_add(k as u64)
}

/// Plays one run to its end without recording a chronicle.
pub fn run_one(
    scn: &Arc<Scenario>,
    seed: u64,
    moves: &[FixedMove],
    horizon: Option<i64>,
) -> RunSummary {
    let mut sim = Simulation::new(Arc::clone(scn), seed, false);
    if let Some(h) = horizon {
        sim.set_horizon(h);
    }
    if !moves.is_empty() {
        sim.fix_moves(moves.iter().cloned());
    }
    summarize_run(sim)
}

/// Plays a set-up run to its end and keeps its summary.
pub fn summarize_run(mut sim: Simulation) -> RunSummary {
    let seed = sim.seed;
    let o = sim.run_to_end().clone();
    let m = sim.milestones().clone();
    RunSummary {
        seed,
        outcome: o.kind,
        outcome_day: o.day,
        first_contacts: m.first_contacts,
        first_date_set: m.first_date_set,
        first_session: m.first_session,
        agreement: m.agreement,
        peak_rung: m.peak_rung,
        sessions: m.sessions,
        walkouts: m.walkouts,
        tests: m.tests,
        postponed: m.postponed,
        refusals: m.refusals,
        end_rung: sim.state.rung,
        scores: (0..sim.state.n() as u8)
            .map(|p| crate::sim::state::score::score(&sim.scenario, &sim.state, p).total)
            .collect(),
        deal: o.deal,
        slippage: sim.state.deal.as_ref().map_or_else(Vec::new, |d| {
            (0..d.steps.len())
                .filter_map(|k| d.slippage(k).map(|f| (d.steps[k].kind, f)))
                .collect()
        }),
        counters: sim.counters,
    }
}

/// Plays `runs` runs with seeds `base, base+1, …` on `threads` threads; `progress` is called now and then
/// with the number of runs finished.
pub fn run_batch(
    scn: &Arc<Scenario>,
    base: u64,
    runs: usize,
    threads: usize,
    moves: &[FixedMove],
    horizon: Option<i64>,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<RunSummary> {
    run_batch_range(scn, base, 0..runs, threads, moves, horizon, progress)
}

/// [`run_batch`] for the runs `range` of a batch only (a shard): run `k` has the seed it has in the whole
/// batch, so the shards together give exactly the whole batch's runs.
pub fn run_batch_range(
    scn: &Arc<Scenario>,
    base: u64,
    range: std::ops::Range<usize>,
    threads: usize,
    moves: &[FixedMove],
    horizon: Option<i64>,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<RunSummary> {
    let offset = range.start;
    in_parallel(range.len(), threads, 64, 1, progress, |k| {
        run_one(scn, seed_of(base, offset + k), moves, horizon)
    })
}

/// Works out `f(k)` for every `k` in `0..count` on `threads` threads, each taking `chunk` indices at a time
/// from a shared counter, and returns the results in index order, so that they do not depend on the
/// number of threads. `progress` is told the work finished so far, each index counting `weight`.
pub fn in_parallel<T: Send>(
    count: usize,
    threads: usize,
    chunk: usize,
    weight: usize,
    progress: &(dyn Fn(usize) + Sync),
    f: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let threads = threads.clamp(1, count.max(1));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let mut parts: Vec<Vec<(usize, T)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let start = next.fetch_add(chunk, Ordering::Relaxed);
                        if start >= count {
                            break;
                        }
                        let end = (start + chunk).min(count);
                        for k in start..end {
                            out.push((k, f(k)));
                        }
                        let d = done.fetch_add((end - start) * weight, Ordering::Relaxed);
                        progress(d + (end - start) * weight);
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    });
    let mut all: Vec<(usize, T)> = parts.drain(..).flatten().collect();
    all.sort_by_key(|(k, _)| *k);
    all.into_iter().map(|(_, r)| r).collect()
}
