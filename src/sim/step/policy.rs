//! Strategies: simple rules a delegation can follow instead of the model, decided on the day's state. The
//! exploit search plays them to find a cheap move that wins; a moment's strategy falls back on the model
//! when its move is not open.

use crate::sim::action::Action;
use crate::sim::scenario::{Phase, Scenario};
use crate::sim::state::State;
use crate::sim::state::table::verdict;
use crate::sim::step::legal::open;

/// A strategy for one delegation.
#[derive(Clone, Debug, PartialEq)]
pub enum Policy {
    /// This move every day it is open; the model decides on other days.
    Daily(Action),
    /// Never moves (waits every day).
    Idle,
    /// Outside sessions, an envoy to the host (or, for the host, to the party keeping the talks dormant,
    /// else the most capable other) every day it can; the model decides otherwise.
    EngageWhenStalled,
    /// Answers another party's test or exercise of the last week with a hard-line statement, and is
    /// conciliatory on other days.
    AnswerInKind,
    /// In session, concedes 5 points on the issue it cares least about where it has room; the model
    /// decides outside sessions.
    ConcedeInSession,
    /// In session, tables a package on the two issues it cares most about every day.
    PackageInSession,
    /// A missile test whenever a date is set and the test is open; the model decides otherwise.
    ProvokeBeforeSession,
    /// In session, walks out on the last day when it would not sign; the model decides otherwise.
    WalkOutWhenShort,
}

impl Policy {
    /// The move this strategy makes for party `p` today, or `None` to leave it to the model.
    pub fn choose(&self, scn: &Scenario, st: &State, p: u8) -> Option<Action> {
        let pick = |a: Action| open(scn, st, p, &a).then_some(a);
        let n = st.n() as u8;
        match self {
            Policy::Daily(a) => pick(*a),
            Policy::Idle => Some(Action::Wait),
            Policy::EngageWhenStalled => {
                if st.phase == Phase::InSession {
                    return None;
                }
                let to = match scn.host {
                    Some(h) if h != p => h,
                    _ => st
                        .parties
                        .iter()
                        .position(|q| q.boycotting)
                        .map(|j| j as u8)
                        .filter(|&j| j != p)
                        .unwrap_or_else(|| {
                            (0..n)
                                .filter(|&j| j != p)
                                .max_by(|&a, &b| {
                                    scn.parties[a as usize]
                                        .capability
                                        .total_cmp(&scn.parties[b as usize].capability)
                                        .then(b.cmp(&a))
                                })
                                .unwrap_or(0)
                        }),
                };
                pick(Action::EnvoyVisit { to })
            }
            Policy::AnswerInKind => {
                let provoked = (0..st.n()).filter(|&j| j != p as usize).any(|j| {
                    use crate::sim::action::ActionKind as K;
                    [K::MissileTest, K::NuclearTest, K::MilitaryDrill]
                        .iter()
                        .any(|&k| st.day - st.parties[j].last_done[k as usize] <= 7)
                });
                pick(if provoked {
                    Action::HardlineStatement
                } else {
                    Action::ConciliatoryStatement
                })
            }
            Policy::ConcedeInSession => {
                if st.phase != Phase::InSession {
                    return None;
                }
                let party = &scn.parties[p as usize];
                let me = &st.parties[p as usize];
                (0..scn.issue_count())
                    .filter(|&k| (me.positions[k] - st.table[k]).abs() > 1.0)
                    .filter(|&k| {
                        let target = st.table[k];
                        party.stances[k]
                            .red_line
                            .is_none_or(|rl| (rl.clamp(target) - me.positions[k]).abs() > 1.0)
                    })
                    .min_by(|&a, &b| {
                        party.stances[a]
                            .salience
                            .total_cmp(&party.stances[b].salience)
                            .then(a.cmp(&b))
                    })
                    .and_then(|k| {
                        pick(Action::Concede {
                            issue: k as u8,
                            amount: 5.0,
                        })
                    })
            }
            Policy::PackageInSession => {
                if st.phase != Phase::InSession {
                    return None;
                }
                let party = &scn.parties[p as usize];
                let me = &st.parties[p as usize];
                let mut gaps: Vec<(usize, f64)> = (0..scn.issue_count())
                    .map(|k| {
                        (
                            k,
                            party.stances[k].salience * (me.ideals[k] - st.table[k]).abs(),
                        )
                    })
                    .collect();
                gaps.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                let issues = gaps.iter().take(2).fold(0u32, |m, g| m | (1 << g.0));
                pick(Action::ProposePackage { issues })
            }
            Policy::ProvokeBeforeSession => {
                if st.phase != Phase::Preparatory {
                    return None;
                }
                pick(Action::MissileTest)
            }
            Policy::WalkOutWhenShort => {
                if st.phase != Phase::InSession || st.day < st.session_ends {
                    return None;
                }
                (!verdict(scn, st, p, 0).accepts).then_some(Action::WalkOut)
            }
        }
    }

