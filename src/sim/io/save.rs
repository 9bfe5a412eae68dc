//! Saves: a run frozen between two days and brought back exactly, random streams included.
//!
//! A save is a RON file whose first line is a comment naming the format, its version and a checksum of
//! the rest:
//!
//! ```text
//! // sixparty save format 1 checksum 5be0c2a1f3d49e07
//! (
//!     scenario_id: "nov2006",
//!     ...
//! )
//! ```
//!
//! The body carries the scenario itself (as RON), so a save loads even when the scenario file has since
//! changed or gone, the run's whole changing state, its chronicle so far, its counters, the moves fixed in
//! advance, and the exact position of each random stream. Loading refuses, with a reason, a file that is
//! not a save, one from a newer format, one cut short, one whose checksum does not match, and one whose
//! contents do not fit its scenario; it never changes the file.

/// What a save records as the origin of the embedded default scenario.
pub const EMBEDDED_ORIGIN: &str = "(the embedded default scenario)";

use crate::sim::io::diag::Diagnostics;
use crate::sim::io::locate::SourceMap;
use crate::sim::io::ron::{Checker, parse_ron};
use crate::sim::io::stamped::Stamp;
use crate::sim::scenario::{Eff, Effect, Scenario, load_scenario};
use crate::sim::state::State;
use crate::sim::state::chronicle::{Cause, Entry, Outcome, Why};
use crate::sim::step::{Counters, FixedMove, Simulation, Stream};
use rand::rngs::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The save format this build writes and the only one it reads. Format 1 was the model before delegations
/// kept ideals apart from offers; 2 adds the moves out of the process and a delegation's own decision on
/// the draft.
pub const SAVE_FORMAT: u32 = 2;

/// How every save begins.
pub const MAGIC: &str = "// sixparty save format ";

/// What a save holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveBody {
    /// The scenario's id (for people reading the file; the scenario itself is below).
    pub scenario_id: String,
    /// Where the scenario was loaded from when the run began, if from a file.
    pub scenario_origin: String,
    /// The scenario the run came from, as a scenario file in RON.
    pub scenario: String,
    /// The run's seed.
    pub seed: u64,
    /// The last day the run plays.
    pub horizon: i64,
    /// The delegations played by people (by id), for the window; empty for a headless run.
    pub humans: Vec<String>,
    /// The run's changing state.
    pub state: State,
    /// The chronicle so far, when the run records one.
    pub log: Option<Vec<Entry>>,
    /// Counters.
    pub counters: Counters,
    /// The outcome, if the run has ended.
    pub outcome: Option<Outcome>,
    /// Moves fixed in advance (scripts and players), today's and later ones included.
    pub fixed: Vec<FixedMove>,
    /// Injects released (a networked class game's), today's and later ones included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub injects: Vec<crate::sim::step::Inject>,
    /// Back-channel notes sent, today's and later ones included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<crate::sim::step::Note>,
    /// Compliance choices fixed in advance (scripts and players), today's and later ones included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comply: Vec<crate::sim::state::deal::FixedComply>,
    /// Each random stream's exact position, in hex: one per party, then the rules' stream.
    pub streams: Vec<String>,
    /// The window's replay file for this game, which a resumed game goes on writing (empty: none).
    #[serde(default)]
    pub replay: String,
    /// The window's time limit per human turn, in seconds (0: none).
    #[serde(default)]
    pub turn_limit: u32,
    /// A networked class game's join codes, by party (empty for a delegation the model plays), so that
    /// the teams take their seats again with the same codes when the host resumes it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
}

/// A loaded save: the run, ready to continue, and the human delegations.
#[derive(Debug)]
pub struct Loaded {
    /// The run.
    pub sim: Simulation,
    /// Party indices played by people.
    pub humans: Vec<u8>,
    /// Where the scenario came from.
    pub origin: String,
    /// The game's replay file (empty: none).
    pub replay: String,
    /// The time limit per human turn in seconds (0: none).
    pub turn_limit: u32,
    /// A networked class game's join codes, by party (empty: none saved).
    pub codes: Vec<String>,
}

pub use crate::sim::io::stamped::checksum;

