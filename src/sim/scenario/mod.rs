//! Scenario files: the RON format (`*File` types, as written), its validation, and the compiled form the
//! engine runs on (ids resolved to indices). Nothing about any particular party is known here.

pub mod commitments;
mod compile;
mod file;
pub mod model;
pub mod whatif;

pub use compile::{compile, parse_colour};
pub use file::*;

use crate::sim::action::ActionKind;
use crate::sim::date::Date;
use crate::sim::io::diag::Diagnostics;
use crate::sim::io::locate::SourceMap;
use crate::sim::io::ron::parse_ron;

/// The scenario format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// The default scenario (8 November 2006), embedded so that the binary works from any directory.
pub const DEFAULT_SCENARIO: &str = include_str!("../../../scenarios/nov2006.ron");
/// The name under which the embedded default scenario is reported.
pub const DEFAULT_SCENARIO_NAME: &str = "<embedded default: scenarios/nov2006.ron>";

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
    /// Whether it stays away from the talks at the start.
    pub boycotting: bool,
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

/// An inject, compiled.
#[derive(Clone, Debug)]
pub struct PreparedInject {
    /// Id.
    pub id: String,
    /// Title for the facilitator's list.
    pub title: String,
    /// What happened.
    pub text: String,
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
    /// Injects a facilitator may release, in file order.
    pub injects: Vec<PreparedInject>,
    /// The model's coefficients: defaults with the file's `model` section applied.
    pub model: model::Model,
    /// The kinds of step a package may carry, and an agreement in force at the start.
    pub commitments: commitments::Commitments,
}

impl Scenario {
    /// Days past the horizon a session still sitting there may run to its close (`session.overtime`).
    pub fn overtime_days(&self) -> i64 {
        self.model.session.overtime.max(0.0) as i64
    }

    /// Index of the prepared inject with this id.
    pub fn inject_index(&self, id: &str) -> Option<u16> {
        self.injects
            .iter()
            .position(|i| i.id == id)
            .map(|k| k as u16)
    }

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

/// Loads a scenario from its text; `file` names it in messages.
pub fn load_scenario(file: &str, text: &str) -> Result<Scenario, Diagnostics> {
    let map = SourceMap::scan(text);
    let raw: ScenarioFile = parse_ron(file, text, &map, "scenario")?;
    compile(file, &map, raw)
}

/// Reads and loads a scenario file from disk.
pub fn read_scenario(path: &std::path::Path) -> Result<Scenario, Diagnostics> {
    let name = path.display().to_string();
    let text = crate::sim::io::files::read_text(path)?;
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
