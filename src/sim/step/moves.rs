//! Moves: what each kind of move does to the state (the model's `effects` table, worn down by repetition
//! and paid for in political capital), consent to meetings, and the daily drift between moves.

use super::{Simulation, clamp100};
use crate::sim::action::{Action, ActionKind};
use crate::sim::scenario::model::Model;
use crate::sim::scenario::{Phase, Scenario};
use crate::sim::state::State;
use crate::sim::state::chronicle::{Cause, Entry, Why};
use crate::sim::state::table::within_red_lines;
use std::sync::Arc;

/// How willing party `to` is to receive an envoy or meeting from `from` (0–1 and beyond): its trust in
/// the sender, the momentum of the talks and the pressure on it, less its grievance at the sender.
pub fn willingness(scn: &Scenario, st: &State, to: u8, from: u8) -> f64 {
    let c = &scn.model.consent;
    st.trust(to, from) / 100.0
        + c.momentum * st.momentum / 100.0
        + c.pressure * st.parties[to as usize].pressure / 100.0
        - st.parties[to as usize].grievance[from as usize] / 100.0
}

/// The party that would refuse this move, and its willingness, if any.
pub fn refuser(scn: &Scenario, st: &State, i: u8, action: &Action) -> Option<(u8, f64)> {
    let asked: &[u8] = match action {
        Action::EnvoyVisit { to } => &[*to],
        Action::BilateralMeeting { with } => &[*with],
        Action::Mediate { a, b } => &[*a, *b],
        _ => &[],
    };
    asked
        .iter()
        .map(|&j| (j, willingness(scn, st, j, i)))
        .find(|&(_, w)| w < scn.model.consent.threshold)
}

/// How much of its effect a move keeps after repetition: 1 / (1 + strength × weariness).
pub fn freshness(m: &Model, st: &State, i: u8, kind: ActionKind) -> f64 {
    1.0 / (1.0 + m.repetition.strength * st.parties[i as usize].weariness[kind as usize])
}

