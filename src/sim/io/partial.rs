//! The partial result of one shard of a batch or a sweep (`sixparty batch|sweep --shard K/N`), and the
//! checks that put the shards back together (`sixparty merge`).
//!
//! A batch of R runs split in N shards plays, in shard K, the runs `R*(K-1)/N .. R*K/N` (the same seeds as
//! the unsharded batch gives them). The shard writes a stamped RON file (see [`stamped`](super::stamped))
//! carrying everything the summary needs: the scenario itself as RON, the what-ifs, the scripted moves, the
//! seeds, the horizon and every run's summary. Merging checks that the files come from one batch and cover
//! every shard once, and hands back the runs in order, from which the summary is worked out exactly as the
//! unsharded batch works it out.
//!
//! A sweep's shard plays a range of the sweep's points instead (all of each point's runs) and carries the
//! sweep's design and each point's tally, in whole numbers. A soak's shard plays a range of its runs,
//! numbered scenario by scenario, and carries what they found: runs, days, failures.

use crate::sim::io::diag::Diagnostics;
use crate::sim::io::locate::SourceMap;
use crate::sim::io::ron::{Checker, parse_ron};
use crate::sim::io::stamped::Stamp;
use crate::sim::runs::batch::RunSummary;
use crate::sim::runs::soak::SoakReport;
use crate::sim::runs::sweep::{Design, Tally};
use crate::sim::step::FixedMove;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The partial-result format this build writes and the only one it reads.
pub const PARTIAL_FORMAT: u32 = 1;

/// How every partial result begins.
pub const MAGIC: &str = "// sixparty partial format ";

const STAMP: Stamp = Stamp {
    magic: MAGIC,
    noun: "partial result",
    format: PARTIAL_FORMAT,
    other_file: " (merge takes the files that `sixparty batch|sweep|soak --shard K/N --out FILE` writes)",
    older: " (play that shard again with this build)",
};

/// What one shard of a batch writes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partial {
    /// The command sharded (`batch` or `sweep`).
    pub command: String,
    /// The version of sixparty that played it: shards of different builds may differ, and are not merged.
    pub version: String,
    /// The scenario's id (for people reading the file; the scenario itself is below).
    pub scenario_id: String,
    /// The scenario the runs played, as a scenario file in RON, before the what-ifs.
    pub scenario: String,
    /// The what-ifs (`--set PATH=VALUE`) applied to it, in order.
    pub sets: Vec<String>,
    /// The moves fixed in advance in every run (`--script`).
    pub moves: Vec<FixedMove>,
    /// The batch's base seed.
    pub seed: u64,
    /// Runs in the whole batch (every shard); in a sweep, the runs of each point.
    pub runs: usize,
    /// The last day played, when `--days` changed it.
    pub days: Option<i64>,
    /// This shard, from 1.
    pub shard: usize,
    /// How many shards the batch is split in.
    pub shards: usize,
    /// The summaries of this shard's runs, in run order (a batch).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<RunSummary>,
    /// The sweep's design: its method, factors and seed (a sweep).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design: Option<Design>,
    /// The tallies of this shard's points, in design order (a sweep).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<Tally>,
    /// What this shard's runs found (a soak).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soak: Option<SoakReport>,
}

/// The most points a sweep may have.
pub const MAX_POINTS: usize = 10_000_000;

/// The most values a sweep's design may hold (points × settings).
pub const MAX_VALUES: usize = 50_000_000;

/// The runs shard `k` of `n` (from 1) plays out of `runs`: consecutive, the shards' sizes differing by at
/// most one.
pub fn shard_range(runs: usize, k: usize, n: usize) -> Range<usize> {
    let at = |j: usize| (runs as u128 * j as u128 / n.max(1) as u128) as usize;
    at(k - 1)..at(k)
}

/// Reads `K/N` (a shard of a batch split in N, from 1): checked, with a message saying what was expected.
pub fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let bad = || format!("`{text}`: expected K/N, two whole numbers with 1 <= K <= N (e.g. 2/4)");
    let (k, n) = text.split_once('/').ok_or_else(bad)?;
    let (Ok(k), Ok(n)) = (k.trim().parse::<usize>(), n.trim().parse::<usize>()) else {
        return Err(bad());
    };
    shard_problem(k, n).map_or(Ok((k, n)), |m| Err(format!("`{text}`: {m}")))
}

