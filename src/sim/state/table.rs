//! The table and its verdicts: the chair's draft, how far each party stands from it, and whether it would sign.

use crate::sim::scenario::Scenario;
use crate::sim::state::State;
use serde::{Deserialize, Serialize};

/// `value` moved inside the band every red line on issue `k` allows, when such a band exists.
pub fn within_red_lines(scn: &Scenario, k: usize, value: f64) -> f64 {
    let (mut lo, mut hi) = (0.0f64, 100.0f64);
    for p in &scn.parties {
        match p.stances[k].red_line {
            Some(crate::sim::scenario::RedLine::AtLeast(x)) => lo = lo.max(x),
            Some(crate::sim::scenario::RedLine::AtMost(x)) => hi = hi.min(x),
            None => {}
        }
    }
    if lo <= hi { value.clamp(lo, hi) } else { value }
}

/// The chair's draft: the capability- and salience-weighted middle of the positions, kept inside every red
/// line where the red lines leave room.
pub fn chair_table(scn: &Scenario, st: &State) -> Vec<f64> {
    (0..scn.issue_count())
        .map(|k| {
            let (mut num, mut den) = (0.0, 0.0);
            for (i, p) in scn.parties.iter().enumerate() {
                let w = p.capability * (0.05 + p.stances[k].salience);
                num += w * st.parties[i].positions[k];
                den += w;
            }
            within_red_lines(scn, k, if den > 0.0 { num / den } else { 50.0 })
        })
        .collect()
}

/// A party's dissatisfaction with the table: the salience-weighted distance, 0–100.
pub fn dissatisfaction(scn: &Scenario, st: &State, i: u8) -> f64 {
    let p = &scn.parties[i as usize];
    let (mut num, mut den) = (0.0, 0.0);
    for (k, stance) in p.stances.iter().enumerate() {
        num += stance.salience * (st.parties[i as usize].positions[k] - st.table[k]).abs();
        den += stance.salience;
    }
    if den > 0.0 { num / den } else { 0.0 }
}

/// How a party weighs the package on the table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Whether it would sign today.
    pub accepts: bool,
    /// An issue whose red line the table crosses, if any.
    pub crossed: Option<u8>,
    /// Dissatisfaction with the table (0–100).
    pub dissatisfaction: f64,
    /// How much better than the status quo the table is for it (dissatisfaction points).
    pub gain: f64,
    /// How far it believes the others will keep their side (0–1): its trust in them, weighted by their
    /// capability and by how far apart they stand.
    pub credibility: f64,
    /// The credible gain it needs before it signs.
    pub needed: f64,
    /// A close partner (trust 70 or more) that signs and that it follows, which lowers what it needs.
    pub follows: Option<u8>,
}

impl Verdict {
    /// How far the credible gain falls short of what it needs (negative when it accepts).
    pub fn shortfall(&self) -> f64 {
        self.needed - self.gain * self.credibility
    }
}

/// Weighs the table for party `i`: it signs when no red line is crossed and the gain over the status quo,
/// discounted by how little it trusts the others, reaches what its doctrine demands (less under pressure).
pub fn verdict(scn: &Scenario, st: &State, i: u8) -> Verdict {
    let p = &scn.parties[i as usize];
    let ps = &st.parties[i as usize];
    let crossed = p
        .stances
        .iter()
        .enumerate()
        .position(|(k, s)| s.red_line.is_some_and(|rl| !rl.allows(st.table[k])))
        .map(|k| k as u8);
    let d = dissatisfaction(scn, st, i);
    let (mut num, mut den) = (0.0, 0.0);
    for (k, stance) in p.stances.iter().enumerate() {
        num += stance.salience * (ps.positions[k] - scn.file.issues[k].status_quo).abs();
        den += stance.salience;
    }
    let d_sq = if den > 0.0 { num / den } else { 0.0 };
    let gain = d_sq - d;
    let (mut tw, mut w) = (0.0, 0.0);
    for j in 0..st.n() as u8 {
        if j == i {
            continue;
        }
        let mut dist = 0.0;
        for (k, stance) in p.stances.iter().enumerate() {
            dist += stance.salience * (ps.positions[k] - st.parties[j as usize].positions[k]).abs();
        }
        let wj = scn.parties[j as usize].capability * (10.0 + dist / den.max(1e-9));
        tw += wj * st.trust(i, j) / 100.0;
        w += wj;
    }
    let credibility = if w > 0.0 { tw / w } else { 1.0 };
    let face_lost = ((50.0 - ps.face) / 50.0).clamp(0.0, 1.0);
    let needed = scn.file.talks.acceptance
        * (0.5 + p.doctrine.resolve)
        * (1.0 + 0.5 * face_lost * p.doctrine.face_sensitivity)
        - 20.0 * (ps.pressure / 100.0) * p.doctrine.pressure_sensitivity;
    let accepts = crossed.is_none() && gain * credibility >= needed;
    Verdict {
        accepts,
        crossed,
        dissatisfaction: d,
        gain,
        credibility,
        needed,
        follows: None,
    }
}

/// Every party's verdict on the table. A party that gains from the package and trusts (70 or more) a
/// partner that signs follows it: what it needs shrinks by its trust in that partner (at trust 80, to a fifth).
pub fn verdicts(scn: &Scenario, st: &State) -> Vec<Verdict> {
    let n = st.n();
    let first: Vec<Verdict> = (0..n).map(|i| verdict(scn, st, i as u8)).collect();
    let mut out = first.clone();
    for (i, v) in out.iter_mut().enumerate() {
        if v.accepts || v.crossed.is_some() || v.gain <= 0.0 {
            continue;
        }
        let ally = (0..n)
            .filter(|&j| j != i && first[j].accepts && st.trust(i as u8, j as u8) >= 70.0)
            .max_by(|&a, &b| {
                st.trust(i as u8, a as u8)
                    .total_cmp(&st.trust(i as u8, b as u8))
                    .then(b.cmp(&a))
            });
        if let Some(j) = ally {
            v.follows = Some(j as u8);
            v.needed *= 1.0 - st.trust(i as u8, j as u8) / 100.0;
            v.accepts = v.gain * v.credibility >= v.needed;
        }
    }
    out
}
