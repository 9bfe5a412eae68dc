//! A signed deal as it is carried out: its schedule of steps, each step's status, and how the deal ends
//! (implemented, partly implemented, unravelled).

use serde::{Deserialize, Serialize};

/// Where one step stands.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum StepStatus {
    /// Not yet owed: a step it comes after is not done.
    Waiting,
    /// Owed: its conditions are done; its owner decides each day.
    Open,
    /// Begun on this day; the work is under way.
    Begun(i64),
    /// Done, and its verification disputed since this day.
    Disputed(i64),
    /// Done (and verified) on this day.
    Done(i64),
    /// Its owner reneged on it on this day.
    Broken(i64),
}

impl StepStatus {
    /// The day it was done, if it is.
    pub fn done_day(self) -> Option<i64> {
        match self {
            StepStatus::Done(d) => Some(d),
            _ => None,
        }
    }
    /// In a word.
    pub fn word(self) -> &'static str {
        match self {
            StepStatus::Waiting => "waiting",
            StepStatus::Open => "owed",
            StepStatus::Begun(_) => "under way",
            StepStatus::Disputed(_) => "disputed",
            StepStatus::Done(_) => "done",
            StepStatus::Broken(_) => "broken",
        }
    }
}

/// One step of a schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Its kind (index into the scenario's commitments).
    pub kind: u16,
    /// The day it is due.
    pub due: i64,
    /// Where it stands.
    pub status: StepStatus,
    /// Whether its due day passed before it was done.
    pub late: bool,
}

/// A deal in force (or one that unravelled).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    /// The day it was signed (0 or before for one in force at the start).
    pub signed: i64,
    /// The signed package, per issue.
    pub package: Vec<f64>,
    /// Its steps, in the scenario's order.
    pub steps: Vec<Step>,
    /// When it unravelled: the day, the party that broke it and the step (index into `steps`), or none when
    /// something else ended it (the ladder, say).
    pub unravelled: Option<Unravelled>,
}

/// How a deal unravelled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unravelled {
    /// Day.
    pub day: i64,
    /// The party that broke it, if a party did.
    pub by: Option<u8>,
    /// The step (index into the deal's steps) broken, if one was.
    pub step: Option<u16>,
    /// Why, in words.
    pub why: String,
}

impl Deal {
    /// Whether every step is done.
    pub fn complete(&self) -> bool {
        self.steps
            .iter()
            .all(|s| matches!(s.status, StepStatus::Done(_)))
    }
    /// Whether the deal still binds (not unravelled).
    pub fn in_force(&self) -> bool {
        self.unravelled.is_none()
    }
    /// Whether step kind `kind` is done in this deal (a kind the deal does not carry counts as done: it
    /// owes nothing).
    pub fn kind_done(&self, kind: u16) -> bool {
        self.steps
            .iter()
            .find(|s| s.kind == kind)
            .is_none_or(|s| matches!(s.status, StepStatus::Done(_)))
    }
    /// The slippage of step `k`: days from signature to done over days from signature to due (none for a
    /// step not done, or done before the run as part of an agreement in force).
    pub fn slippage(&self, k: usize) -> Option<f64> {
        let s = &self.steps[k];
        let done = s.status.done_day().filter(|&d| d > self.signed)?;
        let planned = (s.due - self.signed).max(1) as f64;
        Some((done - self.signed).max(0) as f64 / planned)
    }
    /// How it stands as an ending.
    pub fn status(&self) -> DealStatus {
        if self.unravelled.is_some() {
            DealStatus::Unravelled
        } else if self.complete() {
            DealStatus::Implemented
        } else {
            DealStatus::Partly
        }
    }
}

/// How a signed deal ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DealStatus {
    /// Every step done.
    Implemented,
    /// In force at the end with steps still owed.
    Partly,
    /// Broken: a party reneged, or the ladder ended it.
    Unravelled,
}

impl DealStatus {
    /// All, in report order.
    pub const ALL: [DealStatus; 3] = [
        DealStatus::Implemented,
        DealStatus::Partly,
        DealStatus::Unravelled,
    ];
    /// Lower-case name.
    pub fn key(self) -> &'static str {
        match self {
            DealStatus::Implemented => "implemented",
            DealStatus::Partly => "partly",
            DealStatus::Unravelled => "unravelled",
        }
    }
    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            DealStatus::Implemented => "implemented",
            DealStatus::Partly => "partly implemented",
            DealStatus::Unravelled => "unravelled",
        }
    }
}

/// A compliance choice a party makes on a step (scripts write `CarryOut`, `Delay`, `Renege`). On a step
/// whose verification the others dispute, the same three answer their demand for sampling: accept it,
/// offer a narrower protocol, refuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comply {
    /// Carry it out (begin the work); on a disputed step, accept the sampling.
    CarryOut,
    /// Put it off another day; on a disputed step, offer a narrower protocol.
    Delay,
    /// Renege on it; on a disputed step, refuse verification.
    Renege,
}

impl Comply {
    /// In words, as a script writes it.
    pub fn word(self) -> &'static str {
        match self {
            Comply::CarryOut => "CarryOut",
            Comply::Delay => "Delay",
            Comply::Renege => "Renege",
        }
    }
}

/// What happened to a step, for the chronicle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StepChange {
    /// Its conditions are done: it is owed from today.
    Owed,
    /// Its owner began the work (with the scores it weighed: carrying out, reneging; delaying is 0).
    Begun(f64, f64),
    /// It fell due undone.
    Late,
    /// The work is done; the others dispute its verification (they demand sampling).
    Disputed,
    /// The owner accepted the others' sampling: the dispute is over (with the scores it weighed:
    /// accepting, refusing; offering a narrower protocol is 0).
    Accepted(f64, f64),
    /// The others accepted the narrower protocol the owner offered: the dispute is over.
    Settled,
    /// The owner refused verification today (the scores it weighed: accepting, refusing); the others trust
    /// it less and the dispute goes on.
    Refused(f64, f64),
    /// Done (and, for a verified step, verified).
    Done,
    /// Its owner reneged on it (the scores it weighed: carrying out, reneging).
    Broken(f64, f64),
}

/// A compliance choice fixed in advance (a script, a human delegation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixedComply {
    /// Day.
    pub day: i64,
    /// The step kind (index into the scenario's commitments).
    pub step: u16,
    /// The choice.
    pub choice: Comply,
}
