//! Script files: moves fixed in advance for some parties on given days (scripted scenarios and replays).

use crate::sim::action::{Action, Move};
use crate::sim::io::diag::Diagnostics;
use crate::sim::io::locate::SourceMap;
use crate::sim::io::ron::{Checker, parse_ron};
use crate::sim::scenario::Scenario;
use crate::sim::state::chronicle::Why;
use crate::sim::step::FixedMove;
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
    c.finish()?;
    Ok(Script { file: raw, moves })
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
