//! Scenario files: the RON format (`*File` types, as written), its validation, and the compiled form the
//! engine runs on (ids resolved to indices). Nothing about any particular party is known here.

use super::action::ActionKind;
use super::date::Date;
use super::diag::{Diagnostic, Diagnostics};
use super::locate::SourceMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The scenario format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// The default scenario (8 November 2006), embedded so that the binary works from any directory.
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/nov2006.ron");
/// The name under which the embedded default scenario is reported.
pub const DEFAULT_SCENARIO_NAME: &str = "<embedded default: scenarios/nov2006.ron>";

// ---------------------------------------------------------------------------------------------------
// The file format
// ---------------------------------------------------------------------------------------------------

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
    /// Military moves open to it.
    #[serde(default)]
    pub arsenal: Vec<ActionKind>,
    /// Parties it holds sanctions or financial measures against on the start date.
    #[serde(default)]
    pub sanctions_on: Vec<String>,
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
                | (InSession, Walkout)
                | (InSession, Contacts)
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
    /// The credible gain over the status quo (0–100) a party of middling resolve needs before it signs.
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
    /// Shifts a party's position on an issue (kept within 0–100 and its red line).
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

// ---------------------------------------------------------------------------------------------------
// The compiled form
// ---------------------------------------------------------------------------------------------------

/// A compiled condition.
pub type Cond = Condition<u8, u8, u8, i64>;
/// A compiled effect.
pub type Eff = Effect<u8, u8, u8>;

/// A party, compiled.
#[derive(Clone, Debug)]
pub struct Party {
    /// Id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Colour as RGB.
    pub colour: [u8; 3],
    /// Head of delegation.
    pub head: String,
    /// 0–100.
    pub capability: f64,
    /// Pressure at the start, 0–100.
    pub pressure: f64,
    /// Aims, for briefs.
    pub aims: String,
    /// Stance per issue, by issue index.
    pub stances: Vec<StanceFile>,
    /// Doctrine.
    pub doctrine: Doctrine,
    /// Military moves open to it.
    pub arsenal: Vec<ActionKind>,
    /// Whom it sanctions at the start (by index).
    pub sanctions_on: Vec<u8>,
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Id.
    pub id: String,
    /// Sentence shown when it fires.
    pub text: String,
    /// Conditions.
    pub when: Vec<Cond>,
    /// Effects.
    pub then: Vec<Eff>,
    /// Daily chance.
    pub probability: f64,
    /// Cooldown in days.
    pub cooldown_days: u32,
}

/// A compiled timeline event.
#[derive(Clone, Debug)]
pub struct Event {
    /// Its date.
    pub date: Date,
    /// Days from the start (negative before it).
    pub day: i64,
    /// What happened.
    pub text: String,
    /// Source id.
    pub source: String,
    /// Acting party.
    pub actor: Option<u8>,
    /// Kind of move.
    pub action: Option<ActionKind>,
    /// Reported in the seed article.
    pub article: bool,
    /// Effects.
    pub effects: Vec<Eff>,
}

/// A rung, compiled.
#[derive(Clone, Debug)]
pub struct Rung {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Actions that raise the ladder to at least this rung.
    pub raised_by: Vec<ActionKind>,
    /// Reaching it ends the run.
    pub ends_run: bool,
}

/// A scenario ready to run: every id resolved, every value checked.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The file as written (kept for briefs, saves and what-ifs).
    pub file: ScenarioFile,
    /// Start date.
    pub start: Date,
    /// Horizon in days.
    pub horizon_days: u32,
    /// Parties.
    pub parties: Vec<Party>,
    /// Initial trust, `trust[from][to]`.
    pub trust: Vec<Vec<f64>>,
    /// Date the last session ended.
    pub stalled_since: Date,
    /// Hosting party.
    pub host: Option<u8>,
    /// Rungs, lowest first.
    pub rungs: Vec<Rung>,
    /// Rung before the first event.
    pub start_rung: u8,
    /// Rules.
    pub rules: Vec<Rule>,
    /// Events sorted by date (stable for equal dates).
    pub timeline: Vec<Event>,
    /// The historical course after the start: (day, milestone, what happened).
    pub course: Vec<(i64, CourseMilestone, String)>,
}

