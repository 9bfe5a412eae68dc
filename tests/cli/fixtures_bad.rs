//! Malformed scenarios: every file in `tests/fixtures/bad` is a copy of `tests/fixtures/good/two_party.ron`
//! with one defect, and `sixparty check` must reject it with exit code 3 and a message that names the file,
//! the line and column of the defect, the field path and what was expected.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

const BAD_DIR: &str = "tests/fixtures/bad";

/// One row per fixture: the file name in `tests/fixtures/bad`, the `LINE:COL: PATH: ` that must follow
/// `tests/fixtures/bad/NAME.ron:` at the start of a line of standard error (just `LINE:COL: ` when the
/// message is about the whole file), and a phrase that must follow on the same line.
#[rustfmt::skip]
const CASES: &[(&str, &str, &str)] = &[
    // Syntax and shape, found by the RON parser.
    ("syntax_missing_comma.ron", "20:13: parties[0].colour: ", "Expected comma"),
    ("syntax_unclosed_paren.ron", "10:59: meta.sources[0]: ", "Expected comma"),
    ("syntax_unterminated_string.ron", "39:18: parties[1]: ", "Expected comma"),
    ("syntax_trailing_garbage.ron", "83:2: ", "Non-whitespace trailing characters"),
    ("wrong_struct_name.ron", "2:1: ", "Expected struct `Scenario` but found `Scenaro`"),
    ("unknown_field.ron", "22:13: parties[0].capabilty: ", "Unexpected field named `capabilty`"),
    ("missing_field.ron", "29:9: parties[0]: ", "missing field `head`; every entry of `parties` needs it"),
    ("missing_top_level_field.ron", "82:1: ", "missing field `relations`; every scenario file needs it"),
    ("wrong_type.ron", "22:25: parties[0].capability: ", "Expected float"),
    ("negative_count.ron", "9:24: meta.horizon_days: ", "Integer is out of bounds"),
    ("unknown_variant.ron", "29:23: parties[0].arsenal[0]: ", "Unexpected variant named `MilitaryParade`"),
    ("unknown_phase.ron", "49:16: talks.phase: ", "Unexpected variant named `Frozen` in enum `Phase`"),
    ("unknown_condition.ron", "73:20: rules[0].when[0]: ", "Unexpected variant named `RungAbove`"),
    ("duplicate_field.ron", "19:28: parties[0].name: ", "written twice (first at line 19, column 13)"),
    ("duplicate_map_key.ron", "26:17: parties[0].positions.border: ", "written twice (first at line 25, column 17)"),
    ("not_utf8.ron", "6:38: ", "is not valid UTF-8 text"),
    // Meta, issues and sources.
    ("unknown_format_version.ron", "3:13: format: ", "unknown scenario format version 2; this build reads version 1"),
    ("empty_meta_id.ron", "5:13: meta.id: ", "is empty; expected a short id"),
    ("horizon_out_of_range.ron", "9:23: meta.horizon_days: ", "4000 is out of range; expected a number of days from 1 to 3650"),
    ("duplicate_source_id.ron", "10:67: meta.sources[1].id: ", "duplicate source id `none`"),
    ("duplicate_issue_id.ron", "14:14: issues[1].id: ", "duplicate issue id `border`"),
    ("status_quo_out_of_range.ron", "14:79: issues[1].status_quo: ", "110 is out of range; expected a number from 0 to 100"),
    // Parties.
    ("duplicate_party_id.ron", "32:17: parties[1].id: ", "duplicate party id `A`"),
    ("bad_colour.ron", "34:21: parties[1].colour: ", "`vermilion` is not a colour; expected #rrggbb"),
    ("capability_out_of_range.ron", "36:25: parties[1].capability: ", "-40 is out of range; expected a number from 0 to 100"),
    ("doctrine_out_of_range.ron", "42:48: parties[1].doctrine.resolve: ", "1.6 is out of range; expected a number from 0 to 1"),
    ("position_out_of_range.ron", "26:37: parties[0].positions.trade.position: ", "170 is out of range; expected a number from 0 to 100"),
    ("salience_out_of_range.ron", "26:53: parties[0].positions.trade.salience: ", "1.4 is out of range; expected a number from 0 to 1"),
    ("red_line_out_of_range.ron", "25:74: parties[0].positions.border.red_line: ", "160 is out of range; expected a number from 0 to 100"),
    ("red_line_contradicts_position.ron", "25:74: parties[0].positions.border.red_line: ", "red line AtMost(10.0) contradicts the party's own position 20"),
    ("unknown_issue_in_positions.ron", "27:28: parties[0].positions.fishing: ", "unknown issue `fishing`; expected one of: border, trade"),
    ("missing_position_for_issue.ron", "38:24: parties[1].positions: ", "party `B` has no position on issue `trade`"),
    ("not_military_arsenal.ron", "43:36: parties[1].arsenal[1]: ", "Boycott is not an escalation"),
    ("self_sanction.ron", "44:28: parties[1].sanctions_on[0]: ", "a party cannot sanction itself"),
    ("unknown_party_in_sanctions.ron", "44:28: parties[1].sanctions_on[0]: ", "unknown party `C`; expected one of: A, B"),
    // Relations.
    ("trust_out_of_range.ron", "47:32: relations.default_trust: ", "140 is out of range; expected a number from 0 to 100"),
    ("self_relation.ron", "47:58: relations.pairs[0].b: ", "a party's trust in itself is not a relation"),
    ("unknown_party_in_relation.ron", "47:50: relations.pairs[0].a: ", "unknown party `Z`; expected one of: A, B"),
    ("duplicate_relation_pair.ron", "47:100: relations.pairs[1]: ", "the pair B / A is listed twice"),
    // Talks.
    ("start_in_agreement.ron", "49:16: talks.phase: ", "a run starts in Agreement only with an agreement in force"),
    // Commitments.
    ("commitment_unknown_party.ron", "85:75: commitments.steps[0].party: ", "unknown party `C`; expected one of: A, B"),
    ("commitment_unknown_issue.ron", "85:87: commitments.steps[0].issue: ", "unknown issue `fishing`; expected one of: border, trade"),
    ("commitment_circular.ron", "85:117: commitments.steps[0].after: ", "the conditions go round in a circle (open_border → lift_tariffs → open_border)"),
    ("commitment_due_outside_run.ron", "85:106: commitments.steps[0].due_days: ", "90 is outside the run; expected 1 to 60"),
    ("commitment_done_before_condition.ron", "84:80: commitments.in_force.done[0]: ", "`lift_tariffs` is listed as done but it comes after `open_border`, which is not done"),
    ("commitment_signed_after_start.ron", "84:33: commitments.in_force.signed: ", "2020-02-01 is not on or before the start (2020-01-01)"),
    ("invalid_date.ron", "50:24: talks.stalled_since: ", "`2019-02-29` is not a day of the calendar"),
    ("unknown_host.ron", "51:20: talks.host: ", "unknown party `C`; expected one of: A, B"),
    ("momentum_out_of_range.ron", "52:19: talks.momentum: ", "-25 is out of range; expected a number from 0 to 100"),
    ("prepare_below_contacts.ron", "54:21: talks.prepare_at: ", "20 is below contacts_at (30)"),
    ("zero_session_days.ron", "56:23: talks.session_days: ", "0 is out of range; expected a number of days from 1 to 365"),
    // Ladder.
    ("start_rung_unknown.ron", "61:16: ladder.start: ", "unknown rung `peace`; expected one of: calm, tense, missile, war"),
    ("empty_ladder.ron", "62:16: ladder.rungs: ", "the ladder has no rungs"),
    ("duplicate_rung_id.ron", "65:18: ladder.rungs[2].id: ", "duplicate rung id `tense`"),
    // Rules.
    ("unknown_rung_in_rule.ron", "73:20: rules[0].when[0]: ", "unknown rung `tension`; expected one of: calm, tense"),
    ("unknown_party_in_rule.ron", "73:125: rules[0].when[2].party: ", "unknown party `C`; expected one of: A, B"),
    ("unknown_issue_in_rule.ron", "73:199: rules[0].when[3].issue: ", "unknown issue `fishing`; expected one of: border, trade"),
    ("rule_value_out_of_range.ron", "73:202: rules[0].when[3].value: ", "130 is out of range; expected a number from 0 to 100"),
    ("rule_without_effects.ron", "74:19: rules[0].then: ", "a rule with no effects does nothing"),
    ("probability_out_of_range.ron", "75:26: rules[0].probability: ", "1.5 is out of range; expected a number from 0 to 1"),
    // Timeline.
    ("malformed_date.ron", "80:16: timeline[0].date: ", "`2019/12/20` is not a date; expected YYYY-MM-DD"),
    ("unknown_actor.ron", "80:86: timeline[0].actor: ", "unknown party `C`; expected one of: A, B"),
    ("unknown_rung_in_effect.ron", "80:131: timeline[0].effects[0]: ", "unknown rung `crisis`"),
    ("unknown_party_in_effect.ron", "80:175: timeline[0].effects[1].to: ", "unknown party `X`; expected one of: A, B"),
    ("event_after_horizon.ron", "81:16: timeline[1].date: ", "2020-06-10 is after the run ends (2020-03-01, day 60)"),
    ("unknown_source.ron", "81:67: timeline[1].source: ", "unknown source `wiki`; expected an id from meta.sources"),
    ("effect_out_of_range.ron", "81:85: timeline[1].effects[0]: ", "500 is out of range; expected a number from -100 to 100"),
    ("effect_sets_agreement.ron", "81:85: timeline[1].effects[0]: ", "only the parties can reach an agreement"),
    ("schedule_zero_days.ron", "81:103: timeline[1].effects[0].in_days: ", "a scheduled event happens at least 1 day later"),
];

