//! Script files: moves fixed in advance for some parties on given days (scripted scenarios and replays).

use crate::sim::action::{Action, Move};
use crate::sim::io::diag::Diagnostics;
use crate::sim::io::locate::SourceMap;
use crate::sim::io::ron::{Checker, parse_ron};
use crate::sim::scenario::Scenario;
use crate::sim::state::chronicle::Why;
use crate::sim::state::offers::Offer;
use crate::sim::step::{FixedMove, Inject, Note};
use serde::{Deserialize, Serialize};

/// The script format version this build reads.
pub const SCRIPT_FORMAT: u32 = 1;

/// A script or replay file as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Script")]
pub struct ScriptFile {
    /// Format version; must be [`SCRIPT_FORMAT`].
    pub format: u32,
    /// The scenario id it was written for; checked when present.
    #[serde(default)]
    pub scenario: Option<String>,
    /// The seed to run with (replays carry it); `--seed` overrides it.
    #[serde(default)]
    pub seed: Option<u64>,
    /// What the script is for.
    #[serde(default)]
    pub description: String,
    /// The fixed moves.
    pub moves: Vec<MoveFile>,
    /// Injects a facilitator released (a networked class game's replay).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub injects: Vec<InjectLine>,
    /// Back-channel notes between delegations (a networked class game's replay).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteLine>,
    /// Compliance choices fixed for steps of a deal: on that day the step's owner carries it out, delays
    /// it or reneges instead of the model's choice (if the step is owed that day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comply: Vec<ComplyLine>,
}

/// A compliance choice as a script writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplyLine {
    /// Day.
    pub day: i64,
    /// The step's id (`commitments.steps[].id`).
    pub step: String,
    /// `CarryOut`, `Delay` or `Renege`.
    pub choice: crate::sim::state::deal::Comply,
}

/// An inject as a script writes it: a prepared one by its id (its text may be reworded), or one written
/// on the spot by its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjectLine {
    /// Day of the run it happens on.
    pub day: i64,
    /// The scenario's inject (`injects[].id`), whose effects it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What the chronicle says; a prepared inject's own text when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A back-channel note as a script writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteLine {
    /// Day it is read.
    pub day: i64,
    /// Sender's party id.
    pub from: String,
    /// Receiver's party id.
    pub to: String,
    /// What it says.
    pub text: String,
    /// A structured offer: the sender moves `give_by` on `give` if the receiver moves `want_by` on `want`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<OfferLine>,
}

/// A structured offer, with issue ids.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferLine {
    /// The issue the sender would move on.
    pub give: String,
    /// By how many points (0–100).
    pub give_by: f64,
    /// The issue the receiver is asked to move on.
    pub want: String,
    /// By how many points (0–100).
    pub want_by: f64,
}

/// One fixed move.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveFile {
    /// Day of the run (0 is the start date).
    pub day: i64,
    /// Party id.
    pub party: String,
    /// The move.
    pub action: Move,
    /// Whether a human chose it (replays); otherwise it is scripted.
    #[serde(default)]
    pub player: bool,
    /// Whether a human delegation's time ran out and its advisers chose it (replays).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub advisers: bool,
}

/// A script checked against a scenario.
#[derive(Clone, Debug)]
pub struct Script {
    /// The file as written.
    pub file: ScriptFile,
    /// Its moves, resolved.
    pub moves: Vec<FixedMove>,
    /// Its injects, resolved.
    pub injects: Vec<Inject>,
    /// Its notes, resolved.
    pub notes: Vec<Note>,
    /// Its compliance choices, resolved: (day, step kind, choice).
    pub comply: Vec<(i64, u16, crate::sim::state::deal::Comply)>,
}

impl Script {
    /// Fixes the script's moves, injects, notes and compliance choices in a run.
    pub fn fix_into(&self, sim: &mut crate::sim::step::Simulation) {
        for &(day, step, choice) in &self.comply {
            sim.fix_compliance(day, step, choice);
        }
        sim.fix_moves(self.moves.iter().cloned());
        sim.release(self.injects.iter().cloned());
        sim.send_notes(self.notes.iter().cloned());
    }
}

