//! The talks' mechanics: phases, sessions and their verdicts, breakdown, and how a run ends at its horizon.

use super::{Simulation, clamp100};
use crate::sim::scenario::Phase;
use crate::sim::state::chronicle::{Cause, Entry, Outcome, OutcomeKind};
use crate::sim::state::table::{chair_table, verdicts};
use std::sync::Arc;

impl Simulation {
    pub(crate) fn set_phase(&mut self, to: Phase, day: i64, cause: Cause) {
        let from = self.state.phase;
        if from == to {
            return;
        }
        self.state.phase = to;
        self.state.phase_since = day;
        // Whatever moved the talks here (the host's call, a rule, an event), a date and a table follow.
        let talks = &self.scenario.file.talks;
        match to {
            Phase::Preparatory => self.state.session_opens = day + talks.prep_days as i64,
            Phase::InSession => {
                self.state.table = chair_table(&self.scenario, &self.state);
                self.state.session_ends = day + talks.session_days as i64 - 1;
            }
            _ => {}
        }
        let m = &mut self.state.milestones;
        match to {
            Phase::Contacts => {
                m.first_contacts.get_or_insert(day);
            }
            Phase::Preparatory => {
                m.first_date_set.get_or_insert(day);
            }
            Phase::InSession => {
                m.first_session.get_or_insert(day);
                m.last_session = Some(day);
                m.sessions += 1;
            }
            Phase::Agreement => m.agreement = Some(day),
            Phase::Walkout => m.walkouts += 1,
            Phase::Stalled => {}
        }
        if from == Phase::InSession {
            self.state.last_session_end = day;
        }
        if to != Phase::Preparatory && to != Phase::InSession {
            for p in &mut self.state.parties {
                p.proposals = 0;
                p.accepts = false;
            }
        }
        if day >= 0 {
            self.log(|| Entry::Phase {
                day,
                from,
                to,
                cause,
            });
        }
    }

    pub(crate) fn check_breakdown(&mut self, day: i64) -> bool {
        let r = self.state.rung as usize;
        if self.scenario.rungs[r].ends_run && self.outcome.is_none() {
            self.outcome = Some(Outcome {
                kind: OutcomeKind::Breakdown,
                day,
                reason: format!(
                    "the escalation ladder reached \"{}\", which ends the talks",
                    self.scenario.rungs[r].name
                ),
            });
            return true;
        }
        false
    }

    pub(crate) fn advance_phase(&mut self, day: i64) {
        let scn = Arc::clone(&self.scenario);
        let t = &scn.file.talks;
        let m = self.state.momentum;
        match self.state.phase {
            Phase::Stalled => {
                if m >= t.contacts_at {
                    self.set_phase(Phase::Contacts, day, Cause::Momentum(m, t.contacts_at));
                }
            }
            Phase::Contacts => {
                if m < t.contacts_at * 0.5 && day - self.state.phase_since >= 7 {
                    self.set_phase(Phase::Stalled, day, Cause::Momentum(m, t.contacts_at * 0.5));
                }
            }
            Phase::Preparatory => {
                if day >= self.state.session_opens {
                    let boycott = self
                        .state
                        .parties
                        .iter()
                        .enumerate()
                        .fold(0u32, |mask, (i, p)| mask | ((p.boycotting as u32) << i));
                    if boycott != 0 {
                        self.state.momentum = clamp100(m - 20.0);
                        self.set_phase(Phase::Contacts, day, Cause::Postponed(boycott));
                    } else {
                        self.set_phase(Phase::InSession, day, Cause::Opened);
                    }
                }
            }
            Phase::InSession => {
                // The chair redrafts towards the weighted middle every day.
                let middle = chair_table(&scn, &self.state);
                for (k, v) in self.state.table.iter_mut().enumerate() {
                    *v += 0.3 * (middle[k] - *v);
                }
                let mut all = true;
                let mut worst = (0u8, f64::NEG_INFINITY);
                let verdicts = verdicts(&scn, &self.state);
                for (i, v) in verdicts.iter().enumerate() {
                    self.state.parties[i].accepts = v.accepts;
                    all &= v.accepts;
                    if v.shortfall() > worst.1 {
                        worst = (i as u8, v.shortfall());
                    }
                }
                let verdicts_copy = verdicts.clone();
                if all || day >= self.state.session_ends {
                    self.log(|| Entry::Verdicts { day, verdicts });
                }
                if all {
                    self.set_phase(Phase::Agreement, day, Cause::AllAccepted);
                    self.outcome = Some(Outcome {
                        kind: OutcomeKind::Agreement,
                        day,
                        reason: "every delegation accepted the package on the table".into(),
                    });
                } else if day >= self.state.session_ends {
                    // A failed round leaves those who were far from signing frustrated.
                    for (i, v) in verdicts_copy.iter().enumerate() {
                        if !v.accepts {
                            let resolve = scn.parties[i].doctrine.resolve;
                            let p = &mut self.state.parties[i];
                            p.grievance = clamp100(p.grievance + 10.0 * resolve);
                            p.face = clamp100(p.face - 4.0);
                        }
                    }
                    self.state.momentum = clamp100(m * 0.35);
                    self.set_phase(Phase::Contacts, day, Cause::Recess(worst.0, worst.1));
                }
            }
            Phase::Walkout => {
                if day - self.state.phase_since >= t.walkout_days as i64 {
                    self.set_phase(Phase::Stalled, day, Cause::CooledOff);
                }
            }
            Phase::Agreement => {}
        }
    }

    pub(crate) fn finish_at_horizon(&mut self, day: i64) {
        let s = &self.state;
        let scn = &self.scenario;
        let (kind, reason) = if s.phase == Phase::Walkout {
            (
                OutcomeKind::Breakdown,
                "the run ended with a delegation gone from the table after a walkout".to_string(),
            )
        } else if let Some(rise) = s.milestones.last_rise
            && s.milestones.last_session.is_none_or(|open| rise > open)
        {
            (
                OutcomeKind::Escalated,
                format!(
                    "the ladder rose on day {rise} ({}) and no session followed; it ended at \"{}\"",
                    scn.date_of(rise),
                    scn.rungs[s.rung as usize].name
                ),
            )
        } else if s.milestones.sessions > 0 {
            (
                OutcomeKind::Resumed,
                format!(
                    "talks resumed ({} session{}) but no package won every delegation",
                    s.milestones.sessions,
                    if s.milestones.sessions == 1 { "" } else { "s" }
                ),
            )
        } else {
            (
                OutcomeKind::Stalled,
                format!(
                    "no session was held; the talks ended {} with momentum {:.0}",
                    s.phase.banner(),
                    s.momentum
                ),
            )
        };
        self.outcome = Some(Outcome { kind, day, reason });
    }
}
