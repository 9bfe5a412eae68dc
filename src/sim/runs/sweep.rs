//! Which assumptions matter: a global sensitivity analysis of a scenario's outcome shares and milestone
//! days over ranges of its settings (`sixparty sweep`).
//!
//! A sweep varies *factors* — settings reachable by `--set`, each with a range — and plays every point of
//! a design with the same runs (seeds `S, S+1, …`: common random numbers, so that a setting with no effect
//! gives exactly no effect). Two designs:
//! - **Morris** elementary effects (Morris 1991, with μ* of Campolongo, Cariboni and Saltelli 2007) for
//!   screening many factors: R trajectories, each moving one factor at a time by Δ = p / (2(p − 1)) of its
//!   range on a grid of p levels, R·(k + 1) points for k factors. Per factor and measure: μ (the mean
//!   effect of moving it over its whole range), μ* (the mean of the absolute effects, its importance), σ
//!   (their spread: interactions or a non-linear effect) and σ/√R (the standard error of μ).
//! - **Sobol** indices for a few factors: M base samples of two independent uniform matrices A and B and
//!   the k matrices A with column i from B, (k + 2)·M points; first-order S_i by Saltelli et al. (2010) and
//!   total ST_i by Jansen (1999), both as shares of the measure's variance.
//!
//! The design is drawn from the sweep's seed with ChaCha8, so every shard of a sweep (`--shard K/N`, a
//! range of points) works out the same points; a point's tally is whole numbers, so shards merged give the
//! unsharded figures exactly.

use crate::sim::runs::batch::{in_parallel, run_one, seed_of};
use crate::sim::scenario::Scenario;
use crate::sim::scenario::whatif::{whole_number_path, with_sets};
use crate::sim::state::chronicle::OutcomeKind;
use crate::sim::step::FixedMove;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// One setting varied by a sweep: a `--set` path and its range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    /// The `--set` path, e.g. `model.acceptance.resolve_weight`.
    pub path: String,
    /// The lowest value.
    pub low: f64,
    /// The highest value.
    pub high: f64,
}

impl Factor {
    /// The setting's value at `u` (0 = low, 1 = high); whole-numbered settings (days) are rounded.
    pub fn value(&self, u: f64) -> f64 {
        let v = self.low + u * (self.high - self.low);
        if whole_number_path(&self.path) {
            v.round()
        } else {
            v
        }
    }

    /// The `--set` assignment for the value at `u`.
    pub fn assignment(&self, u: f64) -> String {
        format!("{}={}", self.path, self.value(u))
    }
}

/// How the points of a sweep are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// Morris elementary effects: `trajectories` one-at-a-time walks on a grid of `levels` levels.
    Morris {
        /// Trajectories (R).
        trajectories: usize,
        /// Grid levels (p, even).
        levels: usize,
    },
    /// Sobol indices from `samples` base samples (M).
    Sobol {
        /// Base samples (M).
        samples: usize,
    },
}

/// A sweep's design: its method, factors and seed (which draws the points and is the runs' base seed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Morris or Sobol, with its sizes.
    pub method: Method,
    /// The settings varied.
    pub factors: Vec<Factor>,
    /// The seed of the design and the runs' base seed.
    pub seed: u64,
}

impl Design {
    /// How many points the design has.
    pub fn point_count(&self) -> usize {
        let k = self.factors.len();
        match self.method {
            Method::Morris { trajectories, .. } => trajectories * (k + 1),
            Method::Sobol { samples } => samples * (k + 2),
        }
    }