/// What is wrong with shard `k` of `n`, if anything: the command line's `--shard` and a partial result's
/// `shard` and `shards` are held to the same bounds.
fn shard_problem(k: usize, n: usize) -> Option<String> {
    if n == 0 || n > 100_000 {
        Some(format!("a batch is split in 1 to 100000 shards, not {n}"))
    } else if k == 0 || k > n {
        Some(format!(
            "shard {k} is out of range; the shards of {n} are numbered 1 to {n}"
        ))
    } else {
        None
    }
}

impl Partial {
    /// The file's text: its stamp line, then the partial as RON.
    pub fn to_text(&self) -> String {
        // The numbers of a run on few lines: about a kilobyte a run (a million runs, a gigabyte of shards).
        let layout = super::save::pretty()
            .escape_strings(false)
            .depth_limit(2)
            .compact_arrays(true);
        let body =
            ron::ser::to_string_pretty(self, layout).expect("a partial result always serialises");
        STAMP.stamp(&format!("{body}\n"))
    }

    /// Reads a partial result from its bytes; `file` names it in messages.
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Partial, Diagnostics> {
        let text = STAMP.check::<Partial>(file, bytes)?;
        let map = SourceMap::scan(text);
        let p: Partial = parse_ron(file, text, &map, "partial result")?;
        let mut c = Checker::new(file, &map);
        if let Some(m) = shard_problem(p.shard, p.shards) {
            c.err("shard", m);
        } else if let Some(r) = &p.soak {
            let played: usize = r.runs.iter().map(|x| x.1).sum();
            let expected =
                shard_range(p.runs.saturating_mul(r.runs.len()), p.shard, p.shards).len();
            if played != expected {
                c.err(
                    "soak",
                    format!(
                        "{played} runs; shard {} of {} of a soak of {} scenarios x {} runs plays {expected}",
                        p.shard,
                        p.shards,
                        r.runs.len(),
                        p.runs
                    ),
                );
            }
        } else if let Some(d) = &p.design {
            match design_problem(d) {
                Some(m) => c.err("design", m),
                None => {
                    let expected = shard_range(d.point_count(), p.shard, p.shards).len();
                    if p.points.len() != expected || !p.results.is_empty() {
                        c.err(
                            "points",
                            format!(
                                "{} points; shard {} of {} of a {}-point sweep plays {expected}",
                                p.points.len(),
                                p.shard,
                                p.shards,
                                d.point_count()
                            ),
                        );
                    }
                }
            }
        } else {
            let expected = shard_range(p.runs, p.shard, p.shards).len();
            if p.results.len() != expected {
                c.err(
                    "results",
                    format!(
                        "{} runs; shard {} of {} of a {}-run batch plays {expected}",
                        p.results.len(),
                        p.shard,
                        p.shards,
                        p.runs
                    ),
                );
            }
        }
        c.finish()?;
        Ok(p)
    }
}

/// What is wrong with a sweep's design, if anything: a sweep's shards are checked before their points are
/// worked out again.
pub fn design_problem(d: &Design) -> Option<String> {
    use crate::sim::runs::sweep::Method;
    let k = d.factors.len();
    if k == 0 || k > 100_000 {
        return Some(format!("a sweep varies 1 to 100000 settings, not {k}"));
    }
    let sizes = match d.method {
        Method::Morris {
            trajectories,
            levels,
        } => {
            if !(2..=100).contains(&levels) || levels % 2 == 1 {
                return Some(format!(
                    "Morris levels are an even number from 2 to 100, not {levels}"
                ));
            }
            trajectories.checked_mul(k + 1)
        }
        Method::Sobol { samples } => samples.checked_mul(k + 2),
    };
    match sizes {
        Some(n) if (1..=MAX_POINTS).contains(&n) => {
            // Every point holds a value for every setting: the design itself must fit in memory.
            (n.saturating_mul(k) > MAX_VALUES).then(|| {
                format!(
                    "the design is too large: {n} points of {k} settings; take fewer trajectories or samples (at most {MAX_VALUES} values in all)"
                )
            })
        }
        _ => Some(format!(
            "the design has too many or no points; a sweep has 1 to {MAX_POINTS}"
        )),
    }
}

