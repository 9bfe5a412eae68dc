//! Scenario files as written: the RON types (`*File`), the conditions and effects of rules and events, phases,
//! roles and red lines.

use crate::sim::action::ActionKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A scenario file as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct ScenarioFile {
    /// Format version; must be [`FORMAT_VERSION`].
    pub format: u32,
    /// Title, dates and sources.
    pub meta: MetaFile,
    /// The negotiated dimensions.
    pub issues: Vec<IssueFile>,
    /// The delegations.
    pub parties: Vec<PartyFile>,
    /// Trust between pairs of parties.
    pub relations: RelationsFile,
    /// The state of the talks on the start date.
    pub talks: TalksFile,
    /// The escalation ladder.
    pub ladder: LadderFile,
    /// Escalation and de-escalation rules.
    #[serde(default)]
    pub rules: Vec<RuleFile>,
    /// Dated events: before the start they set up the state, later ones happen on their day.
    #[serde(default)]
    pub timeline: Vec<EventFile>,
    /// Events a facilitator may release into a networked class game (`sixparty host`), on the spot or on
    /// a date: prepared here so that they act on the state as the scenario's own events do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub injects: Vec<InjectFile>,
    /// The model's coefficients this scenario changes from their defaults (docs/scenarios.md lists them).
    #[serde(default, skip_serializing_if = "model_is_default")]
    pub model: crate::sim::scenario::model::ModelFile,
    /// What a signed package obliges each party to do, and an agreement already in force: without it, an
    /// agreement ends the run.
    #[serde(
        default,
        skip_serializing_if = "crate::sim::scenario::commitments::CommitmentsFile::is_empty"
    )]
    pub commitments: crate::sim::scenario::commitments::CommitmentsFile,
}

fn model_is_default(m: &crate::sim::scenario::model::ModelFile) -> bool {
    *m == crate::sim::scenario::model::ModelFile::default()
}

/// Scenario metadata.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaFile {
    /// Short id, used in transcripts and saves.
    pub id: String,
    /// Title.
    pub title: String,
    /// A paragraph on the situation.
    pub summary: String,
    /// The first day of the run, `YYYY-MM-DD`.
    pub start: String,
    /// How many days the run lasts at most.
    pub horizon_days: u32,
    /// Sources cited by the file's events and comments.
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    /// What happened in history after the start date: the milestones a run is compared with in reports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub course: Vec<CourseFile>,
    /// How history stood at the horizon, for calibration (`sixparty calibrate` scores the model's outcome
    /// shares against it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<ObservedFile>,
}

/// How history stood on the last day of the run, in the terms of a run's outcome.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservedFile {
    /// The outcome a run ending that way would have.
    pub outcome: ObservedOutcome,
    /// What happened, in a sentence.
    pub text: String,
    /// Source id.
    pub source: String,
    /// How late steps of the deal came in history (for a case with commitments): each scored against the
    /// model's median slippage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slippage: Vec<ObservedSlippage>,
}

/// A step's slippage in history: days from signature to done over days from signature to due.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservedSlippage {
    /// The step's id (in `commitments.steps`).
    pub step: String,
    /// Actual over planned days.
    pub factor: f64,
}

/// The kinds of outcome, as a scenario file names them (the same as a run's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ObservedOutcome {
    /// An agreement was signed by the horizon.
    Agreement,
    /// Talks resumed (a session was held), no agreement, no escalation after it.
    Resumed,
    /// No session was held, and nothing escalated.
    Stalled,
    /// The crisis escalated (a test, or the ladder rose) and no session followed.
    Escalated,
    /// The ladder reached a rung that ends the run, or the talks were left dormant by a walkout.
    Breakdown,
    /// A deal with steps was signed (or in force) and every step was done.
    Implemented,
    /// A deal with steps was in force at the horizon with steps still owed.
    Partly,
    /// A deal with steps was signed (or in force) and unravelled.
    Unravelled,
}