/// Resolves an inject written with ids; the error names the field.
pub fn resolve_inject(scn: &Scenario, line: &InjectLine) -> Result<Inject, (&'static str, String)> {
    let prepared = match &line.id {
        Some(id) => Some(scn.inject_index(id).ok_or_else(|| {
            let known: Vec<&str> = scn.injects.iter().map(|i| i.id.as_str()).collect();
            (
                "id",
                if known.is_empty() {
                    format!("unknown inject `{id}`: the scenario prepares none")
                } else {
                    format!(
                        "unknown inject `{id}`; expected one of: {}",
                        known.join(", ")
                    )
                },
            )
        })?),
        None => None,
    };
    let text = match (&line.text, prepared) {
        (Some(t), _) if !t.trim().is_empty() => t.trim().to_string(),
        (_, Some(k)) => scn.injects[k as usize].text.clone(),
        _ => return Err(("text", "an inject needs a prepared id or a text".into())),
    };
    if text.len() > MAX_TEXT {
        return Err(("text", format!("{} bytes; at most {MAX_TEXT}", text.len())));
    }
    Ok(Inject {
        day: line.day,
        prepared,
        text,
    })
}

/// The longest text an inject or a note may carry, in bytes.
pub const MAX_TEXT: usize = 2000;

/// Resolves a note written with ids; the error names the field.
pub fn resolve_note(scn: &Scenario, line: &NoteLine) -> Result<Note, (String, String)> {
    let party = |field: &str, id: &str| {
        scn.party_index(id).ok_or_else(|| {
            let known: Vec<&str> = scn.parties.iter().map(|p| p.id.as_str()).collect();
            (
                field.to_string(),
                format!(
                    "unknown party `{id}`; expected one of: {}",
                    known.join(", ")
                ),
            )
        })
    };
    let from = party("from", &line.from)?;
    let to = party("to", &line.to)?;
    if from == to {
        return Err(("to".into(), "a note goes to another delegation".into()));
    }
    let text = line.text.trim().to_string();
    if text.len() > MAX_TEXT {
        return Err((
            "text".into(),
            format!("{} bytes; at most {MAX_TEXT}", text.len()),
        ));
    }
    let offer = match &line.offer {
        None => None,
        Some(o) => {
            let issue = |field: &str, id: &str| {
                scn.issue_index(id).ok_or_else(|| {
                    let known: Vec<&str> = scn.file.issues.iter().map(|p| p.id.as_str()).collect();
                    (
                        format!("offer.{field}"),
                        format!(
                            "unknown issue `{id}`; expected one of: {}",
                            known.join(", ")
                        ),
                    )
                })
            };
            for (field, by) in [("give_by", o.give_by), ("want_by", o.want_by)] {
                if !(by > 0.0 && by <= 100.0) {
                    return Err((
                        format!("offer.{field}"),
                        format!(
                            "{by} is out of range; expected more than 0 and at most 100 points"
                        ),
                    ));
                }
            }
            Some(Offer {
                give: issue("give", &o.give)?,
                give_by: o.give_by,
                want: issue("want", &o.want)?,
                want_by: o.want_by,
            })
        }
    };
    if text.is_empty() && offer.is_none() {
        return Err((
            "text".into(),
            "an empty note; write a text or an offer".into(),
        ));
    }
    Ok(Note {
        day: line.day,
        from,
        to,
        text,
        offer,
    })
}

/// A note with ids, as a replay writes it.
pub fn note_line(scn: &Scenario, n: &Note) -> NoteLine {
    NoteLine {
        day: n.day,
        from: scn.parties[n.from as usize].id.clone(),
        to: scn.parties[n.to as usize].id.clone(),
        text: n.text.clone(),
        offer: n.offer.map(|o| OfferLine {
            give: scn.file.issues[o.give as usize].id.clone(),
            give_by: o.give_by,
            want: scn.file.issues[o.want as usize].id.clone(),
            want_by: o.want_by,
        }),
    }
}

/// An inject with ids, as a replay writes it (a prepared inject's text only when reworded).
pub fn inject_line(scn: &Scenario, i: &Inject) -> InjectLine {
    let prepared = i.prepared.map(|k| &scn.injects[k as usize]);
    InjectLine {
        day: i.day,
        id: prepared.map(|p| p.id.clone()),
        text: match prepared {
            Some(p) if p.text == i.text => None,
            _ => Some(i.text.clone()),
        },
    }
}