/// Puts the shards of one batch back together: every file from the same batch (command, build, scenario,
/// what-ifs, script, seeds, horizon and number of shards), each shard once and none missing. Returns the
/// first file's description of the batch and every run in order. `files` pairs each partial with the
/// name it was read from, for messages.
pub fn merge(files: &[(String, Partial)]) -> Result<Merged, String> {
    let Some((first_name, first)) = files.first() else {
        return Err("merge needs the partial result files of a batch's shards".into());
    };
    for (name, p) in &files[1..] {
        let differs = [
            ("command", p.command != first.command),
            ("sixparty version", p.version != first.version),
            ("scenario", p.scenario != first.scenario),
            ("--set what-ifs", p.sets != first.sets),
            ("--script moves", p.moves != first.moves),
            ("base seed", p.seed != first.seed),
            ("number of runs", p.runs != first.runs),
            ("sweep design", p.design != first.design),
            ("--days", p.days != first.days),
            ("number of shards", p.shards != first.shards),
        ]
        .into_iter()
        .find(|(_, d)| *d);
        if let Some((what, _)) = differs {
            return Err(format!(
                "{name}: not a shard of the same {} as {first_name}: its {what} differs (shard {}/{} against {}/{})",
                first.command, p.shard, p.shards, first.shard, first.shards
            ));
        }
    }
    let n = first.shards;
    let mut by_shard: Vec<Option<&(String, Partial)>> = vec![None; n];
    for f in files {
        let slot = &mut by_shard[f.1.shard - 1];
        if let Some(earlier) = slot {
            return Err(format!(
                "{}: shard {}/{n} is given twice (also {})",
                f.0, f.1.shard, earlier.0
            ));
        }
        *slot = Some(f);
    }
    let missing: Vec<String> = (1..=n)
        .filter(|&k| by_shard[k - 1].is_none())
        .map(|k| format!("{k}/{n}"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "shard{} {} of the {} {} missing: merge needs every shard",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", "),
            first.command,
            if missing.len() == 1 { "is" } else { "are" }
        ));
    }
    let runs = by_shard
        .iter()
        .flatten()
        .flat_map(|f| f.1.results.iter().cloned())
        .collect();
    let points = by_shard
        .iter()
        .flatten()
        .flat_map(|f| f.1.points.iter().cloned())
        .collect();
    let soaks: Vec<SoakReport> = by_shard
        .iter()
        .flatten()
        .filter_map(|f| f.1.soak.clone())
        .collect();
    Ok(Merged {
        first: first.clone(),
        runs,
        points,
        soak: (!soaks.is_empty()).then(|| SoakReport::merge(&soaks)),
    })
}

/// The shards put together.
pub struct Merged {
    /// The first file, describing the batch or sweep (its own results aside).
    pub first: Partial,
    /// A batch's runs, in order.
    pub runs: Vec<RunSummary>,
    /// A sweep's points' tallies, in design order.
    pub points: Vec<Tally>,
    /// A soak's findings, put together.
    pub soak: Option<SoakReport>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shards_cover_every_run_once_in_order() {
        for runs in [1usize, 2, 7, 100, 10_001] {
            for n in 1..=runs.min(13) {
                let ranges: Vec<Range<usize>> = (1..=n).map(|k| shard_range(runs, k, n)).collect();
                assert_eq!(ranges[0].start, 0);
                assert_eq!(ranges[n - 1].end, runs);
                for w in ranges.windows(2) {
                    assert_eq!(w[0].end, w[1].start, "{runs} runs in {n}");
                }
                let sizes: Vec<usize> = ranges.iter().map(|r| r.len()).collect();
                let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
                assert!(hi - lo <= 1 && *lo >= 1, "{runs} runs in {n}: {sizes:?}");
            }
        }
    }

    #[test]
    fn a_shard_is_read_as_k_of_n() {
        assert_eq!(parse_shard("2/4"), Ok((2, 4)));
        assert_eq!(parse_shard("1/1"), Ok((1, 1)));
        for bad in ["0/4", "5/4", "4", "a/4", "1/0", "", "1/2/3"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }
}