/// A milestone of the historical course after the start date.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    /// Its date, `YYYY-MM-DD`.
    pub date: String,
    /// Which milestone of a run it corresponds to.
    pub milestone: CourseMilestone,
    /// What happened.
    pub text: String,
    /// Source id.
    pub source: String,
}

/// The milestones of a run that history can be compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CourseMilestone {
    /// A date for a session was set.
    DateSet,
    /// The first session opened.
    FirstSession,
    /// An agreement was signed.
    Agreement,
}

impl CourseMilestone {
    /// In words.
    pub fn name(self) -> &'static str {
        match self {
            CourseMilestone::DateSet => "a date is set",
            CourseMilestone::FirstSession => "the talks reconvene",
            CourseMilestone::Agreement => "an agreement is signed",
        }
    }
}

/// One cited source.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// Short id events refer to.
    pub id: String,
    /// The citation.
    pub cite: String,
}

/// One negotiated issue, on a 0–100 scale.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueFile {
    /// Id used by parties and rules.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What 0 means.
    pub low: String,
    /// What 100 means.
    pub high: String,
    /// Where things stand with no deal (0–100): what each party weighs a package against.
    pub status_quo: f64,
}

/// A limit a party will not accept an agreement beyond.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum RedLine {
    /// The agreed value must be at least this.
    AtLeast(f64),
    /// The agreed value must be at most this.
    AtMost(f64),
}

impl RedLine {
    /// Whether `value` respects the red line.
    pub fn allows(self, value: f64) -> bool {
        match self {
            RedLine::AtLeast(x) => value >= x - 1e-9,
            RedLine::AtMost(x) => value <= x + 1e-9,
        }
    }
    /// The bound itself.
    pub fn bound(self) -> f64 {
        match self {
            RedLine::AtLeast(x) | RedLine::AtMost(x) => x,
        }
    }
    /// The red line in words: `at least 45`, `at most 20`.
    pub fn describe(self) -> String {
        match self {
            RedLine::AtLeast(x) => format!("at least {x:.0}"),
            RedLine::AtMost(x) => format!("at most {x:.0}"),
        }
    }
    /// The nearest value to `value` that respects the red line.
    pub fn clamp(self, value: f64) -> f64 {
        match self {
            RedLine::AtLeast(x) => value.max(x),
            RedLine::AtMost(x) => value.min(x),
        }
    }
}

/// A party's stance on one issue.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceFile {
    /// Where the party stands, 0–100.
    pub position: f64,
    /// How much it cares, 0–1.
    pub salience: f64,
    /// What it will not accept.
    #[serde(default)]
    pub red_line: Option<RedLine>,
}

impl StanceFile {
    /// Whether its red line rules `value` out.
    pub fn rules_out(&self, value: f64) -> bool {
        self.red_line.is_some_and(|rl| !rl.allows(value))
    }
}

/// What part a delegation plays at the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// Hosts and chairs the sessions; its call sets a date.
    Host,
    /// Works between the others.
    Mediator,
    /// One of the parties whose dispute the talks are about.
    Principal,
    /// A member with its own agenda.
    Member,
}

impl Role {
    /// Lower-case name.
    pub fn key(self) -> &'static str {
        match self {
            Role::Host => "host",
            Role::Mediator => "mediator",
            Role::Principal => "principal",
            Role::Member => "member",
        }
    }
}

/// How a delegation behaves; each trait 0–1.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doctrine {
    /// Willingness to wait for results before hardening.
    pub patience: f64,
    /// Determination to hold positions and answer pressure in kind.
    pub resolve: f64,
    /// Appetite for risky, escalatory moves.
    pub risk_tolerance: f64,
    /// How far pressure on it makes it bend.
    pub pressure_sensitivity: f64,
    /// How much concessions and slights weigh on it.
    pub face_sensitivity: f64,
    /// Its role at the table.
    pub role: Role,
}

