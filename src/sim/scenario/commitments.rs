//! Commitments: what a signed package obliges each party to do, as a scenario writes it (`commitments:
//! (steps: [...], in_force: ...)`) and compiled. A package carries the steps on the issues it settles; a
//! scenario may also start with an agreement already in force. Nothing about any particular step is known
//! here: the kinds of step, their owners, due dates, conditions and effects are all data.

use super::{Eff, Effect};
use crate::sim::date::Date;
use crate::sim::io::ron::Checker;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `commitments` section as written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentsFile {
    /// The kinds of step a package may carry, in the order a schedule lists them.
    #[serde(default)]
    pub steps: Vec<StepFile>,
    /// An agreement already in force on the start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForceFile>,
}

impl CommitmentsFile {
    /// Whether the section says nothing (a scenario whose agreements end the run).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty() && self.in_force.is_none()
    }
}

/// One kind of step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepFile {
    /// Short id, used by conditions, scripts and the record.
    pub id: String,
    /// What is to be done, in words ("Shut down and seal the Yongbyon reactor").
    pub name: String,
    /// The party that owes it.
    pub party: String,
    /// The issue it implements: a package that settles this issue carries the step.
    pub issue: String,
    /// Days after the signature by which it is due.
    pub due_days: u32,
    /// Steps that must be done before it is owed ("action for action"): it is due only once they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
    /// Steps its owner insists on first although the text does not say so (a side issue, such as frozen
    /// funds): while they are not done the owner is much less willing to carry it out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub insists_on: Vec<String>,
    /// Whether the others verify it once done (inspectors, sampling): a verification may be disputed.
    #[serde(default)]
    pub verified: bool,
    /// How hard it is for its owner, 0–1 (a share of `model.compliance.cost`).
    #[serde(default = "half")]
    pub cost: f64,
    /// Mean days the work takes once begun (1: done the day it is begun).
    #[serde(default = "one_day")]
    pub work_days: u32,
    /// What happens once it is done (the same effects as a rule's or an event's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect<String, String, String>>,
}

fn half() -> f64 {
    0.5
}

fn one_day() -> u32 {
    1
}

/// An agreement in force on the start date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InForceFile {
    /// The day it was signed, `YYYY-MM-DD`, on or before the start date.
    pub signed: String,
    /// The signed package, by issue id (an issue left out stays at its status quo).
    pub package: BTreeMap<String, f64>,
    /// Steps already carried out by the start date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<String>,
}

/// A kind of step, compiled.
#[derive(Clone, Debug)]
pub struct StepKind {
    /// Id.
    pub id: String,
    /// In words.
    pub name: String,
    /// Owner (party index).
    pub party: u8,
    /// Issue index.
    pub issue: u8,
    /// Days after the signature.
    pub due_days: i64,
    /// Steps (kind indices) that must be done first.
    pub after: Vec<u16>,
    /// Steps (kind indices) its owner insists on first.
    pub insists_on: Vec<u16>,
    /// Verified once done.
    pub verified: bool,
    /// 0–1.
    pub cost: f64,
    /// Mean days of work once begun, at least 1.
    pub work_days: f64,
    /// Effects once done.
    pub effects: Vec<Eff>,
}

/// An agreement in force at the start, compiled.
#[derive(Clone, Debug)]
pub struct InForce {
    /// Day of the signature (0 or before).
    pub signed: i64,
    /// The package, per issue.
    pub package: Vec<f64>,
    /// Step kinds already done.
    pub done: Vec<u16>,
}

/// What a compiled scenario knows of commitments.
#[derive(Clone, Debug, Default)]
pub struct Commitments {
    /// Kinds of step, in file order.
    pub steps: Vec<StepKind>,
    /// The agreement in force at the start, if any.
    pub in_force: Option<InForce>,
}

impl Commitments {
    /// The step kinds a package carries: those on an issue it moves at least `settles` points from the
    /// status quo, in file order.
    pub fn carried(&self, status_quo: &[f64], package: &[f64], settles: f64) -> Vec<u16> {
        (0..self.steps.len() as u16)
            .filter(|&s| {
                let k = self.steps[s as usize].issue as usize;
                (package[k] - status_quo[k]).abs() >= settles
            })
            .collect()
    }