/// Resolves a move written with ids; `path` names it in messages.
pub(crate) fn resolve_move(
    c: &mut Checker,
    scn: &Scenario,
    path: &str,
    m: &Move,
) -> Option<Action> {
    let party = |c: &mut Checker, field: &str, id: &str| {
        let i = scn.party_index(id);
        if i.is_none() {
            let known: Vec<&str> = scn.parties.iter().map(|p| p.id.as_str()).collect();
            c.err(
                format!("{path}.{field}"),
                format!(
                    "unknown party `{id}`; expected one of: {}",
                    known.join(", ")
                ),
            );
        }
        i
    };
    let issue = |c: &mut Checker, field: &str, id: &str| {
        let i = scn.issue_index(id);
        if i.is_none() {
            let known: Vec<&str> = scn.file.issues.iter().map(|p| p.id.as_str()).collect();
            c.err(
                format!("{path}.{field}"),
                format!(
                    "unknown issue `{id}`; expected one of: {}",
                    known.join(", ")
                ),
            );
        }
        i
    };
    Some(match m {
        Move::Wait => Action::Wait,
        Move::ConciliatoryStatement => Action::ConciliatoryStatement,
        Move::HardlineStatement => Action::HardlineStatement,
        Move::EnvoyVisit { to } => Action::EnvoyVisit {
            to: party(c, "to", to)?,
        },
        Move::BilateralMeeting { with } => Action::BilateralMeeting {
            with: party(c, "with", with)?,
        },
        Move::CallForTalks => Action::CallForTalks,
        Move::Attend => Action::Attend,
        Move::Boycott => Action::Boycott,
        Move::ProposePackage { issues } => {
            let mut mask = 0u32;
            for (k, id) in issues.iter().enumerate() {
                mask |= 1 << issue(c, &format!("issues[{k}]"), id)?;
            }
            if issues.is_empty() {
                c.err(
                    format!("{path}.issues"),
                    "a package needs at least one issue",
                );
                return None;
            }
            Action::ProposePackage { issues: mask }
        }
        Move::Concede { issue: id, amount } => {
            c.range(format!("{path}.amount"), *amount, 0.0, 100.0);
            Action::Concede {
                issue: issue(c, "issue", id)?,
                amount: *amount,
            }
        }
        Move::HoldFirm => Action::HoldFirm,
        Move::WalkOut => Action::WalkOut,
        Move::ImposeSanctions { on } => Action::ImposeSanctions {
            on: party(c, "on", on)?,
        },
        Move::EaseSanctions { on } => Action::EaseSanctions {
            on: party(c, "on", on)?,
        },
        Move::OfferAid { to } => Action::OfferAid {
            to: party(c, "to", to)?,
        },
        Move::MissileTest => Action::MissileTest,
        Move::NuclearTest => Action::NuclearTest,
        Move::MilitaryDrill => Action::MilitaryDrill,
        Move::Sign => Action::Sign,
        Move::Refuse => Action::Refuse,
        Move::LeaveTalks => Action::LeaveTalks,
        Move::ExpelInspectors => Action::ExpelInspectors,
        Move::RestartFacility => Action::RestartFacility,
        Move::Mediate { a, b } => {
            let (x, y) = (party(c, "a", a), party(c, "b", b));
            let (x, y) = (x?, y?);
            if x == y {
                c.err(format!("{path}.b"), "mediation needs two different parties");
                return None;
            }
            Action::Mediate { a: x, b: y }
        }
    })
}

/// Reads a script file's moves without a scenario to check them against (a network seat's plan: the host
/// checks each move as it arrives); syntax, shape and the format version are checked here.
pub fn parse_script_file(file: &str, text: &str) -> Result<ScriptFile, Diagnostics> {
    let map = SourceMap::scan(text);
    read_script_file(file, text, &map)
}

/// Parses a script file and checks its format version.
fn read_script_file(file: &str, text: &str, map: &SourceMap) -> Result<ScriptFile, Diagnostics> {
    let raw: ScriptFile = parse_ron(file, text, map, "script")?;
    if raw.format != SCRIPT_FORMAT {
        let mut c = Checker::new(file, map);
        c.err(
            "format",
            format!(
                "unknown script format version {}; this build reads version {SCRIPT_FORMAT}",
                raw.format
            ),
        );
        return Err(c.finish().expect_err("an error was recorded"));
    }
    Ok(raw)
}