/// A delegation.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyFile {
    /// Id used everywhere else (e.g. `"DPRK"`).
    pub id: String,
    /// Full name.
    pub name: String,
    /// Display colour, `#rrggbb`.
    pub colour: String,
    /// Head of delegation.
    pub head: String,
    /// Weight at the table and in the world, 0–100.
    pub capability: f64,
    /// Pressure on the party on the start date, 0–100.
    #[serde(default)]
    pub pressure: f64,
    /// What the delegation wants, in a sentence or two (for briefs).
    #[serde(default)]
    pub aims: String,
    /// Its stance on every issue, by issue id.
    pub positions: BTreeMap<String, StanceFile>,
    /// How it behaves.
    pub doctrine: Doctrine,
    /// Escalations open to it: military moves (MissileTest, NuclearTest, MilitaryDrill) and steps out of
    /// the process (LeaveTalks, ExpelInspectors, RestartFacility).
    #[serde(default)]
    pub arsenal: Vec<ActionKind>,
    /// Parties it holds sanctions or financial measures against on the start date.
    #[serde(default)]
    pub sanctions_on: Vec<String>,
    /// Whether it stays away from the talks on the start date: no date is set until it comes back by its
    /// own `Attend`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub boycotting: bool,
}

/// Trust between parties.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationsFile {
    /// Trust between pairs not listed, 0–100.
    pub default_trust: f64,
    /// Listed pairs.
    #[serde(default)]
    pub pairs: Vec<PairFile>,
}

/// Trust in both directions between two parties.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairFile {
    /// One party.
    pub a: String,
    /// The other.
    pub b: String,
    /// How far `a` trusts `b`, 0–100.
    pub a_trusts_b: f64,
    /// How far `b` trusts `a`, 0–100.
    pub b_trusts_a: f64,
}

/// The phase of the talks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// No talks and no date.
    Stalled,
    /// Envoys and bilaterals working towards a session.
    Contacts,
    /// A date is set; delegations confirm.
    Preparatory,
    /// The six are at the table.
    InSession,
    /// An agreement has been signed.
    Agreement,
    /// A delegation left the table.
    Walkout,
}

impl Phase {
    /// Every phase.
    pub const ALL: [Phase; 6] = [
        Phase::Stalled,
        Phase::Contacts,
        Phase::Preparatory,
        Phase::InSession,
        Phase::Agreement,
        Phase::Walkout,
    ];
    /// The banner text.
    pub fn banner(self) -> &'static str {
        match self {
            Phase::Stalled => "STALLED",
            Phase::Contacts => "CONTACTS",
            Phase::Preparatory => "PREPARATORY",
            Phase::InSession => "IN SESSION",
            Phase::Agreement => "AGREEMENT",
            Phase::Walkout => "WALKOUT",
        }
    }
    /// snake_case name for JSON.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Stalled => "stalled",
            Phase::Contacts => "contacts",
            Phase::Preparatory => "preparatory",
            Phase::InSession => "in_session",
            Phase::Agreement => "agreement",
            Phase::Walkout => "walkout",
        }
    }
    /// Whether the talks may move from `self` to `to` in one step.
    pub fn may_move_to(self, to: Phase) -> bool {
        use Phase::*;
        matches!(
            (self, to),
            (Stalled, Contacts)
                | (Contacts, Stalled)
                | (Contacts, Preparatory)
                | (Preparatory, Contacts)
                | (Preparatory, Stalled)
                | (Preparatory, InSession)
                | (InSession, Agreement)
                | (Agreement, Stalled)
                | (InSession, Walkout)
                | (InSession, Contacts)
                | (Stalled, Walkout)
                | (Contacts, Walkout)
                | (Preparatory, Walkout)
                | (Walkout, Stalled)
                | (Walkout, Contacts)
        )
    }
}

/// A past session, for the record.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastSessionFile {
    /// Its name, e.g. `Round 4`.
    pub name: String,
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// What came of it.
    pub result: String,
    /// Source id.
    pub source: String,
}