impl Scenario {
    /// Index of the party with this id.
    pub fn party_index(&self, id: &str) -> Option<u8> {
        self.parties
            .iter()
            .position(|p| p.id == id)
            .map(|i| i as u8)
    }
    /// Index of the issue with this id.
    pub fn issue_index(&self, id: &str) -> Option<u8> {
        self.file
            .issues
            .iter()
            .position(|p| p.id == id)
            .map(|i| i as u8)
    }
    /// Number of issues.
    pub fn issue_count(&self) -> usize {
        self.file.issues.len()
    }
    /// The date of day `day`.
    pub fn date_of(&self, day: i64) -> Date {
        self.start.plus(day)
    }
}

// ---------------------------------------------------------------------------------------------------
// Loading and validation
// ---------------------------------------------------------------------------------------------------

/// Collects problems with their paths, then places them in the file.
pub(crate) struct Checker<'a> {
    file: &'a str,
    map: &'a SourceMap,
    problems: Vec<(String, String)>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(file: &'a str, map: &'a SourceMap) -> Self {
        Checker {
            file,
            map,
            problems: Vec::new(),
        }
    }
    pub(crate) fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push((path.into(), message.into()));
    }
    pub(crate) fn range(&mut self, path: String, value: f64, lo: f64, hi: f64) {
        if !value.is_finite() || value < lo || value > hi {
            self.err(
                path,
                format!("{value} is out of range; expected a number from {lo} to {hi}"),
            );
        }
    }
    pub(crate) fn finish(self) -> Result<(), Diagnostics> {
        if self.problems.is_empty() {
            return Ok(());
        }
        let mut out: Vec<Diagnostic> = self
            .problems
            .into_iter()
            .map(|(path, message)| {
                let pos = self
                    .map
                    .locate(&path)
                    .unwrap_or(super::locate::Pos { line: 1, col: 1 });
                Diagnostic {
                    file: self.file.to_string(),
                    line: pos.line,
                    col: pos.col,
                    path,
                    message,
                }
            })
            .collect();
        out.sort_by_key(|d| (d.line, d.col));
        Err(Diagnostics(out))
    }
}

/// Parses RON into `T`, turning a syntax or shape error into a located diagnostic, and refusing keys written
/// twice (serde would silently keep the last).
pub(crate) fn parse_ron<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    map: &SourceMap,
    kind: &str,
) -> Result<T, Diagnostics> {
    if let Some(d) = map.duplicates.first() {
        return Err(Diagnostics(vec![Diagnostic {
            file: file.to_string(),
            line: d.at.line,
            col: d.at.col,
            path: d.path.clone(),
            message: format!(
                "written twice (first at line {}, column {}); each key may appear once",
                d.first.line, d.first.col
            ),
        }]));
    }
    ron::Options::default().from_str::<T>(text).map_err(|e| {
        let pos = skip_blank(
            text,
            super::locate::Pos {
                line: e.span.start.line,
                col: e.span.start.col,
            },
        );
        let path = map.path_at(pos).unwrap_or("").to_string();
        let message = match &e.code {
            ron::Error::MissingStructField { field, .. } => {
                let owner =
                    path.trim_end_matches(|c: char| c.is_ascii_digit() || c == '[' || c == ']');
                if owner.is_empty() {
                    format!("missing field `{field}`; every {kind} file needs it")
                } else {
                    format!("missing field `{field}`; every entry of `{owner}` needs it")
                }
            }
            other => drop_type_names(&other.to_string()),
        };
        Diagnostics(vec![Diagnostic {
            file: file.to_string(),
            line: pos.line,
            col: pos.col,
            path,
            message,
        }])
    })
}

/// Moves a position past blanks, so that it points at the value the parser stopped before.
fn skip_blank(text: &str, pos: super::locate::Pos) -> super::locate::Pos {
    let Some(line) = text.lines().nth(pos.line.saturating_sub(1)) else {
        return pos;
    };
    let skipped = line
        .chars()
        .skip(pos.col.saturating_sub(1))
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    if pos.col - 1 + skipped < line.chars().count() {
        super::locate::Pos {
            line: pos.line,
            col: pos.col + skipped,
        }
    } else {
        pos
    }
}

