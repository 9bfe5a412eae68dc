//! The candidate moves of one decision and the terms of their scores: every move family open to a party
//! today, in and out of session, each scored as the model's weights for its kind times the features of
//! the moment (see the `weights` group of the scenario format), less its weariness.

use super::view::{Day, NF, View, f, view};
use crate::sim::action::{Action, ActionKind};
use crate::sim::scenario::{Phase, Role, Scenario};
use crate::sim::state::State;
use crate::sim::state::factor::{Factor, Factors};
use crate::sim::step::legal::open;

/// A candidate move with its score; its reasons are the terms `t0..t0 + tn` of [`Cands::terms`].
pub(super) struct Cand {
    pub(super) action: Action,
    pub(super) score: f64,
    pub(super) t0: u32,
    pub(super) tn: u32,
}

/// The candidates of one decision and the positive terms of their scores. Terms are kept flat and the
/// reasons (the three largest terms) are worked out only for the moves that are shown or chosen; with
/// `reasons` off (a run that keeps no chronicle, where no reason is ever read) no term is kept at all.
/// The scores are the same either way.
#[derive(Default)]
pub(super) struct Cands {
    pub(super) list: Vec<Cand>,
    pub(super) terms: Vec<(Factor, f64)>,
    pub(super) reasons: bool,
    /// The features of the candidate being scored: the view's, with the few a move's context changes
    /// set afresh for each candidate (cheaper than a copy of them all).
    pub(super) feats: [f64; NF],
}

