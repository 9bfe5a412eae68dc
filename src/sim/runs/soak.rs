//! The soak: many runs of several scenarios on all threads with the model's invariants checked after every
//! day. One run in eight also carries random moves fixed for random parties and days (as scripts and
//! players would), so that paths the model rarely takes are walked too. A panic inside a run is caught and
//! counted as a failure with its scenario and seed, so that it can be reproduced.

use crate::sim::action::{Action, ActionKind};
use crate::sim::runs::batch::seed_of;
use crate::sim::scenario::Scenario;
use crate::sim::state::chronicle::Why;
use crate::sim::step::invariants::check;
use crate::sim::step::legal::playable;
use crate::sim::step::{FixedMove, Simulation};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A run that broke an invariant or panicked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Failure {
    /// The scenario's id.
    pub scenario: String,
    /// The run's seed.
    pub seed: u64,
    /// Whether random moves were fixed in it.
    pub with_moves: bool,
    /// What went wrong.
    pub what: String,
}

/// What a soak did (or a shard of one: `soak --shard K/N`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoakReport {
    /// Runs played, per scenario id.
    pub runs: Vec<(String, usize)>,
    /// Days played in all.
    pub days: u64,
    /// Failures: the first [`KEPT`] by scenario and seed.
    pub failures: Vec<Failure>,
    /// Failures counted.
    pub failed: usize,
}

/// How many failing runs a soak lists.
pub const KEPT: usize = 20;

/// Keeps the first [`KEPT`] failures by scenario and seed, whatever order they were found in.
fn keep_first(list: &mut Vec<Failure>) {
    list.sort_by(|a, b| (&a.scenario, a.seed).cmp(&(&b.scenario, b.seed)));
    list.truncate(KEPT);
}

impl SoakReport {
    /// The shards' reports of one soak, in shard order, as the whole soak's.
    pub fn merge(parts: &[SoakReport]) -> SoakReport {
        let mut out = parts.first().cloned().unwrap_or_default();
        for p in &parts[1.min(parts.len())..] {
            for (slot, (_, n)) in out.runs.iter_mut().zip(&p.runs) {
                slot.1 += n;
            }
            out.days += p.days;
            out.failed += p.failed;
            out.failures.extend(p.failures.iter().cloned());
        }
        keep_first(&mut out.failures);
        out
    }
}

/// Random moves for a run, drawn from its seed: playable ones only.
pub fn random_moves(scn: &Scenario, seed: u64, count: usize) -> Vec<FixedMove> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x50A4_50A4);
    let n = scn.parties.len() as u8;
    let mut moves: Vec<FixedMove> = Vec::new();
    for _ in 0..count {
        let day = rng.random_range(0..=scn.horizon_days as i64);
        let p = rng.random_range(0..n);
        let j = rng.random_range(0..n);
        let k = rng.random_range(0..n);
        let action = match ActionKind::ALL[rng.random_range(0..ActionKind::ALL.len())] {
            ActionKind::EnvoyVisit => Action::EnvoyVisit { to: j },
            ActionKind::BilateralMeeting => Action::BilateralMeeting { with: j },
            ActionKind::ImposeSanctions => Action::ImposeSanctions { on: j },
            ActionKind::EaseSanctions => Action::EaseSanctions { on: j },
            ActionKind::OfferAid => Action::OfferAid { to: j },
            ActionKind::Mediate => Action::Mediate { a: j, b: k },
            ActionKind::ProposePackage => Action::ProposePackage {
                issues: rng.random_range(1..(1u32 << scn.issue_count().min(31))),
            },
            ActionKind::Concede => Action::Concede {
                issue: rng.random_range(0..scn.issue_count() as u8),
                amount: 30.0 * rng.random::<f64>(),
            },
            other => other
                .untargeted()
                .expect("the kinds above are the only ones with targets"),
        };
        if playable(scn, p, &action) && !moves.iter().any(|m| m.day == day && m.party == p) {
            moves.push(FixedMove {
                day,
                party: p,
                action,
                why: Why::Player,
            });
        }
    }
    moves
}

/// Plays one run with the invariants checked after every day; returns the days played.
pub fn soak_one(scn: &Arc<Scenario>, seed: u64, with_moves: bool) -> Result<u64, String> {
    let mut sim = Simulation::new(Arc::clone(scn), seed, false);
    if with_moves {
        sim.fix_moves(random_moves(scn, seed, 40));
    }
    check(&sim)?;
    let mut days = 0;
    loop {
        let goes_on = sim.step();
        days += 1;
        check(&sim)?;
        if !goes_on {
            break;
        }
    }
    if sim.outcome.is_none() {
        return Err("the run stopped without an outcome".into());
    }
    Ok(days)
}

