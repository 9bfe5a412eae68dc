//! The candidate moves of one decision and the terms of their scores: every move family open to a party
//! today, in and out of session.

use super::REPEAT_DAYS;
use super::view::{View, best_trusted, view};
use crate::sim::action::{Action, ActionKind};
use crate::sim::scenario::{Phase, Role, Scenario};
use crate::sim::state::State;
use crate::sim::state::factor::{Factor, Factors};
use crate::sim::state::table::dissatisfaction;

/// A candidate move with its score; its reasons are the terms `t0..t0 + tn` of [`Cands::terms`].
pub(super) struct Cand {
    pub(super) action: Action,
    pub(super) score: f64,
    pub(super) t0: u32,
    pub(super) tn: u32,
}

/// The candidates of one decision and the terms of their scores. Terms are kept flat and the reasons
/// (the three largest terms) are worked out only for the moves that are shown or chosen.
#[derive(Default)]
pub(super) struct Cands {
    pub(super) list: Vec<Cand>,
    pub(super) terms: Vec<(Factor, f64)>,
}

impl Cands {
    pub(super) fn clear(&mut self) {
        self.list.clear();
        self.terms.clear();
    }
    /// Opens a new candidate with its base score; `add` and the others work on it.
    pub(super) fn start(&mut self, action: Action, base: f64) -> &mut Self {
        self.list.push(Cand {
            action,
            score: base,
            t0: self.terms.len() as u32,
            tn: 0,
        });
        self
    }
    pub(super) fn last(&mut self) -> &mut Cand {
        self.list.last_mut().expect("a candidate was started")
    }
    /// Adds a term to the score, remembering it as a reason.
    pub(super) fn add(&mut self, factor: Factor, contribution: f64) -> &mut Self {
        self.last().score += contribution;
        self.note(factor, contribution)
    }
    /// A reason that does not change the score (its weight is already counted).
    pub(super) fn note(&mut self, factor: Factor, contribution: f64) -> &mut Self {
        self.terms.push((factor, contribution));
        self.last().tn += 1;
        self
    }
    /// Changes the score without a reason.
    pub(super) fn bump(&mut self, delta: f64) {
        self.last().score += delta;
    }
    /// Names the most trusted party in place of the average-trust placeholder.
    pub(super) fn rename_trust(&mut self, j: u8, t: f64) {
        let c = self.list.last().expect("a candidate was started");
        let (a, b) = (c.t0 as usize, (c.t0 + c.tn) as usize);
        for term in &mut self.terms[a..b] {
            if let Factor::TrustIn(_, _) = term.0 {
                term.0 = Factor::TrustIn(j, t);
            }
        }
    }
    /// The three largest positive terms of candidate `k`, largest first.
    pub(super) fn factors(&self, k: usize) -> Factors {
        let c = &self.list[k];
        let mut f = Factors::default();
        for &(factor, w) in &self.terms[c.t0 as usize..(c.t0 + c.tn) as usize] {
            f.offer(factor, w);
        }
        f
    }
}

