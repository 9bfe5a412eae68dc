//! After the signature: a signed package becomes a schedule of steps, and each day the parties owing a
//! step carry it out, delay it or renege (a logit choice over the model's `compliance` scores, or their
//! own decision). Steps done are verified and may be disputed; late steps cost trust; a broken step or a
//! provocation unravels the deal back into stalled talks. A deal whose steps are all done ends the run.

use super::Simulation;
use crate::sim::action::{Action, ActionKind};
use crate::sim::scenario::Phase;
use crate::sim::state::chronicle::{Cause, Entry, Outcome, OutcomeKind};
use crate::sim::state::deal::{
    Comply, Deal, DealStatus, FixedComply, Step, StepChange, StepStatus, Unravelled,
};
use crate::sim::state::table::{no_deal_cost, status_quo_utility, utility};
use rand::RngExt;
use std::sync::Arc;

impl Simulation {
    /// Builds the deal's schedule from a package signed on `signed`, with the steps in `done` already
    /// carried out. None when the package carries no step (a declaration of principles: it ends the run).
    pub(crate) fn schedule(&self, signed: i64, package: &[f64], done: &[u16]) -> Option<Deal> {
        let scn = &self.scenario;
        let sq: Vec<f64> = scn.file.issues.iter().map(|i| i.status_quo).collect();
        let carried = scn
            .commitments
            .carried(&sq, package, scn.model.compliance.settles);
        if carried.is_empty() {
            return None;
        }
        let steps = carried
            .iter()
            .map(|&k| Step {
                kind: k,
                due: signed + scn.commitments.steps[k as usize].due_days,
                status: if done.contains(&k) {
                    StepStatus::Done(signed)
                } else {
                    StepStatus::Waiting
                },
                late: false,
            })
            .collect();
        Some(Deal {
            signed,
            package: package.to_vec(),
            steps,
            unravelled: None,
        })
    }

    /// The agreement in force at the start, if the scenario has one.
    pub(crate) fn start_in_force(&mut self) {
        let scn = Arc::clone(&self.scenario);
        let Some(f) = &scn.commitments.in_force else {
            return;
        };
        let deal = self.schedule(f.signed, &f.package, &f.done);
        if let Some(deal) = deal {
            self.state.table = deal.package.clone();
            self.state.deal = Some(deal);
            self.state.phase = Phase::Agreement;
            self.state.start_phase = Phase::Agreement;
            self.state.milestones.agreement = Some(f.signed.min(0));
            self.open_steps(0);
        }
    }

    /// Every delegation accepted the table on `day`: a deal with steps goes on to be carried out (true);
    /// one without ends the run as an agreement (false).
    pub(crate) fn sign(&mut self, day: i64) -> bool {
        let table = self.state.table.clone();
        let Some(deal) = self.schedule(day, &table, &[]) else {
            return false;
        };
        let steps = deal.steps.len();
        self.state.deal = Some(deal);
        self.log(|| Entry::Deal {
            day,
            text: format!(
                "the package signed carries {steps} step{} to be carried out",
                if steps == 1 { "" } else { "s" }
            ),
        });
        self.open_steps(day);
        true
    }

    /// Fixes a compliance choice in advance for a step kind on a day (a later one for the same step and day
    /// replaces it).
    pub fn fix_compliance(&mut self, day: i64, step: u16, choice: Comply) {
        self.fixed_comply
            .retain(|f| !(f.day == day && f.step == step));
        self.fixed_comply.push(FixedComply { day, step, choice });
        self.fixed_comply.sort_by_key(|f| (f.day, f.step));
    }

    /// The compliance choices fixed in advance.
    pub fn fixed_compliance(&self) -> &[FixedComply] {
        &self.fixed_comply
    }

    /// The compliance choice fixed for step kind `step` on `day`, if one is.
    pub fn fixed_choice(&self, day: i64, step: u16) -> Option<Comply> {
        self.fixed_comply
            .iter()
            .find(|f| f.day == day && f.step == step)
            .map(|f| f.choice)
    }