/// Saves are stamped files: their first line names the format and a checksum of the rest.
const STAMP: Stamp = Stamp {
    magic: MAGIC,
    noun: "save",
    format: SAVE_FORMAT,
    other_file: " (is it a scenario or a script? those are given as SCENARIO or --script)",
    older: " (replay the game's replay file instead: it holds the moves)",
};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != 2 * N || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The text of a save of `sim`. `origin` says where its scenario came from; `humans` lists the delegations
/// played by people.
pub fn save_text(sim: &Simulation, origin: &str, humans: &[u8]) -> String {
    save_text_with(sim, origin, humans, "", 0, &[])
}

/// [`save_text`] for the window: also the game's replay file and its time limit per turn.
pub fn save_text_with(
    sim: &Simulation,
    origin: &str,
    humans: &[u8],
    replay: &str,
    turn_limit: u32,
    codes: &[String],
) -> String {
    let scenario = scenario_text(&sim.scenario);
    let body = SaveBody {
        scenario_id: sim.scenario.file.meta.id.clone(),
        scenario_origin: origin.to_string(),
        scenario,
        seed: sim.seed,
        horizon: sim.horizon,
        humans: humans
            .iter()
            .map(|&h| sim.scenario.parties[h as usize].id.clone())
            .collect(),
        state: sim.state.clone(),
        log: sim.log.clone(),
        counters: sim.counters.clone(),
        outcome: sim.outcome.clone(),
        fixed: sim.fixed.clone(),
        injects: sim.injects.clone(),
        notes: sim.notes.clone(),
        comply: sim.fixed_comply.clone(),
        streams: sim
            .party_rngs
            .iter()
            .chain(std::iter::once(&sim.world_rng))
            .map(|s| hex(&s.0.serialize_state()))
            .collect(),
        replay: replay.to_string(),
        turn_limit,
        codes: codes.to_vec(),
    };
    // Strings unescaped (raw where needed), so that the scenario inside reads as the file it was.
    let text = ron::ser::to_string_pretty(&body, pretty().escape_strings(false))
        .expect("a save always serialises");
    STAMP.stamp(&format!("{text}\n"))
}

/// The scenario as a scenario file in RON, as saves and partial results carry it.
pub fn scenario_text(scn: &Scenario) -> String {
    ron::ser::to_string_pretty(&scn.file, pretty()).expect("a scenario file always serialises")
}

/// How saves and other written RON files are laid out.
pub(crate) fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("  ".to_string())
        .struct_names(false)
}

/// Loads a save from its bytes; `file` names it in messages. Nothing is written anywhere.
pub fn load_save(file: &str, bytes: &[u8]) -> Result<Loaded, Diagnostics> {
    let text = STAMP.check::<SaveBody>(file, bytes)?;
    load_save_body(file, text)
}

/// Reads the body of a save whose header and checksum have been checked (or, for fuzzing, not), checks
/// that everything in it fits its scenario, and rebuilds the run.
pub fn load_save_body(file: &str, text: &str) -> Result<Loaded, Diagnostics> {
    let map = SourceMap::scan(text);
    let body: SaveBody = parse_ron(file, text, &map, "save")?;
    let scn_name = format!("{file} (the scenario inside the save)");
    let scenario = Arc::new(load_scenario(&scn_name, &body.scenario)?);
    let mut c = Checker::new(file, &map);
    let humans = check_body(&mut c, &scenario, &body);
    let streams: Vec<Option<[u8; 49]>> = body.streams.iter().map(|s| unhex::<49>(s)).collect();
    for (i, s) in streams.iter().enumerate() {
        if s.is_none() {
            c.err(
                format!("streams[{i}]"),
                "is not a random stream's state (98 hex digits)",
            );
        }
    }
    c.finish()?;
    let mut rngs: Vec<Stream> = streams
        .into_iter()
        .flatten()
        .map(|s| Stream(ChaCha8Rng::deserialize_state(&s)))
        .collect();
    let world_rng = rngs.pop().expect("the streams' count was checked");
    let sim = Simulation {
        scenario,
        seed: body.seed,
        state: body.state,
        log: body.log,
        counters: body.counters,
        outcome: body.outcome,
        fixed: body.fixed,
        injects: body.injects,
        notes: body.notes,
        horizon: body.horizon,
        party_rngs: rngs,
        world_rng,
        policies: Vec::new(),
        fixed_comply: body.comply,
    };
    Ok(Loaded {
        sim,
        humans,
        origin: body.scenario_origin,
        replay: body.replay,
        turn_limit: body.turn_limit,
        codes: body.codes,
    })
}