    /// Every point, as each factor's place in its range (0 = low, 1 = high), in design order.
    pub fn points(&self) -> Vec<Vec<f64>> {
        let k = self.factors.len();
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed ^ 0x5EE9_5EE9_5EE9_5EE9);
        let mut out = Vec::with_capacity(self.point_count());
        match self.method {
            Method::Morris {
                trajectories,
                levels,
            } => {
                let p = levels.max(2);
                for _ in 0..trajectories {
                    let mut x: Vec<usize> = (0..k).map(|_| rng.random_range(0..p)).collect();
                    let mut order: Vec<usize> = (0..k).collect();
                    // Fisher–Yates: the order the factors move in.
                    for i in (1..k).rev() {
                        order.swap(i, rng.random_range(0..=i));
                    }
                    let at = |x: &[usize]| x.iter().map(|&l| l as f64 / (p - 1) as f64).collect();
                    out.push(at(&x));
                    for &i in &order {
                        // Up by Δ where the grid allows it, else down: every level is reached equally.
                        if x[i] + p / 2 < p {
                            x[i] += p / 2;
                        } else {
                            x[i] -= p / 2;
                        }
                        out.push(at(&x));
                    }
                }
            }
            Method::Sobol { samples } => {
                for _ in 0..samples {
                    let a: Vec<f64> = (0..k).map(|_| rng.random::<f64>()).collect();
                    let b: Vec<f64> = (0..k).map(|_| rng.random::<f64>()).collect();
                    out.push(a.clone());
                    out.push(b.clone());
                    for i in 0..k {
                        let mut ab = a.clone();
                        ab[i] = b[i];
                        out.push(ab);
                    }
                }
            }
        }
        out
    }

    /// The `--set` assignments of one point.
    pub fn assignments(&self, point: &[f64]) -> Vec<String> {
        self.factors
            .iter()
            .zip(point)
            .map(|(f, &u)| f.assignment(u))
            .collect()
    }
}

/// What a sweep measures at each point, and their meanings.
pub const MEASURES: [(&str, &str, &str); 9] = [
    ("agreement", "pp", "share of runs ending in agreement"),
    ("resumed", "pp", "share of runs ending with talks resumed"),
    ("stalled", "pp", "share of runs ending stalled"),
    ("escalated", "pp", "share of runs ending escalated"),
    ("breakdown", "pp", "share of runs ending in breakdown"),
    (
        "first_session_day",
        "days",
        "mean day of the first session (runs without one count at the horizon)",
    ),
    (
        "agreement_day",
        "days",
        "mean day of agreement (runs without one count at the horizon)",
    ),
    ("peak_rung", "rungs", "mean highest rung of the ladder"),
    ("tests", "tests", "mean missile and nuclear tests per run"),
];

/// The index of a measure by its name.
pub fn measure_index(name: &str) -> Option<usize> {
    MEASURES.iter().position(|m| m.0 == name)
}

/// One point's runs, in whole numbers (so that shards add up exactly).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    /// Runs played.
    pub runs: u64,
    /// Runs ending in each outcome, in the order agreement, resumed, stalled, escalated, breakdown.
    pub outcomes: [u64; 5],
    /// The sum of the days of the first session (the horizon where there was none).
    pub first_session_days: i64,
    /// The sum of the days of agreement (the horizon where there was none).
    pub agreement_days: i64,
    /// The sum of the peak rungs.
    pub peak_rungs: u64,
    /// The sum of the tests.
    pub tests: u64,
}

const OUTCOME_ORDER: [OutcomeKind; 5] = [
    OutcomeKind::Agreement,
    OutcomeKind::Resumed,
    OutcomeKind::Stalled,
    OutcomeKind::Escalated,
    OutcomeKind::Breakdown,
];

impl Tally {
    /// Each measure of [`MEASURES`], in order.
    pub fn measures(&self) -> [f64; 9] {
        let n = self.runs.max(1) as f64;
        let share = |k: usize| 100.0 * self.outcomes[k] as f64 / n;
        [
            share(0),
            share(1),
            share(2),
            share(3),
            share(4),
            self.first_session_days as f64 / n,
            self.agreement_days as f64 / n,
            self.peak_rungs as f64 / n,
            self.tests as f64 / n,
        ]
    }
}

/// What every point of a sweep plays besides its factors.
pub struct Runs<'a> {
    /// The scenario (with any `--set` what-ifs already applied).
    pub scenario: &'a Arc<Scenario>,
    /// Runs per point.
    pub runs: usize,
    /// Moves fixed in every run.
    pub moves: &'a [FixedMove],
    /// The last day, when `--days` changes it.
    pub days: Option<i64>,
}

