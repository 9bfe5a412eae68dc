//! The table and its verdicts: the chair's draft, what each party's utility of it is against what it
//! expects without a deal (its reservation value), and whether it would sign.

use crate::sim::action::ActionKind;
use crate::sim::scenario::{Phase, RedLine, Scenario};
use crate::sim::state::State;
use serde::{Deserialize, Serialize};

/// `value` moved inside the band every red line on issue `k` allows, when such a band exists.
pub fn within_red_lines(scn: &Scenario, k: usize, value: f64) -> f64 {
    let (mut lo, mut hi) = (0.0f64, 100.0f64);
    for p in &scn.parties {
        match p.stances[k].red_line {
            Some(RedLine::AtLeast(x)) => lo = lo.max(x),
            Some(RedLine::AtMost(x)) => hi = hi.min(x),
            None => {}
        }
    }
    if lo <= hi { value.clamp(lo, hi) } else { value }
}

/// The chair's draft: the capability- and salience-weighted middle of the parties' offers (their stated
/// positions), kept inside every red line where the red lines leave room.
pub fn chair_table(scn: &Scenario, st: &State) -> Vec<f64> {
    let mut draft = Vec::with_capacity(scn.issue_count());
    chair_table_into(scn, st, &mut draft);
    draft
}

/// [`chair_table`] into a buffer (its contents replaced).
pub fn chair_table_into(scn: &Scenario, st: &State, draft: &mut Vec<f64>) {
    draft.clear();
    draft.extend((0..scn.issue_count()).map(|k| {
        let (mut num, mut den) = (0.0, 0.0);
        for (i, p) in scn.parties.iter().enumerate() {
            let w = p.capability * (scn.model.session.salience_floor + p.stances[k].salience);
            num += w * st.parties[i].positions[k];
            den += w;
        }
        within_red_lines(scn, k, if den > 0.0 { num / den } else { 50.0 })
    }));
}

/// Party `i`'s utility of a package, 0–100: 100 at its ideal point on every issue, less the
/// salience-weighted distance from it.
pub fn utility(scn: &Scenario, st: &State, i: u8, package: &[f64]) -> f64 {
    utility_of(scn, st, i, |k| package[k])
}

/// [`utility`] of the package whose value on issue `k` is `value(k)`.
fn utility_of(scn: &Scenario, st: &State, i: u8, value: impl Fn(usize) -> f64) -> f64 {
    let p = &scn.parties[i as usize];
    let ideals = &st.parties[i as usize].ideals;
    let (mut num, mut den) = (0.0, 0.0);
    for (k, stance) in p.stances.iter().enumerate() {
        num += stance.salience * (ideals[k] - value(k)).abs();
        den += stance.salience;
    }
    100.0 - if den > 0.0 { num / den } else { 0.0 }
}

/// Party `i`'s utility of the status quo (no deal, nothing changes).
pub fn status_quo_utility(scn: &Scenario, st: &State, i: u8) -> f64 {
    utility_of(scn, st, i, |k| scn.file.issues[k].status_quo)
}

/// A party's dissatisfaction with the table: 100 less its utility of it.
pub fn dissatisfaction(scn: &Scenario, st: &State, i: u8) -> f64 {
    100.0 - utility(scn, st, i, &st.table)
}

/// The strongest fresh threat against party `i`: another party's test or exercise within the model's
/// `choice.threat_days`, as (party, kind, days ago, weight 0–1).
pub fn fresh_threat(scn: &Scenario, st: &State, i: u8) -> Option<(u8, ActionKind, i64, f64)> {
    strongest_against(i, (0..st.n() as u8).map(|j| own_threat(scn, st, j)))
}

/// Party `j`'s strongest fresh threat to the others (its own tests and exercises within
/// `choice.threat_days`), as (party, kind, days ago, weight 0–1): the first of the kinds below with the
/// largest weight.
fn own_threat(scn: &Scenario, st: &State, j: u8) -> Option<(u8, ActionKind, i64, f64)> {
    let c = &scn.model.choice;
    let kinds = [
        (ActionKind::NuclearTest, c.threat_nuclear),
        (ActionKind::MissileTest, c.threat_missile),
        (ActionKind::MilitaryDrill, c.threat_drill),
        (ActionKind::ExpelInspectors, c.threat_step),
        (ActionKind::RestartFacility, c.threat_step),
    ];
    let other = &st.parties[j as usize];
    let mut threat: Option<(u8, ActionKind, i64, f64)> = None;
    for &(kind, weight) in &kinds {
        let ago = st.day - other.last_done[kind as usize];
        if ago >= 0 && (ago as f64) <= c.threat_days {
            let t = weight * (1.0 - ago as f64 / (c.threat_days + 1.0));
            if threat.is_none_or(|x| t > x.3) {
                threat = Some((j, kind, ago, t));
            }
        }
    }
    threat
}

