//! What-ifs: `--set PATH=VALUE` changes one value of a scenario before it runs, e.g.
//! `parties.USA.positions.sanctions.position=60` or `rules.bda_working_group.probability=0.2`.
//! The changed scenario is validated again like a file.

use crate::sim::action::ActionKind;
use crate::sim::io::diag::Diagnostics;
use crate::sim::io::locate::SourceMap;
use crate::sim::scenario::{PairFile, Phase, RedLine, Role, Scenario, ScenarioFile, compile};

/// The paths `--set` understands, for messages and documentation.
pub const SET_PATHS: &[&str] = &[
    "meta.horizon_days",
    "talks.phase | talks.host | talks.momentum | talks.contacts_at | talks.prepare_at | talks.acceptance",
    "talks.prep_days | talks.session_days | talks.walkout_days",
    "issues.ISSUE.status_quo",
    "parties.PARTY.capability | parties.PARTY.pressure",
    "parties.PARTY.positions.ISSUE.position | .salience | .red_line   (also parties.PARTY.issues.ISSUE.…)",
    "parties.PARTY.doctrine.patience | .resolve | .risk_tolerance | .pressure_sensitivity | .face_sensitivity | .role",
    "parties.PARTY.sanctions_on | parties.PARTY.arsenal",
    "relations.default_trust | relations.PARTY.PARTY   (trust of the first in the second)",
    "rules.RULE.probability | rules.RULE.cooldown_days",
    "ladder.start",
    "model.GROUP.NAME | model.effects.MOVE.NAME | model.weights.MOVE.NAME   (`sixparty model` lists them)",
];

fn number(path: &str, value: &str, lo: f64, hi: f64) -> Result<f64, String> {
    let v: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("--set {path}: `{value}` is not a number"))?;
    if !v.is_finite() || v < lo || v > hi {
        return Err(format!(
            "--set {path}: {v} is out of range; expected {lo} to {hi}"
        ));
    }
    Ok(v)
}

fn whole(path: &str, value: &str, lo: u32, hi: u32) -> Result<u32, String> {
    let v: u32 = value
        .trim()
        .parse()
        .map_err(|_| format!("--set {path}: `{value}` is not a whole number"))?;
    if v < lo || v > hi {
        return Err(format!(
            "--set {path}: {v} is out of range; expected {lo} to {hi}"
        ));
    }
    Ok(v)
}

fn ron_value<T: serde::de::DeserializeOwned>(
    path: &str,
    value: &str,
    what: &str,
) -> Result<T, String> {
    ron::from_str::<T>(value.trim())
        .map_err(|e| format!("--set {path}: `{value}` is not {what} ({})", e.code))
}

fn unknown(path: &str, what: &str, id: &str, known: Vec<&str>) -> String {
    format!(
        "--set {path}: unknown {what} `{id}`; expected one of: {}",
        known.join(", ")
    )
}

