//! What a party knows of the world when it decides: the features its move scores weigh (momentum,
//! pressure, grievance, trust, threats, how far the draft is from what it needs), worked out once per
//! decision.

use crate::sim::action::ActionKind;
use crate::sim::scenario::{Phase, Role, Scenario};
use crate::sim::state::table::{Given, Verdict, chair_table_into, verdict_given};
use crate::sim::state::{NEVER, State};

/// The number of features, in the order of the model's `Weights` fields.
pub(super) const NF: usize = 31;

/// Feature indices (the order of `Weights::FIELDS`).
pub(super) mod f {
    pub const BASE: usize = 0;
    pub const MOMENTUM: usize = 1;
    pub const MOMENTUM_MID: usize = 2;
    pub const PRESSURE: usize = 3;
    pub const DEFIANCE: usize = 4;
    pub const GRIEVANCE: usize = 5;
    pub const FACE: usize = 6;
    pub const TRUST: usize = 7;
    pub const DISTRUST: usize = 8;
    pub const SANCTIONED: usize = 9;
    pub const THREAT: usize = 10;
    pub const RESOLVE: usize = 11;
    pub const PATIENCE: usize = 12;
    pub const RISK: usize = 13;
    pub const ROLE: usize = 14;
    pub const PRINCIPAL: usize = 15;
    pub const STALL: usize = 16;
    pub const FAILED: usize = 17;
    pub const SHORTFALL: usize = 18;
    pub const URGENCY: usize = 19;
    pub const CAPABILITY: usize = 20;
    pub const DATE_IN_REACH: usize = 21;
    pub const RIFT: usize = 22;
    pub const FIRST_PROPOSAL: usize = 23;
    pub const ACCEPTS: usize = 24;
    pub const CROSSED: usize = 25;
    pub const LOW_SALIENCE: usize = 26;
    pub const AWAY: usize = 27;
    pub const RUNG: usize = 28;
    pub const IN_SESSION: usize = 29;
    pub const HINGES: usize = 30;
}

/// What a party knows of the world when it decides.
pub(super) struct View<'a> {
    pub(super) scn: &'a Scenario,
    pub(super) st: &'a State,
    pub(super) i: u8,
    /// The features that do not depend on a move's target.
    pub(super) common: [f64; NF],
    /// Its verdict on the draft (in session) or on the chair's draft of today's offers (outside).
    pub(super) verdict: Verdict,
    /// The strongest recent military move by another party: (party, kind, days ago, threat 0–1).
    pub(super) threat: Option<(u8, ActionKind, i64, f64)>,
    /// Salience-weighted distance (0–1) from what this party wants to each party's offer, by index.
    pub(super) dist: [f64; 16],
    /// The party keeping the talks dormant (walked out, or boycotting a coming session), if any.
    pub(super) away: Option<u8>,
    /// In session, the other party furthest from signing and its shortfall, when this one would sign.
    pub(super) blocker: Option<(u8, f64)>,
}

/// What every delegation sees alike on one day: each party's verdict on the draft they weigh (the table
/// in session, the chair's draft of today's offers outside it). Worked out once and shared by the day's
/// decisions, which all read the same state. A run keeps one and refills it each day ([`Day::fill`]), so
/// that a day allocates nothing.
#[derive(Default)]
pub struct Day {
    verdicts: Vec<Verdict>,
    /// What each party's verdict read from the state (threat, sanctions, distances).
    given: Vec<Given>,
    /// The chair's draft of today's offers, outside a session.
    draft: Vec<f64>,
}

impl Day {
    /// The verdicts of every party on the state's draft.
    pub fn new(scn: &Scenario, st: &State) -> Day {
        let mut day = Day::default();
        day.fill(scn, st);
        day
    }