impl Cands {
    pub(super) fn clear(&mut self) {
        self.list.clear();
        self.terms.clear();
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

/// What a candidate is about, for its features and the names of its reasons.
#[derive(Clone, Copy, Default)]
struct Ctx {
    /// The party it is aimed at.
    target: Option<u8>,
    /// The issue it concerns.
    issue: Option<u8>,
    /// The rift it would ease: two parties and their mutual trust.
    rift: Option<(u8, u8, f64)>,
}

/// The reason a feature stands for, with the values a reader needs.
fn factor(v: &View, k: usize, ctx: &Ctx) -> Factor {
    let (scn, st, i) = (v.scn, v.st, v.i);
    let me = &st.parties[i as usize];
    let d = &scn.parties[i as usize].doctrine;
    let target_trust = |j: u8| st.trust(i, j);
    match k {
        f::MOMENTUM | f::MOMENTUM_MID => Factor::Momentum(st.momentum),
        f::PRESSURE | f::DEFIANCE => Factor::Pressure(me.pressure),
        f::GRIEVANCE => match ctx.target {
            Some(j) => Factor::GrievanceAt(j, me.grievance[j as usize]),
            None => {
                let (j, g) = me
                    .grievance
                    .iter()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
                    .map_or((0, 0.0), |(j, g)| (j as u8, *g));
                Factor::GrievanceAt(j, g)
            }
        },
        f::FACE => Factor::FaceLost(50.0 - me.face),
        f::TRUST => {
            let j = ctx
                .target
                .or_else(|| v.best(|j| st.trust(i, j)))
                .unwrap_or(0);
            Factor::TrustIn(j, target_trust(j))
        }
        f::DISTRUST => {
            let j = ctx
                .target
                .or_else(|| v.best(|j| -st.trust(i, j)))
                .unwrap_or(0);
            Factor::DistrustOf(j, target_trust(j))
        }
        f::SANCTIONED => Factor::Sanctioned(st.sanctioners(i)),
        f::THREAT => match v.threat {
            Some((j, kind, ago, _)) => Factor::Provocation(j, kind, ago),
            None => Factor::Rung(st.rung),
        },
        f::RESOLVE => Factor::Doctrine("resolve", d.resolve),
        f::PATIENCE => Factor::Doctrine("patience", d.patience),
        f::RISK => Factor::Doctrine("risk tolerance", d.risk_tolerance),
        f::ROLE | f::PRINCIPAL => Factor::Role(d.role.key()),
        f::STALL => Factor::DaysStalled(st.days_stalled()),
        f::FAILED => Factor::FailedSession(st.day - st.last_failed),
        f::SHORTFALL => Factor::Shortfall(v.verdict.shortfall()),
        f::URGENCY => Factor::SessionDaysLeft((st.session_ends - st.day).max(0)),
        f::CAPABILITY => Factor::Doctrine("capability", scn.parties[i as usize].capability / 100.0),
        f::DATE_IN_REACH => Factor::DateWithinReach(st.momentum),
        f::RIFT => {
            let (a, b, t) = ctx.rift.unwrap_or((0, 0, 0.0));
            Factor::Rift(a, b, t)
        }
        f::FIRST_PROPOSAL => Factor::FirstPackage,
        f::ACCEPTS => Factor::WouldSign,
        f::CROSSED => Factor::RedLineCrossed(v.verdict.crossed.unwrap_or(0)),
        f::LOW_SALIENCE => {
            let k = ctx.issue.unwrap_or(0);
            Factor::LowSalience(k, scn.parties[i as usize].stances[k as usize].salience)
        }
        f::AWAY => Factor::Away(v.away.unwrap_or(i)),
        f::RUNG | f::IN_SESSION => Factor::Rung(st.rung),
        f::HINGES => {
            let (j, short) = v.blocker.unwrap_or((i, 0.0));
            Factor::Hinges(j, short)
        }
        _ => Factor::Dissatisfaction(v.verdict.dissatisfaction),
    }
}

/// Scores a candidate: the model's weights for its kind times the features, less its weariness. A move
/// the delegation has not the capital for is not a candidate.
fn offer(v: &View, cands: &mut Cands, action: Action, ctx: Ctx) {
    let (scn, st, i) = (v.scn, v.st, v.i);
    let model = &scn.model;
    let kind = action.kind();
    let me = &st.parties[i as usize];
    if model.effect(kind).cost > me.capital + 1e-9 {
        return;
    }
    let Cands {
        list,
        terms,
        reasons,
        feats,
    } = cands;
    feats[f::TRUST] = v.common[f::TRUST];
    feats[f::DISTRUST] = v.common[f::DISTRUST];
    feats[f::GRIEVANCE] = v.common[f::GRIEVANCE];
    feats[f::HINGES] = v.common[f::HINGES];
    feats[f::LOW_SALIENCE] = v.common[f::LOW_SALIENCE];
    feats[f::RIFT] = v.common[f::RIFT];
    if let Some(j) = ctx.target {
        let t = st.trust(i, j) / 100.0;
        feats[f::TRUST] = t;
        feats[f::DISTRUST] = 1.0 - t;
        feats[f::GRIEVANCE] =
            me.grievance[j as usize] / 100.0 * scn.parties[i as usize].doctrine.resolve;
        feats[f::AWAY] = (v.away == Some(j)) as u8 as f64;
        if v.blocker.is_some_and(|(b, _)| b != j) {
            feats[f::HINGES] = 0.0;
        }
    } else {
        feats[f::AWAY] = (v.away == Some(i)) as u8 as f64;
    }
    if let Some(k) = ctx.issue {
        feats[f::LOW_SALIENCE] = 1.0 - scn.parties[i as usize].stances[k as usize].salience;
    }
    if let Some((a, b, t)) = ctx.rift {
        let cap = (scn.parties[a as usize].capability + scn.parties[b as usize].capability) / 200.0;
        feats[f::RIFT] = (1.0 - t / 100.0) * cap;
    }
    let row = &model.rows[kind as usize];
    let (idx, n) = &model.nonzero[kind as usize];
    let t0 = terms.len() as u32;
    let mut score = 0.0;
    // Only the features with a weight: the others add exact zeros (every feature is finite).
    let idx = &idx[..*n as usize];
    if *reasons {
        for &k in idx {
            let k = k as usize;
            let c = row[k] * feats[k];
            score += c;
            // Only positive terms can be reasons (see `Factors::offer`): the others are not named.
            if c > 0.0 && k != f::BASE {
                terms.push((factor(v, k, &ctx), c));
            }
        }
    } else {
        for &k in idx {
            score += row[k as usize] * feats[k as usize];
        }
    }
    let weary = me.weariness[kind as usize];
    if weary > 0.0 && model.repetition.score != 0.0 {
        let c = -model.repetition.score * weary;
        score += c;
        if c > 0.0 && *reasons {
            terms.push((Factor::Repeated(kind, weary), c));
        }
    }
    let tn = terms.len() as u32 - t0;
    list.push(Cand {
        action,
        score,
        t0,
        tn,
    });
}

pub(super) fn candidates(scn: &Scenario, st: &State, day: &Day, i: u8, cands: &mut Cands) {
    cands.clear();
    let phase = st.phase;
    let v = view(scn, st, day, i);
    cands.feats = v.common;
    let iu = i as usize;
    let d = &scn.parties[iu].doctrine;
    let me = &st.parties[iu];
    let none = Ctx::default();
    let to = |j: u8| Ctx {
        target: Some(j),
        ..Ctx::default()
    };

    // Statements are always open.
    offer(&v, cands, Action::ConciliatoryStatement, none);
    offer(&v, cands, Action::HardlineStatement, none);

    if phase == Phase::InSession {
        in_session(&v, cands);
    } else {
        offer(&v, cands, Action::Wait, none);
        if let Some(j) = v.envoy_target() {
            offer(&v, cands, Action::EnvoyVisit { to: j }, to(j));
        }
        if let Some(j) = v.bilateral_target() {
            offer(&v, cands, Action::BilateralMeeting { with: j }, to(j));
        }
        if matches!(phase, Phase::Stalled | Phase::Contacts) {
            offer(&v, cands, Action::CallForTalks, none);
        }
        let confirmed = me.last_done[ActionKind::Attend as usize] >= st.phase_since;
        if (me.boycotting && phase != Phase::Agreement)
            || (phase == Phase::Preparatory && !confirmed)
        {
            offer(&v, cands, Action::Attend, none);
        }
        if matches!(phase, Phase::Contacts | Phase::Preparatory) && !me.boycotting {
            offer(&v, cands, Action::Boycott, none);
        }
        // Sanctions answer provocations.
        if let Some((j, ..)) = v.threat
            && !st.sanctions(i, j)
        {
            offer(&v, cands, Action::ImposeSanctions { on: j }, to(j));
        }
        // Easing: the party the deal hinges on, if it sanctions it; else the sanctioned party it trusts most.
        let blocker = v.blocker.map(|b| b.0).filter(|&j| st.sanctions(i, j));
        if let Some(on) = blocker.or_else(|| {
            v.others()
                .filter(|&j| st.sanctions(i, j))
                .max_by(|&a, &b| st.trust(i, a).total_cmp(&st.trust(i, b)).then(b.cmp(&a)))
        }) {
            offer(&v, cands, Action::EaseSanctions { on }, to(on));
        }
        // Aid to the party under most pressure.
        if let Some(j) = v.best(|j| st.parties[j as usize].pressure) {
            offer(&v, cands, Action::OfferAid { to: j }, to(j));
        }
        // Mediation, for hosts and mediators: the widest rift between two capable others.
        if matches!(d.role, Role::Host | Role::Mediator) {
            let mut rift: Option<(u8, u8, f64)> = None;
            for a in v.others() {
                for b in v.others().filter(|&b| b > a) {
                    let t = (st.trust(a, b) + st.trust(b, a)) / 2.0;
                    let w = (1.0 - t / 100.0)
                        * (scn.parties[a as usize].capability + scn.parties[b as usize].capability);
                    if rift.is_none_or(|r| {
                        w > (1.0 - r.2 / 100.0)
                            * (scn.parties[r.0 as usize].capability
                                + scn.parties[r.1 as usize].capability)
                    }) {
                        rift = Some((a, b, t));
                    }
                }
            }
            if let Some((a, b, t)) = rift {
                let ctx = Ctx {
                    rift: Some((a, b, t)),
                    ..Ctx::default()
                };
                offer(&v, cands, Action::Mediate { a, b }, ctx);
            }
        }
    }

    // Military moves and steps out of the process from the arsenal, each no sooner than its gap after the
    // last (leaving the talks only while it is still part of them).
    for &kind in &scn.parties[iu].arsenal {
        if let Some(action) = kind.untargeted()
            && open(scn, st, i, &action)
        {
            offer(&v, cands, action, none);
        }
    }
}

fn in_session(v: &View, cands: &mut Cands) {
    let (scn, st, i) = (v.scn, v.st, v.i);
    let iu = i as usize;
    let d = &scn.parties[iu].doctrine;
    let me = &st.parties[iu];
    let c = &scn.model.choice;
    let none = Ctx::default();

    offer(v, cands, Action::HoldFirm, none);

    // Table a package on the two issues it cares most about where the draft is away from what it wants.
    let mut gaps: Vec<(usize, f64)> = (0..scn.issue_count())
        .map(|k| {
            let s = scn.parties[iu].stances[k].salience;
            (k, s * (me.ideals[k] - st.table[k]).abs())
        })
        .filter(|g| g.1 > 2.0)
        .collect();
    gaps.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    if !gaps.is_empty() {
        let issues = gaps.iter().take(2).fold(0u32, |m, g| m | (1 << g.0));
        offer(v, cands, Action::ProposePackage { issues }, none);
    }

    // Concede where it cares least and its offer has room before its red line.
    let room = |k: usize| {
        let target = st.table[k];
        let limit = scn.parties[iu].stances[k]
            .red_line
            .map_or(target, |rl| rl.clamp(target));
        (limit - me.positions[k]).abs()
    };
    // Where it gives: when the deal hinges on another party, the issue that party wants moved most and
    // this one cares least about (a trade); otherwise the issue it cares least about.
    // An open back-channel offer made to it leans where it gives towards the issue the offer asks for,
    // by how much it trusts the sender and values what is offered (`back_channel.credence`).
    let offered = |k: usize| {
        st.offers
            .iter()
            .filter(|o| o.to == i && o.taken.is_none() && o.offer.want as usize == k)
            .map(|o| {
                scn.model.back_channel.credence * st.trust(i, o.from) / 100.0
                    * scn.parties[iu].stances[o.offer.give as usize].salience
                    * o.offer.give_by
                    / 10.0
            })
            .sum::<f64>()
    };
    let worth = |k: usize| {
        let own = scn.parties[iu].stances[k].salience;
        let base = match v.blocker {
            Some((j, _)) => {
                let theirs = scn.parties[j as usize].stances[k].salience;
                let gap = (st.parties[j as usize].ideals[k] - st.table[k]).abs() / 100.0;
                theirs * gap * (1.2 - own)
            }
            None => 1.0 - own,
        };
        if st.offers.is_empty() {
            base
        } else {
            base + offered(k)
        }
    };
    if let Some(k) = (0..scn.issue_count())
        .filter(|&k| room(k) > 1.0)
        .max_by(|&a, &b| worth(a).total_cmp(&worth(b)).then(b.cmp(&a)))
    {
        let pressure = me.pressure / 100.0;
        let amount = (c.concede_base
            + c.concede_pressure * d.pressure_sensitivity * pressure
            + c.concede_flexibility * (1.0 - d.resolve))
            .min(room(k));
        let ctx = Ctx {
            issue: Some(k as u8),
            ..Ctx::default()
        };
        let action = Action::Concede {
            issue: k as u8,
            amount: (amount * 10.0).round() / 10.0,
        };
        offer(v, cands, action, ctx);
    }

    offer(v, cands, Action::WalkOut, none);

    if let Some(j) = v.bilateral_target() {
        let ctx = Ctx {
            target: Some(j),
            ..Ctx::default()
        };
        offer(v, cands, Action::BilateralMeeting { with: j }, ctx);
    }
    // Sanctions relief for the party the deal hinges on, when this one holds sanctions on it.
    if let Some((j, _)) = v.blocker
        && st.sanctions(i, j)
    {
        let ctx = Ctx {
            target: Some(j),
            ..Ctx::default()
        };
        offer(v, cands, Action::EaseSanctions { on: j }, ctx);
    }
    // A side payment to the party furthest from signing, when the deal hinges on it.
    if let Some((j, _)) = v.blocker {
        let ctx = Ctx {
            target: Some(j),
            ..Ctx::default()
        };
        offer(v, cands, Action::OfferAid { to: j }, ctx);
    }
}
