//! Saves: a run saved after any day and loaded again continues exactly as the uninterrupted run (in the
//! manner of lockstep game engines, every day is checked), and damaged, foreign or newer saves are refused
//! with a reason while the file is left as it was.

use crate::common::{TempDir, root, shipped, sixparty_in};
use sixparty::sim::io::save::{load_save, save_text};
use sixparty::sim::io::script::read_script;
use sixparty::sim::output::render;
use sixparty::sim::{Simulation, default_scenario};
use std::sync::Arc;

#[test]
fn saving_and_loading_after_every_day_changes_nothing() {
    let script = read_script(
        &root().join("scenarios/scripts/us_eases_early.ron"),
        &default_scenario(),
    )
    .expect("the shipped script loads");
    let mut checked = 0;
    let scenarios = shipped();
    let count = scenarios.len();
    for (file, scn) in scenarios {
        for seed in 1..=20u64 {
            let fresh = || {
                let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
                // Some runs carry scripted moves, so that moves fixed for later days survive a save too.
                if seed % 4 == 0 && scn.file.meta.id == "nov2006" {
                    sim.fix_moves(script.moves.clone());
                }
                sim
            };
            let mut whole = fresh();
            whole.run_to_end();
            let mut sim = fresh();
            loop {
                let text = save_text(&sim, &file.display().to_string(), &[]);
                let back = load_save("every-day.sav", text.as_bytes())
                    .unwrap_or_else(|e| panic!("{} seed {seed}: {e}", file.display()));
                assert_eq!(back.sim.state, sim.state, "seed {seed}");
                assert_eq!(
                    save_text(&back.sim, &file.display().to_string(), &[]),
                    text,
                    "a loaded save writes the same save again"
                );
                sim = back.sim;
                checked += 1;
                if !sim.step() {
                    break;
                }
            }
            assert_eq!(
                render::text(&sim),
                render::text(&whole),
                "{} seed {seed}: the continued chronicle differs",
                file.display()
            );
            assert_eq!(render::json_text(&sim), render::json_text(&whole));
        }
    }
    // Every shipped scenario runs at least 30 days with each seed.
    assert!(
        checked >= count * 20 * 30,
        "only {checked} saves were checked"
    );
}

#[test]
fn run_save_at_and_load_continue_the_same_transcript() {
    let tmp = TempDir::new("save-cli");
    let dir = tmp.path();
    let scenario = root().join("scenarios/nov2006.ron");
    let scenario = scenario.to_str().unwrap();
    let whole = sixparty_in(&["run", scenario, "--seed", "11"], &dir);
    assert_eq!(whole.status.code(), Some(0));
    let saved = sixparty_in(
        &[
            "run",
            scenario,
            "--seed",
            "11",
            "--save-at",
            "25",
            "day25.sav",
            "--save-at",
            "70",
            "day70.sav",
        ],
        &dir,
    );
    assert_eq!(saved.status.code(), Some(0));
    assert_eq!(saved.stdout, whole.stdout, "saving does not change the run");
    let err = String::from_utf8_lossy(&saved.stderr);
    assert!(
        err.contains("saved the run before day 25 to day25.sav"),
        "{err}"
    );
    for save in ["day25.sav", "day70.sav"] {
        let resumed = sixparty_in(&["run", "--load", save], &dir);
        assert_eq!(
            resumed.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&resumed.stderr)
        );
        assert_eq!(resumed.stdout, whole.stdout, "{save} continues differently");
        let json = sixparty_in(&["run", "--load", save, "--format", "json"], &dir);
        let whole_json = sixparty_in(&["run", scenario, "--seed", "11", "--format", "json"], &dir);
        assert_eq!(json.stdout, whole_json.stdout);
    }
    // The save carries its scenario: it loads after the scenario file is gone.
    let copy = dir.join("copy.ron");
    std::fs::copy(root().join("scenarios/nov2006.ron"), &copy).unwrap();
    let o = sixparty_in(
        &["run", "copy.ron", "--seed", "4", "--save-at", "10", "c.sav"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0));
    std::fs::remove_file(&copy).unwrap();
    let resumed = sixparty_in(&["run", "--load", "c.sav"], &dir);
    assert_eq!(resumed.status.code(), Some(0));
    assert_eq!(
        resumed.stdout,
        sixparty_in(&["run", "--seed", "4"], &dir).stdout
    );
}