/// Removes Rust type names (` in `PartyFile``) from RON's messages: the path already says where.
fn drop_type_names(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(at) = out.find(" in `") {
        let rest = &out[at + 5..];
        let Some(end) = rest.find('`') else { break };
        if rest[..end].ends_with("File") {
            out.replace_range(at..at + 5 + end + 1, "");
        } else {
            break;
        }
    }
    out
}

/// Parses a colour written `#rrggbb`.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// Loads a scenario from its text; `file` names it in messages.
pub fn load_scenario(file: &str, text: &str) -> Result<Scenario, Diagnostics> {
    let map = SourceMap::scan(text);
    let raw: ScenarioFile = parse_ron(file, text, &map, "scenario")?;
    compile(file, &map, raw)
}

/// Reads and loads a scenario file from disk.
pub fn read_scenario(path: &std::path::Path) -> Result<Scenario, Diagnostics> {
    let name = path.display().to_string();
    let text = super::read_text(path)?;
    load_scenario(&name, &text)
}

/// The embedded default scenario's id, without loading it.
pub fn default_scenario_id() -> &'static str {
    "nov2006"
}

/// The embedded default scenario.
pub fn default_scenario() -> Scenario {
    load_scenario(DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO).unwrap_or_else(|e| {
        panic!("the embedded default scenario is invalid (a build defect):\n{e}")
    })
}