    /// [`Day::new`] in place, reusing this one's buffers.
    pub fn fill(&mut self, scn: &Scenario, st: &State) {
        let in_session = st.phase == Phase::InSession;
        if !in_session {
            chair_table_into(scn, st, &mut self.draft);
        }
        let table: &[f64] = if in_session { &st.table } else { &self.draft };
        Given::all(scn, st, &mut self.given);
        self.verdicts.clear();
        let given = &self.given;
        self.verdicts.extend(
            given
                .iter()
                .enumerate()
                .map(|(j, g)| verdict_given(scn, st, table, j as u8, 0, g)),
        );
    }
}

pub(super) fn view<'a>(scn: &'a Scenario, st: &'a State, day: &Day, i: u8) -> View<'a> {
    let iu = i as usize;
    let p = &scn.parties[iu];
    let d = &p.doctrine;
    let c = &scn.model.choice;
    let ps = &st.parties[iu];
    let n = st.n();
    let m = st.momentum / 100.0;
    let pressure = ps.pressure / 100.0;
    let face_lost = ((50.0 - ps.face) / 50.0).clamp(0.0, 1.0);
    let trust_avg = (0..n)
        .filter(|&j| j != iu)
        .map(|j| st.trust(i, j as u8))
        .sum::<f64>()
        / (n - 1).max(1) as f64
        / 100.0;
    let given = &day.given[iu];
    let sanction_weight = given.sanction_weight;
    // Grievance at no one in particular: at the others, weighted by their capability.
    let (mut gw, mut cw) = (0.0, 0.0);
    for j in (0..n).filter(|&j| j != iu) {
        gw += ps.grievance[j] * scn.parties[j].capability;
        cw += scn.parties[j].capability;
    }
    let grievance = if cw > 0.0 { gw / cw / 100.0 } else { 0.0 };
    let threat = given.threat;
    let verdict = day.verdicts[iu];
    let in_session = st.phase == Phase::InSession;
    let urgency = if in_session {
        let days_left = (st.session_ends - st.day).max(0);
        1.0 - days_left as f64 / scn.file.talks.session_days.max(1) as f64
    } else {
        0.0
    };
    let failed = if st.last_failed == NEVER {
        0.0
    } else {
        (1.0 - (st.day - st.last_failed) as f64 / c.failed_days.max(1.0)).max(0.0)
    };
    // A deal being carried out is not a stall: the days since the last session count only outside one.
    let stall = if in_session || st.phase == Phase::Agreement {
        0.0
    } else {
        (st.days_stalled() as f64 / c.stall_days.max(1.0)).clamp(0.0, 1.0)
    };
    let top = (scn.rungs.len() as f64 - 1.0).max(1.0);
    let host = scn.host.is_none_or(|h| h == i);
    let mut common = [0.0; NF];
    common[f::BASE] = 1.0;
    common[f::MOMENTUM] = m;
    common[f::MOMENTUM_MID] = m * (1.0 - m);
    common[f::PRESSURE] = pressure * d.pressure_sensitivity;
    common[f::DEFIANCE] = pressure * (1.0 - d.pressure_sensitivity) * d.resolve;
    common[f::GRIEVANCE] = grievance * d.resolve;
    common[f::FACE] = face_lost * d.face_sensitivity;
    common[f::TRUST] = trust_avg;
    common[f::DISTRUST] = 1.0 - trust_avg;
    common[f::SANCTIONED] = sanction_weight.min(1.5) * d.resolve;
    common[f::THREAT] = threat.map_or(0.0, |t| t.3);
    common[f::RESOLVE] = d.resolve;
    common[f::PATIENCE] = d.patience;
    common[f::RISK] = d.risk_tolerance;
    common[f::ROLE] = matches!(d.role, Role::Host | Role::Mediator) as u8 as f64;
    common[f::PRINCIPAL] = (d.role == Role::Principal) as u8 as f64;
    common[f::STALL] = stall;
    common[f::FAILED] = failed;
    common[f::SHORTFALL] = if verdict.accepts {
        0.0
    } else {
        (verdict.shortfall() / 20.0).clamp(0.0, 1.0)
    };
    common[f::URGENCY] = urgency;
    common[f::CAPABILITY] = p.capability / 100.0;
    common[f::DATE_IN_REACH] = (host
        && st.phase == Phase::Contacts
        && st.momentum >= scn.file.talks.prepare_at
        && (st.day - st.last_session_end) as f64 >= scn.model.session.min_gap)
        as u8 as f64;
    common[f::FIRST_PROPOSAL] = (in_session && ps.proposals == 0) as u8 as f64;
    common[f::ACCEPTS] = verdict.accepts as u8 as f64;
    common[f::CROSSED] = verdict.crossed.is_some() as u8 as f64;
    common[f::RUNG] = st.rung as f64 / top;
    common[f::IN_SESSION] = in_session as u8 as f64;
    let blocker = if verdict.accepts && st.phase != Phase::Agreement {
        (0..n as u8)
            .filter(|&j| j != i)
            .map(|j| (j, day.verdicts[j as usize]))
            .filter(|(_, v)| !v.accepts && v.crossed.is_none())
            .map(|(j, v)| (j, v.shortfall()))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    } else {
        None
    };
    // What a concession is worth to it: closing the other's gap, up to the surplus it would keep.
    let surplus = -verdict.shortfall();
    common[f::HINGES] = blocker.map_or(0.0, |b| (b.1.min(surplus) / 10.0).clamp(0.0, 1.0));
    // Distances are asked for several times per decision (targets of envoys and bilaterals): once each.
    let mut dist = [0.0; 16];
    let den: f64 = p.stances.iter().map(|s| s.salience).sum();
    for (j, slot) in dist.iter_mut().enumerate().take(n) {
        if j == iu || den <= 0.0 {
            continue;
        }
        *slot = given.dist[j] / den / 100.0;
    }
    let away = if matches!(
        st.phase,
        Phase::Walkout | Phase::Contacts | Phase::Preparatory
    ) {
        st.parties
            .iter()
            .position(|p| p.boycotting)
            .map(|j| j as u8)
    } else {
        None
    };
    View {
        scn,
        st,
        i,
        common,
        verdict,
        threat,
        dist,
        away,
        blocker,
    }
}