    /// Steps whose conditions are done become owed.
    fn open_steps(&mut self, day: i64) {
        let scn = Arc::clone(&self.scenario);
        let Some(deal) = &mut self.state.deal else {
            return;
        };
        let mut opened = Vec::new();
        for k in 0..deal.steps.len() {
            if deal.steps[k].status != StepStatus::Waiting {
                continue;
            }
            let kind = &scn.commitments.steps[deal.steps[k].kind as usize];
            if kind.after.iter().all(|&a| deal.kind_done(a)) {
                deal.steps[k].status = StepStatus::Open;
                opened.push(deal.steps[k].kind);
            }
        }
        for kind in opened {
            self.log(|| Entry::Step {
                day,
                step: kind,
                change: StepChange::Owed,
            });
        }
    }

    /// The scores the owner of disputed step `k` weighs today for accepting the others' sampling and for
    /// refusing verification (offering a narrower protocol scores 0).
    pub fn dispute_scores(&self, k: usize) -> (f64, f64) {
        let scn = &self.scenario;
        let st = &self.state;
        let c = &scn.model.compliance;
        let deal = st.deal.as_ref().expect("a deal is in force");
        let owner = scn.commitments.steps[deal.steps[k].kind as usize].party;
        let n = st.n();
        let trust: f64 = (0..n as u8)
            .filter(|&j| j != owner)
            .map(|j| st.trust(owner, j))
            .sum::<f64>()
            / (n.max(2) - 1) as f64;
        let accept = c.accept + c.accept_trust * trust / 100.0;
        let refuse = c.refuse + c.refuse_grievance * st.grievance_max(owner) / 100.0;
        (accept, refuse)
    }

    /// The scores party `i` weighs today for carrying out step `k` of the deal and for reneging on it
    /// (delaying scores 0).
    pub fn compliance_scores(&self, k: usize) -> (f64, f64) {
        let scn = &self.scenario;
        let st = &self.state;
        let c = &scn.model.compliance;
        let deal = st.deal.as_ref().expect("a deal is in force");
        let step = &deal.steps[k];
        let kind = &scn.commitments.steps[step.kind as usize];
        let i = kind.party;
        let value = utility(scn, st, i, &deal.package) - status_quo_utility(scn, st, i)
            + no_deal_cost(scn, st, i);
        let (record, failures) = record_of_others(scn, deal, i, st.day);
        let mut carry = c.base + c.value * value / 10.0 + c.reciprocity * record
            - c.cost * kind.cost
            + c.pressure * st.parties[i as usize].pressure / 100.0;
        // The deadline weighs more as it nears (0 at the signature, 1 on the due day), and more again for
        // each 30 days late.
        let planned = (step.due - deal.signed).max(1) as f64;
        carry += c.deadline
            * if st.day < step.due {
                ((st.day - deal.signed) as f64 / planned).max(0.0)
            } else {
                1.0 + (((st.day - step.due) / 30) as f64).min(c.deadline_cap)
            };
        if kind.insists_on.iter().any(|&s| !deal.kind_done(s)) {
            carry -= c.side;
        }
        // A side issue left unresolved past its own due date wears the owner's patience down.
        let overdue: f64 = kind
            .insists_on
            .iter()
            .filter_map(|&s| deal.steps.iter().find(|x| x.kind == s))
            .filter(|x| x.status.done_day().is_none() && st.day > x.due)
            .map(|x| (st.day - x.due) as f64 / 30.0)
            .sum();
        let renege = c.side_renege * overdue
            + c.renege
            + c.renege_broken * failures
            + c.renege_value * value / 10.0
            + c.renege_grievance * st.grievance_max(i) / 100.0;
        (carry, renege)
    }