/// Validates a parsed file and resolves it; `map` places the problems.
pub fn compile(file: &str, map: &SourceMap, raw: ScenarioFile) -> Result<Scenario, Diagnostics> {
    let mut c = Checker::new(file, map);
    if raw.format != FORMAT_VERSION {
        c.err(
            "format",
            format!(
                "unknown scenario format version {}; this build reads version {FORMAT_VERSION}",
                raw.format
            ),
        );
        return Err(c.finish().expect_err("an error was recorded"));
    }

    // Meta.
    let start_ok = Date::parse(&raw.meta.start);
    let start = match &start_ok {
        Ok(d) => *d,
        Err(e) => {
            c.err("meta.start", e.clone());
            Date::from_ymd(2000, 1, 1).expect("valid date")
        }
    };
    if raw.meta.horizon_days == 0 || raw.meta.horizon_days > 3650 {
        c.err(
            "meta.horizon_days",
            format!(
                "{} is out of range; expected a number of days from 1 to 3650",
                raw.meta.horizon_days
            ),
        );
    }
    if raw.meta.id.trim().is_empty() {
        c.err(
            "meta.id",
            "is empty; expected a short id such as \"nov2006\"",
        );
    }
    let mut source_ids: Vec<&str> = Vec::new();
    for (i, s) in raw.meta.sources.iter().enumerate() {
        if source_ids.contains(&s.id.as_str()) {
            c.err(
                format!("meta.sources[{i}].id"),
                format!("duplicate source id `{}`", s.id),
            );
        }
        source_ids.push(&s.id);
    }

    // Issues.
    if raw.issues.is_empty() {
        c.err(
            "issues",
            "no issues; expected at least one negotiated issue",
        );
    }
    if raw.issues.len() > 32 {
        c.err(
            "issues",
            "more than 32 issues; this build supports at most 32",
        );
    }
    let mut issue_ids: Vec<&str> = Vec::new();
    for (i, is) in raw.issues.iter().enumerate() {
        if issue_ids.contains(&is.id.as_str()) {
            c.err(
                format!("issues[{i}].id"),
                format!("duplicate issue id `{}`", is.id),
            );
        }
        c.range(format!("issues[{i}].status_quo"), is.status_quo, 0.0, 100.0);
        issue_ids.push(&is.id);
    }

    // Parties.
    if raw.parties.len() < 2 {
        c.err(
            "parties",
            "fewer than two parties; a negotiation needs at least two",
        );
    }
    if raw.parties.len() > 16 {
        c.err(
            "parties",
            "more than 16 parties; this build supports at most 16",
        );
    }
    let mut party_ids: Vec<&str> = Vec::new();
    for (i, p) in raw.parties.iter().enumerate() {
        if party_ids.contains(&p.id.as_str()) {
            c.err(
                format!("parties[{i}].id"),
                format!("duplicate party id `{}`", p.id),
            );
        }
        party_ids.push(&p.id);
    }
    let pidx = |id: &str| party_ids.iter().position(|p| *p == id).map(|i| i as u8);
    let iidx = |id: &str| issue_ids.iter().position(|p| *p == id).map(|i| i as u8);
    let rung_ids: Vec<&str> = raw.ladder.rungs.iter().map(|r| r.id.as_str()).collect();
    let ridx = |id: &str| rung_ids.iter().position(|p| *p == id).map(|i| i as u8);

    let mut parties = Vec::new();
    for (i, p) in raw.parties.iter().enumerate() {
        let base = format!("parties[{i}]");
        let colour = parse_colour(&p.colour).unwrap_or_else(|| {
            c.err(
                format!("{base}.colour"),
                format!(
                    "`{}` is not a colour; expected #rrggbb, e.g. \"#1f77b4\"",
                    p.colour
                ),
            );
            [128, 128, 128]
        });
        c.range(format!("{base}.capability"), p.capability, 0.0, 100.0);
        c.range(format!("{base}.pressure"), p.pressure, 0.0, 100.0);
        let d = &p.doctrine;
        for (name, v) in [
            ("patience", d.patience),
            ("resolve", d.resolve),
            ("risk_tolerance", d.risk_tolerance),
            ("pressure_sensitivity", d.pressure_sensitivity),
            ("face_sensitivity", d.face_sensitivity),
        ] {
            c.range(format!("{base}.doctrine.{name}"), v, 0.0, 1.0);
        }
        for key in p.positions.keys() {
            if iidx(key).is_none() {
                c.err(
                    format!("{base}.positions.{key}"),
                    format!(
                        "unknown issue `{key}`; expected one of: {}",
                        distinct(&issue_ids)
                    ),
                );
            }
        }
        let mut stances = Vec::new();
        for is in &raw.issues {
            let path = format!("{base}.positions.{}", is.id);
            match p.positions.get(&is.id) {
                None => {
                    c.err(
                        format!("{base}.positions"),
                        format!("party `{}` has no position on issue `{}`", p.id, is.id),
                    );
                    stances.push(StanceFile {
                        position: 50.0,
                        salience: 0.0,
                        red_line: None,
                    });
                }
                Some(s) => {
                    c.range(format!("{path}.position"), s.position, 0.0, 100.0);
                    c.range(format!("{path}.salience"), s.salience, 0.0, 1.0);
                    if let Some(rl) = s.red_line {
                        c.range(format!("{path}.red_line"), rl.bound(), 0.0, 100.0);
                        if !rl.allows(s.position) {
                            c.err(
                                format!("{path}.red_line"),
                                format!(
                                    "red line {rl:?} contradicts the party's own position {}; a party must accept its own position",
                                    s.position
                                ),
                            );
                        }
                    }
                    stances.push(s.clone());
                }
            }
        }
        for (k, a) in p.arsenal.iter().enumerate() {
            if !a.is_military() {
                c.err(
                    format!("{base}.arsenal[{k}]"),
                    format!("{a:?} is not a military move; expected MissileTest, NuclearTest or MilitaryDrill"),
                );
            }
        }
        let mut sanctions_on = Vec::new();
        for (k, s) in p.sanctions_on.iter().enumerate() {
            match pidx(s) {
                Some(j) if j as usize == i => c.err(
                    format!("{base}.sanctions_on[{k}]"),
                    "a party cannot sanction itself",
                ),
                Some(j) => sanctions_on.push(j),
                None => c.err(
                    format!("{base}.sanctions_on[{k}]"),
                    unknown_party(s, &party_ids),
                ),
            }
        }
        parties.push(Party {
            id: p.id.clone(),
            name: p.name.clone(),
            colour,
            head: p.head.clone(),
            capability: p.capability,
            pressure: p.pressure,
            aims: p.aims.clone(),
            stances,
            doctrine: p.doctrine.clone(),
            arsenal: p.arsenal.clone(),
            sanctions_on,
        });
    }

    // Relations.
    let n = raw.parties.len();
    c.range(
        "relations.default_trust".into(),
        raw.relations.default_trust,
        0.0,
        100.0,
    );
    let mut trust = vec![vec![raw.relations.default_trust; n]; n];
    for (i, row) in trust.iter_mut().enumerate() {
        row[i] = 100.0;
    }
    let mut seen_pairs: Vec<(u8, u8)> = Vec::new();
    for (k, pr) in raw.relations.pairs.iter().enumerate() {
        let base = format!("relations.pairs[{k}]");
        let a = pidx(&pr.a);
        let b = pidx(&pr.b);
        if a.is_none() {
            c.err(format!("{base}.a"), unknown_party(&pr.a, &party_ids));
        }
        if b.is_none() {
            c.err(format!("{base}.b"), unknown_party(&pr.b, &party_ids));
        }
        c.range(format!("{base}.a_trusts_b"), pr.a_trusts_b, 0.0, 100.0);
        c.range(format!("{base}.b_trusts_a"), pr.b_trusts_a, 0.0, 100.0);
        if let (Some(a), Some(b)) = (a, b) {
            if a == b {
                c.err(
                    format!("{base}.b"),
                    "a party's trust in itself is not a relation",
                );
            } else if seen_pairs.contains(&(a.min(b), a.max(b))) {
                c.err(
                    base.clone(),
                    format!("the pair {} / {} is listed twice", pr.a, pr.b),
                );
            } else {
                seen_pairs.push((a.min(b), a.max(b)));
                trust[a as usize][b as usize] = pr.a_trusts_b;
                trust[b as usize][a as usize] = pr.b_trusts_a;
            }
        }
    }

    // Talks.
    let t = &raw.talks;
    let stalled_since = Date::parse(&t.stalled_since).unwrap_or_else(|e| {
        c.err("talks.stalled_since", e);
        start
    });
    let host = t.host.as_ref().and_then(|h| {
        let i = pidx(h);
        if i.is_none() {
            c.err("talks.host", unknown_party(h, &party_ids));
        }
        i
    });
    if t.phase == Phase::Agreement {
        c.err(
            "talks.phase",
            "a run cannot start in Agreement; expected Stalled, Contacts, Preparatory, InSession or Walkout",
        );
    }
    c.range("talks.momentum".into(), t.momentum, 0.0, 100.0);
    c.range("talks.contacts_at".into(), t.contacts_at, 0.0, 100.0);
    c.range("talks.prepare_at".into(), t.prepare_at, 0.0, 100.0);
    c.range("talks.acceptance".into(), t.acceptance, 0.0, 100.0);
    if t.prepare_at < t.contacts_at {
        c.err(
            "talks.prepare_at",
            format!(
                "{} is below contacts_at ({}); a date can only be set once contacts have begun",
                t.prepare_at, t.contacts_at
            ),
        );
    }
    for (name, v) in [
        ("prep_days", t.prep_days),
        ("session_days", t.session_days),
        ("walkout_days", t.walkout_days),
    ] {
        if v == 0 || v > 365 {
            c.err(
                format!("talks.{name}"),
                format!("{v} is out of range; expected a number of days from 1 to 365"),
            );
        }
    }
    for (k, h) in t.history.iter().enumerate() {
        for (field, v) in [("from", &h.from), ("to", &h.to)] {
            if let Err(e) = Date::parse(v) {
                c.err(format!("talks.history[{k}].{field}"), e);
            }
        }
        check_source(
            &mut c,
            format!("talks.history[{k}].source"),
            &h.source,
            &source_ids,
        );
    }

    // Ladder.
    if raw.ladder.rungs.len() > 64 {
        c.err(
            "ladder.rungs",
            "more than 64 rungs; this build supports at most 64",
        );
    }
    if raw.rules.len() > 10_000 {
        c.err(
            "rules",
            "more than 10000 rules; this build supports at most 10000",
        );
    }
    if raw.timeline.len() > 10_000 {
        c.err(
            "timeline",
            "more than 10000 events; this build supports at most 10000",
        );
    }
    if raw.ladder.rungs.is_empty() {
        c.err(
            "ladder.rungs",
            "the ladder has no rungs; expected at least one, lowest first",
        );
    }
    let mut seen_rungs: Vec<&str> = Vec::new();
    for (k, r) in raw.ladder.rungs.iter().enumerate() {
        if seen_rungs.contains(&r.id.as_str()) {
            c.err(
                format!("ladder.rungs[{k}].id"),
                format!("duplicate rung id `{}`", r.id),
            );
        }
        seen_rungs.push(&r.id);
    }
    let start_rung = ridx(&raw.ladder.start).unwrap_or_else(|| {
        if !raw.ladder.rungs.is_empty() {
            c.err(
                "ladder.start",
                format!(
                    "unknown rung `{}`; expected one of: {}",
                    raw.ladder.start,
                    rung_ids.join(", ")
                ),
            );
        }
        0
    });

    let resolver = Resolver {
        parties: &party_ids,
        issues: &issue_ids,
        rungs: &rung_ids,
        start,
    };

    // Rules.
    let mut rules = Vec::new();
    let mut rule_ids: Vec<&str> = Vec::new();
    for (k, r) in raw.rules.iter().enumerate() {
        let base = format!("rules[{k}]");
        if rule_ids.contains(&r.id.as_str()) {
            c.err(
                format!("{base}.id"),
                format!("duplicate rule id `{}`", r.id),
            );
        }
        rule_ids.push(&r.id);
        c.range(format!("{base}.probability"), r.probability, 0.0, 1.0);
        if r.then.is_empty() {
            c.err(
                format!("{base}.then"),
                "a rule with no effects does nothing; expected at least one effect",
            );
        }
        let when = r
            .when
            .iter()
            .enumerate()
            .filter_map(|(j, cond)| resolver.condition(&mut c, format!("{base}.when[{j}]"), cond))
            .collect();
        let then = resolver.effects(&mut c, &format!("{base}.then"), &r.then);
        rules.push(Rule {
            id: r.id.clone(),
            text: r.text.clone(),
            when,
            then,
            probability: r.probability,
            cooldown_days: r.cooldown_days,
        });
    }

    // Timeline.
    let end = start.plus(raw.meta.horizon_days as i64);
    let mut timeline = Vec::new();
    for (k, e) in raw.timeline.iter().enumerate() {
        let base = format!("timeline[{k}]");
        let date = match Date::parse(&e.date) {
            Ok(d) => d,
            Err(msg) => {
                c.err(format!("{base}.date"), msg);
                continue;
            }
        };
        if date > end && start_ok.is_ok() {
            c.err(
                format!("{base}.date"),
                format!(
                    "{date} is after the run ends ({end}, day {}); expected a date on or before the horizon",
                    raw.meta.horizon_days
                ),
            );
        }
        check_source(&mut c, format!("{base}.source"), &e.source, &source_ids);
        let actor = e.actor.as_ref().and_then(|a| {
            let i = pidx(a);
            if i.is_none() {
                c.err(format!("{base}.actor"), unknown_party(a, &party_ids));
            }
            i
        });
        let effects = resolver.effects(&mut c, &format!("{base}.effects"), &e.effects);
        timeline.push(Event {
            date,
            day: date.days_since(start),
            text: e.text.clone(),
            source: e.source.clone(),
            actor,
            action: e.action,
            article: e.article,
            effects,
        });
    }
    timeline.sort_by_key(|e| e.date);

    // The historical course.
    let mut course = Vec::new();
    for (k, m) in raw.meta.course.iter().enumerate() {
        let base = format!("meta.course[{k}]");
        check_source(&mut c, format!("{base}.source"), &m.source, &source_ids);
        match Date::parse(&m.date) {
            Ok(d) if start_ok.is_ok() && (d < start || d > end) => c.err(
                format!("{base}.date"),
                format!("{d} is outside the run ({start} to {end}); the course lists what happened after the start"),
            ),
            Ok(d) => course.push((d.days_since(start), m.milestone, m.text.clone())),
            Err(msg) => c.err(format!("{base}.date"), msg),
        }
        if raw.meta.course[..k]
            .iter()
            .any(|o| o.milestone == m.milestone)
        {
            c.err(
                format!("{base}.milestone"),
                "listed twice; each milestone appears once in the course",
            );
        }
    }

    c.finish()?;
    let rungs = raw
        .ladder
        .rungs
        .iter()
        .map(|r| Rung {
            id: r.id.clone(),
            name: r.name.clone(),
            raised_by: r.raised_by.clone(),
            ends_run: r.ends_run,
        })
        .collect();
    Ok(Scenario {
        start,
        horizon_days: raw.meta.horizon_days,
        parties,
        trust,
        stalled_since,
        host,
        rungs,
        start_rung,
        rules,
        timeline,
        course,
        file: raw,
    })
}