/// The strongest of the parties' own threats (by index) against party `i`, leaving its own out: the first
/// party with the largest weight.
fn strongest_against(
    i: u8,
    threats: impl Iterator<Item = Option<(u8, ActionKind, i64, f64)>>,
) -> Option<(u8, ActionKind, i64, f64)> {
    let mut threat: Option<(u8, ActionKind, i64, f64)> = None;
    for (j, t) in threats.enumerate() {
        if j == i as usize {
            continue;
        }
        if let Some(t) = t
            && threat.is_none_or(|x| t.3 > x.3)
        {
            threat = Some(t);
        }
    }
    threat
}

/// How much worse than the status quo no deal is for party `i` today: pressure, sanctions held on it, the
/// escalation ladder and fresh threats lower its reservation value. Coercion works through this.
pub fn no_deal_cost(scn: &Scenario, st: &State, i: u8) -> f64 {
    let threat = fresh_threat(scn, st, i).map_or(0.0, |t| t.3);
    no_deal_cost_given(scn, st, i, threat, st.sanction_weight(scn, i))
}

/// [`no_deal_cost`] with the fresh threat (0–1) and the sanction weight already worked out.
fn no_deal_cost_given(scn: &Scenario, st: &State, i: u8, threat: f64, sanction_weight: f64) -> f64 {
    let r = &scn.model.reservation;
    let p = &scn.parties[i as usize];
    let d = &p.doctrine;
    let ps = &st.parties[i as usize];
    let top = (scn.rungs.len() as f64 - 1.0).max(1.0);
    let held = st.milestones.sessions;
    let failed = if st.phase == Phase::InSession || st.phase == Phase::Agreement {
        held.saturating_sub(1)
    } else {
        held
    };
    r.failed * failed as f64 * (1.0 - d.patience)
        + r.pressure * ps.pressure / 100.0 * d.pressure_sensitivity
        + r.sanctions * sanction_weight.min(1.5) * (1.0 - d.resolve)
        + r.escalation * st.rung as f64 / top * (1.0 - d.risk_tolerance)
        + r.threat * threat * (1.0 - d.risk_tolerance)
}

/// How a party weighs the package on the table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Whether it would sign today.
    pub accepts: bool,
    /// An issue whose red line the table crosses, if any.
    pub crossed: Option<u8>,
    /// Dissatisfaction with the table: 100 less its utility (0–100).
    pub dissatisfaction: f64,
    /// How much more the table is worth to it than the status quo (utility points).
    pub gain: f64,
    /// How far it believes the others will keep their side (0–1): its trust in them, weighted by their
    /// capability and by how far apart they stand, the parties already signing counting more.
    pub credibility: f64,
    /// How much worse than the status quo no deal is (pressure, sanctions, escalation, threats), plus side
    /// payments offered to it this session: the status quo's utility less its reservation value.
    pub relief: f64,
    /// The margin it needs the credible gain plus the relief to reach before it signs.
    pub needed: f64,
    /// Its own decision, when it took one this session (a human delegation, a script): whether it signs
    /// this table. It replaces the weighing above, which is kept for the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<bool>,
}

impl Verdict {
    /// How far the value of signing falls short of what it needs (negative when it accepts).
    pub fn shortfall(&self) -> f64 {
        self.needed - self.value()
    }
    /// The value of signing against no deal: the credible gain plus the relief.
    pub fn value(&self) -> f64 {
        self.gain * self.credibility + self.relief
    }
}

/// Weighs the table for party `i`: it signs when no red line is crossed and the gain over the status quo,
/// discounted by how little it trusts the others, plus what no deal would cost it, reaches the margin its
/// doctrine demands (less as the session's deadline nears). `signers` marks parties already signing.
pub fn verdict(scn: &Scenario, st: &State, i: u8, signers: u32) -> Verdict {
    verdict_on(scn, st, &st.table, i, signers)
}

/// [`verdict`] on another package than the table (the chair's draft of today's offers, say).
pub fn verdict_on(scn: &Scenario, st: &State, table: &[f64], i: u8, signers: u32) -> Verdict {
    verdict_given(scn, st, table, i, signers, &Given::new(scn, st, i))
}

/// What party `i`'s verdicts read from the state apart from the package, worked out once for a day's
/// several verdicts and decisions.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Given {
    /// Its strongest fresh threat (see [`fresh_threat`]).
    pub threat: Option<(u8, ActionKind, i64, f64)>,
    /// The capability-weighted count of parties sanctioning it (`State::sanction_weight`).
    pub sanction_weight: f64,
    /// For each other party, the salience-weighted sum of distances from its ideal points to that
    /// party's offers (not divided by the saliences' sum); 0 for itself.
    pub dist: [f64; 16],
}

impl Given {
    pub(crate) fn new(scn: &Scenario, st: &State, i: u8) -> Given {
        Given::with_threat(scn, st, i, fresh_threat(scn, st, i))
    }