#[test]
fn every_bad_fixture_is_in_the_table_once() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(BAD_DIR);
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/bad is readable")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".ron"))
        .collect();
    let mut in_table = BTreeSet::new();
    for &(file, _, _) in CASES {
        assert!(
            in_table.insert(file.to_string()),
            "{file} is in the table twice"
        );
    }
    let untested: Vec<&String> = on_disk.difference(&in_table).collect();
    let missing: Vec<&String> = in_table.difference(&on_disk).collect();
    assert!(
        untested.is_empty(),
        "fixtures with no row in CASES: {untested:?}"
    );
    assert!(
        missing.is_empty(),
        "rows in CASES with no file in {BAD_DIR}: {missing:?}"
    );
    assert!(
        on_disk.len() >= 18,
        "expected at least 18 bad fixtures, found {}",
        on_disk.len()
    );
}

#[test]
fn every_bad_fixture_is_rejected_with_a_located_message() {
    let mut failures = Vec::new();
    for &(file, location, phrase) in CASES {
        let path = format!("{BAD_DIR}/{file}");
        let o = check(&[path.as_str()]);
        let stdout = String::from_utf8_lossy(&o.stdout);
        let stderr = String::from_utf8_lossy(&o.stderr);
        let mut problems = Vec::new();
        if o.status.code() != Some(3) {
            problems.push(format!("exit code {:?}, expected 3", o.status.code()));
        }
        if !stdout.is_empty() {
            problems.push(format!("standard output is not empty: {stdout:?}"));
        }
        if stderr.contains("panicked") {
            problems.push("the binary panicked".to_string());
        }
        let file_prefix = format!("{path}:");
        if let Some(stray) = stderr.lines().find(|l| !l.starts_with(&file_prefix)) {
            problems.push(format!(
                "a line of standard error does not name the file: {stray:?}"
            ));
        }
        let prefix = format!("{path}:{location}");
        let found = stderr.lines().any(|l| {
            l.strip_prefix(&prefix)
                .is_some_and(|rest| rest.contains(phrase))
        });
        if !found {
            problems.push(format!(
                "no line starts with {prefix:?} and goes on with {phrase:?}"
            ));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{path}:\n  {}\n  stderr:\n{stderr}",
                problems.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn good_fixture_and_default_scenario_check_ok() {
    let files = ["tests/fixtures/good/two_party.ron", "scenarios/nov2006.ron"];
    let o = check(&files);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "standard error is not empty: {stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "expected two lines, got: {stdout}");
    for (line, file) in lines.iter().zip(files) {
        assert!(
            line.starts_with(&format!("ok: {file}: ")),
            "unexpected line: {line}"
        );
    }
}

fn check(files: &[&str]) -> Output {
    let mut args = vec!["check"];
    args.extend_from_slice(files);
    crate::common::sixparty(&args)
}