/// Plays the points `range` of the design (a shard, or all of them) on `threads` threads: each point is
/// the scenario with its factors' values, played `runs.runs` times with seeds from the design's seed.
/// `progress` is called with the number of runs finished. A point whose settings the scenario refuses is an
/// error naming them.
pub fn play(
    design: &Design,
    runs: &Runs,
    range: Range<usize>,
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<Tally>, String> {
    let points = design.points();
    let points = &points[range];
    // A point at a time; the first point the scenario refuses, in design order, is the error.
    in_parallel(points.len(), threads, 1, runs.runs, progress, |j| {
        let sets = design.assignments(&points[j]);
        let scn =
            with_sets(runs.scenario, &sets).map_err(|e| format!("{e} (at {})", sets.join(" ")))?;
        Ok(tally(&Arc::new(scn), design.seed, runs))
    })
    .into_iter()
    .collect()
}

/// One point's runs, tallied.
fn tally(scn: &Arc<Scenario>, seed: u64, runs: &Runs) -> Tally {
    let horizon = runs.days.unwrap_or(scn.horizon_days as i64);
    let mut t = Tally::default();
    for k in 0..runs.runs {
        let r = run_one(scn, seed_of(seed, k), runs.moves, runs.days);
        t.runs += 1;
        let o = OUTCOME_ORDER
            .iter()
            .position(|x| *x == r.outcome)
            .unwrap_or(0);
        t.outcomes[o] += 1;
        t.first_session_days += r.first_session.unwrap_or(horizon);
        t.agreement_days += r.agreement.unwrap_or(horizon);
        t.peak_rungs += r.peak_rung as u64;
        t.tests += r.tests as u64;
    }
    t
}

/// A factor's Morris statistics for one measure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Elementary {
    /// μ*: the mean absolute effect of moving the factor over its whole range.
    pub mu_star: f64,
    /// μ: the mean effect (its sign says which way).
    pub mu: f64,
    /// σ: the spread of the effects.
    pub sigma: f64,
    /// σ/√R: the standard error of μ.
    pub se: f64,
}

/// A factor's Sobol indices for one measure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Sobol {
    /// First-order index S_i (0–1): the share of the variance the factor explains alone.
    pub first: f64,
    /// Total index ST_i (0–1): with its interactions.
    pub total: f64,
}

/// The analysis of a sweep: per factor, per measure.
#[derive(Clone, Debug, PartialEq)]
pub enum Analysis {
    /// Morris: `[factor][measure]`.
    Morris(Vec<Vec<Elementary>>),
    /// Sobol: `[factor][measure]`, with each measure's variance across the base samples.
    Sobol(Vec<Vec<Sobol>>, Vec<f64>),
}

impl Analysis {
    /// The factor's importance for a measure: μ* (Morris) or ST (Sobol).
    pub fn importance(&self, factor: usize, measure: usize) -> f64 {
        match self {
            Analysis::Morris(m) => m[factor][measure].mu_star,
            Analysis::Sobol(s, _) => s[factor][measure].total,
        }
    }

    /// The factors, most important first for `measure` (ties in the order given).
    pub fn ranking(&self, factors: usize, measure: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..factors).collect();
        order.sort_by(|&a, &b| {
            self.importance(b, measure)
                .total_cmp(&self.importance(a, measure))
                .then(a.cmp(&b))
        });
        order
    }
}

/// Works out the analysis from every point's measures (`y[point][measure]`, in design order).
pub fn analyse(design: &Design, y: &[Vec<f64>]) -> Analysis {
    let k = design.factors.len();
    let m = y.first().map_or(0, Vec::len);
    let points = design.points();
    match design.method {
        Method::Morris { trajectories, .. } => {
            // effects[factor][measure] = every trajectory's elementary effect.
            let mut effects = vec![vec![Vec::with_capacity(trajectories); m]; k];
            for t in 0..trajectories {
                for s in 0..k {
                    let (a, b) = (t * (k + 1) + s, t * (k + 1) + s + 1);
                    let Some(i) = (0..k).find(|&i| points[a][i] != points[b][i]) else {
                        continue;
                    };
                    let delta = points[b][i] - points[a][i];
                    for q in 0..m {
                        effects[i][q].push((y[b][q] - y[a][q]) / delta);
                    }
                }
            }
            Analysis::Morris(
                effects
                    .iter()
                    .map(|per| per.iter().map(|e| elementary(e)).collect())
                    .collect(),
            )
        }
        Method::Sobol { samples } => {
            let at = |j: usize, off: usize| &y[j * (k + 2) + off];
            let mut var = Vec::with_capacity(m);
            let mut out = vec![Vec::with_capacity(m); k];
            for q in 0..m {
                let ab: Vec<f64> = (0..samples)
                    .flat_map(|j| [at(j, 0)[q], at(j, 1)[q]])
                    .collect();
                let mean = ab.iter().sum::<f64>() / ab.len().max(1) as f64;
                let v = ab.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>()
                    / ab.len().max(1) as f64;
                var.push(v);
                for (i, row) in out.iter_mut().enumerate() {
                    let (mut s1, mut st) = (0.0, 0.0);
                    for j in 0..samples {
                        // Centred on the mean (which leaves the indices as they are and their
                        // estimates steadier).
                        let (fa, fb, fab) = (
                            at(j, 0)[q] - mean,
                            at(j, 1)[q] - mean,
                            at(j, 2 + i)[q] - mean,
                        );
                        s1 += fb * (fab - fa);
                        st += (fa - fab) * (fa - fab);
                    }
                    let n = samples.max(1) as f64;
                    row.push(if v > 0.0 {
                        Sobol {
                            first: s1 / n / v,
                            total: st / (2.0 * n) / v,
                        }
                    } else {
                        Sobol {
                            first: 0.0,
                            total: 0.0,
                        }
                    });
                }
            }
            Analysis::Sobol(out, var)
        }
    }
}