/// The talks on the start date, and the mechanics' thresholds.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TalksFile {
    /// Phase on the start date.
    pub phase: Phase,
    /// The day the last session ended (`YYYY-MM-DD`).
    pub stalled_since: String,
    /// The hosting party, if any.
    #[serde(default)]
    pub host: Option<String>,
    /// Diplomatic momentum on the start date, 0–100.
    pub momentum: f64,
    /// Momentum at which stalled talks move to contacts.
    pub contacts_at: f64,
    /// Momentum at which the host's call sets a date.
    pub prepare_at: f64,
    /// Days from setting a date to the opening.
    pub prep_days: u32,
    /// Days a session lasts at most.
    pub session_days: u32,
    /// Days after a walkout before contacts may resume.
    pub walkout_days: u32,
    /// The margin: how many utility points above its reservation value a package must be worth, credibly,
    /// to a party of middling resolve before it signs (the model's `acceptance` group scales it).
    pub acceptance: f64,
    /// Past sessions.
    #[serde(default)]
    pub history: Vec<PastSessionFile>,
}

/// One rung of the escalation ladder.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RungFile {
    /// Id used by rules.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Actions that raise the ladder to at least this rung.
    #[serde(default)]
    pub raised_by: Vec<ActionKind>,
    /// Reaching this rung ends the run in breakdown.
    #[serde(default)]
    pub ends_run: bool,
}

/// The ladder, lowest rung first.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LadderFile {
    /// Rung id before the first timeline event.
    pub start: String,
    /// Rungs, lowest first.
    pub rungs: Vec<RungFile>,
}

/// A condition of a rule. `P` names a party, `I` an issue, `R` a rung, `D` a date: ids and `YYYY-MM-DD` in
/// files; indices and day offsets from the start once compiled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Condition<P, I, R, D> {
    /// The ladder is at this rung or higher.
    RungAtLeast(R),
    /// The ladder is at this rung or lower.
    RungAtMost(R),
    /// The talks are in this phase.
    PhaseIs(Phase),
    /// The talks are not in this phase.
    PhaseIsNot(Phase),
    /// Days since the last session ended (or since the stall began).
    DaysStalledAtLeast(u32),
    /// Days in the current phase.
    DaysInPhaseAtLeast(u32),
    /// The party made this move within the last `days` days.
    ActedWithin {
        /// Party.
        party: P,
        /// Move.
        action: ActionKind,
        /// Window in days.
        days: u32,
    },
    /// The party has not made this move within the last `days` days.
    NotActedWithin {
        /// Party.
        party: P,
        /// Move.
        action: ActionKind,
        /// Window in days.
        days: u32,
    },
    /// Pressure on the party is at least this.
    PressureAtLeast {
        /// Party.
        party: P,
        /// 0–100.
        value: f64,
    },
    /// Pressure on the party is below this.
    PressureBelow {
        /// Party.
        party: P,
        /// 0–100.
        value: f64,
    },
    /// Trust of `from` in `to` is below this.
    TrustBelow {
        /// Who trusts.
        from: P,
        /// Whom.
        to: P,
        /// 0–100.
        value: f64,
    },
    /// Trust of `from` in `to` is at least this.
    TrustAtLeast {
        /// Who trusts.
        from: P,
        /// Whom.
        to: P,
        /// 0–100.
        value: f64,
    },
    /// The party's position on the issue is at least this.
    PositionAtLeast {
        /// Party.
        party: P,
        /// Issue.
        issue: I,
        /// 0–100.
        value: f64,
    },
    /// The party's position on the issue is at most this.
    PositionAtMost {
        /// Party.
        party: P,
        /// Issue.
        issue: I,
        /// 0–100.
        value: f64,
    },
    /// `by` holds sanctions on `on`.
    Sanctioning {
        /// The sanctioning party.
        by: P,
        /// The sanctioned party.
        on: P,
    },
    /// `by` holds no sanctions on `on`.
    NotSanctioning {
        /// The party.
        by: P,
        /// The other party.
        on: P,
    },
    /// Momentum is at least this.
    MomentumAtLeast(f64),
    /// Momentum is below this.
    MomentumBelow(f64),
    /// The date is this day or later (`YYYY-MM-DD`; in files a string).
    OnOrAfter(D),
    /// The date is before this day.
    Before(D),
    /// At least this many sessions have been held in the run.
    SessionsAtLeast(u32),
}

