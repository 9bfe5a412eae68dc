//! Conditions and effects: what the rules and events test and what they do to the state.

use super::{Simulation, clamp100};
use crate::sim::action::ActionKind;
use crate::sim::scenario::{Cond, Condition, Eff, Effect, Phase};
use crate::sim::state::Pending;
use crate::sim::state::chronicle::{Cause, Entry};

impl Simulation {
    pub(crate) fn holds(&self, c: &Cond) -> bool {
        let s = &self.state;
        let acted_within = |p: u8, k: ActionKind, days: u32| {
            s.parties[p as usize].last_done[k as usize] >= s.day - days as i64
        };
        match *c {
            Condition::RungAtLeast(r) => s.rung >= r,
            Condition::RungAtMost(r) => s.rung <= r,
            Condition::PhaseIs(p) => s.phase == p,
            Condition::PhaseIsNot(p) => s.phase != p,
            Condition::DaysStalledAtLeast(d) => {
                !matches!(s.phase, Phase::InSession | Phase::Agreement)
                    && s.days_stalled() >= d as i64
            }
            Condition::DaysInPhaseAtLeast(d) => s.day - s.phase_since >= d as i64,
            Condition::ActedWithin {
                party,
                action,
                days,
            } => acted_within(party, action, days),
            Condition::NotActedWithin {
                party,
                action,
                days,
            } => !acted_within(party, action, days),
            Condition::PressureAtLeast { party, value } => {
                s.parties[party as usize].pressure >= value
            }
            Condition::PressureBelow { party, value } => s.parties[party as usize].pressure < value,
            Condition::TrustBelow { from, to, value } => s.trust(from, to) < value,
            Condition::TrustAtLeast { from, to, value } => s.trust(from, to) >= value,
            Condition::PositionAtLeast {
                party,
                issue,
                value,
            } => s.parties[party as usize].positions[issue as usize] >= value,
            Condition::PositionAtMost {
                party,
                issue,
                value,
            } => s.parties[party as usize].positions[issue as usize] <= value,
            Condition::Sanctioning { by, on } => s.sanctions(by, on),
            Condition::NotSanctioning { by, on } => !s.sanctions(by, on),
            Condition::MomentumAtLeast(v) => s.momentum >= v,
            Condition::MomentumBelow(v) => s.momentum < v,
            Condition::OnOrAfter(d) => s.day >= d,
            Condition::Before(d) => s.day < d,
            Condition::SessionsAtLeast(n) => s.milestones.sessions >= n,
        }
    }

    pub(crate) fn apply_effect(&mut self, e: &Eff, day: i64, cause: &Cause, live: bool) {
        match e {
            Effect::MoveRung(by) => {
                let top = self.scenario.rungs.len() as i64 - 1;
                let to = (self.state.rung as i64 + *by as i64).clamp(0, top) as u8;
                self.set_rung(to, day, cause, live);
            }
            Effect::SetRung(r) => self.set_rung(*r, day, cause, live),
            Effect::SetPhase(p) => {
                if self.state.phase == Phase::Agreement && *p == Phase::Stalled {
                    // Talks set back to a stall while a deal is carried out: the deal unravels.
                    self.unravel(
                        day,
                        None,
                        None,
                        "events set the talks back to a stall".into(),
                    );
                } else if self.state.phase.may_move_to(*p) {
                    self.set_phase(*p, day, cause.clone());
                }
            }
            Effect::ShiftPosition { party, issue, by }
            | Effect::ShiftIdeal { party, issue, by } => {
                let st = &self.scenario.parties[*party as usize].stances[*issue as usize];
                let ps = &mut self.state.parties[*party as usize];
                let pos = if matches!(e, Effect::ShiftIdeal { .. }) {
                    &mut ps.ideals[*issue as usize]
                } else {
                    &mut ps.positions[*issue as usize]
                };
                let mut v = clamp100(*pos + by);
                if let Some(rl) = st.red_line {
                    v = rl.clamp(v);
                }
                *pos = v;
            }
            Effect::ShiftTrust { from, to, by } => {
                self.state
                    .shift_trust(&self.scenario.model, *from, *to, *by)
            }
            Effect::ShiftPressure { party, by } => {
                let p = &mut self.state.parties[*party as usize].pressure;
                *p = clamp100(*p + by);
            }
            Effect::ShiftMomentum(by) => self.state.shift_momentum(&self.scenario.model, *by),
            Effect::StartSanctions { by, on } => {
                if by != on {
                    self.state.parties[*by as usize].sanctions_on |= 1 << on;
                }
            }
            Effect::EndSanctions { by, on } => {
                self.state.parties[*by as usize].sanctions_on &= !(1 << on);
            }
            Effect::StayAway(party) => self.stay_away(*party, day, cause.clone()),
            Effect::Schedule {
                in_days,
                text,
                effects,
            } => self.state.pending.push(Pending {
                day: day + *in_days as i64,
                text: text.clone(),
                effects: effects.clone(),
            }),
        }
    }

    pub(crate) fn set_rung(&mut self, to: u8, day: i64, cause: &Cause, live: bool) {
        let from = self.state.rung;
        if from == to {
            return;
        }
        self.state.rung = to;
        if live {
            self.log(|| Entry::Rung {
                day,
                from,
                to,
                cause: cause.clone(),
            });
            if to > from {
                self.state.milestones.rises += 1;
                self.state.milestones.last_rise = Some(day);
                self.state.milestones.last_escalation = Some(day);
            }
            if to > self.state.milestones.peak_rung {
                self.state.milestones.peak_rung = to;
                self.state.milestones.peak_rung_day = day;
            }
            // A rung that ends the run ends it the moment it is reached.
            self.check_breakdown(day);
        }
    }
}