fn elementary(e: &[f64]) -> Elementary {
    let r = e.len().max(1) as f64;
    let mu = e.iter().sum::<f64>() / r;
    let mu_star = e.iter().map(|x| x.abs()).sum::<f64>() / r;
    let sigma = if e.len() > 1 {
        (e.iter().map(|x| (x - mu) * (x - mu)).sum::<f64>() / (r - 1.0)).sqrt()
    } else {
        0.0
    };
    Elementary {
        mu_star,
        mu,
        sigma,
        se: sigma / r.sqrt(),
    }
}

/// Every model coefficient of the scenario that is not zero, as a factor over `width` either side of its
/// value (0.5: half to one and a half times it), kept within 0–1 for coefficients in that unit and narrowed
/// where the scenario bounds a coefficient more tightly. Returns the factors and the coefficients left out
/// with why (zero, or no range the scenario takes).
pub fn every_coefficient(scn: &Scenario, width: f64) -> (Vec<Factor>, Vec<String>) {
    let mut factors = Vec::new();
    let mut left = Vec::new();
    for p in scn.model.params() {
        let path = format!("model.{}", p.path);
        if p.value == 0.0 {
            left.push(format!("{path} (0)"));
            continue;
        }
        // A coefficient the scenario holds within bounds (a share kept per day, say) has its range
        // narrowed, halving the width up to four times, else taken at the narrowest below its value only.
        let mut w = width;
        let mut last = String::new();
        let mut found = None;
        for attempt in 0..6 {
            // The last attempt: the narrowest width, below the value only.
            let up = if attempt == 5 { 0.0 } else { w };
            if attempt == 5 {
                w *= 2.0;
            }
            let (mut low, mut high) = (tidy(p.value * (1.0 - w)), tidy(p.value * (1.0 + up)));
            if low > high {
                std::mem::swap(&mut low, &mut high);
            }
            if p.unit == "0–1" {
                (low, high) = (low.clamp(0.0, 1.0), high.clamp(0.0, 1.0));
            }
            let f = Factor {
                path: path.clone(),
                low,
                high,
            };
            match check_factor(scn, &f) {
                Ok(()) => {
                    found = Some(f);
                    break;
                }
                Err(e) => last = e,
            }
            w /= 2.0;
        }
        match found {
            Some(f) => factors.push(f),
            None => left.push(format!("{path} ({last})")),
        }
    }
    (factors, left)
}

/// A range's end to four significant figures, so that it reads as typed (0.15, not 0.15000000000000002).
fn tidy(v: f64) -> f64 {
    format!("{v:.3e}").parse().unwrap_or(v)
}

/// The model coefficients a scenario's agreement depends on most, first `count` of them: a quick Morris
/// screen of every non-zero coefficient from half to one and a half times its value (what `sixparty sweep
/// --all --trajectories R -n RUNS` works out), for the window's setup screen.
pub fn what_matters(
    scn: &Arc<Scenario>,
    seed: u64,
    trajectories: usize,
    runs: usize,
    threads: usize,
    count: usize,
) -> Result<Vec<(Factor, Elementary)>, String> {
    let (factors, _) = every_coefficient(scn, 0.5);
    let design = Design {
        method: Method::Morris {
            trajectories,
            levels: 4,
        },
        factors,
        seed,
    };
    let each = Runs {
        scenario: scn,
        runs,
        moves: &[],
        days: None,
    };
    let tallies = play(&design, &each, 0..design.point_count(), threads, &|_| {})?;
    let y: Vec<Vec<f64>> = tallies.iter().map(|t| t.measures().to_vec()).collect();
    let a = analyse(&design, &y);
    let Analysis::Morris(m) = &a else {
        return Ok(Vec::new());
    };
    Ok(a.ranking(design.factors.len(), 0)
        .into_iter()
        .take(count)
        .map(|i| (design.factors[i].clone(), m[i][0]))
        .collect())
}