/// Soaks each scenario with `runs` runs (seeds `base`, `base + 1`, …) on `threads` threads; `progress` is
/// told how many runs are done in all.
pub fn soak(
    scenarios: &[Arc<Scenario>],
    base: u64,
    runs: usize,
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> SoakReport {
    let all = 0..runs * scenarios.len();
    soak_range(scenarios, base, runs, all, threads, progress)
}

/// [`soak`] for the runs `range` only (a shard), the runs numbered scenario by scenario: run `k` is
/// scenario `k / runs` on seed `base + k % runs`, as in the whole soak.
pub fn soak_range(
    scenarios: &[Arc<Scenario>],
    base: u64,
    runs: usize,
    range: Range<usize>,
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> SoakReport {
    let (offset, total) = (range.start, range.len());
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let days = AtomicUsize::new(0);
    let failures: Mutex<(usize, Vec<Failure>)> = Mutex::new((0, Vec::new()));
    const CHUNK: usize = 256;
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, total.max(1)) {
            s.spawn(|| {
                loop {
                    let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                    if start >= total {
                        break;
                    }
                    let mut local_days = 0u64;
                    for k in offset + start..offset + (start + CHUNK).min(total) {
                        let scn = &scenarios[k / runs];
                        let seed = seed_of(base, k % runs);
                        let with_moves = seed % 8 == 7;
                        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            soak_one(scn, seed, with_moves)
                        }))
                        .unwrap_or_else(|p| {
                            Err(format!(
                                "panicked: {}",
                                p.downcast_ref::<&str>()
                                    .map(|s| s.to_string())
                                    .or_else(|| p.downcast_ref::<String>().cloned())
                                    .unwrap_or_default()
                            ))
                        });
                        match result {
                            Ok(d) => local_days += d,
                            Err(what) => {
                                let mut f = failures.lock().unwrap_or_else(|e| e.into_inner());
                                f.0 += 1;
                                f.1.push(Failure {
                                    scenario: scn.file.meta.id.clone(),
                                    seed,
                                    with_moves,
                                    what,
                                });
                                if f.1.len() > 2 * KEPT {
                                    keep_first(&mut f.1);
                                }
                            }
                        }
                    }
                    days.fetch_add(local_days as usize, Ordering::Relaxed);
                    let d = done.fetch_add((start + CHUNK).min(total) - start, Ordering::Relaxed);
                    progress(d + (start + CHUNK).min(total) - start);
                }
            });
        }
    });
    let (failed, mut list) = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    keep_first(&mut list);
    SoakReport {
        runs: scenarios
            .iter()
            .enumerate()
            .map(|(j, s)| {
                let theirs = j * runs..(j + 1) * runs;
                let n = range
                    .end
                    .min(theirs.end)
                    .saturating_sub(range.start.max(theirs.start));
                (s.file.meta.id.clone(), n)
            })
            .collect(),
        days: days.into_inner() as u64,
        failures: list,
        failed,
    }
}

/// The peak resident memory of this process, in kibibytes, where the system tells it (Linux).
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failing(scenario: &str, seeds: std::ops::Range<u64>) -> Vec<Failure> {
        seeds
            .map(|seed| Failure {
                scenario: scenario.into(),
                seed,
                with_moves: seed % 8 == 7,
                what: "broke".into(),
            })
            .collect()
    }

    #[test]
    fn shards_reports_add_up_and_keep_the_first_failures_by_scenario_and_seed() {
        let a = SoakReport {
            runs: vec![("a".into(), 30), ("b".into(), 0)],
            days: 100,
            failures: failing("a", 10..30),
            failed: 25,
        };
        let b = SoakReport {
            runs: vec![("a".into(), 5), ("b".into(), 35)],
            days: 50,
            failures: failing("a", 1..6),
            failed: 5,
        };
        let m = SoakReport::merge(&[a, b]);
        assert_eq!(m.runs, vec![("a".into(), 35), ("b".into(), 35)]);
        assert_eq!((m.days, m.failed), (150, 30));
        let seeds: Vec<u64> = m.failures.iter().map(|f| f.seed).collect();
        assert_eq!(seeds, (1..6).chain(10..25).collect::<Vec<u64>>());
    }
}