    /// The day's implementation: owed steps decided, work finished, disputes settled, due dates passed.
    /// Called once a day while a deal is in force, after the moves.
    pub(crate) fn implement(&mut self, day: i64) {
        let scn = Arc::clone(&self.scenario);
        let c = &scn.model.compliance;
        let count = match &self.state.deal {
            Some(d) if d.in_force() => d.steps.len(),
            _ => return,
        };
        for k in 0..count {
            let Some(deal) = &self.state.deal else {
                return;
            };
            if !deal.in_force() {
                return;
            }
            let step = deal.steps[k].clone();
            let kind = &scn.commitments.steps[step.kind as usize];
            match step.status {
                StepStatus::Open => {
                    let (carry, renege) = self.compliance_scores(k);
                    let fixed = self.fixed_choice(day, step.kind);
                    // The draw is made whoever decides, so that the stream does not depend on it.
                    let u: f64 = self.world_rng.0.random();
                    let choice = fixed.unwrap_or_else(|| logit3(carry, renege, c.temperature, u));
                    match choice {
                        Comply::CarryOut => {
                            self.set_step(k, StepStatus::Begun(day));
                            self.log(|| Entry::Step {
                                day,
                                step: step.kind,
                                change: StepChange::Begun(carry, renege),
                            });
                            if kind.work_days <= 1.0 {
                                self.work_done(k, day);
                            }
                        }
                        Comply::Renege => {
                            self.set_step(k, StepStatus::Broken(day));
                            self.log(|| Entry::Step {
                                day,
                                step: step.kind,
                                change: StepChange::Broken(carry, renege),
                            });
                            let name = &kind.name;
                            let who = &scn.parties[kind.party as usize].id;
                            self.unravel(
                                day,
                                Some(kind.party),
                                Some(k as u16),
                                format!("{who} reneged on \"{name}\""),
                            );
                            return;
                        }
                        Comply::Delay => {}
                    }
                }
                StepStatus::Begun(_) => {
                    let u: f64 = self.world_rng.0.random();
                    if u < 1.0 / kind.work_days {
                        self.work_done(k, day);
                    }
                }
                StepStatus::Disputed(_) => {
                    // The owner answers the others' demand for sampling: accept it, offer a narrower
                    // protocol (which they take with chance `settle` a day), or refuse.
                    let (accept, refuse) = self.dispute_scores(k);
                    let fixed = self.fixed_choice(day, step.kind);
                    let u: f64 = self.world_rng.0.random();
                    let v: f64 = self.world_rng.0.random();
                    let choice = fixed.unwrap_or_else(|| logit3(accept, refuse, c.temperature, u));
                    match choice {
                        Comply::CarryOut => {
                            self.log(|| Entry::Step {
                                day,
                                step: step.kind,
                                change: StepChange::Accepted(accept, refuse),
                            });
                            self.step_done(k, day);
                        }
                        Comply::Delay => {
                            if v < c.settle {
                                self.log(|| Entry::Step {
                                    day,
                                    step: step.kind,
                                    change: StepChange::Settled,
                                });
                                self.step_done(k, day);
                            }
                        }
                        Comply::Renege => {
                            for j in 0..self.state.n() as u8 {
                                self.state
                                    .shift_trust(&scn.model, j, kind.party, -c.refuse_trust);
                            }
                            self.log(|| Entry::Step {
                                day,
                                step: step.kind,
                                change: StepChange::Refused(accept, refuse),
                            });
                        }
                    }
                }
                StepStatus::Waiting | StepStatus::Done(_) | StepStatus::Broken(_) => {}
            }
            // A due date passing undone costs the owner the others' trust, once.
            let Some(deal) = &self.state.deal else {
                return;
            };
            let s = &deal.steps[k];
            if day >= s.due && !s.late && s.status.done_day().is_none() {
                self.state.deal.as_mut().expect("in force").steps[k].late = true;
                for j in 0..self.state.n() as u8 {
                    self.state
                        .shift_trust(&scn.model, j, kind.party, -c.late_trust);
                }
                self.log(|| Entry::Step {
                    day,
                    step: step.kind,
                    change: StepChange::Late,
                });
            }
        }
        self.open_steps(day);
        if self.state.deal.as_ref().is_some_and(Deal::complete) {
            let deal = self.state.deal.as_ref().expect("checked");
            let signed = deal.signed;
            let steps = deal.steps.len();
            self.outcome = Some(Outcome {
                kind: OutcomeKind::Agreement,
                day,
                reason: format!(
                    "every one of the {steps} steps of the deal signed on {} was carried out",
                    scn.date_of(signed)
                ),
                deal: Some(DealStatus::Implemented),
            });
        }
    }