impl View<'_> {
    pub(super) fn distance(&self, j: u8) -> f64 {
        self.dist[j as usize]
    }

    pub(super) fn others(&self) -> impl Iterator<Item = u8> + '_ {
        (0..self.st.n() as u8).filter(move |&j| j != self.i)
    }

    /// Whom to send an envoy to: the party keeping the talks dormant above all, else a capable party it
    /// trusts and needs to move, the host first.
    pub(super) fn envoy_target(&self) -> Option<u8> {
        self.best(|j| {
            let cap = self.scn.parties[j as usize].capability / 100.0;
            let c = &self.scn.model.choice;
            let host = if self.scn.host == Some(j) {
                c.host_bonus
            } else {
                1.0
            };
            let away = if self.away == Some(j) {
                c.away_bonus
            } else {
                1.0
            };
            let trust = self.st.trust(self.i, j) / 100.0;
            cap * (c.envoy_distance * self.distance(j) + (1.0 - c.envoy_distance) * trust)
                * host
                * away
        })
    }

    /// Whom to meet: the party it is furthest from, weighted by how far they trust each other.
    pub(super) fn bilateral_target(&self) -> Option<u8> {
        self.best(|j| {
            let warmth = (self.st.trust(self.i, j) + self.st.trust(j, self.i)) / 200.0;
            self.distance(j)
                * (self.scn.model.choice.bilateral_floor + warmth)
                * self.scn.parties[j as usize].capability
                / 100.0
        })
    }

    pub(super) fn best(&self, score: impl Fn(u8) -> f64) -> Option<u8> {
        self.others()
            .map(|j| (j, score(j)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|x| x.0)
    }
}
