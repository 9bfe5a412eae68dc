//! The talks' mechanics: phases, sessions and their verdicts, breakdown, and how a run ends at its horizon.

use super::{Simulation, clamp100};
use crate::sim::scenario::Phase;
use crate::sim::state::chronicle::{Cause, Entry, Outcome, OutcomeKind};
use crate::sim::state::table::{chair_table, verdicts};
use rand::RngExt;
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
                let spread = self.scenario.model.acceptance.uncertainty;
                for p in &mut self.state.parties {
                    p.doubt = 1.0 + spread * (2.0 * self.world_rng.0.random::<f64>() - 1.0);
                }
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
                p.side = 0.0;
                p.doubt = 1.0;
                p.decision = None;
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
            let name = self.scenario.rungs[r].name.clone();
            self.unravel(
                day,
                None,
                None,
                format!("the escalation ladder reached \"{name}\""),
            );
            self.outcome = Some(Outcome {
                kind: OutcomeKind::Breakdown,
                day,
                reason: format!("the escalation ladder reached \"{name}\", which ends the talks"),
                deal: self.state.deal.as_ref().map(|d| d.status()),
            });
            return true;
        }
        false
    }

    pub(crate) fn advance_phase(&mut self, day: i64) {
        let scn = Arc::clone(&self.scenario);
        let t = &scn.file.talks;
        let ms = &scn.model.session;
        let m = self.state.momentum;
        match self.state.phase {
            Phase::Stalled => {
                if m >= t.contacts_at {
                    self.set_phase(Phase::Contacts, day, Cause::Momentum(m, t.contacts_at));
                }
            }
            Phase::Contacts => {
                let floor = t.contacts_at * ms.contacts_fall;
                if m < floor && (day - self.state.phase_since) as f64 >= ms.contacts_min_days {
                    self.set_phase(Phase::Stalled, day, Cause::Momentum(m, floor));
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
                        self.state.momentum = clamp100(m - ms.postponed);
                        self.state.milestones.postponed += 1;
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
                    *v += ms.redraft * (middle[k] - *v);
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
                    if !self.sign(day) {
                        self.outcome = Some(Outcome {
                            kind: OutcomeKind::Agreement,
                            day,
                            reason: "every delegation accepted the package on the table".into(),
                            deal: None,
                        });
                    }
                } else if day >= self.state.session_ends {
                    self.session_failed(day, &verdicts_copy);
                    self.set_phase(Phase::Contacts, day, Cause::Recess(worst.0, worst.1));
                }
            }
            Phase::Walkout => {
                // The talks stay dormant until the delegation that left comes back (its Attend); the
                // others cannot end it alone. Once it is back, the cooling-off still runs its days.
                if day - self.state.phase_since >= t.walkout_days as i64
                    && !self.state.parties.iter().any(|p| p.boycotting)
                {
                    self.set_phase(Phase::Stalled, day, Cause::CooledOff);
                }
            }
            Phase::Agreement => {}
        }
    }

    /// A session that ends without agreement (its days ran out, or a delegation walked out) leaves those
    /// who refused frustrated with the party whose offer stood furthest from what they want, costs them
    /// face and most of the momentum.
    pub(crate) fn session_failed(
        &mut self,
        day: i64,
        verdicts: &[crate::sim::state::table::Verdict],
    ) {
        let scn = Arc::clone(&self.scenario);
        let ms = &scn.model.session;
        for (i, v) in verdicts.iter().enumerate() {
            if !v.accepts {
                let resolve = scn.parties[i].doctrine.resolve;
                if let Some(j) = furthest(&scn, &self.state, i as u8) {
                    self.state
                        .aggrieve(i as u8, j, ms.failed_grievance * resolve);
                }
                let p = &mut self.state.parties[i];
                p.face = clamp100(p.face - ms.failed_face);
            }
        }
        self.state.last_failed = day;
        self.state.momentum = clamp100(self.state.momentum * ms.failed_keep);
    }

    pub(crate) fn finish_at_horizon(&mut self, day: i64) {
        if let Some((status, reason)) = self.deal_at_end() {
            self.outcome = Some(Outcome {
                kind: OutcomeKind::Agreement,
                day,
                reason,
                deal: Some(status),
            });
            return;
        }
        let s = &self.state;
        let scn = &self.scenario;
        let (kind, reason) = if s.phase == Phase::Walkout {
            (
                OutcomeKind::Breakdown,
                "the run ended with a delegation gone from the table after a walkout".to_string(),
            )
        } else if let Some(rise) = s.milestones.last_escalation
            && s.milestones.last_session.is_none_or(|open| rise > open)
        {
            (
                OutcomeKind::Escalated,
                format!(
                    "the crisis escalated on day {rise} ({}: {}) and no session followed; it ended at \"{}\"",
                    scn.date_of(rise),
                    if s.milestones.last_rise == Some(rise) {
                        "the ladder rose"
                    } else {
                        "a test"
                    },
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
        self.outcome = Some(Outcome {
            kind,
            day,
            reason,
            deal: None,
        });
    }
}

/// The party whose offer stands furthest (salience-weighted) from what party `i` wants.
fn furthest(
    scn: &crate::sim::scenario::Scenario,
    st: &crate::sim::state::State,
    i: u8,
) -> Option<u8> {
    let p = &scn.parties[i as usize];
    (0..st.n() as u8)
        .filter(|&j| j != i)
        .map(|j| {
            let d: f64 = p
                .stances
                .iter()
                .enumerate()
                .map(|(k, s)| {
                    s.salience
                        * (st.parties[i as usize].ideals[k] - st.parties[j as usize].positions[k])
                            .abs()
                })
                .sum();
            (j, d)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|x| x.0)
}