    fn set_step(&mut self, k: usize, status: StepStatus) {
        if let Some(deal) = &mut self.state.deal {
            deal.steps[k].status = status;
        }
    }

    /// The work on step `k` is finished: a verified step may be disputed, else it is done.
    fn work_done(&mut self, k: usize, day: i64) {
        let scn = Arc::clone(&self.scenario);
        let Some(deal) = &self.state.deal else {
            return;
        };
        let kind_ix = deal.steps[k].kind;
        let kind = &scn.commitments.steps[kind_ix as usize];
        if kind.verified {
            let n = self.state.n();
            let owner = kind.party;
            let trust: f64 = (0..n as u8)
                .filter(|&j| j != owner)
                .map(|j| self.state.trust(j, owner))
                .sum::<f64>()
                / (n.max(2) - 1) as f64;
            let p = scn.model.compliance.dispute * (1.0 - trust / 100.0);
            let u: f64 = self.world_rng.0.random();
            if u < p {
                self.set_step(k, StepStatus::Disputed(day));
                self.log(|| Entry::Step {
                    day,
                    step: kind_ix,
                    change: StepChange::Disputed,
                });
                return;
            }
        }
        self.step_done(k, day);
    }

    /// Step `k` is done: the others trust its owner more, momentum grows, its effects apply.
    fn step_done(&mut self, k: usize, day: i64) {
        let scn = Arc::clone(&self.scenario);
        self.set_step(k, StepStatus::Done(day));
        let kind_ix = self.state.deal.as_ref().expect("in force").steps[k].kind;
        let kind = &scn.commitments.steps[kind_ix as usize];
        let c = &scn.model.compliance;
        for j in 0..self.state.n() as u8 {
            self.state
                .shift_trust(&scn.model, j, kind.party, c.done_trust);
        }
        self.state.shift_momentum(&scn.model, c.done_momentum);
        self.log(|| Entry::Step {
            day,
            step: kind_ix,
            change: StepChange::Done,
        });
        for e in &kind.effects {
            self.apply_effect(e, day, &Cause::Step(kind_ix), true);
        }
    }

    /// The deal unravels: the talks fall back to a stall, trust in the breaker falls, the others hold it
    /// against it.
    pub(crate) fn unravel(&mut self, day: i64, by: Option<u8>, step: Option<u16>, why: String) {
        let scn = Arc::clone(&self.scenario);
        let c = &scn.model.compliance;
        let Some(deal) = &mut self.state.deal else {
            return;
        };
        if !deal.in_force() {
            return;
        }
        deal.unravelled = Some(Unravelled {
            day,
            by,
            step,
            why: why.clone(),
        });
        if let Some(i) = by {
            for j in 0..self.state.n() as u8 {
                self.state.shift_trust(&scn.model, j, i, -c.broken_trust);
                self.state.aggrieve(j, i, c.broken_grievance);
            }
        }
        self.state.momentum = (self.state.momentum - c.unravel_momentum).clamp(0.0, 100.0);
        self.log(|| Entry::Deal {
            day,
            text: format!("the deal unravelled: {why}"),
        });
        if self.state.phase == Phase::Agreement {
            self.set_phase(Phase::Stalled, day, Cause::Unravelled(by));
        }
    }

