//! What a party knows of the world when it decides: pressure, grievance, trust, threats and distances.

use crate::sim::action::ActionKind;
use crate::sim::scenario::{Role, Scenario};
use crate::sim::state::State;

/// What a party knows of the world when it decides.
pub(super) struct View<'a> {
    pub(super) scn: &'a Scenario,
    pub(super) st: &'a State,
    pub(super) i: u8,
    pub(super) m: f64,
    pub(super) pressure: f64,
    pub(super) grievance: f64,
    pub(super) face_lost: f64,
    pub(super) trust_avg: f64,
    pub(super) sanction_weight: f64,
    /// The strongest recent military move by another party: (party, kind, days ago, threat 0–1).
    pub(super) threat: Option<(u8, ActionKind, i64, f64)>,
    pub(super) engage: f64,
    pub(super) defy: f64,
    /// Salience-weighted distance (0–1) from this party to each party, by index.
    pub(super) dist: [f64; 16],
}

pub(super) fn view<'a>(scn: &'a Scenario, st: &'a State, i: u8) -> View<'a> {
    let iu = i as usize;
    let d = &scn.parties[iu].doctrine;
    let ps = &st.parties[iu];
    let n = st.n();
    let m = st.momentum / 100.0;
    let pressure = ps.pressure / 100.0;
    let grievance = ps.grievance / 100.0;
    let face_lost = ((50.0 - ps.face) / 50.0).clamp(0.0, 1.0);
    let trust_avg = (0..n)
        .filter(|&j| j != iu)
        .map(|j| st.trust(i, j as u8))
        .sum::<f64>()
        / (n - 1).max(1) as f64
        / 100.0;
    let sanction_weight: f64 = (0..n)
        .filter(|&j| st.sanctions(j as u8, i))
        .map(|j| scn.parties[j].capability / 100.0)
        .sum();
    let mut threat: Option<(u8, ActionKind, i64, f64)> = None;
    for j in (0..n).filter(|&j| j != iu) {
        for (kind, weight) in [
            (ActionKind::NuclearTest, 1.0),
            (ActionKind::MissileTest, 0.6),
            (ActionKind::MilitaryDrill, 0.3),
        ] {
            let ago = st.day - st.parties[j].last_done[kind as usize];
            if ago <= 45 {
                let t = weight * (1.0 - ago as f64 / 46.0);
                if threat.is_none_or(|x| t > x.3) {
                    threat = Some((j as u8, kind, ago, t));
                }
            }
        }
    }
    let role_bonus = match d.role {
        Role::Host | Role::Mediator => 0.15,
        _ => 0.0,
    };
    let engage =
        0.30 + 0.35 * m + 0.3 * (trust_avg - 0.4) + 0.35 * pressure * d.pressure_sensitivity
            - 0.25 * grievance * d.resolve
            + role_bonus;
    let defy = 0.5 * grievance * d.resolve
        + 0.35 * pressure * (1.0 - d.pressure_sensitivity) * d.resolve
        + 0.25 * face_lost * d.face_sensitivity
        + 0.3 * sanction_weight.min(1.5) * d.resolve * (1.0 - d.pressure_sensitivity)
        - 0.25 * m
        + 0.15 * d.risk_tolerance;
    // Distances are asked for several times per decision (targets of envoys and bilaterals): once each.
    let mut dist = [0.0; 16];
    let den: f64 = scn.parties[iu].stances.iter().map(|s| s.salience).sum();
    for (j, slot) in dist.iter_mut().enumerate().take(n) {
        if j == iu || den <= 0.0 {
            continue;
        }
        let mut num = 0.0;
        for (k, s) in scn.parties[iu].stances.iter().enumerate() {
            num += s.salience * (ps.positions[k] - st.parties[j].positions[k]).abs();
        }
        *slot = num / den / 100.0;
    }
    View {
        scn,
        st,
        i,
        m,
        pressure,
        grievance,
        face_lost,
        trust_avg,
        sanction_weight,
        threat,
        engage,
        defy,
        dist,
    }
}

impl View<'_> {
    pub(super) fn distance(&self, j: u8) -> f64 {
        self.dist[j as usize]
    }

    pub(super) fn others(&self) -> impl Iterator<Item = u8> + '_ {
        (0..self.st.n() as u8).filter(move |&j| j != self.i)
    }

    /// Whom to send an envoy to: a capable party it trusts and needs to move, the host above all.
    pub(super) fn envoy_target(&self) -> Option<u8> {
        self.best(|j| {
            let cap = self.scn.parties[j as usize].capability / 100.0;
            let host = if self.scn.host == Some(j) { 1.3 } else { 1.0 };
            cap * (0.4 * self.distance(j) + 0.6 * self.st.trust(self.i, j) / 100.0) * host
        })
    }

    /// Whom to meet: the party it is furthest from, weighted by how far they trust each other.
    pub(super) fn bilateral_target(&self) -> Option<u8> {
        self.best(|j| {
            let warmth = (self.st.trust(self.i, j) + self.st.trust(j, self.i)) / 200.0;
            self.distance(j) * (0.2 + warmth) * self.scn.parties[j as usize].capability / 100.0
        })
    }

    pub(super) fn best(&self, score: impl Fn(u8) -> f64) -> Option<u8> {
        self.others()
            .map(|j| (j, score(j)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|x| x.0)
    }
}

/// The other party this one trusts most.
pub(super) fn best_trusted(v: &View) -> Option<u8> {
    v.best(|j| v.st.trust(v.i, j))
}
