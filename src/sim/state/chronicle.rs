//! What a run records: entries of the chronicle and the outcome, with their reasons; rendered as text or
//! JSON by [`crate::sim::output::render`].

use crate::sim::action::Action;
use crate::sim::scenario::Phase;
use crate::sim::state::factor::Factors;
use serde::{Deserialize, Serialize};

/// Why a party made its move.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Why {
    /// The model chose it; the factors that weighed most, largest first.
    Model(Factors),
    /// A script fixed it.
    Scripted,
    /// A human player chose it.
    Player,
    /// A human delegation's time ran out, and its advisers (the model) chose for it.
    Advisers,
}

/// What moved the phase or the ladder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cause {
    /// A party's move.
    Move(u8, Action),
    /// A rule fired.
    Rule(u16),
    /// A timeline event.
    Event(u16),
    /// A scheduled event (its text).
    Scheduled(String),
    /// An inject the facilitator released (its text).
    Inject(String),
    /// Momentum crossed a threshold (value, threshold).
    Momentum(f64, f64),
    /// The host's call set a date; the opening day.
    DateSet(u8, i64),
    /// The session opened.
    Opened,
    /// The opening was postponed because these parties boycotted (bit set).
    Postponed(u32),
    /// The session's days ran out: the party furthest from signing, and by how much it fell short.
    Recess(u8, f64),
    /// Every party accepted the package on the table.
    AllAccepted,
    /// The walkout's cooling-off ended.
    CooledOff,
    /// The delegation that walked out came back to the table.
    Returned(u8),
    /// Enough parties called for talks within a week to set a date without the host; the opening day.
    Consensus(i64),
    /// A step of the deal was done (its kind).
    Step(u16),
    /// The deal unravelled (broken by this party, or by the ladder).
    Unravelled(Option<u8>),
}

/// One line of the chronicle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Entry {
    /// A timeline event before the start date.
    Background {
        /// Index into the scenario's timeline.
        event: u16,
    },
    /// A timeline event on its day.
    Event {
        /// Day.
        day: i64,
        /// Index into the scenario's timeline.
        event: u16,
    },
    /// A scheduled event coming due.
    Scheduled {
        /// Day.
        day: i64,
        /// Its text.
        text: String,
    },
    /// A rule fired.
    Rule {
        /// Day.
        day: i64,
        /// Index into the scenario's rules.
        rule: u16,
    },
    /// A party's move.
    Move {
        /// Day.
        day: i64,
        /// Party index.
        party: u8,
        /// The move.
        action: Action,
        /// Why.
        why: Why,
    },
    /// The talks changed phase.
    Phase {
        /// Day.
        day: i64,
        /// From.
        from: Phase,
        /// To.
        to: Phase,
        /// Why.
        cause: Cause,
    },
    /// How each delegation weighed the package when a session closed.
    Verdicts {
        /// Day.
        day: i64,
        /// Per party, in party order.
        verdicts: Vec<crate::sim::state::table::Verdict>,
    },
    /// An envoy, meeting or mediation was refused by the party it was aimed at.
    Refused {
        /// Day.
        day: i64,
        /// Who asked.
        party: u8,
        /// Who refused.
        by: u8,
        /// The move refused.
        action: Action,
        /// The receiver's willingness (0–1) against the model's threshold.
        willingness: f64,
    },
    /// The ladder moved.
    Rung {
        /// Day.
        day: i64,
        /// From (index).
        from: u8,
        /// To (index).
        to: u8,
        /// Why.
        cause: Cause,
    },
    /// An inject the facilitator released into the run.
    Inject {
        /// Day.
        day: i64,
        /// What happened.
        text: String,
        /// The scenario's inject it was (its id), or none for one the facilitator wrote.
        prepared: Option<String>,
    },
    /// A back-channel message from one delegation to another (private to the two and the facilitator).
    Note {
        /// Day.
        day: i64,
        /// Sender.
        from: u8,
        /// Receiver.
        to: u8,
        /// What it says.
        text: String,
        /// The structured offer it carries, if any.
        offer: Option<crate::sim::state::offers::Offer>,
    },
    /// A step of the deal in force changed (owed, begun, late, disputed, done, broken).
    Step {
        /// Day.
        day: i64,
        /// The step's kind (index into the scenario's commitments).
        step: u16,
        /// What happened.
        change: crate::sim::state::deal::StepChange,
    },
    /// The deal as a whole: its schedule drawn up on signing, or its unravelling.
    Deal {
        /// Day.
        day: i64,
        /// What happened.
        text: String,
    },
    /// A back-channel offer was taken up, kept, broken or lapsed.
    Offer {
        /// Day.
        day: i64,
        /// Who made it.
        from: u8,
        /// To whom.
        to: u8,
        /// What it said.
        offer: crate::sim::state::offers::Offer,
        /// How it was settled.
        how: crate::sim::state::offers::Settled,
    },
}

/// The entries of day `day` in a chronicle (kept in day order): found from the end, so that the day just
/// played costs only its own entries.
pub fn of_day(log: &[Entry], day: i64) -> impl Iterator<Item = &Entry> {
    let start = log
        .iter()
        .rposition(|e| e.day().is_some_and(|d| d < day))
        .map_or(0, |k| k + 1);
    log[start..].iter().filter(move |e| e.day() == Some(day))
}

impl Entry {
    /// The day of the entry (background entries report their own, negative, day elsewhere).
    pub fn day(&self) -> Option<i64> {
        match self {
            Entry::Background { .. } => None,
            Entry::Event { day, .. }
            | Entry::Scheduled { day, .. }
            | Entry::Rule { day, .. }
            | Entry::Move { day, .. }
            | Entry::Phase { day, .. }
            | Entry::Verdicts { day, .. }
            | Entry::Refused { day, .. }
            | Entry::Rung { day, .. }
            | Entry::Inject { day, .. }
            | Entry::Note { day, .. }
            | Entry::Step { day, .. }
            | Entry::Deal { day, .. }
            | Entry::Offer { day, .. } => Some(*day),
        }
    }
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum OutcomeKind {
    /// The parties signed an agreement.
    Agreement,
    /// Talks resumed (a session was held) without agreement or escalation.
    Resumed,
    /// No session was held, and nothing escalated.
    Stalled,
    /// The ladder rose during the run and no session followed.
    Escalated,
    /// The ladder reached a rung that ends the run, or the run ended in a walkout.
    Breakdown,
}

impl OutcomeKind {
    /// All kinds, in report order.
    pub const ALL: [OutcomeKind; 5] = [
        OutcomeKind::Resumed,
        OutcomeKind::Agreement,
        OutcomeKind::Stalled,
        OutcomeKind::Escalated,
        OutcomeKind::Breakdown,
    ];
    /// Lower-case name.
    pub fn key(self) -> &'static str {
        match self {
            OutcomeKind::Agreement => "agreement",
            OutcomeKind::Resumed => "resumed",
            OutcomeKind::Stalled => "stalled",
            OutcomeKind::Escalated => "escalated",
            OutcomeKind::Breakdown => "breakdown",
        }
    }
}

/// The end of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// What kind of ending.
    pub kind: OutcomeKind,
    /// The day it was decided.
    pub day: i64,
    /// Why, in a sentence.
    pub reason: String,
    /// For a signed deal carrying steps: how it ended (implemented, partly implemented, unravelled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal: Option<crate::sim::state::deal::DealStatus>,
}
