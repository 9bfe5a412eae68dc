//! The state of a run: what changes day by day, separate from the scenario that does not.

pub mod chronicle;
pub mod deal;
pub mod factor;
pub mod offers;
pub mod score;
pub mod table;

use crate::sim::action::{Action, ActionKind};
use crate::sim::scenario::model::Model;
use crate::sim::scenario::{Phase, Scenario};
use serde::{Deserialize, Serialize};

/// Days value meaning "never".
pub const NEVER: i64 = i64::MIN / 4;

/// One delegation's changing state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartyState {
    /// Stated position (its offer) per issue, 0–100: what concessions and meetings move.
    pub positions: Vec<f64>,
    /// Ideal point per issue, 0–100: what it wants, fixed unless a dated event changes it.
    pub ideals: Vec<f64>,
    /// Pressure on it, 0–100.
    pub pressure: f64,
    /// Face, 0–100 (50 is even; concessions lower it, defiance raises it).
    pub face: f64,
    /// Anger at each other party (by index) from its provocations, 0–100.
    pub grievance: Vec<f64>,
    /// Weariness of each kind of move (indexed like [`ActionKind::ALL`]): 1 for each time it was made,
    /// halving over the model's half-life. Repeated moves do less.
    pub weariness: [f64; ActionKind::ALL.len()],
    /// Political capital left to spend.
    pub capital: f64,
    /// Capital spent in the run so far.
    pub spent: f64,
    /// Side payments (aid offered in session) it has received this session, in utility points.
    pub side: f64,
    /// What the others cannot see of its resolve this session: its margin is multiplied by this, drawn
    /// when the session opens (1 outside sessions).
    pub doubt: f64,
    /// Whether it refuses the coming session.
    pub boycotting: bool,
    /// Bit `j` set when it holds sanctions on party `j`.
    pub sanctions_on: u32,
    /// Last day it made each kind of move (indexed like [`ActionKind::ALL`]), or [`NEVER`].
    pub last_done: [i64; ActionKind::ALL.len()],
    /// Its latest move other than waiting, and the day.
    pub last_move: Option<(i64, Action)>,
    /// Packages it has tabled in the current session.
    pub proposals: u32,
    /// Whether it accepts the package on the table (in session).
    pub accepts: bool,
    /// Its own decision on the draft this session, replacing the model's verdict: it signed a draft it
    /// valued at this utility (and stands by any draft worth at least as much), or it refuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

/// A delegation's own decision on the draft in session (a human's, or a script's).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Decision {
    /// It signed a draft worth this much to it (utility, 0–100); any draft worth as much is signed too.
    Signed(f64),
    /// It refuses the draft until it signs.
    Refused,
}

/// A scheduled event waiting for its day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The day it happens.
    pub day: i64,
    /// What the chronicle says.
    pub text: String,
    /// Effects.
    pub effects: Vec<crate::sim::scenario::Eff>,
}

/// Milestones of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Milestones {
    /// Day contacts first began (phase Contacts).
    pub first_contacts: Option<i64>,
    /// Day a date was first set.
    pub first_date_set: Option<i64>,
    /// Day the first session opened.
    pub first_session: Option<i64>,
    /// Day of the agreement.
    pub agreement: Option<i64>,
    /// Highest rung reached (index) and the first day it was reached.
    pub peak_rung: u8,
    /// Day the peak was first reached (day 0 if it was the starting rung).
    pub peak_rung_day: i64,
    /// Sessions opened.
    pub sessions: u32,
    /// Walkouts.
    pub walkouts: u32,
    /// Times the ladder rose during the run.
    pub rises: u32,
    /// Day the ladder last rose.
    pub last_rise: Option<i64>,
    /// Day the latest session opened.
    pub last_session: Option<i64>,
    /// Days spent at each rung (by index), counted at the end of each day.
    pub rung_days: Vec<u32>,
    /// Missile and nuclear tests in the run.
    pub tests: u32,
    /// Sessions postponed because a delegation boycotted them.
    pub postponed: u32,
    /// Envoys, meetings and mediations refused by the other side.
    pub refusals: u32,
    /// Day of the last escalation: the ladder rising, or a test.
    pub last_escalation: Option<i64>,
}

/// The whole changing state of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The next day to play (0 is the start date).
    pub day: i64,
    /// Talks phase.
    pub phase: Phase,
    /// Day the current phase began.
    pub phase_since: i64,
    /// Rung index.
    pub rung: u8,
    /// Rung on the start date, after the background events.
    pub start_rung: u8,
    /// Phase on the start date, after the background events.
    pub start_phase: Phase,
    /// Diplomatic momentum, 0–100.
    pub momentum: f64,
    /// Trust, flattened: `trust[from * n + to]`.
    pub trust: Vec<f64>,
    /// Parties' states.
    pub parties: Vec<PartyState>,
    /// The package on the table, per issue.
    pub table: Vec<f64>,
    /// Opening day of the scheduled or current session.
    pub session_opens: i64,
    /// Last day of the current session.
    pub session_ends: i64,
    /// Day the last session ended (negative before the start).
    pub last_session_end: i64,
    /// For each rule, the first day it may fire again.
    pub rule_ready: Vec<i64>,
    /// Scheduled events.
    pub pending: Vec<Pending>,
    /// Index of the next timeline event to apply.
    pub next_event: usize,
    /// Milestones so far.
    pub milestones: Milestones,
    /// Day the last session ended without agreement, or [`NEVER`].
    pub last_failed: i64,
    /// Back-channel offers made and not yet settled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<offers::OpenOffer>,
    /// The deal signed (or in force at the start) and how its steps stand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal: Option<deal::Deal>,
}