/// Whether the scenario accepts the factor's lowest and highest values (and the range is not empty).
pub fn check_factor(scn: &Scenario, f: &Factor) -> Result<(), String> {
    if !(f.low.is_finite() && f.high.is_finite()) {
        return Err("the range's ends must be numbers".into());
    }
    if f.low > f.high {
        return Err(format!(
            "the range {}..{} is inverted; give the lowest value first",
            f.low, f.high
        ));
    }
    if f.value(0.0) == f.value(1.0) {
        return Err(format!(
            "the range {}..{} is empty; give two different values",
            f.low, f.high
        ));
    }
    for u in [0.0, 1.0] {
        with_sets(scn, &[f.assignment(u)])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn design(method: Method, k: usize) -> Design {
        Design {
            method,
            factors: (0..k)
                .map(|i| Factor {
                    path: format!("model.choice.x{i}"),
                    low: 0.0,
                    high: 1.0,
                })
                .collect(),
            seed: 7,
        }
    }

    /// y = 3·x0 − 2·x1 + 0·x2 + 4·x0·x3: Morris sees x0 and x3 interact, x1 linear, x2 nothing.
    fn model_y(x: &[f64]) -> Vec<f64> {
        vec![3.0 * x[0] - 2.0 * x[1] + 4.0 * x[0] * x[3]]
    }

    #[test]
    fn morris_trajectories_move_one_factor_at_a_time_on_the_grid() {
        let d = design(
            Method::Morris {
                trajectories: 5,
                levels: 4,
            },
            4,
        );
        let p = d.points();
        assert_eq!(p.len(), d.point_count());
        for t in 0..5 {
            for s in 0..4 {
                let (a, b) = (&p[t * 5 + s], &p[t * 5 + s + 1]);
                let moved: Vec<usize> = (0..4).filter(|&i| a[i] != b[i]).collect();
                assert_eq!(moved.len(), 1, "{a:?} -> {b:?}");
                assert!(((a[moved[0]] - b[moved[0]]).abs() - 2.0 / 3.0).abs() < 1e-12);
            }
        }
        assert_eq!(p, d.points(), "the same seed draws the same design");
    }

    #[test]
    fn morris_finds_the_effects_of_a_known_function() {
        let d = design(
            Method::Morris {
                trajectories: 40,
                levels: 4,
            },
            4,
        );
        let y: Vec<Vec<f64>> = d.points().iter().map(|x| model_y(x)).collect();
        let Analysis::Morris(a) = analyse(&d, &y) else {
            panic!("a Morris design gives a Morris analysis")
        };
        assert!(
            (a[1][0].mu + 2.0).abs() < 1e-9 && a[1][0].sigma < 1e-9,
            "x1 is linear"
        );
        assert_eq!(a[2][0].mu_star, 0.0, "x2 does nothing");
        assert!(a[0][0].mu_star > 3.0 && a[0][0].sigma > 0.5, "x0 interacts");
        assert!(a[3][0].sigma > 0.5, "x3 interacts");
        let an = analyse(&d, &y);
        assert_eq!(an.ranking(4, 0)[3], 2, "the inert factor ranks last");
    }

    #[test]
    fn sobol_indices_of_a_known_function() {
        // y = x0 + 2·x1 (independent uniforms): S0 = 1/5, S1 = 4/5, x2 nothing; no interactions.
        let d = design(Method::Sobol { samples: 4000 }, 3);
        let y: Vec<Vec<f64>> = d.points().iter().map(|x| vec![x[0] + 2.0 * x[1]]).collect();
        let Analysis::Sobol(s, _) = analyse(&d, &y) else {
            panic!("a Sobol design gives a Sobol analysis")
        };
        for (i, want) in [(0, 0.2), (1, 0.8), (2, 0.0)] {
            assert!((s[i][0].first - want).abs() < 0.05, "S{i} = {:?}", s[i][0]);
            assert!((s[i][0].total - want).abs() < 0.05, "ST{i} = {:?}", s[i][0]);
        }
    }

    #[test]
    fn whole_numbered_settings_are_rounded() {
        let f = Factor {
            path: "talks.session_days".into(),
            low: 3.0,
            high: 8.0,
        };
        assert_eq!(f.value(0.5), 6.0);
        assert_eq!(f.assignment(0.0), "talks.session_days=3");
    }
}