pub(super) fn candidates(scn: &Scenario, st: &State, i: u8, cands: &mut Cands) {
    cands.clear();
    let v = view(scn, st, i);
    let iu = i as usize;
    let d = &scn.parties[iu].doctrine;
    let me = &st.parties[iu];
    let phase = st.phase;
    // Without a host in the scenario, every delegation may convene the talks.
    let host = scn.host.is_none_or(|h| h == i);
    let engage = v.engage;
    let defy = v.defy;

    if phase == Phase::Agreement {
        return;
    }

    // Statements are always open.
    cands.start(Action::ConciliatoryStatement, 0.1);
    cands
        .add(Factor::Momentum(st.momentum), 0.2 * v.m)
        .add(
            Factor::TrustIn(0, v.trust_avg * 100.0),
            0.15 * (v.trust_avg - 0.3),
        )
        .add(
            Factor::Pressure(me.pressure),
            0.2 * v.pressure * d.pressure_sensitivity,
        )
        .add(
            Factor::Grievance(me.grievance),
            -0.3 * v.grievance * d.resolve,
        );
    if let Some(t) = best_trusted(&v) {
        cands.rename_trust(t, st.trust(i, t));
    }

    cands.start(Action::HardlineStatement, -0.05);
    cands
        .add(
            Factor::Grievance(me.grievance),
            0.5 * v.grievance * d.resolve,
        )
        .add(
            Factor::FaceLost(50.0 - me.face),
            0.3 * v.face_lost * d.face_sensitivity,
        )
        .add(Factor::Doctrine("resolve", d.resolve), 0.1 * d.resolve)
        .add(
            Factor::Sanctioned(st.sanctioners(i)),
            0.25 * v.sanction_weight.min(1.5) * d.resolve,
        )
        .add(Factor::Momentum(st.momentum), -0.25 * v.m);
    if let Some((j, kind, ago, t)) = v.threat {
        cands.add(Factor::Provocation(j, kind, ago), 0.25 * t * d.resolve);
    }

    if phase == Phase::InSession {
        in_session(&v, cands);
    } else {
        cands.start(Action::Wait, 0.45);
        cands.add(Factor::Doctrine("patience", d.patience), 0.15 * d.patience);

        if let Some(to) = v.envoy_target() {
            cands.start(Action::EnvoyVisit { to }, 0.0);
            cands
                .add(
                    Factor::TrustIn(to, st.trust(i, to)),
                    0.3 * st.trust(i, to) / 100.0,
                )
                .add(Factor::Momentum(st.momentum), 0.2 * v.m * (1.0 - v.m))
                .add(
                    Factor::Pressure(me.pressure),
                    0.2 * v.pressure * d.pressure_sensitivity,
                )
                .add(
                    Factor::Grievance(me.grievance),
                    -0.25 * v.grievance * d.resolve,
                );
            if matches!(d.role, Role::Host | Role::Mediator) {
                cands.add(Factor::Role(d.role.key()), 0.12);
            }
            if phase == Phase::Walkout {
                cands.bump(-(0.2));
            }
        }
        if let Some(with) = v.bilateral_target() {
            let warmth = (st.trust(i, with) + st.trust(with, i)) / 200.0;
            cands.start(Action::BilateralMeeting { with }, -0.1);
            cands
                .add(Factor::TrustIn(with, st.trust(i, with)), 0.35 * warmth)
                .add(Factor::Momentum(st.momentum), 0.25 * v.m)
                .add(
                    Factor::DaysStalled(st.days_stalled()),
                    0.1 * (st.days_stalled() as f64 / 365.0).min(1.0),
                )
                .add(Factor::Grievance(me.grievance), -0.3 * v.grievance);
            if d.role == Role::Principal {
                cands.add(Factor::Role(d.role.key()), 0.1);
            }
        }
        if matches!(phase, Phase::Stalled | Phase::Contacts) {
            cands.start(Action::CallForTalks, -0.05);
            cands.add(
                Factor::Momentum(st.momentum),
                if host { 0.35 } else { 0.15 } * v.m,
            );
            if host {
                cands.add(Factor::Role(d.role.key()), 0.15);
                if phase == Phase::Contacts && st.momentum >= scn.file.talks.prepare_at {
                    cands.add(Factor::DateWithinReach(st.momentum), 0.45);
                }
            }
            cands.add(
                Factor::Grievance(me.grievance),
                -0.3 * v.grievance * d.resolve,
            );
        }
        if matches!(phase, Phase::Contacts | Phase::Preparatory) {
            let confirmed = me.last_done[ActionKind::Attend as usize] >= st.phase_since;
            if me.boycotting || (phase == Phase::Preparatory && !confirmed) {
                cands.start(Action::Attend, if me.boycotting { -0.15 } else { 0.25 });
                cands
                    .add(Factor::Momentum(st.momentum), 0.4 * v.m)
                    .add(
                        Factor::Pressure(me.pressure),
                        0.4 * v.pressure * d.pressure_sensitivity,
                    )
                    .add(Factor::TrustIn(0, v.trust_avg * 100.0), 0.2 * v.trust_avg)
                    .add(
                        Factor::Sanctioned(st.sanctioners(i)),
                        -0.2 * v.sanction_weight.min(1.5) * d.resolve,
                    );
                if let Some(t) = best_trusted(&v) {
                    cands.rename_trust(t, st.trust(i, t));
                }
            }
            if !me.boycotting {
                cands.start(Action::Boycott, -0.2);
                cands
                    .add(
                        Factor::Sanctioned(st.sanctioners(i)),
                        0.4 * v.sanction_weight.min(1.5)
                            * d.resolve
                            * (1.0 - d.pressure_sensitivity),
                    )
                    .add(
                        Factor::Grievance(me.grievance),
                        0.5 * v.grievance * d.resolve,
                    )
                    .add(
                        Factor::FaceLost(50.0 - me.face),
                        0.3 * v.face_lost * d.face_sensitivity,
                    )
                    .add(Factor::Momentum(st.momentum), -0.2 * v.m);
            }
        }
        // Sanctions answer provocations.
        if let Some((j, kind, ago, t)) = v.threat
            && !st.sanctions(i, j)
        {
            cands.start(Action::ImposeSanctions { on: j }, -0.25);
            let restraint = if matches!(d.role, Role::Host | Role::Mediator) {
                0.3
            } else {
                1.0
            };
            cands
                .add(
                    Factor::Provocation(j, kind, ago),
                    0.7 * t * d.resolve * restraint,
                )
                .add(
                    Factor::DistrustOf(j, st.trust(i, j)),
                    0.2 * (1.0 - st.trust(i, j) / 100.0),
                )
                .add(Factor::Momentum(st.momentum), -0.3 * v.m);
        }
        // Easing: the sanctioned party it trusts most, when the talks are moving.
        if let Some(on) = v
            .others()
            .filter(|&j| st.sanctions(i, j))
            .max_by(|&a, &b| st.trust(i, a).total_cmp(&st.trust(i, b)).then(b.cmp(&a)))
        {
            let threat = v.threat.map_or(0.0, |t| t.3);
            cands.start(Action::EaseSanctions { on }, -0.3);
            cands
                .add(
                    Factor::TrustIn(on, st.trust(i, on)),
                    0.45 * st.trust(i, on) / 100.0,
                )
                .add(Factor::Momentum(st.momentum), 0.3 * v.m * (1.0 - d.resolve))
                .add(
                    Factor::Pressure(me.pressure),
                    0.25 * v.pressure * d.pressure_sensitivity,
                )
                .add(Factor::Doctrine("resolve", d.resolve), -0.15 * d.resolve);
            cands.bump(-(0.4 * threat));
        }
        // Aid to the party under most pressure.
        if let Some(to) = v.best(|j| st.parties[j as usize].pressure) {
            cands.start(Action::OfferAid { to }, -0.15);
            cands
                .add(Factor::Pressure(st.parties[to as usize].pressure), 0.0)
                .add(Factor::Momentum(st.momentum), 0.2 * v.m)
                .add(
                    Factor::TrustIn(to, st.trust(i, to)),
                    0.15 * st.trust(i, to) / 100.0,
                );
            cands.bump(0.1 * engage * (1.0 - defy).max(0.0));
            cands.note(
                Factor::Pressure(st.parties[to as usize].pressure),
                0.1 * engage,
            );
        }
        // Mediation, for hosts and mediators.
        if matches!(d.role, Role::Host | Role::Mediator) {
            let mut rift: Option<(u8, u8, f64)> = None;
            for a in v.others() {
                for b in v.others().filter(|&b| b > a) {
                    let t = (st.trust(a, b) + st.trust(b, a)) / 2.0;
                    let w = (1.0 - t / 100.0)
                        * (scn.parties[a as usize].capability + scn.parties[b as usize].capability)
                        / 200.0;
                    if rift.is_none_or(|r| w > r.2) {
                        rift = Some((a, b, w));
                    }
                }
            }
            if let Some((a, b, w)) = rift {
                let t = (st.trust(a, b) + st.trust(b, a)) / 2.0;
                cands.start(Action::Mediate { a, b }, -0.05);
                cands
                    .add(Factor::Rift(a, b, t), 0.35 * w)
                    .add(Factor::Role(d.role.key()), 0.1)
                    .add(Factor::Momentum(st.momentum), 0.1 * v.m);
            }
        }
    }

    // Military moves from the arsenal.
    for &kind in &scn.parties[iu].arsenal {
        let since = st.day - me.last_done[kind as usize];
        let (action, base, weight, gap) = match kind {
            ActionKind::NuclearTest => (Action::NuclearTest, -0.6, 0.9, 120),
            ActionKind::MissileTest => (Action::MissileTest, -0.25, 0.7, 20),
            ActionKind::MilitaryDrill => (Action::MilitaryDrill, -0.2, 0.5, 10),
            _ => continue,
        };
        if since < gap {
            continue;
        }
        cands.start(action, base);
        cands
            .add(
                Factor::Doctrine("risk tolerance", d.risk_tolerance),
                0.25 * weight * d.risk_tolerance,
            )
            .add(
                Factor::Grievance(me.grievance),
                weight * v.grievance * d.resolve,
            )
            .add(
                Factor::Sanctioned(st.sanctioners(i)),
                0.25 * weight * v.sanction_weight.min(1.5) * d.risk_tolerance,
            )
            .add(
                Factor::FaceLost(50.0 - me.face),
                0.3 * weight * v.face_lost * d.face_sensitivity,
            )
            .add(Factor::Momentum(st.momentum), -0.3 * v.m);
        if let Some((j, k, ago, t)) = v.threat {
            // Exercises answer provocations: the resolved show force when threatened.
            let answer = if kind == ActionKind::MilitaryDrill {
                0.9 * d.resolve
            } else {
                0.3 * weight
            };
            cands.add(Factor::Provocation(j, k, ago), answer * t);
        }
        if phase == Phase::InSession {
            cands.bump(-(0.4));
        }
    }

    // A repeated move is worth less: the same envoy or statement again within days adds little.
    for c in cands.list.iter_mut() {
        let kind = c.action.kind();
        if kind == ActionKind::Wait || kind == ActionKind::HoldFirm {
            continue;
        }
        let ago = st.day - me.last_done[kind as usize];
        if ago < REPEAT_DAYS {
            c.score -= 0.3 * (1.0 - ago as f64 / REPEAT_DAYS as f64);
        }
    }
}