#[test]
fn damaged_foreign_and_newer_saves_are_refused_and_left_untouched() {
    let tmp = TempDir::new("save-bad");
    let dir = tmp.path();
    let o = sixparty_in(&["run", "--seed", "3", "--save-at", "30", "good.sav"], &dir);
    assert_eq!(o.status.code(), Some(0));
    let good = std::fs::read(dir.join("good.sav")).unwrap();
    let text = String::from_utf8(good.clone()).unwrap();
    let first_nl = text.find('\n').unwrap();
    // One digit changed deep in the body.
    let mut changed = good.clone();
    let at = first_nl
        + text[first_nl..]
            .find("momentum: ")
            .expect("the save records momentum")
        + "momentum: ".len();
    changed[at] = if changed[at] == b'1' { b'2' } else { b'1' };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.sav",
            good[..good.len() * 2 / 3].to_vec(),
            "truncated save: it ends early",
        ),
        ("corrupt.sav", changed, "corrupt save: its checksum is"),
        (
            "newer.sav",
            text.replacen("format 2 ", "format 9 ", 1).into_bytes(),
            "save format 9 was written by a newer sixparty; this build reads save formats up to 2",
        ),
        (
            "older.sav",
            text.replacen("format 2 ", "format 1 ", 1).into_bytes(),
            "save format 1 was written by an earlier sixparty whose model differs",
        ),
        (
            "foreign.sav",
            std::fs::read(root().join("scenarios/nov2006.ron")).unwrap(),
            "is not a sixparty save: its first line does not begin with `// sixparty save format`",
        ),
        (
            "binary.sav",
            vec![0x89, b'P', b'N', b'G', 0xff, 0x00],
            "is not a sixparty save: it is not text",
        ),
        ("empty.sav", Vec::new(), "is not a sixparty save"),
        (
            "header-only.sav",
            text.as_bytes()[..first_nl + 1].to_vec(),
            "truncated save",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        for cmd in [vec!["run", "--load", name], vec!["play", "--load", name]] {
            let o = sixparty_in(&cmd, &dir);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(3), "{cmd:?}: {err}");
            assert!(
                err.starts_with(&format!("{name}:1:")) && err.contains(message),
                "{cmd:?}: expected `{message}` in:\n{err}"
            );
            assert_eq!(err.lines().count(), 1, "one line: {err}");
            assert!(o.stdout.is_empty());
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was changed");
        }
    }
    // A save whose checksum is right but whose contents do not fit its scenario is refused with the place.
    let body = &text[first_nl + 1..];
    let state_at = body.find("\n  state: (").expect("the save has a state");
    let bad_body = format!(
        "{}{}",
        &body[..state_at],
        body[state_at..].replacen("\n    rung: ", "\n    rung: 9", 1)
    );
    let forged = format!(
        "// sixparty save format 2 checksum {:016x}\n{bad_body}",
        sixparty::sim::io::save::checksum(bad_body.as_bytes())
    );
    let err = load_save("forged.sav", forged.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("forged.sav:") && err.contains("state.rung"),
        "{err}"
    );
    // Values each in range but past what the scenario allows (found by the mutated-save property test):
    // a position beyond the party's own red line, capital above the scenario's most.
    let scn = Arc::new(default_scenario());
    let jpn = scn
        .party_index("JPN")
        .expect("the default scenario has Japan") as usize;
    let (k, rl) = scn.parties[jpn]
        .stances
        .iter()
        .enumerate()
        .find_map(|(k, s)| s.red_line.map(|rl| (k, rl)))
        .expect("Japan holds a red line");
    let past = (0..=100)
        .map(f64::from)
        .find(|v| !rl.allows(*v))
        .expect("a red line rules something out");
    for (field, forge) in [
        (
            format!("state.parties[{jpn}].positions[{k}]"),
            Box::new(|sim: &mut Simulation| sim.state.parties[jpn].positions[k] = past)
                as Box<dyn Fn(&mut Simulation)>,
        ),
        (
            format!("state.parties[{jpn}].capital"),
            Box::new(|sim: &mut Simulation| {
                sim.state.parties[jpn].capital = sim.scenario.model.capital.max + 5.0
            }),
        ),
    ] {
        let mut sim = Simulation::new(Arc::clone(&scn), 3, true);
        forge(&mut sim);
        let text = save_text(&sim, "nov2006.ron", &[]);
        let err = load_save("forged.sav", text.as_bytes())
            .err()
            .unwrap_or_else(|| panic!("a save with a forged {field} loaded"))
            .to_string();
        assert!(
            err.contains("forged.sav:") && err.contains(&field),
            "{field}: {err}"
        );
    }
}

#[test]
fn a_save_command_line_that_cannot_work_is_a_usage_error() {
    let tmp = TempDir::new("save-usage");
    let dir = tmp.path();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["run", "--save-at", "10"],
            2,
            "2 values required for '--save-at <DAY> <FILE>' but 1 was provided",
        ),
        (
            &["run", "--save-at", "ten", "x.sav"],
            2,
            "`ten` is not a day",
        ),
        (
            &["run", "--save-at", "10", "."],
            2,
            "is a directory; expected a file name",
        ),
        (
            &["run", "--load"],
            2,
            "a value is required for '--load <SAVE>'",
        ),
        (
            &["run", "--load", "missing.sav"],
            3,
            "missing.sav:1:1: no such file",
        ),
        (
            &["run", "--load", "."],
            3,
            ".:1:1: is a directory; expected a save file",
        ),
        (
            &["run", "--load", "x.sav", "--seed", "3"],
            2,
            "the argument '--load <SAVE>' cannot be used with '--seed <N>'",
        ),
        (
            &["play", "--load", "missing.sav"],
            3,
            "missing.sav:1:1: no such file",
        ),
        (
            &["play", "--load", "x.sav", "--as", "USA"],
            2,
            "the argument '--load <SAVE>' cannot be used with '--as <PARTY[,PARTY...]>'",
        ),
    ];
    for (args, code, message) in cases {
        let o = sixparty_in(args, &dir);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(*code), "{args:?}: {err}");
        assert!(
            err.contains(message),
            "{args:?}: expected `{message}` in:\n{err}"
        );
        assert!(!err.contains("panicked"));
    }
    // Nothing was written by any of them.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}