/// Reads and loads a save file from disk.
pub fn read_save(path: &std::path::Path) -> Result<Loaded, Diagnostics> {
    let bytes = crate::sim::io::files::read_bytes(path, "a save file")?;
    load_save(&path.display().to_string(), &bytes)
}

/// Checks that every index and value in the body fits the scenario, so that the run cannot fail later.
/// Returns the human delegations' indices.
fn check_body(c: &mut Checker, scn: &Scenario, b: &SaveBody) -> Vec<u8> {
    let n = scn.parties.len();
    let issues = scn.issue_count();
    let rungs = scn.rungs.len();
    let s = &b.state;
    let party = |p: u8| (p as usize) < n;
    let pct = |c: &mut Checker, path: String, v: f64| c.range(path, v, 0.0, 100.0);

    if b.turn_limit > 3600 {
        c.err(
            "turn_limit",
            format!(
                "{} is out of range; expected 0 to 3600 seconds",
                b.turn_limit
            ),
        );
    }
    if !(1..=3650).contains(&b.horizon) {
        c.err(
            "horizon",
            format!("{} is out of range; expected 1 to 3650", b.horizon),
        );
    }
    let last = b.horizon + scn.overtime_days() + 1;
    if s.day < 0 || s.day > last {
        c.err(
            "state.day",
            format!("{} is outside the run (0 to {last})", s.day),
        );
    }
    if b.streams.len() != n + 1 {
        c.err(
            "streams",
            format!(
                "{} streams; a run of {n} parties has {}",
                b.streams.len(),
                n + 1
            ),
        );
    }
    let mut humans = Vec::new();
    for (i, h) in b.humans.iter().enumerate() {
        match scn.party_index(h) {
            Some(p) if !humans.contains(&p) => humans.push(p),
            Some(_) => c.err(format!("humans[{i}]"), format!("`{h}` is listed twice")),
            None => c.err(format!("humans[{i}]"), format!("unknown party `{h}`")),
        }
    }
    let kinds = scn.commitments.steps.len();
    for (j, f) in b.comply.iter().enumerate() {
        if f.step as usize >= kinds {
            c.err(
                format!("comply[{j}].step"),
                format!(
                    "step {} does not exist; the scenario has {kinds} kinds of step",
                    f.step
                ),
            );
        }
    }
    if let Some(d) = &s.deal {
        if d.package.len() != issues {
            c.err(
                "state.deal.package",
                format!(
                    "{} values; the scenario has {issues} issues",
                    d.package.len()
                ),
            );
        }
        for (j, st) in d.steps.iter().enumerate() {
            if st.kind as usize >= kinds {
                c.err(
                    format!("state.deal.steps[{j}].kind"),
                    format!(
                        "step {} does not exist; the scenario has {kinds} kinds of step",
                        st.kind
                    ),
                );
            }
        }
        if let Some(u) = &d.unravelled {
            if u.by.is_some_and(|p| !party(p)) {
                c.err(
                    "state.deal.unravelled.by",
                    "names a party the scenario does not have",
                );
            }
            if u.step.is_some_and(|k| k as usize >= d.steps.len()) {
                c.err(
                    "state.deal.unravelled.step",
                    "names a step the deal does not have",
                );
            }
        }
    }
    if s.parties.len() != n {
        c.err(
            "state.parties",
            format!("{} parties; the scenario has {n}", s.parties.len()),
        );
    }
    for (i, p) in s.parties.iter().enumerate() {
        let at = format!("state.parties[{i}]");
        if p.positions.len() != issues {
            c.err(
                format!("{at}.positions"),
                format!(
                    "{} positions; the scenario has {issues} issues",
                    p.positions.len()
                ),
            );
        }
        for (k, v) in p.positions.iter().enumerate() {
            pct(c, format!("{at}.positions[{k}]"), *v);
            if v.is_finite()
                && scn
                    .parties
                    .get(i)
                    .and_then(|q| q.stances.get(k))
                    .is_some_and(|s| s.rules_out(*v))
            {
                c.err(
                    format!("{at}.positions[{k}]"),
                    format!(
                        "{v} is past {}'s red line on issue `{}`",
                        scn.parties[i].id, scn.file.issues[k].id
                    ),
                );
            }
        }
        pct(c, format!("{at}.pressure"), p.pressure);
        pct(c, format!("{at}.face"), p.face);
        if p.grievance.len() != n || p.ideals.len() != issues {
            c.err(
                format!("{at}.grievance"),
                format!(
                    "{} grievances and {} ideal points; the scenario has {n} parties and {issues} issues",
                    p.grievance.len(),
                    p.ideals.len()
                ),
            );
        }
        for (k, v) in p.grievance.iter().enumerate() {
            pct(c, format!("{at}.grievance[{k}]"), *v);
        }
        for (k, v) in p.ideals.iter().enumerate() {
            pct(c, format!("{at}.ideals[{k}]"), *v);
        }
        if !p.capital.is_finite() || p.capital < 0.0 || !p.spent.is_finite() || p.spent < 0.0 {
            c.err(
                format!("{at}.capital"),
                "is not a finite amount of capital of 0 or more",
            );
        } else if p.capital > scn.model.capital.max + 1e-9 {
            c.err(
                format!("{at}.capital"),
                format!(
                    "{} is above the scenario's most capital, {}",
                    p.capital, scn.model.capital.max
                ),
            );
        }
        if n < 32 && p.sanctions_on >> n != 0 {
            c.err(
                format!("{at}.sanctions_on"),
                "names a party the scenario does not have",
            );
        }
        if let Some((_, a)) = &p.last_move
            && !crate::sim::step::legal::playable(scn, i as u8, a)
            && *a != crate::sim::action::Action::Wait
        {
            c.err(
                format!("{at}.last_move"),
                "is not a move this party can make",
            );
        }
    }
    if s.trust.len() != n * n {
        c.err(
            "state.trust",
            format!("{} values; expected {}", s.trust.len(), n * n),
        );
    }
    for (k, v) in s.trust.iter().enumerate() {
        pct(c, format!("state.trust[{k}]"), *v);
    }
    if s.table.len() != issues {
        c.err(
            "state.table",
            format!("{} values; expected {issues}", s.table.len()),
        );
    }
    for (k, v) in s.table.iter().enumerate() {
        pct(c, format!("state.table[{k}]"), *v);
    }
    pct(c, "state.momentum".into(), s.momentum);
    for (what, r) in [
        ("state.rung", s.rung),
        ("state.start_rung", s.start_rung),
        ("state.milestones.peak_rung", s.milestones.peak_rung),
    ] {
        if r as usize >= rungs {
            c.err(
                what,
                format!("rung {r} is not on the ladder (0 to {})", rungs - 1),
            );
        }
    }
    if s.rule_ready.len() != scn.rules.len() {
        c.err(
            "state.rule_ready",
            format!(
                "{} values; the scenario has {} rules",
                s.rule_ready.len(),
                scn.rules.len()
            ),
        );
    }
    if s.next_event > scn.timeline.len() {
        c.err(
            "state.next_event",
            format!(
                "{} is past the timeline's {} events",
                s.next_event,
                scn.timeline.len()
            ),
        );
    }
    let scheduled = scheduled_effects(scn);
    for (i, p) in s.pending.iter().enumerate() {
        if !scheduled
            .iter()
            .any(|(text, effects)| *text == p.text && *effects == p.effects)
        {
            c.err(
                format!("state.pending[{i}]"),
                "is not an event the scenario's rules or timeline schedule",
            );
        }
    }
    if b.counters.moves.len() != n {
        c.err(
            "counters.moves",
            format!("{} rows; expected {n}", b.counters.moves.len()),
        );
    }
    if b.counters.rule_fires.len() != scn.rules.len() {
        c.err(
            "counters.rule_fires",
            format!(
                "{} values; expected {}",
                b.counters.rule_fires.len(),
                scn.rules.len()
            ),
        );
    }
    for (i, m) in b.fixed.iter().enumerate() {
        if !party(m.party) || !crate::sim::step::legal::playable(scn, m.party, &m.action) {
            c.err(format!("fixed[{i}]"), "is not a move its party can make");
        }
    }
    for (i, inj) in b.injects.iter().enumerate() {
        if let Some(k) = inj.prepared
            && k as usize >= scn.injects.len()
        {
            c.err(
                format!("injects[{i}].prepared"),
                format!(
                    "inject {k} is not among the scenario's {} injects",
                    scn.injects.len()
                ),
            );
        }
    }
    if !b.codes.is_empty() && b.codes.len() != n {
        c.err(
            "codes",
            format!("{} codes; expected one per party ({n})", b.codes.len()),
        );
    }
    for (i, code) in b.codes.iter().enumerate() {
        if !code.chars().all(|ch| ch.is_ascii_alphanumeric()) || code.len() > 32 {
            c.err(
                format!("codes[{i}]"),
                format!("`{code}` is not a join code; expected letters and digits"),
            );
        }
    }
    for (i, note) in b.notes.iter().enumerate() {
        if !party(note.from) || !party(note.to) || note.from == note.to {
            c.err(
                format!("notes[{i}]"),
                "is not a note between two of the scenario's parties",
            );
        }
        if let Some(Err(why)) = note.offer.as_ref().map(|o| offer_fits(scn, o)) {
            c.err(format!("notes[{i}].offer"), why);
        }
    }
    for (i, o) in b.state.offers.iter().enumerate() {
        if !party(o.from) || !party(o.to) || o.from == o.to {
            c.err(
                format!("state.offers[{i}]"),
                "is not an offer between two of the scenario's parties",
            );
        }
        if let Err(why) = offer_fits(scn, &o.offer) {
            c.err(format!("state.offers[{i}].offer"), why);
        }
    }
    if let Some(log) = &b.log {
        for (i, e) in log.iter().enumerate() {
            if let Err(why) = entry_fits(scn, e) {
                c.err(format!("log[{i}]"), why);
            }
        }
    }
    humans
}