pub(super) fn in_session(v: &View, cands: &mut Cands) {
    let (scn, st, i) = (v.scn, v.st, v.i);
    let iu = i as usize;
    let d = &scn.parties[iu].doctrine;
    let me = &st.parties[iu];
    let diss = dissatisfaction(scn, st, i);
    let days_left = (st.session_ends - st.day).max(0);
    let urgency = 1.0 - days_left as f64 / scn.file.talks.session_days.max(1) as f64;

    cands.start(Action::HoldFirm, 0.35);
    cands.add(Factor::Doctrine("resolve", d.resolve), 0.3 * d.resolve);
    if me.accepts {
        cands.add(Factor::Dissatisfaction(diss), 0.2);
    }

    // Table a package on the two issues it cares most about where the table is away from it.
    let mut gaps: Vec<(usize, f64)> = (0..scn.issue_count())
        .map(|k| {
            let s = scn.parties[iu].stances[k].salience;
            (k, s * (me.positions[k] - st.table[k]).abs())
        })
        .filter(|g| g.1 > 2.0)
        .collect();
    gaps.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    if !gaps.is_empty() {
        let issues = gaps.iter().take(2).fold(0u32, |m, g| m | (1 << g.0));
        cands.start(Action::ProposePackage { issues }, 0.05);
        cands
            .add(Factor::Dissatisfaction(diss), 0.6 * diss / 100.0)
            .add(
                Factor::Doctrine("capability", scn.parties[iu].capability / 100.0),
                0.2 * scn.parties[iu].capability / 100.0,
            );
        if me.proposals == 0 {
            cands.bump(0.15);
        }
    }

    // Concede where it cares least and has room before its red line.
    let room = |k: usize| {
        let target = st.table[k];
        let pos = me.positions[k];
        let limit = scn.parties[iu].stances[k]
            .red_line
            .map_or(target, |rl| rl.clamp(target));
        (limit - pos).abs()
    };
    if let Some(k) = (0..scn.issue_count())
        .filter(|&k| room(k) > 1.0)
        .min_by(|&a, &b| {
            let sa = scn.parties[iu].stances[a].salience;
            let sb = scn.parties[iu].stances[b].salience;
            sa.total_cmp(&sb).then(a.cmp(&b))
        })
    {
        let sal = scn.parties[iu].stances[k].salience;
        let amount = (4.0 + 6.0 * d.pressure_sensitivity * v.pressure + 4.0 * (1.0 - d.resolve))
            .min(room(k));
        cands.start(
            Action::Concede {
                issue: k as u8,
                amount: (amount * 10.0).round() / 10.0,
            },
            0.05,
        );
        cands
            .add(
                Factor::Pressure(me.pressure),
                0.45 * v.pressure * d.pressure_sensitivity,
            )
            .add(Factor::Momentum(st.momentum), 0.25 * v.m)
            .add(
                Factor::SessionDaysLeft(days_left),
                0.3 * urgency * (1.0 - d.resolve),
            )
            .add(Factor::LowSalience(k as u8, sal), 0.2 * (1.0 - sal))
            .add(
                Factor::FaceLost(50.0 - me.face),
                -0.3 * v.face_lost * d.face_sensitivity,
            );
    }

    // Walking out.
    let crossed = (0..scn.issue_count()).find(|&k| {
        scn.parties[iu].stances[k]
            .red_line
            .is_some_and(|rl| !rl.allows(st.table[k]))
    });
    cands.start(Action::WalkOut, -0.7);
    cands
        .add(
            Factor::Grievance(me.grievance),
            0.6 * v.grievance * d.resolve,
        )
        .add(
            Factor::Dissatisfaction(diss),
            0.3 * diss / 100.0 * d.resolve,
        )
        .add(
            Factor::FaceLost(50.0 - me.face),
            0.2 * v.face_lost * d.face_sensitivity,
        )
        .add(Factor::Momentum(st.momentum), -0.2 * v.m);
    if let Some(k) = crossed {
        cands.add(Factor::RedLineCrossed(k as u8), 0.3);
    }

    if let Some(with) = v.bilateral_target() {
        let warmth = (st.trust(i, with) + st.trust(with, i)) / 200.0;
        cands.start(Action::BilateralMeeting { with }, 0.0);
        cands
            .add(Factor::TrustIn(with, st.trust(i, with)), 0.3 * warmth)
            .add(Factor::Dissatisfaction(diss), 0.2 * diss / 100.0);
    }
}