impl Simulation {
    pub(crate) fn perform(&mut self, i: u8, action: Action, why: Why, day: i64) {
        let kind = action.kind();
        let iu = i as usize;
        self.counters.moves[iu][kind as usize] += 1;
        if kind == ActionKind::Wait {
            // The model's and scripts' waiting is silence; a human delegation's (or its advisers', when
            // its time ran out) is part of the record.
            if matches!(why, Why::Player | Why::Advisers) {
                self.log(|| Entry::Move {
                    day,
                    party: i,
                    action,
                    why,
                });
            }
            return;
        }
        let scn = Arc::clone(&self.scenario);
        let m = &scn.model;
        let e = m.effect(kind);
        let n = self.state.n() as u8;
        self.state.parties[iu].last_done[kind as usize] = day;
        self.state.parties[iu].last_move = Some((day, action));
        self.log(|| Entry::Move {
            day,
            party: i,
            action,
            why,
        });
        // Capital: a move beyond what is left is made at the strength the capital allows.
        let me = &mut self.state.parties[iu];
        let stretch = if e.cost > 0.0 {
            (me.capital / e.cost).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let paid = e.cost.max(0.0).min(me.capital);
        me.capital -= paid;
        me.spent += paid;
        let fresh = freshness(m, &self.state, i, kind) * stretch;
        self.state.parties[iu].weariness[kind as usize] += 1.0;

        // Consent: the other side may refuse to receive an envoy, meet or be mediated.
        if let Some((by, w)) = refuser(&scn, &self.state, i, &action) {
            let me = &mut self.state.parties[iu];
            me.face = clamp100(me.face - m.consent.refusal_face);
            self.state.milestones.refusals += 1;
            self.log(|| Entry::Refused {
                day,
                party: i,
                by,
                action,
                willingness: w,
            });
            return;
        }

        let cap = scn.parties[iu].capability / 100.0;
        let st = &mut self.state;
        // The effects common to every move, from the model's table.
        st.shift_momentum(m, (e.momentum + e.momentum_capability * cap) * fresh);
        st.parties[iu].face = clamp100(st.parties[iu].face + e.face * fresh);
        st.parties[iu].pressure = clamp100(st.parties[iu].pressure + e.own_pressure * fresh);
        match action {
            Action::Mediate { a, b } => {
                st.shift_trust(m, a, b, e.trust_in_target * fresh);
                st.shift_trust(m, b, a, e.trust_in_target * fresh);
                st.shift_trust(m, a, i, e.trust_in_mover * fresh);
                st.shift_trust(m, b, i, e.trust_in_mover * fresh);
            }
            _ => match action.target() {
                Some(j) => {
                    st.shift_trust(m, j, i, e.trust_in_mover * fresh);
                    st.shift_trust(m, i, j, e.trust_in_target * fresh);
                    let t = &mut st.parties[j as usize];
                    t.pressure = clamp100(
                        t.pressure
                            + (e.target_pressure + e.target_pressure_capability * cap) * fresh,
                    );
                    t.face = clamp100(t.face + e.target_face * fresh);
                    st.aggrieve(j, i, e.grievance * fresh);
                    if e.bystanders != 0.0 {
                        for k in (0..n).filter(|&k| k != i && k != j) {
                            let fondness = st.trust(k, j) / 100.0;
                            st.shift_trust(m, k, i, -e.bystanders * fondness * fresh);
                        }
                    }
                }
                None => {
                    for j in (0..n).filter(|&j| j != i) {
                        // Grievance at the mover grows in those who distrust it.
                        let t = st.trust(j, i);
                        st.shift_trust(m, j, i, e.trust_in_mover * fresh);
                        st.aggrieve(j, i, e.grievance * fresh * (1.0 - t / 100.0));
                    }
                }
            },
        }

        // What is particular to each kind.
        match action {
            Action::BilateralMeeting { with } => {
                let warmth = (st.trust(with, i) + st.trust(i, with)) / 200.0;
                converge(&scn, st, i, with, e.converge * (0.75 + warmth) * fresh);
            }
            Action::CallForTalks => {
                let host = scn.host.is_none_or(|h| h == i);
                let calls = st
                    .parties
                    .iter()
                    .filter(|p| p.last_done[ActionKind::CallForTalks as usize] >= day - 6)
                    .count() as f64;
                let consensus = calls >= m.session.consensus_calls;
                // No date is set while a delegation says it will stay away.
                let rested = (day - st.last_session_end) as f64 >= m.session.min_gap;
                if (host || consensus)
                    && rested
                    && st.phase == Phase::Contacts
                    && st.momentum >= scn.file.talks.prepare_at
                    && !st.parties.iter().any(|p| p.boycotting)
                {
                    let opens = day + scn.file.talks.prep_days as i64;
                    let cause = if host {
                        Cause::DateSet(i, opens)
                    } else {
                        Cause::Consensus(opens)
                    };
                    self.set_phase(Phase::Preparatory, day, cause);
                }
            }
            Action::Attend => {
                st.parties[iu].boycotting = false;
                if st.phase == Phase::Walkout && !st.parties.iter().any(|p| p.boycotting) {
                    self.set_phase(Phase::Contacts, day, Cause::Returned(i));
                }
            }
            Action::Boycott => {
                st.parties[iu].boycotting = true;
            }
            Action::ProposePackage { issues } => {
                st.parties[iu].proposals += 1;
                let pull = (m.session.pull + m.session.pull_capability * cap) * fresh;
                for k in 0..scn.issue_count() {
                    if issues & (1 << k) != 0 {
                        let pos = st.parties[iu].positions[k];
                        st.table[k] += pull * (pos - st.table[k]);
                    }
                }
                // The chair keeps the draft inside every red line where the red lines leave room.
                for (k, v) in st.table.iter_mut().enumerate() {
                    *v = within_red_lines(&scn, k, *v);
                }
                // A package trades: the proposer gives where it cares least, and the draft follows.
                if let Some(k) = least_salient_gap(&scn, st, i, issues)
                    && give(&scn, st, i, k, m.session.trade) > 0.0
                {
                    let toward = st.parties[iu].positions[k];
                    st.table[k] += pull * (toward - st.table[k]);
                    st.table[k] = within_red_lines(&scn, k, st.table[k]);
                }
            }
            Action::Concede { issue, amount } => {
                let given = give(&scn, st, i, issue as usize, amount);
                let fs = scn.parties[iu].doctrine.face_sensitivity;
                st.parties[iu].face =
                    clamp100(st.parties[iu].face - given * m.session.concede_face * fs);
                self.count_concession(i, issue, given, day);
            }
            Action::WalkOut if st.phase == Phase::InSession => self.go_away(i, action, day),
            Action::ImposeSanctions { on } => {
                st.parties[iu].sanctions_on |= 1 << on;
            }
            Action::EaseSanctions { on } => {
                st.parties[iu].sanctions_on &= !(1 << on);
            }
            Action::OfferAid { to } if st.phase == Phase::InSession => {
                st.parties[to as usize].side += m.acceptance.side_payment * fresh;
            }
            Action::Sign if st.phase == Phase::InSession => {
                let u = crate::sim::state::table::utility(&scn, st, i, &st.table);
                st.parties[iu].decision = Some(crate::sim::state::Decision::Signed(u));
            }
            Action::Refuse if st.phase == Phase::InSession => {
                st.parties[iu].decision = Some(crate::sim::state::Decision::Refused);
            }
            Action::LeaveTalks => {
                self.go_away(i, action, day);
                self.raise_by(i, action, day);
            }
            Action::MissileTest
            | Action::NuclearTest
            | Action::MilitaryDrill
            | Action::ExpelInspectors
            | Action::RestartFacility => {
                if kind != ActionKind::MilitaryDrill {
                    st.milestones.last_escalation = Some(day);
                }
                if matches!(kind, ActionKind::MissileTest | ActionKind::NuclearTest) {
                    st.milestones.tests += 1;
                }
                self.raise_by(i, action, day);
            }
            _ => {}
        }
        self.broken_by_move(i, action, day);
        self.check_breakdown(day);
    }

    /// Party `i` stays away (a walkout, or leaving the talks): it boycotts, a session in progress fails, and
    /// the talks go dormant (Walkout) until it comes back.
    fn go_away(&mut self, i: u8, action: Action, day: i64) {
        self.stay_away(i, day, Cause::Move(i, action));
    }

    /// [`go_away`](Self::go_away) for any cause (a move, or a scenario's `StayAway` effect).
    pub(crate) fn stay_away(&mut self, i: u8, day: i64, cause: Cause) {
        self.state.parties[i as usize].boycotting = true;
        match self.state.phase {
            Phase::Walkout | Phase::Agreement => return,
            Phase::InSession => {
                let verdicts = crate::sim::state::table::verdicts(&self.scenario, &self.state);
                self.session_failed(day, &verdicts);
            }
            _ => {}
        }
        self.set_phase(Phase::Walkout, day, cause);
    }

    /// The ladder rises to the highest rung whose `raised_by` lists this move, if above the current one.
    fn raise_by(&mut self, i: u8, action: Action, day: i64) {
        let kind = action.kind();
        if let Some(r) = self
            .scenario
            .rungs
            .iter()
            .rposition(|r| r.raised_by.contains(&kind))
            && r as u8 > self.state.rung
        {
            self.set_rung(r as u8, day, &Cause::Move(i, action), true);
        }
    }

    pub(crate) fn drift(&mut self) {
        let scn = &self.scenario;
        let m = &scn.model;
        let st = &mut self.state;
        st.momentum =
            clamp100(st.momentum * m.momentum.keep - m.momentum.rung_drag * st.rung as f64);
        let n = st.n();
        let wear = libm::exp2(-1.0 / m.repetition.half_life);
        let capital_day = m.capital.per_week / 7.0;
        for i in 0..n {
            let sanction_weight = st.sanction_weight(scn, i as u8);
            let base = scn.parties[i].pressure;
            let p = &mut st.parties[i];
            p.pressure = clamp100(
                p.pressure
                    + m.drift.sanctions_pressure * sanction_weight
                    + m.drift.pressure_return * (base - p.pressure),
            );
            for g in &mut p.grievance {
                *g *= m.drift.grievance_keep;
            }
            p.face += m.drift.face_return * (50.0 - p.face);
            for w in &mut p.weariness {
                *w *= wear;
            }
            p.capital = (p.capital + capital_day).min(m.capital.max);
            if m.drift.sanctions_grievance != 0.0 {
                let hardening = m.drift.sanctions_grievance
                    * (1.0 - scn.parties[i].doctrine.pressure_sensitivity);
                for j in (0..n).filter(|&j| j != i) {
                    if st.parties[j].sanctions_on & (1 << i) != 0 {
                        st.aggrieve(i as u8, j as u8, hardening);
                    }
                }
            }
        }
        // Trust returns towards where it stood at the start, unless something keeps it up or down.
        for from in 0..n {
            for to in 0..n {
                let t = &mut st.trust[from * n + to];
                *t = clamp100(*t + m.trust.decay * (scn.trust[from][to] - *t));
            }
        }
        if let Some(d) = st.milestones.rung_days.get_mut(st.rung as usize) {
            *d += 1;
        }
    }
}

/// Moves the party's offer on issue `k` towards the table by up to `amount`, never past its red line.
/// Returns how far it moved.
fn give(scn: &Scenario, st: &mut State, i: u8, k: usize, amount: f64) -> f64 {
    let target = st.table[k];
    let pos = st.parties[i as usize].positions[k];
    let step = (target - pos).clamp(-amount.abs(), amount.abs());
    let mut v = pos + step;
    if let Some(rl) = scn.parties[i as usize].stances[k].red_line {
        v = rl.clamp(v);
    }
    st.parties[i as usize].positions[k] = v;
    (v - pos).abs()
}

/// The issue outside `exclude` where the party cares least and stands away from the table.
fn least_salient_gap(scn: &Scenario, st: &State, i: u8, exclude: u32) -> Option<usize> {
    (0..scn.issue_count())
        .filter(|&k| exclude & (1 << k) == 0)
        .filter(|&k| (st.parties[i as usize].positions[k] - st.table[k]).abs() > 1.0)
        .min_by(|&a, &b| {
            let sa = scn.parties[i as usize].stances[a].salience;
            let sb = scn.parties[i as usize].stances[b].salience;
            sa.total_cmp(&sb).then(a.cmp(&b))
        })
}

/// Two parties in a bilateral each move their offers towards the other on the issue that divides them
/// most, weighted by how little each cares about it.
fn converge(scn: &Scenario, st: &mut State, a: u8, b: u8, amount: f64) {
    let k = (0..scn.issue_count()).max_by(|&x, &y| {
        let gap = |k: usize| {
            (st.parties[a as usize].positions[k] - st.parties[b as usize].positions[k]).abs()
        };
        gap(x).total_cmp(&gap(y)).then(y.cmp(&x))
    });
    let Some(k) = k else { return };
    for (me, other) in [(a, b), (b, a)] {
        let target = st.parties[other as usize].positions[k];
        let pos = st.parties[me as usize].positions[k];
        let sal = scn.parties[me as usize].stances[k].salience;
        let step = amount * (1.5 - sal);
        let mut v = pos + (target - pos).clamp(-step, step);
        if let Some(rl) = scn.parties[me as usize].stances[k].red_line {
            v = rl.clamp(v);
        }
        st.parties[me as usize].positions[k] = v;
    }
}