impl State {
    /// The state before any background event: straight from the scenario.
    pub fn initial(s: &Scenario) -> State {
        let n = s.parties.len();
        let parties = s
            .parties
            .iter()
            .map(|p| PartyState {
                positions: p.stances.iter().map(|st| st.position).collect(),
                ideals: p.stances.iter().map(|st| st.position).collect(),
                pressure: p.pressure,
                face: 50.0,
                grievance: vec![0.0; n],
                weariness: [0.0; ActionKind::ALL.len()],
                capital: s.model.capital.start.clamp(0.0, s.model.capital.max),
                spent: 0.0,
                side: 0.0,
                doubt: 1.0,
                boycotting: p.boycotting,
                sanctions_on: p.sanctions_on.iter().fold(0, |m, &j| m | (1 << j)),
                last_done: [NEVER; ActionKind::ALL.len()],
                last_move: None,
                proposals: 0,
                accepts: false,
                decision: None,
            })
            .collect();
        let mut trust = Vec::with_capacity(n * n);
        for row in &s.trust {
            trust.extend_from_slice(row);
        }
        State {
            day: 0,
            phase: s.file.talks.phase,
            phase_since: s.stalled_since.days_since(s.start),
            rung: s.start_rung,
            start_rung: s.start_rung,
            start_phase: s.file.talks.phase,
            momentum: s.file.talks.momentum,
            trust,
            parties,
            table: vec![50.0; s.issue_count()],
            session_opens: NEVER,
            session_ends: NEVER,
            last_session_end: s.stalled_since.days_since(s.start),
            rule_ready: vec![NEVER; s.rules.len()],
            pending: Vec::new(),
            next_event: 0,
            milestones: Milestones {
                peak_rung: s.start_rung,
                rung_days: vec![0; s.rungs.len()],
                ..Milestones::default()
            },
            last_failed: NEVER,
            offers: Vec::new(),
            deal: None,
        }
    }

    /// Number of parties.
    pub fn n(&self) -> usize {
        self.parties.len()
    }

    /// Trust of `from` in `to`.
    pub fn trust(&self, from: u8, to: u8) -> f64 {
        self.trust[from as usize * self.n() + to as usize]
    }

    /// Shifts trust of `from` in `to`, kept within 0–100. Gains are scaled by the model's `trust.gain` and
    /// shrink as trust grows; losses are scaled by `trust.loss` (trust is destroyed faster than it is built).
    pub fn shift_trust(&mut self, m: &Model, from: u8, to: u8, by: f64) {
        if from == to {
            return;
        }
        let n = self.n();
        let t = &mut self.trust[from as usize * n + to as usize];
        let by = if by > 0.0 {
            by * m.trust.gain * (1.0 - *t / 100.0)
        } else {
            by * m.trust.loss
        };
        *t = (*t + by).clamp(0.0, 100.0);
    }

    /// Shifts momentum, kept within 0–100; gains are scaled by `momentum.gain` and shrink near the top.
    pub fn shift_momentum(&mut self, m: &Model, by: f64) {
        let by = if by > 0.0 {
            let dormant = if self.phase == Phase::Walkout {
                m.momentum.dormant
            } else {
                1.0
            };
            by * (1.0 - self.momentum / 100.0) * m.momentum.gain * dormant
        } else {
            by
        };
        self.momentum = (self.momentum + by).clamp(0.0, 100.0);
    }

    /// The strongest grievance party `i` holds against anyone.
    pub fn grievance_max(&self, i: u8) -> f64 {
        self.parties[i as usize]
            .grievance
            .iter()
            .fold(0.0, |a: f64, &b| a.max(b))
    }

    /// Adds to party `i`'s grievance at `at`, kept within 0–100.
    pub fn aggrieve(&mut self, i: u8, at: u8, by: f64) {
        if i != at {
            let g = &mut self.parties[i as usize].grievance[at as usize];
            *g = (*g + by).clamp(0.0, 100.0);
        }
    }

    /// Whether `by` holds sanctions on `on`.
    pub fn sanctions(&self, by: u8, on: u8) -> bool {
        self.parties[by as usize].sanctions_on & (1 << on) != 0
    }

    /// The capability (in hundreds) of the parties sanctioning `on`: how heavily it is sanctioned.
    pub fn sanction_weight(&self, scn: &Scenario, on: u8) -> f64 {
        (0..self.n())
            .filter(|&j| self.sanctions(j as u8, on))
            .map(|j| scn.parties[j].capability / 100.0)
            .sum()
    }

    /// How many parties sanction `on`.
    pub fn sanctioners(&self, on: u8) -> u32 {
        self.parties
            .iter()
            .filter(|p| p.sanctions_on & (1 << on) != 0)
            .count() as u32
    }

    /// Days since the last session ended.
    pub fn days_stalled(&self) -> i64 {
        self.day - self.last_session_end
    }
}