fn known(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn bad_path(path: &str) -> String {
    format!(
        "--set {path}: no such setting; the paths are:\n  {}",
        SET_PATHS.join("\n  ")
    )
}

/// Applies one `PATH=VALUE` to a scenario file.
pub fn apply_set(file: &mut ScenarioFile, assignment: &str) -> Result<(), String> {
    let Some((path, value)) = assignment.split_once('=') else {
        return Err(format!("--set `{assignment}`: expected PATH=VALUE"));
    };
    let path = path.trim();
    let seg: Vec<&str> = path.split('.').collect();
    let party_ids: Vec<String> = file.parties.iter().map(|p| p.id.clone()).collect();
    let issue_ids: Vec<String> = file.issues.iter().map(|p| p.id.clone()).collect();
    match seg.as_slice() {
        ["model", ..] if seg.len() >= 3 => {
            let v = number(path, value, -1000.0, 1000.0)?;
            file.model
                .set(&path["model.".len()..], v)
                .map_err(|e| format!("--set {path}: {e}"))?;
        }
        ["meta", "horizon_days"] => file.meta.horizon_days = whole(path, value, 1, 3650)?,
        ["talks", field] => {
            let t = &mut file.talks;
            match *field {
                "phase" => t.phase = ron_value::<Phase>(path, value, "a phase such as Contacts")?,
                "host" => {
                    let v = value.trim();
                    t.host = if v.eq_ignore_ascii_case("none") {
                        None
                    } else if party_ids.iter().any(|p| p == v) {
                        Some(v.to_string())
                    } else {
                        return Err(unknown(path, "party", v, known(&party_ids)));
                    }
                }
                "momentum" => t.momentum = number(path, value, 0.0, 100.0)?,
                "contacts_at" => t.contacts_at = number(path, value, 0.0, 100.0)?,
                "prepare_at" => t.prepare_at = number(path, value, 0.0, 100.0)?,
                "acceptance" => t.acceptance = number(path, value, 0.0, 100.0)?,
                "prep_days" => t.prep_days = whole(path, value, 1, 365)?,
                "session_days" => t.session_days = whole(path, value, 1, 365)?,
                "walkout_days" => t.walkout_days = whole(path, value, 1, 365)?,
                _ => return Err(bad_path(path)),
            }
        }
        ["issues", id, "status_quo"] => {
            let is = file
                .issues
                .iter_mut()
                .find(|i| i.id == *id)
                .ok_or_else(|| unknown(path, "issue", id, known(&issue_ids)))?;
            is.status_quo = number(path, value, 0.0, 100.0)?;
        }
        ["parties", id, rest @ ..] => {
            let p = file
                .parties
                .iter_mut()
                .find(|p| p.id == *id)
                .ok_or_else(|| unknown(path, "party", id, known(&party_ids)))?;
            match rest {
                ["capability"] => p.capability = number(path, value, 0.0, 100.0)?,
                ["pressure"] => p.pressure = number(path, value, 0.0, 100.0)?,
                ["positions" | "issues", issue, field] => {
                    let st = p
                        .positions
                        .get_mut(*issue)
                        .ok_or_else(|| unknown(path, "issue", issue, known(&issue_ids)))?;
                    match *field {
                        "position" => st.position = number(path, value, 0.0, 100.0)?,
                        "salience" => st.salience = number(path, value, 0.0, 1.0)?,
                        "red_line" => {
                            let v = value.trim();
                            st.red_line = if v == "None" || v.eq_ignore_ascii_case("none") {
                                None
                            } else if let Some(inner) =
                                v.strip_prefix("Some(").and_then(|x| x.strip_suffix(')'))
                            {
                                Some(ron_value::<RedLine>(
                                    path,
                                    inner,
                                    "a red line such as AtMost(40)",
                                )?)
                            } else {
                                Some(ron_value::<RedLine>(
                                    path,
                                    v,
                                    "a red line such as AtMost(40)",
                                )?)
                            };
                        }
                        _ => return Err(bad_path(path)),
                    }
                }
                ["doctrine", field] => {
                    let d = &mut p.doctrine;
                    match *field {
                        "patience" => d.patience = number(path, value, 0.0, 1.0)?,
                        "resolve" => d.resolve = number(path, value, 0.0, 1.0)?,
                        "risk_tolerance" => d.risk_tolerance = number(path, value, 0.0, 1.0)?,
                        "pressure_sensitivity" => {
                            d.pressure_sensitivity = number(path, value, 0.0, 1.0)?
                        }
                        "face_sensitivity" => d.face_sensitivity = number(path, value, 0.0, 1.0)?,
                        "role" => {
                            d.role = ron_value::<Role>(path, value, "a role such as Mediator")?
                        }
                        _ => return Err(bad_path(path)),
                    }
                }
                ["sanctions_on"] => {
                    p.sanctions_on = ron_value::<Vec<String>>(
                        path,
                        value,
                        "a list of party ids such as [\"DPRK\"]",
                    )?
                }
                ["arsenal"] => {
                    p.arsenal =
                        ron_value::<Vec<ActionKind>>(path, value, "a list such as [MissileTest]")?
                }
                _ => return Err(bad_path(path)),
            }
        }
        ["relations", "default_trust"] => {
            file.relations.default_trust = number(path, value, 0.0, 100.0)?
        }
        ["relations", a, b] => {
            for id in [a, b] {
                if !party_ids.iter().any(|p| p == *id) {
                    return Err(unknown(path, "party", id, known(&party_ids)));
                }
            }
            if a == b {
                return Err(format!(
                    "--set {path}: a party's trust in itself is not a relation"
                ));
            }
            let v = number(path, value, 0.0, 100.0)?;
            let pairs = &mut file.relations.pairs;
            if let Some(pr) = pairs.iter_mut().find(|pr| pr.a == *a && pr.b == *b) {
                pr.a_trusts_b = v;
            } else if let Some(pr) = pairs.iter_mut().find(|pr| pr.a == *b && pr.b == *a) {
                pr.b_trusts_a = v;
            } else {
                let d = file.relations.default_trust;
                pairs.push(PairFile {
                    a: a.to_string(),
                    b: b.to_string(),
                    a_trusts_b: v,
                    b_trusts_a: d,
                });
            }
        }
        ["rules", id, field] => {
            let ids: Vec<&str> = file.rules.iter().map(|r| r.id.as_str()).collect::<Vec<_>>();
            let ids: Vec<String> = ids.into_iter().map(String::from).collect();
            let r = file
                .rules
                .iter_mut()
                .find(|r| r.id == *id)
                .ok_or_else(|| unknown(path, "rule", id, known(&ids)))?;
            match *field {
                "probability" => r.probability = number(path, value, 0.0, 1.0)?,
                "cooldown_days" => r.cooldown_days = whole(path, value, 0, 3650)?,
                _ => return Err(bad_path(path)),
            }
        }
        ["ladder", "start"] => file.ladder.start = value.trim().to_string(),
        _ => return Err(bad_path(path)),
    }
    Ok(())
}

/// Whether the `--set` path takes a whole number (days), so that a sweep rounds the values it gives it.
pub fn whole_number_path(path: &str) -> bool {
    let seg: Vec<&str> = path.split('.').collect();
    matches!(
        seg.as_slice(),
        ["meta", "horizon_days"]
            | ["talks", "prep_days" | "session_days" | "walkout_days"]
            | ["rules", _, "cooldown_days"]
    )
}

/// Applies every assignment to a copy of the scenario's file and validates the result.
pub fn with_sets(scn: &Scenario, sets: &[String]) -> Result<Scenario, String> {
    let mut file = scn.file.clone();
    for s in sets {
        apply_set(&mut file, s)?;
    }
    compile("(scenario after --set)", &SourceMap::default(), file)
        .map_err(|d: Diagnostics| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::default_scenario;

    #[test]
    fn sets_change_the_named_values() {
        let scn = default_scenario();
        let v = with_sets(
            &scn,
            &[
                "parties.USA.issues.sanctions.position=60".into(),
                "rules.bda_working_group.probability=0.2".into(),
                "parties.USA.sanctions_on=[]".into(),
                "relations.USA.DPRK=30".into(),
                "parties.DPRK.positions.sanctions.red_line=None".into(),
                "talks.phase=Contacts".into(),
            ],
        )
        .unwrap();
        let usa = v.party_index("USA").unwrap() as usize;
        let dprk = v.party_index("DPRK").unwrap();
        let sanctions = v.issue_index("sanctions").unwrap() as usize;
        assert_eq!(v.parties[usa].stances[sanctions].position, 60.0);
        assert!(v.parties[usa].sanctions_on.is_empty());
        assert_eq!(v.trust[usa][dprk as usize], 30.0);
        assert!(
            v.parties[dprk as usize].stances[sanctions]
                .red_line
                .is_none()
        );
        let r = v
            .rules
            .iter()
            .find(|r| r.id == "bda_working_group")
            .unwrap();
        assert_eq!(r.probability, 0.2);
        assert_eq!(v.file.talks.phase, Phase::Contacts);
    }

    #[test]
    fn bad_paths_and_values_are_named() {
        let scn = default_scenario();
        let err = |s: &str| with_sets(&scn, &[s.to_string()]).unwrap_err();
        assert!(
            err("parties.USB.capability=3")
                .contains("--set parties.USB.capability: unknown party `USB`")
        );
        assert!(
            err("parties.USA.capability=300").contains("300 is out of range; expected 0 to 100")
        );
        assert!(err("parties.USA.capability=high").contains("`high` is not a number"));
        assert!(err("parties.USA.height=3").contains("--set parties.USA.height: no such setting"));
        assert!(err("rules.nope.probability=0.1").contains("unknown rule `nope`"));
        assert!(err("capability").contains("expected PATH=VALUE"));
        // A value that passes the setter but breaks the scenario is caught by validation.
        assert!(err("parties.DPRK.positions.sanctions.position=80").contains("contradicts"));
    }
}