    /// Index of the step kind with this id.
    pub fn index(&self, id: &str) -> Option<u16> {
        self.steps.iter().position(|s| s.id == id).map(|s| s as u16)
    }
}

/// "unknown step `id`; expected one of: …" (or that there are no steps at all).
pub fn unknown_step(id: &str, ids: &[&str]) -> String {
    if ids.is_empty() {
        format!("unknown step `{id}`; the scenario has no commitments")
    } else {
        format!("unknown step `{id}`; expected one of: {}", ids.join(", "))
    }
}

/// What the compiler hands in: the ids to resolve against and a way to compile effects.
pub(super) struct Context<'a> {
    pub parties: &'a [&'a str],
    pub issues: &'a [&'a str],
    pub status_quo: Vec<f64>,
    pub start: Option<Date>,
    pub horizon_days: u32,
    pub settles: f64,
}

/// Compiles a list of effects as written (the scenario compiler's), recording problems under a path.
pub(super) type EffectCompiler<'a> =
    dyn FnMut(&mut Checker, &str, &[Effect<String, String, String>]) -> Vec<Eff> + 'a;

/// Checks and compiles the section; every problem is recorded in `c` with its path.
pub(super) fn compile(
    c: &mut Checker,
    file: &CommitmentsFile,
    cx: &Context,
    effects: &mut EffectCompiler,
) -> Commitments {
    let ids: Vec<&str> = file.steps.iter().map(|s| s.id.as_str()).collect();
    let mut steps = Vec::new();
    for (k, s) in file.steps.iter().enumerate() {
        let base = format!("commitments.steps[{k}]");
        if s.id.is_empty() {
            c.err(format!("{base}.id"), "is empty; a step needs an id");
        } else if ids[..k].contains(&s.id.as_str()) {
            c.err(
                format!("{base}.id"),
                format!("`{}` is used by an earlier step; step ids are unique", s.id),
            );
        }
        let party = cx.parties.iter().position(|p| *p == s.party);
        if party.is_none() {
            c.err(
                format!("{base}.party"),
                format!(
                    "unknown party `{}`; expected one of: {}",
                    s.party,
                    cx.parties.join(", ")
                ),
            );
        }
        let issue = cx.issues.iter().position(|i| *i == s.issue);
        if issue.is_none() {
            c.err(
                format!("{base}.issue"),
                format!(
                    "unknown issue `{}`; expected one of: {}",
                    s.issue,
                    cx.issues.join(", ")
                ),
            );
        }
        if s.due_days == 0 || s.due_days > cx.horizon_days {
            c.err(
                format!("{base}.due_days"),
                format!(
                    "{} is outside the run; expected 1 to {} (meta.horizon_days): a step due later could never fall due",
                    s.due_days, cx.horizon_days
                ),
            );
        }
        c.range(format!("{base}.cost"), s.cost, 0.0, 1.0);
        if s.work_days == 0 || s.work_days > 3650 {
            c.err(
                format!("{base}.work_days"),
                format!("{} is out of range; expected 1 to 3650", s.work_days),
            );
        }
        let mut refs = |field: &str, list: &[String]| -> Vec<u16> {
            let mut out = Vec::new();
            for (j, id) in list.iter().enumerate() {
                match ids.iter().position(|x| x == id) {
                    Some(t) if t == k => c.err(
                        format!("{base}.{field}[{j}]"),
                        format!("`{id}` is this step itself; a step cannot wait for itself"),
                    ),
                    Some(t) => out.push(t as u16),
                    None => c.err(format!("{base}.{field}[{j}]"), unknown_step(id, &ids)),
                }
            }
            out
        };
        let after = refs("after", &s.after);
        let insists_on = refs("insists_on", &s.insists_on);
        let effects = effects(c, &format!("{base}.effects"), &s.effects);
        steps.push(StepKind {
            id: s.id.clone(),
            name: s.name.clone(),
            party: party.unwrap_or(0) as u8,
            issue: issue.unwrap_or(0) as u8,
            due_days: s.due_days as i64,
            after,
            insists_on,
            verified: s.verified,
            cost: s.cost,
            work_days: s.work_days.max(1) as f64,
            effects,
        });
    }
    if let Some(cycle) = cycle(&steps) {
        let names: Vec<&str> = cycle.iter().map(|&s| steps[s].id.as_str()).collect();
        c.err(
            format!("commitments.steps[{}].after", cycle[0]),
            format!(
                "the conditions go round in a circle ({} → {}); no step of it could ever be owed",
                names.join(" → "),
                names[0]
            ),
        );
    }
    let mut out = Commitments {
        steps,
        in_force: None,
    };
    if let Some(f) = &file.in_force {
        out.in_force = in_force(c, f, cx, &out);
    }
    out
}