/// What a rule or event does. Same type parameters as [`Condition`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Effect<P, I, R> {
    /// Moves the ladder up (positive) or down (negative) by rungs.
    MoveRung(i32),
    /// Sets the ladder to a rung.
    SetRung(R),
    /// Moves the talks to a phase (only along allowed edges; otherwise nothing happens).
    SetPhase(Phase),
    /// Shifts a party's ideal point on an issue (what it wants, as opposed to what it offers): a new
    /// government, a shifted red line. Kept within 0–100 and its red line.
    ShiftIdeal {
        /// Party.
        party: P,
        /// Issue.
        issue: I,
        /// Points.
        by: f64,
    },
    /// Shifts a party's stated position (its offer) on an issue (kept within 0–100 and its red line).
    ShiftPosition {
        /// Party.
        party: P,
        /// Issue.
        issue: I,
        /// Points.
        by: f64,
    },
    /// Shifts trust of `from` in `to`.
    ShiftTrust {
        /// Who trusts.
        from: P,
        /// Whom.
        to: P,
        /// Points.
        by: f64,
    },
    /// Shifts the pressure on a party.
    ShiftPressure {
        /// Party.
        party: P,
        /// Points.
        by: f64,
    },
    /// Shifts diplomatic momentum.
    ShiftMomentum(f64),
    /// `by` imposes sanctions on `on`.
    StartSanctions {
        /// Sanctioning party.
        by: P,
        /// Sanctioned party.
        on: P,
    },
    /// `by` lifts its sanctions on `on`.
    EndSanctions {
        /// Sanctioning party.
        by: P,
        /// Sanctioned party.
        on: P,
    },
    /// A party suspends its part in the talks: it boycotts, a session in progress fails, and the talks go
    /// dormant (`Walkout`) until it chooses to attend again. The others cannot end it.
    StayAway(P),
    /// Something happens `in_days` days later.
    Schedule {
        /// Delay in days (at least 1).
        in_days: u32,
        /// What the chronicle says.
        text: String,
        /// What it does.
        effects: Vec<Effect<P, I, R>>,
    },
}

/// A rule as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Id cited in reasons.
    pub id: String,
    /// What the rule stands for, in a sentence (shown when it fires).
    pub text: String,
    /// All must hold.
    pub when: Vec<Condition<String, String, String, String>>,
    /// Applied in order when it fires.
    pub then: Vec<Effect<String, String, String>>,
    /// Chance of firing on a day when all conditions hold, 0–1.
    pub probability: f64,
    /// Days after firing before it may fire again.
    #[serde(default)]
    pub cooldown_days: u32,
}

/// An inject as written: an event a facilitator may release.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjectFile {
    /// Short id the facilitator releases it by.
    pub id: String,
    /// A few words for the facilitator's list.
    pub title: String,
    /// What happened, as the chronicle and every delegation read it.
    pub text: String,
    /// What it does to the state.
    #[serde(default)]
    pub effects: Vec<Effect<String, String, String>>,
}

/// A dated event as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// What happened.
    pub text: String,
    /// Source id from `meta.sources`.
    pub source: String,
    /// Who acted, if one party did.
    #[serde(default)]
    pub actor: Option<String>,
    /// What kind of move it was, for rules that look at recent moves.
    #[serde(default)]
    pub action: Option<ActionKind>,
    /// Whether the seed article reports it.
    #[serde(default)]
    pub article: bool,
    /// What it does to the state.
    #[serde(default)]
    pub effects: Vec<Effect<String, String, String>>,
}