/// Every (text, effects) the scenario may schedule.
fn scheduled_effects(scn: &Scenario) -> Vec<(String, Vec<Eff>)> {
    fn walk(effects: &[Eff], out: &mut Vec<(String, Vec<Eff>)>) {
        for e in effects {
            if let Effect::Schedule { text, effects, .. } = e {
                out.push((text.clone(), effects.clone()));
                walk(effects, out);
            }
        }
    }
    let mut out = Vec::new();
    for r in &scn.rules {
        walk(&r.then, &mut out);
    }
    for e in &scn.timeline {
        walk(&e.effects, &mut out);
    }
    for i in &scn.injects {
        walk(&i.effects, &mut out);
    }
    out
}

/// Whether an offer names only parties and issues the scenario has, with amounts of 0–100.
fn offer_fits(scn: &Scenario, o: &crate::sim::state::offers::Offer) -> Result<(), String> {
    let issues = scn.issue_count();
    if o.give as usize >= issues || o.want as usize >= issues {
        return Err("names an issue the scenario does not have".into());
    }
    for by in [o.give_by, o.want_by] {
        if !(0.0..=100.0).contains(&by) {
            return Err(format!("{by} points is out of range; expected 0 to 100"));
        }
    }
    Ok(())
}

/// Whether a chronicle entry refers only to parties, issues, rules, events and rungs the scenario has.
fn entry_fits(scn: &Scenario, e: &Entry) -> Result<(), String> {
    let n = scn.parties.len();
    let issues = scn.issue_count();
    let rungs = scn.rungs.len();
    let party = |p: u8| {
        if (p as usize) < n {
            Ok(())
        } else {
            Err(format!("party {p} does not exist"))
        }
    };
    let issue = |i: u8| {
        if (i as usize) < issues {
            Ok(())
        } else {
            Err(format!("issue {i} does not exist"))
        }
    };
    let rung = |r: u8| {
        if (r as usize) < rungs {
            Ok(())
        } else {
            Err(format!("rung {r} is not on the ladder"))
        }
    };
    let event = |k: u16| {
        if (k as usize) < scn.timeline.len() {
            Ok(())
        } else {
            Err(format!("event {k} is not in the timeline"))
        }
    };
    let rule = |k: u16| {
        if (k as usize) < scn.rules.len() {
            Ok(())
        } else {
            Err(format!("rule {k} does not exist"))
        }
    };
    let action = |p: u8, a: &crate::sim::action::Action| {
        party(p)?;
        if *a == crate::sim::action::Action::Wait || crate::sim::step::legal::playable(scn, p, a) {
            Ok(())
        } else {
            Err("holds a move its party cannot make".to_string())
        }
    };
    let cause = |c: &Cause| match c {
        Cause::Move(p, a) => action(*p, a),
        Cause::Rule(k) => rule(*k),
        Cause::Event(k) => event(*k),
        Cause::DateSet(p, _)
        | Cause::Recess(p, _)
        | Cause::Returned(p)
        | Cause::Unravelled(Some(p)) => party(*p),
        Cause::Step(k) if *k as usize >= scn.commitments.steps.len() => {
            Err(format!("step {k} does not exist"))
        }
        Cause::Postponed(mask) if n < 32 && mask >> n != 0 => {
            Err("names a party the scenario does not have".into())
        }
        _ => Ok(()),
    };
    use crate::sim::state::factor::Factor as F;
    let factor = |f: &F| match *f {
        F::TrustIn(p, _)
        | F::DistrustOf(p, _)
        | F::Provocation(p, _, _)
        | F::GrievanceAt(p, _)
        | F::Hinges(p, _)
        | F::Away(p) => party(p),
        F::Rift(a, b, _) => party(a).and(party(b)),
        F::RedLineCrossed(i) | F::LowSalience(i, _) => issue(i),
        F::Rung(r) => rung(r),
        _ => Ok(()),
    };
    match e {
        Entry::Background { event: k } | Entry::Event { event: k, .. } => event(*k),
        Entry::Scheduled { .. } => Ok(()),
        Entry::Rule { rule: k, .. } => rule(*k),
        Entry::Move {
            party: p,
            action: a,
            why,
            ..
        } => {
            action(*p, a)?;
            if let Why::Model(fs) = why {
                for (f, _) in fs.iter() {
                    factor(f)?;
                }
            }
            Ok(())
        }
        Entry::Phase { cause: c, .. } => cause(c),
        Entry::Refused {
            party: p,
            by,
            action: a,
            ..
        } => action(*p, a).and(party(*by)),
        Entry::Rung {
            from, to, cause: c, ..
        } => rung(*from).and(rung(*to)).and(cause(c)),
        Entry::Inject { .. } | Entry::Deal { .. } => Ok(()),
        Entry::Step { step, .. } => {
            if (*step as usize) < scn.commitments.steps.len() {
                Ok(())
            } else {
                Err(format!("step {step} does not exist"))
            }
        }
        Entry::Note {
            from, to, offer, ..
        } => {
            party(*from)?;
            party(*to)?;
            offer.as_ref().map_or(Ok(()), |o| offer_fits(scn, o))
        }
        Entry::Offer {
            from, to, offer, ..
        } => party(*from).and(party(*to)).and(offer_fits(scn, offer)),
        Entry::Verdicts { verdicts, .. } => {
            if verdicts.len() != n {
                return Err(format!("{} verdicts; expected {n}", verdicts.len()));
            }
            for v in verdicts {
                if let Some(i) = v.crossed {
                    issue(i)?;
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_reloads_to_the_same_run() {
        let scn = Arc::new(crate::sim::default_scenario());
        let mut sim = Simulation::new(scn, 3, true);
        for _ in 0..40 {
            sim.step();
        }
        let text = save_text(&sim, "(embedded)", &[1]);
        let loaded = load_save("t.sav", text.as_bytes()).expect("loads");
        assert_eq!(loaded.humans, vec![1]);
        assert_eq!(loaded.sim.state, sim.state);
        assert_eq!(loaded.sim.log, sim.log);
        assert_eq!(save_text(&loaded.sim, "(embedded)", &[1]), text);
    }
}