/// The first circle of conditions (`after` and `insists_on`), as step indices, if any.
fn cycle(steps: &[StepKind]) -> Option<Vec<usize>> {
    // 0 unvisited, 1 on the path, 2 done.
    fn visit(s: usize, steps: &[StepKind], mark: &mut [u8], path: &mut Vec<usize>) -> bool {
        mark[s] = 1;
        path.push(s);
        for &t in steps[s].after.iter().chain(&steps[s].insists_on) {
            let t = t as usize;
            if mark[t] == 1 {
                let from = path.iter().position(|&p| p == t).unwrap_or(0);
                path.drain(..from);
                return true;
            }
            if mark[t] == 0 && visit(t, steps, mark, path) {
                return true;
            }
        }
        mark[s] = 2;
        path.pop();
        false
    }
    let mut mark = vec![0u8; steps.len()];
    for s in 0..steps.len() {
        let mut path = Vec::new();
        if mark[s] == 0 && visit(s, steps, &mut mark, &mut path) {
            return Some(path);
        }
    }
    None
}

fn in_force(
    c: &mut Checker,
    f: &InForceFile,
    cx: &Context,
    commitments: &Commitments,
) -> Option<InForce> {
    let base = "commitments.in_force";
    let signed = match (Date::parse(&f.signed), cx.start) {
        (Ok(d), Some(start)) => {
            let day = d.days_since(start);
            if !(-3650..=0).contains(&day) {
                c.err(
                    format!("{base}.signed"),
                    format!(
                        "{d} is not on or before the start ({start}) within ten years; an agreement in force was signed before the run"
                    ),
                );
                None
            } else {
                Some(day)
            }
        }
        (Ok(_), None) => None,
        (Err(e), _) => {
            c.err(format!("{base}.signed"), e);
            None
        }
    };
    let mut package = cx.status_quo.clone();
    for (id, &v) in &f.package {
        match cx.issues.iter().position(|i| i == id) {
            Some(k) => {
                c.range(format!("{base}.package.{id}"), v, 0.0, 100.0);
                package[k] = v;
            }
            None => c.err(
                format!("{base}.package.{id}"),
                format!(
                    "unknown issue `{id}`; expected one of: {}",
                    cx.issues.join(", ")
                ),
            ),
        }
    }
    let carried = commitments.carried(&cx.status_quo, &package, cx.settles);
    if carried.is_empty() && !commitments.steps.is_empty() {
        c.err(
            format!("{base}.package"),
            format!(
                "settles no issue a step is on (none moved {} points from its status quo); the agreement would owe nothing",
                cx.settles
            ),
        );
    }
    let mut done = Vec::new();
    for (j, id) in f.done.iter().enumerate() {
        let path = format!("{base}.done[{j}]");
        match commitments.index(id) {
            None => {
                let ids: Vec<&str> = commitments.steps.iter().map(|s| s.id.as_str()).collect();
                c.err(path, unknown_step(id, &ids));
            }
            Some(s) if !carried.contains(&s) => c.err(
                path,
                format!(
                    "`{id}` is not carried by the package (it does not settle the step's issue)"
                ),
            ),
            Some(s) if done.contains(&s) => c.err(path, format!("`{id}` is listed twice")),
            Some(s) => done.push(s),
        }
    }
    for (j, id) in f.done.iter().enumerate() {
        let Some(s) = commitments.index(id) else {
            continue;
        };
        for &t in &commitments.steps[s as usize].after {
            if !done.contains(&t) {
                c.err(
                    format!("{base}.done[{j}]"),
                    format!(
                        "`{id}` is listed as done but it comes after `{}`, which is not done; a done step's conditions are done",
                        commitments.steps[t as usize].id
                    ),
                );
            }
        }
    }
    signed.map(|signed| InForce {
        signed,
        package,
        done,
    })
}