/// Loads a script from its text and checks it against the scenario it will drive.
pub fn load_script(file: &str, text: &str, scn: &Scenario) -> Result<Script, Diagnostics> {
    let map = SourceMap::scan(text);
    let raw = read_script_file(file, text, &map)?;
    let mut c = Checker::new(file, &map);
    if let Some(id) = &raw.scenario
        && *id != scn.file.meta.id
    {
        c.err(
            "scenario",
            format!(
                "this script was written for scenario `{id}`, but the scenario being run is `{}`",
                scn.file.meta.id
            ),
        );
    }
    let mut moves = Vec::new();
    let mut seen: Vec<(i64, u8)> = Vec::new();
    for (k, m) in raw.moves.iter().enumerate() {
        let base = format!("moves[{k}]");
        // A session still sitting at the horizon plays on for up to `session.overtime` days.
        let last = scn.horizon_days as i64 + scn.overtime_days();
        if m.day < 0 || m.day > last {
            c.err(
                format!("{base}.day"),
                format!(
                    "day {} is outside the run; expected 0 to {last} (the scenario's horizon, {}, and up to {} days more for a session still sitting)",
                    m.day,
                    scn.horizon_days,
                    scn.overtime_days()
                ),
            );
        }
        let party = scn.party_index(&m.party);
        if party.is_none() {
            let known: Vec<&str> = scn.parties.iter().map(|p| p.id.as_str()).collect();
            c.err(
                format!("{base}.party"),
                format!(
                    "unknown party `{}`; expected one of: {}",
                    m.party,
                    known.join(", ")
                ),
            );
        }
        let action = resolve_move(&mut c, scn, &format!("{base}.action"), &m.action);
        if let (Some(p), Some(a)) = (party, action) {
            let at_self = match a {
                Action::Mediate { a: x, b: y } => x == p || y == p,
                _ => a.target() == Some(p),
            };
            if at_self {
                c.err(
                    format!("{base}.action"),
                    format!(
                        "{} cannot aim this move at itself; expected another party",
                        m.party
                    ),
                );
            }
            if seen.contains(&(m.day, p)) {
                c.err(
                    base.clone(),
                    format!(
                        "a second move for {} on day {}; each party makes one move a day",
                        m.party, m.day
                    ),
                );
            }
            seen.push((m.day, p));
            moves.push(FixedMove {
                day: m.day,
                party: p,
                action: a,
                why: match (m.player, m.advisers) {
                    (_, true) => Why::Advisers,
                    (true, false) => Why::Player,
                    (false, false) => Why::Scripted,
                },
            });
        }
    }
    let last = scn.horizon_days as i64 + scn.overtime_days();
    let mut injects = Vec::new();
    for (k, line) in raw.injects.iter().enumerate() {
        if line.day < 0 || line.day > last {
            c.err(
                format!("injects[{k}].day"),
                format!("day {} is outside the run; expected 0 to {last}", line.day),
            );
        }
        match resolve_inject(scn, line) {
            Ok(i) => injects.push(i),
            Err((field, why)) => c.err(format!("injects[{k}].{field}"), why),
        }
    }
    let mut notes = Vec::new();
    for (k, line) in raw.notes.iter().enumerate() {
        if line.day < 0 || line.day > last {
            c.err(
                format!("notes[{k}].day"),
                format!("day {} is outside the run; expected 0 to {last}", line.day),
            );
        }
        match resolve_note(scn, line) {
            Ok(n) => notes.push(n),
            Err((field, why)) => c.err(format!("notes[{k}].{field}"), why),
        }
    }
    let mut comply = Vec::new();
    for (k, line) in raw.comply.iter().enumerate() {
        if line.day < 0 || line.day > last {
            c.err(
                format!("comply[{k}].day"),
                format!("day {} is outside the run; expected 0 to {last}", line.day),
            );
        }
        match scn.commitments.index(&line.step) {
            Some(step) => comply.push((line.day, step, line.choice)),
            None => {
                let ids: Vec<&str> = scn
                    .commitments
                    .steps
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect();
                c.err(
                    format!("comply[{k}].step"),
                    crate::sim::scenario::commitments::unknown_step(&line.step, &ids),
                );
            }
        }
    }
    c.finish()?;
    Ok(Script {
        file: raw,
        moves,
        injects,
        notes,
        comply,
    })
}

/// Reads and loads a script file from disk.
pub fn read_script(path: &std::path::Path, scn: &Scenario) -> Result<Script, Diagnostics> {
    let name = path.display().to_string();
    let text = crate::sim::io::files::read_text(path)?;
    load_script(&name, &text, scn)
}