    /// A short name for reports, e.g. `daily envoy_visit to USA`.
    pub fn name(&self, scn: &Scenario) -> String {
        match self {
            Policy::Daily(a) => {
                let mut s = format!("daily {}", a.kind().key());
                match *a {
                    Action::Mediate { a, b } => {
                        s += &format!(
                            " {}-{}",
                            scn.parties[a as usize].id, scn.parties[b as usize].id
                        )
                    }
                    Action::Concede { issue, .. } => {
                        s += &format!(" on {}", scn.file.issues[issue as usize].id)
                    }
                    Action::ProposePackage { issues } => {
                        let ids: Vec<&str> = (0..scn.issue_count())
                            .filter(|k| issues & (1 << k) != 0)
                            .map(|k| scn.file.issues[k].id.as_str())
                            .collect();
                        s += &format!(" on {}", ids.join("+"))
                    }
                    _ => {
                        if let Some(t) = a.target() {
                            s += &format!(" to {}", scn.parties[t as usize].id)
                        }
                    }
                }
                s
            }
            Policy::Idle => "idle (always waits)".into(),
            Policy::EngageWhenStalled => "envoys whenever out of session".into(),
            Policy::AnswerInKind => "answer in kind".into(),
            Policy::ConcedeInSession => "concede in session".into(),
            Policy::PackageInSession => "packages in session".into(),
            Policy::ProvokeBeforeSession => "missile test before sessions".into(),
            Policy::WalkOutWhenShort => "walk out when short".into(),
        }
    }
}

/// Every strategy the exploit search tries for party `p`: each kind of move, with each target, daily;
/// then the conditional ones.
pub fn all_for(scn: &Scenario, p: u8) -> Vec<Policy> {
    let n = scn.parties.len() as u8;
    let others: Vec<u8> = (0..n).filter(|&j| j != p).collect();
    let mut out = vec![Policy::Idle];
    for a in [
        Action::ConciliatoryStatement,
        Action::HardlineStatement,
        Action::CallForTalks,
        Action::Attend,
        Action::Boycott,
        Action::HoldFirm,
        Action::WalkOut,
        Action::Sign,
        Action::Refuse,
    ] {
        out.push(Policy::Daily(a));
    }
    for &j in &others {
        out.push(Policy::Daily(Action::EnvoyVisit { to: j }));
        out.push(Policy::Daily(Action::BilateralMeeting { with: j }));
        out.push(Policy::Daily(Action::ImposeSanctions { on: j }));
        out.push(Policy::Daily(Action::EaseSanctions { on: j }));
        out.push(Policy::Daily(Action::OfferAid { to: j }));
    }
    for (x, &a) in others.iter().enumerate() {
        for &b in &others[x + 1..] {
            out.push(Policy::Daily(Action::Mediate { a, b }));
        }
    }
    for k in 0..scn.issue_count() {
        out.push(Policy::Daily(Action::Concede {
            issue: k as u8,
            amount: 5.0,
        }));
        out.push(Policy::Daily(Action::ProposePackage { issues: 1 << k }));
    }
    out.extend(
        scn.parties[p as usize]
            .arsenal
            .iter()
            .filter_map(|k| k.untargeted())
            .map(Policy::Daily),
    );
    out.extend([
        Policy::EngageWhenStalled,
        Policy::AnswerInKind,
        Policy::ConcedeInSession,
        Policy::PackageInSession,
        Policy::ProvokeBeforeSession,
        Policy::WalkOutWhenShort,
    ]);
    out
}