fn unknown_party(id: &str, known: &[&str]) -> String {
    format!("unknown party `{id}`; expected one of: {}", distinct(known))
}

/// The ids, each once, in order.
fn distinct(ids: &[&str]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for id in ids {
        if !seen.contains(id) {
            seen.push(id);
        }
    }
    seen.join(", ")
}

fn check_source(c: &mut Checker, path: String, id: &str, known: &[&str]) {
    if !known.contains(&id) {
        c.err(
            path,
            format!(
                "unknown source `{id}`; expected an id from meta.sources ({})",
                if known.is_empty() {
                    "none declared".to_string()
                } else {
                    known.join(", ")
                }
            ),
        );
    }
}

struct Resolver<'a> {
    parties: &'a [&'a str],
    issues: &'a [&'a str],
    rungs: &'a [&'a str],
    start: Date,
}

impl Resolver<'_> {
    fn party(&self, c: &mut Checker, path: String, id: &str) -> Option<u8> {
        let i = self.parties.iter().position(|p| *p == id).map(|i| i as u8);
        if i.is_none() {
            c.err(path, unknown_party(id, self.parties));
        }
        i
    }
    fn issue(&self, c: &mut Checker, path: String, id: &str) -> Option<u8> {
        let i = self.issues.iter().position(|p| *p == id).map(|i| i as u8);
        if i.is_none() {
            c.err(
                path,
                format!(
                    "unknown issue `{id}`; expected one of: {}",
                    self.issues.join(", ")
                ),
            );
        }
        i
    }
    fn rung(&self, c: &mut Checker, path: String, id: &str) -> Option<u8> {
        let i = self.rungs.iter().position(|p| *p == id).map(|i| i as u8);
        // With no rungs at all, the ladder's own error says it; each reference would only repeat it.
        if i.is_none() && !self.rungs.is_empty() {
            c.err(
                path,
                format!(
                    "unknown rung `{id}`; expected one of: {}",
                    self.rungs.join(", ")
                ),
            );
        }
        i
    }
    fn date(&self, c: &mut Checker, path: String, text: &str) -> Option<i64> {
        match Date::parse(text) {
            Ok(d) => Some(d.days_since(self.start)),
            Err(e) => {
                c.err(path, e);
                None
            }
        }
    }

    fn condition(
        &self,
        c: &mut Checker,
        path: String,
        cond: &Condition<String, String, String, String>,
    ) -> Option<Cond> {
        use Condition::*;
        let p = |field: &str| format!("{path}.{field}");
        Some(match cond {
            RungAtLeast(r) => RungAtLeast(self.rung(c, path.clone(), r)?),
            RungAtMost(r) => RungAtMost(self.rung(c, path.clone(), r)?),
            PhaseIs(ph) => PhaseIs(*ph),
            PhaseIsNot(ph) => PhaseIsNot(*ph),
            DaysStalledAtLeast(d) => DaysStalledAtLeast(*d),
            DaysInPhaseAtLeast(d) => DaysInPhaseAtLeast(*d),
            ActedWithin {
                party,
                action,
                days,
            } => ActedWithin {
                party: self.party(c, p("party"), party)?,
                action: *action,
                days: *days,
            },
            NotActedWithin {
                party,
                action,
                days,
            } => NotActedWithin {
                party: self.party(c, p("party"), party)?,
                action: *action,
                days: *days,
            },
            PressureAtLeast { party, value } => {
                c.range(p("value"), *value, 0.0, 100.0);
                PressureAtLeast {
                    party: self.party(c, p("party"), party)?,
                    value: *value,
                }
            }
            PressureBelow { party, value } => {
                c.range(p("value"), *value, 0.0, 100.0);
                PressureBelow {
                    party: self.party(c, p("party"), party)?,
                    value: *value,
                }
            }
            TrustBelow { from, to, value } => {
                c.range(p("value"), *value, 0.0, 100.0);
                let (f, t) = (self.party(c, p("from"), from), self.party(c, p("to"), to));
                TrustBelow {
                    from: f?,
                    to: t?,
                    value: *value,
                }
            }
            TrustAtLeast { from, to, value } => {
                c.range(p("value"), *value, 0.0, 100.0);
                let (f, t) = (self.party(c, p("from"), from), self.party(c, p("to"), to));
                TrustAtLeast {
                    from: f?,
                    to: t?,
                    value: *value,
                }
            }
            PositionAtLeast {
                party,
                issue,
                value,
            } => {
                c.range(p("value"), *value, 0.0, 100.0);
                let (a, i) = (
                    self.party(c, p("party"), party),
                    self.issue(c, p("issue"), issue),
                );
                PositionAtLeast {
                    party: a?,
                    issue: i?,
                    value: *value,
                }
            }
            PositionAtMost {
                party,
                issue,
                value,
            } => {
                c.range(p("value"), *value, 0.0, 100.0);
                let (a, i) = (
                    self.party(c, p("party"), party),
                    self.issue(c, p("issue"), issue),
                );
                PositionAtMost {
                    party: a?,
                    issue: i?,
                    value: *value,
                }
            }
            Sanctioning { by, on } => {
                let (b, o) = (self.party(c, p("by"), by), self.party(c, p("on"), on));
                Sanctioning { by: b?, on: o? }
            }
            NotSanctioning { by, on } => {
                let (b, o) = (self.party(c, p("by"), by), self.party(c, p("on"), on));
                NotSanctioning { by: b?, on: o? }
            }
            MomentumAtLeast(v) => {
                c.range(path.clone(), *v, 0.0, 100.0);
                MomentumAtLeast(*v)
            }
            MomentumBelow(v) => {
                c.range(path.clone(), *v, 0.0, 100.0);
                MomentumBelow(*v)
            }
            // Compiled dates are day offsets from the start.
            OnOrAfter(d) => OnOrAfter(self.date(c, path.clone(), d)?),
            Before(d) => Before(self.date(c, path.clone(), d)?),
            SessionsAtLeast(n) => SessionsAtLeast(*n),
        })
    }

    fn effects(
        &self,
        c: &mut Checker,
        base: &str,
        effects: &[Effect<String, String, String>],
    ) -> Vec<Eff> {
        effects
            .iter()
            .enumerate()
            .filter_map(|(j, e)| self.effect(c, format!("{base}[{j}]"), e))
            .collect()
    }

    fn effect(
        &self,
        c: &mut Checker,
        path: String,
        e: &Effect<String, String, String>,
    ) -> Option<Eff> {
        use Effect::*;
        let p = |field: &str| format!("{path}.{field}");
        let finite = |c: &mut Checker, path: String, v: f64| c.range(path, v, -100.0, 100.0);
        Some(match e {
            MoveRung(n) => MoveRung(*n),
            SetRung(r) => SetRung(self.rung(c, path.clone(), r)?),
            SetPhase(ph) => {
                if *ph == Phase::Agreement {
                    c.err(
                        path.clone(),
                        "only the parties can reach an agreement; a rule or event cannot set it",
                    );
                    return None;
                }
                SetPhase(*ph)
            }
            ShiftPosition { party, issue, by } => {
                finite(c, p("by"), *by);
                let (a, i) = (
                    self.party(c, p("party"), party),
                    self.issue(c, p("issue"), issue),
                );
                ShiftPosition {
                    party: a?,
                    issue: i?,
                    by: *by,
                }
            }
            ShiftTrust { from, to, by } => {
                finite(c, p("by"), *by);
                let (f, t) = (self.party(c, p("from"), from), self.party(c, p("to"), to));
                ShiftTrust {
                    from: f?,
                    to: t?,
                    by: *by,
                }
            }
            ShiftPressure { party, by } => {
                finite(c, p("by"), *by);
                ShiftPressure {
                    party: self.party(c, p("party"), party)?,
                    by: *by,
                }
            }
            ShiftMomentum(by) => {
                finite(c, path.clone(), *by);
                ShiftMomentum(*by)
            }
            StartSanctions { by, on } => {
                let (b, o) = (self.party(c, p("by"), by), self.party(c, p("on"), on));
                StartSanctions { by: b?, on: o? }
            }
            EndSanctions { by, on } => {
                let (b, o) = (self.party(c, p("by"), by), self.party(c, p("on"), on));
                EndSanctions { by: b?, on: o? }
            }
            Schedule {
                in_days,
                text,
                effects,
            } => {
                if *in_days == 0 {
                    c.err(
                        p("in_days"),
                        "0 days; a scheduled event happens at least 1 day later",
                    );
                }
                Schedule {
                    in_days: *in_days,
                    text: text.clone(),
                    effects: self.effects(c, &p("effects"), effects),
                }
            }
        })
    }
}