/// A move with ids, as scripts and replays write it.
pub fn action_to_move(scn: &Scenario, a: &Action) -> Move {
    let p = |i: u8| scn.parties[i as usize].id.clone();
    let k = |i: u8| scn.file.issues[i as usize].id.clone();
    match *a {
        Action::Wait => Move::Wait,
        Action::ConciliatoryStatement => Move::ConciliatoryStatement,
        Action::HardlineStatement => Move::HardlineStatement,
        Action::EnvoyVisit { to } => Move::EnvoyVisit { to: p(to) },
        Action::BilateralMeeting { with } => Move::BilateralMeeting { with: p(with) },
        Action::CallForTalks => Move::CallForTalks,
        Action::Attend => Move::Attend,
        Action::Boycott => Move::Boycott,
        Action::ProposePackage { issues } => Move::ProposePackage {
            issues: (0..scn.issue_count() as u8)
                .filter(|i| issues & (1 << i) != 0)
                .map(k)
                .collect(),
        },
        Action::Concede { issue, amount } => Move::Concede {
            issue: k(issue),
            amount,
        },
        Action::HoldFirm => Move::HoldFirm,
        Action::WalkOut => Move::WalkOut,
        Action::ImposeSanctions { on } => Move::ImposeSanctions { on: p(on) },
        Action::EaseSanctions { on } => Move::EaseSanctions { on: p(on) },
        Action::OfferAid { to } => Move::OfferAid { to: p(to) },
        Action::MissileTest => Move::MissileTest,
        Action::NuclearTest => Move::NuclearTest,
        Action::MilitaryDrill => Move::MilitaryDrill,
        Action::Sign => Move::Sign,
        Action::Refuse => Move::Refuse,
        Action::LeaveTalks => Move::LeaveTalks,
        Action::ExpelInspectors => Move::ExpelInspectors,
        Action::RestartFacility => Move::RestartFacility,
        Action::Mediate { a, b } => Move::Mediate { a: p(a), b: p(b) },
    }
}

/// A replay: the scenario, the seed and the moves fixed by players or scripts, as a script file's text.
/// `sixparty run --script REPLAY` reproduces the game.
pub fn replay_text(scn: &Scenario, seed: u64, moves: &[FixedMove], description: &str) -> String {
    replay_text_with(scn, seed, moves, &[], &[], &[], description)
}

/// A replay with the facilitator's injects, the delegations' back-channel notes and their compliance
/// choices beside the moves.
pub fn replay_text_with(
    scn: &Scenario,
    seed: u64,
    moves: &[FixedMove],
    injects: &[Inject],
    notes: &[Note],
    comply: &[crate::sim::state::deal::FixedComply],
    description: &str,
) -> String {
    let file = ScriptFile {
        format: SCRIPT_FORMAT,
        scenario: Some(scn.file.meta.id.clone()),
        seed: Some(seed),
        description: description.to_string(),
        moves: moves
            .iter()
            .map(|m| MoveFile {
                day: m.day,
                party: scn.parties[m.party as usize].id.clone(),
                action: action_to_move(scn, &m.action),
                player: matches!(m.why, Why::Player),
                advisers: matches!(m.why, Why::Advisers),
            })
            .collect(),
        injects: injects.iter().map(|i| inject_line(scn, i)).collect(),
        notes: notes.iter().map(|n| note_line(scn, n)).collect(),
        comply: comply
            .iter()
            .map(|f| ComplyLine {
                day: f.day,
                step: scn.commitments.steps[f.step as usize].id.clone(),
                choice: f.choice,
            })
            .collect(),
    };
    let pretty = ron::ser::PrettyConfig::new().struct_names(true);
    let body = ron::ser::to_string_pretty(&file, pretty).unwrap_or_else(|e| format!("// {e}"));
    format!("// sixparty replay: run it with `sixparty run --script THIS_FILE`.\n{body}\n")
}

/// Resolves one move written with ids (as a network seat sends it) into the run's form; the error names
/// what is wrong with it ("unknown party `XYZ`; expected one of: …").
pub fn resolve_move_text(scn: &Scenario, m: &Move) -> Result<Action, String> {
    let map = SourceMap::scan("");
    let mut c = Checker::new("move", &map);
    let a = resolve_move(&mut c, scn, "move", m);
    match (c.finish(), a) {
        (Ok(()), Some(a)) => Ok(a),
        (Err(d), _) => Err(d
            .0
            .iter()
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect::<Vec<_>>()
            .join("; ")),
        (Ok(()), None) => Err("the move could not be read".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::default_scenario;

    #[test]
    fn a_replay_reads_back_as_the_same_moves() {
        let scn = default_scenario();
        let moves = vec![
            FixedMove {
                day: 2,
                party: 1,
                action: Action::EaseSanctions { on: 0 },
                why: Why::Player,
            },
            FixedMove {
                day: 40,
                party: 1,
                action: Action::ProposePackage { issues: 0b11 },
                why: Why::Player,
            },
            FixedMove {
                day: 41,
                party: 1,
                action: Action::Concede {
                    issue: 1,
                    amount: 4.5,
                },
                why: Why::Scripted,
            },
        ];
        let text = replay_text(&scn, 99, &moves, "test");
        let back = load_script("replay.ron", &text, &scn).expect("a replay loads");
        assert_eq!(back.moves, moves);
        assert_eq!(back.file.seed, Some(99));
    }
}