    /// Every party's [`Given`] into `out` (its contents replaced), each party's own threat worked out once
    /// for all the others.
    pub(crate) fn all(scn: &Scenario, st: &State, out: &mut Vec<Given>) {
        let n = st.n() as u8;
        let mut own = [None; 16];
        for (j, slot) in own.iter_mut().enumerate().take(n as usize) {
            *slot = own_threat(scn, st, j as u8);
        }
        out.clear();
        out.extend((0..n).map(|i| {
            let threat = strongest_against(i, own[..n as usize].iter().copied());
            Given::with_threat(scn, st, i, threat)
        }));
    }

    fn with_threat(
        scn: &Scenario,
        st: &State,
        i: u8,
        threat: Option<(u8, ActionKind, i64, f64)>,
    ) -> Given {
        let p = &scn.parties[i as usize];
        let ideals = &st.parties[i as usize].ideals;
        let mut dist = [0.0; 16];
        for (j, (slot, other)) in dist.iter_mut().zip(&st.parties).enumerate() {
            if j == i as usize {
                continue;
            }
            let mut sum = 0.0;
            for ((stance, ideal), pos) in p.stances.iter().zip(ideals).zip(&other.positions) {
                sum += stance.salience * (ideal - pos).abs();
            }
            *slot = sum;
        }
        Given {
            threat,
            sanction_weight: st.sanction_weight(scn, i),
            dist,
        }
    }
}

/// [`verdict_on`] with what it reads from the state already worked out.
pub(crate) fn verdict_given(
    scn: &Scenario,
    st: &State,
    table: &[f64],
    i: u8,
    signers: u32,
    given: &Given,
) -> Verdict {
    let threat = given.threat.map_or(0.0, |t| t.3);
    let sanction_weight = given.sanction_weight;
    let m = &scn.model.acceptance;
    let p = &scn.parties[i as usize];
    let ps = &st.parties[i as usize];
    let crossed = p
        .stances
        .iter()
        .enumerate()
        .position(|(k, s)| s.rules_out(table[k]))
        .map(|k| k as u8);
    let u = utility(scn, st, i, table);
    let gain = u - status_quo_utility(scn, st, i);
    let den: f64 = p.stances.iter().map(|s| s.salience).sum();
    let (mut tw, mut w) = (0.0, 0.0);
    for j in 0..st.n() as u8 {
        if j == i {
            continue;
        }
        let dist = given.dist[j as usize];
        let signing = if signers & (1 << j) != 0 {
            1.0 + m.signer_weight
        } else {
            1.0
        };
        let wj = scn.parties[j as usize].capability
            * (m.distance_weight + dist / den.max(1e-9))
            * signing;
        tw += wj * st.trust(i, j) / 100.0;
        w += wj;
    }
    let trusted = if w > 0.0 { tw / w } else { 1.0 };
    let credibility = m.credibility_floor + (1.0 - m.credibility_floor) * trusted;
    let face_lost = ((50.0 - ps.face) / 50.0).clamp(0.0, 1.0);
    let urgency = if st.phase == Phase::InSession {
        let total = scn.file.talks.session_days.max(1) as f64;
        (1.0 - (st.session_ends - st.day).max(0) as f64 / total).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let needed = scn.file.talks.acceptance
        * (1.0 - m.resolve_weight / 2.0 + m.resolve_weight * p.doctrine.resolve)
        * (1.0 + m.face_weight * face_lost * p.doctrine.face_sensitivity)
        * (1.0 - m.deadline_relief * urgency)
        * (1.0 + m.threat_face * threat * p.doctrine.face_sensitivity);
    let needed = needed
        * (1.0 + m.sanctions_face * sanction_weight.min(1.5) * p.doctrine.face_sensitivity)
        * ps.doubt;
    let relief = no_deal_cost_given(scn, st, i, threat, sanction_weight) + ps.side;
    let mut v = Verdict {
        accepts: false,
        crossed,
        dissatisfaction: 100.0 - u,
        gain,
        credibility,
        relief,
        needed,
        decided: None,
    };
    v.accepts = crossed.is_none() && gain > 0.0 && v.value() >= needed;
    if let Some(d) = ps.decision {
        // A signature stands for any draft worth at least as much as the one signed (within a tenth of a
        // point, so that the chair's daily redraft does not void it); a red line is never signed away.
        let signs = match d {
            crate::sim::state::Decision::Signed(at) => crossed.is_none() && u >= at - 0.1,
            crate::sim::state::Decision::Refused => false,
        };
        v.decided = Some(signs);
        v.accepts = signs;
    }
    v
}

/// Every party's verdict on the table. A first pass finds who would sign; the second counts those signers
/// more in each party's credibility (a trusted partner that signs makes the deal more believable, but
/// does not decide for anyone).
pub fn verdicts(scn: &Scenario, st: &State) -> Vec<Verdict> {
    let n = st.n();
    let mut given = Vec::with_capacity(n);
    Given::all(scn, st, &mut given);
    let weigh = |i: usize, signers| verdict_given(scn, st, &st.table, i as u8, signers, &given[i]);
    let signers = (0..n).fold(0u32, |mask, i| mask | ((weigh(i, 0).accepts as u32) << i));
    (0..n).map(|i| weigh(i, signers)).collect()
}
