//! Moves: what each kind of move does to the state, and the daily drift between moves.

use super::{Simulation, clamp100};
use crate::sim::action::{Action, ActionKind};
use crate::sim::scenario::{Phase, Scenario};
use crate::sim::state::State;
use crate::sim::state::chronicle::{Cause, Entry, Why};
use crate::sim::state::table::within_red_lines;
use std::sync::Arc;

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
        let n = self.state.n() as u8;
        self.state.parties[iu].last_done[kind as usize] = day;
        self.state.parties[iu].last_move = Some((day, action));
        self.log(|| Entry::Move {
            day,
            party: i,
            action,
            why,
        });
        let cap = scn.parties[iu].capability / 100.0;
        let st = &mut self.state;
        let others = (0..n).filter(move |&j| j != i);
        match action {
            Action::Wait => {}
            Action::ConciliatoryStatement => {
                st.shift_momentum(2.5);
                for j in others {
                    st.shift_trust(j, i, 0.8);
                }
                st.parties[iu].face = clamp100(st.parties[iu].face - 1.0);
            }
            Action::HardlineStatement => {
                st.shift_momentum(-2.5);
                for j in others {
                    st.shift_trust(j, i, -0.8);
                    let t = st.trust(j, i);
                    let g = &mut st.parties[j as usize].grievance;
                    *g = clamp100(*g + 3.0 * (1.0 - t / 100.0));
                }
                st.parties[iu].face = clamp100(st.parties[iu].face + 3.0);
            }
            Action::EnvoyVisit { to } => {
                st.shift_trust(i, to, 2.0);
                st.shift_trust(to, i, 3.0);
                st.shift_momentum(3.0 + 3.0 * cap);
            }
            Action::BilateralMeeting { with } => {
                let warmth = (st.trust(with, i) + st.trust(i, with)) / 200.0;
                st.shift_trust(i, with, 4.0);
                st.shift_trust(with, i, 4.0);
                st.shift_momentum(3.0 + 5.0 * warmth);
                converge(&scn, st, i, with, 1.5 + 2.0 * warmth);
            }
            Action::CallForTalks => {
                let host = scn.host.is_none_or(|h| h == i);
                st.shift_momentum(if host { 4.0 } else { 2.0 });
                // No date is set while a delegation says it will stay away.
                if host
                    && st.phase == Phase::Contacts
                    && st.momentum >= scn.file.talks.prepare_at
                    && !st.parties.iter().any(|p| p.boycotting)
                {
                    let opens = day + scn.file.talks.prep_days as i64;
                    self.set_phase(Phase::Preparatory, day, Cause::DateSet(i, opens));
                }
            }
            Action::Attend => {
                st.parties[iu].boycotting = false;
                st.shift_momentum(2.0);
            }
            Action::Boycott => {
                st.parties[iu].boycotting = true;
                st.shift_momentum(-6.0);
                for j in others {
                    st.shift_trust(j, i, -1.5);
                }
                st.parties[iu].face = clamp100(st.parties[iu].face + 2.0);
            }
            Action::ProposePackage { issues } => {
                st.parties[iu].proposals += 1;
                let pull = 0.15 + 0.35 * cap;
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
                // A package trades: the proposer gives a little where it cares least.
                if let Some(k) = least_salient_gap(&scn, st, i, issues) {
                    give(&scn, st, i, k, 3.0);
                }
                st.shift_momentum(2.0);
            }
            Action::Concede { issue, amount } => {
                let given = give(&scn, st, i, issue as usize, amount);
                let fs = scn.parties[iu].doctrine.face_sensitivity;
                st.parties[iu].face = clamp100(st.parties[iu].face - given * 0.6 * fs);
                st.shift_momentum(1.5);
                for j in others {
                    st.shift_trust(j, i, 1.0);
                }
            }
            Action::HoldFirm => {
                st.parties[iu].face = clamp100(st.parties[iu].face + 1.0);
            }
            Action::WalkOut => {
                st.shift_momentum(-25.0);
                for j in others {
                    st.shift_trust(j, i, -6.0);
                }
                st.parties[iu].face = clamp100(st.parties[iu].face + 5.0);
                if st.phase == Phase::InSession {
                    self.set_phase(Phase::Walkout, day, Cause::Move(i, action));
                }
            }
            Action::ImposeSanctions { on } => {
                st.parties[iu].sanctions_on |= 1 << on;
                let t = &mut st.parties[on as usize];
                t.pressure = clamp100(t.pressure + 4.0 + 10.0 * cap);
                t.grievance = clamp100(t.grievance + 15.0);
                t.face = clamp100(t.face - 5.0);
                st.shift_trust(on, i, -8.0);
                st.shift_momentum(-5.0);
            }
            Action::EaseSanctions { on } => {
                st.parties[iu].sanctions_on &= !(1 << on);
                let t = &mut st.parties[on as usize];
                t.pressure = clamp100(t.pressure - 4.0 - 10.0 * cap);
                t.grievance = clamp100(t.grievance - 10.0);
                t.face = clamp100(t.face + 6.0);
                st.shift_trust(on, i, 10.0);
                st.parties[iu].face = clamp100(st.parties[iu].face - 3.0);
                st.shift_momentum(10.0);
            }
            Action::OfferAid { to } => {
                let t = &mut st.parties[to as usize];
                t.pressure = clamp100(t.pressure - 3.0);
                st.shift_trust(to, i, 4.0);
                st.shift_momentum(3.0);
            }
            Action::MissileTest | Action::NuclearTest | Action::MilitaryDrill => {
                let (mom, tr, griev, press, face) = match action {
                    Action::NuclearTest => (35.0, 12.0, 30.0, 15.0, 10.0),
                    Action::MissileTest => (12.0, 5.0, 12.0, 6.0, 6.0),
                    _ => (3.0, 1.0, 8.0, 0.0, 2.0),
                };
                st.shift_momentum(-mom);
                for j in others {
                    let t = st.trust(j, i);
                    st.shift_trust(j, i, -tr);
                    let g = &mut st.parties[j as usize].grievance;
                    *g = clamp100(*g + griev * (1.0 - t / 100.0));
                }
                let me = &mut st.parties[iu];
                me.pressure = clamp100(me.pressure + press);
                me.face = clamp100(me.face + face);
                // The ladder rises to the highest rung this move raises it to.
                if let Some(r) = scn.rungs.iter().rposition(|r| r.raised_by.contains(&kind))
                    && r as u8 > self.state.rung
                {
                    self.set_rung(r as u8, day, &Cause::Move(i, action), true);
                }
            }
            Action::Mediate { a, b } => {
                st.shift_trust(a, b, 2.5);
                st.shift_trust(b, a, 2.5);
                st.shift_trust(a, i, 1.0);
                st.shift_trust(b, i, 1.0);
                st.shift_momentum(3.0);
            }
        }
        self.check_breakdown(day);
    }

    pub(crate) fn drift(&mut self) {
        let scn = &self.scenario;
        let st = &mut self.state;
        st.momentum = clamp100(st.momentum * 0.985 - 0.1 * st.rung as f64);
        let n = st.n();
        for i in 0..n {
            let sanction_weight: f64 = (0..n)
                .filter(|&j| st.parties[j].sanctions_on & (1 << i) != 0)
                .map(|j| scn.parties[j].capability / 100.0)
                .sum();
            let base = scn.parties[i].pressure;
            let p = &mut st.parties[i];
            p.pressure = clamp100(p.pressure + 0.08 * sanction_weight + 0.01 * (base - p.pressure));
            p.grievance *= 0.96;
            p.face += 0.03 * (50.0 - p.face);
        }
    }
}

/// Moves the party's position on issue `k` towards the table by up to `amount`, never past its red line.
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

/// Two parties in a bilateral each move towards the other on the issue that divides them most.
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
        let mut v = pos + (target - pos).clamp(-amount, amount);
        if let Some(rl) = scn.parties[me as usize].stances[k].red_line {
            v = rl.clamp(v);
        }
        st.parties[me as usize].positions[k] = v;
    }
}