    /// A provocation or leaving the talks by a party that owes steps breaks the deal.
    pub(crate) fn broken_by_move(&mut self, i: u8, action: Action, day: i64) {
        let kind = action.kind();
        if self.state.phase != Phase::Agreement
            || !matches!(
                kind,
                ActionKind::NuclearTest
                    | ActionKind::LeaveTalks
                    | ActionKind::ExpelInspectors
                    | ActionKind::RestartFacility
            )
        {
            return;
        }
        let scn = Arc::clone(&self.scenario);
        let owes = self.state.deal.as_ref().is_some_and(|d| {
            d.steps
                .iter()
                .any(|s| scn.commitments.steps[s.kind as usize].party == i)
        });
        if owes {
            let who = &scn.parties[i as usize].id;
            self.unravel(
                day,
                Some(i),
                None,
                format!("{who} broke it with a move: {}", kind.key()),
            );
        }
    }

    /// How the deal stands at the end of a run that did not implement it: unravelled or partly implemented.
    pub(crate) fn deal_at_end(&self) -> Option<(DealStatus, String)> {
        let deal = self.state.deal.as_ref()?;
        let scn = &self.scenario;
        let status = deal.status();
        let text = match (&deal.unravelled, status) {
            (Some(u), _) => format!(
                "the deal signed on {} unravelled on {}: {}",
                scn.date_of(deal.signed),
                scn.date_of(u.day),
                u.why
            ),
            (None, _) => {
                let done: Vec<&str> = deal
                    .steps
                    .iter()
                    .filter(|s| s.status.done_day().is_some())
                    .map(|s| scn.commitments.steps[s.kind as usize].id.as_str())
                    .collect();
                format!(
                    "the deal signed on {} was partly implemented: {} of {} steps done{}",
                    scn.date_of(deal.signed),
                    done.len(),
                    deal.steps.len(),
                    if done.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", done.join(", "))
                    }
                )
            }
        };
        Some((status, text))
    }
}

/// The others' record in deal `deal` as party `i` sees it on `day`: (the share of their due steps done on
/// time, less the share late, less twice the share broken; their steps broken, and a quarter of those late:
/// a late step is a reason to wait, a broken one a reason to break).
fn record_of_others(
    scn: &crate::sim::scenario::Scenario,
    deal: &Deal,
    i: u8,
    day: i64,
) -> (f64, f64) {
    let (mut due, mut score, mut failures) = (0u32, 0.0, 0.0);
    for s in &deal.steps {
        if scn.commitments.steps[s.kind as usize].party == i {
            continue;
        }
        let done = s.status.done_day();
        if s.due > day && done.is_none() && !matches!(s.status, StepStatus::Broken(_)) {
            continue;
        }
        due += 1;
        match s.status {
            StepStatus::Broken(_) => {
                score -= 2.0;
                failures += 1.0;
            }
            _ if s.late => {
                score -= 1.0;
                failures += 0.25;
            }
            StepStatus::Done(_) => score += 1.0,
            _ => {}
        }
    }
    (if due > 0 { score / due as f64 } else { 0.0 }, failures)
}

/// The three-way logit choice of compliance, drawn with `u` (0–1): carrying out (or accepting sampling)
/// scoring `yes`, reneging (or refusing) scoring `no`, delaying (or offering a narrower protocol) 0, at
/// temperature `t`. libm's `exp`, as the moves' logit: the same bits on every machine.
fn logit3(yes: f64, no: f64, t: f64, u: f64) -> Comply {
    let (py, pn) = (libm::exp(yes / t), libm::exp(no / t));
    let total = py + 1.0 + pn;
    if u < py / total {
        Comply::CarryOut
    } else if u < (py + pn) / total {
        Comply::Renege
    } else {
        Comply::Delay
    }
}
