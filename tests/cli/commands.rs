//! The command line as a user types it: `run`, `check` and `batch`, their output and their exit codes.

use crate::common::{TempDir, sixparty, stderr, stdout};
use std::path::Path;

#[test]
fn run_seed_7_prints_the_chronicle_from_the_start_date() {
    let o = sixparty(&["run", "--seed", "7"]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Scenario nov2006 | seed 7 | 2006-11-08 to 2007-03-18"));
    assert!(text.contains("\nDay 0 | Wed 2006-11-08\n"));
    // Every event of the seed article stands on its date: before the start in the background, later under
    // its day.
    let scn = sixparty::sim::default_scenario();
    let mut article = 0;
    for ev in scn.timeline.iter().filter(|e| e.article) {
        article += 1;
        if ev.day < 0 {
            assert!(
                text.contains(&format!("  {}  ", ev.date)) && text.contains(&ev.text),
                "background event of {} missing",
                ev.date
            );
        } else {
            let header = format!("\nDay {} | {} {}\n", ev.day, ev.date.weekday(), ev.date);
            let at = text.find(&header).expect("the event's day has a header");
            let next = text[at + header.len()..]
                .find("\nDay ")
                .map_or(text.len(), |n| at + header.len() + n);
            assert!(
                text[at..next].contains(&ev.text),
                "event of {} not under its day",
                ev.date
            );
        }
    }
    assert!(
        article >= 10,
        "the default scenario reports the article's events"
    );
    // Moves carry their reasons, and the run ends with an outcome line.
    let moves: Vec<&str> = text.lines().filter(|l| l.contains("  -- why: ")).collect();
    assert!(moves.len() > 20, "a chronicle of moves with reasons");
    for p in ["DPRK", "USA", "CHN", "ROK", "JPN", "RUS"] {
        assert!(
            moves.iter().any(|l| l.trim_start().starts_with(p)),
            "{p} makes moves"
        );
    }
    let outcome = text
        .lines()
        .find(|l| l.starts_with("Outcome: "))
        .expect("an outcome line");
    assert!(
        ["RESUMED", "AGREEMENT", "STALLED", "ESCALATED", "BREAKDOWN"]
            .iter()
            .any(|k| outcome.starts_with(&format!("Outcome: {k} on day "))
                || outcome.starts_with(&format!("Outcome: {k}, "))),
        "{outcome}"
    );
    assert!(text.lines().any(|l| l.starts_with("Milestones: ")));
}

#[test]
fn the_same_seed_gives_byte_identical_text_and_json() {
    for seed in ["3", "11"] {
        let a = sixparty(&["run", "--seed", seed]);
        let b = sixparty(&["run", "--seed", seed]);
        assert_eq!(a.stdout, b.stdout);
        let a = sixparty(&["run", "--seed", seed, "--format", "json"]);
        let b = sixparty(&["run", "--seed", seed, "--format", "json"]);
        assert_eq!(a.stdout, b.stdout);
    }
    assert_ne!(
        sixparty(&["run", "--seed", "3"]).stdout,
        sixparty(&["run", "--seed", "4"]).stdout,
        "different seeds tell different stories"
    );
}

#[test]
fn json_transcript_has_the_documented_fields() {
    let o = sixparty(&["run", "--seed", "7", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["scenario"]["id"], "nov2006");
    assert_eq!(v["seed"], 7);
    let events = v["events"].as_array().expect("events");
    assert!(!events.is_empty());
    for e in events {
        for key in [
            "day", "date", "kind", "party", "action", "target", "text", "reason", "from", "to",
        ] {
            assert!(e.get(key).is_some(), "event lacks {key}: {e}");
        }
    }
    let moves: Vec<_> = events.iter().filter(|e| e["kind"] == "move").collect();
    assert!(
        moves
            .iter()
            .all(|e| e["party"].is_string() && e["action"].is_string())
    );
    assert!(
        moves
            .iter()
            .all(|e| !e["reason"].as_str().unwrap_or("").is_empty())
    );
    let out = &v["outcome"];
    assert!(
        ["resumed", "agreement", "stalled", "escalated", "breakdown"]
            .contains(&out["kind"].as_str().expect("kind"))
    );
    assert!(out["day"].is_i64() && out["date"].is_string());
    for key in [
        "first_session_day",
        "agreement_day",
        "peak_rung",
        "sessions",
    ] {
        assert!(
            out["milestones"].get(key).is_some(),
            "milestones lack {key}"
        );
    }
}

#[test]
fn a_script_fixes_moves_and_says_so() {
    let o = sixparty(&[
        "run",
        "--seed",
        "7",
        "--script",
        "scenarios/scripts/us_eases_early.ron",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("\nDay 3 | Sat 2006-11-11\n"));
    assert!(text.contains("USA   eases sanctions on DPRK  -- why: scripted"));
    assert!(text.contains("USA   bilateral meeting with DPRK  -- why: scripted"));
}

#[test]
fn out_writes_the_file_and_nothing_to_stdout() {
    let tmp = TempDir::new("cli");
    let dir = tmp.path();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("t.json");
    let o = sixparty(&[
        "run",
        "--seed",
        "5",
        "--format",
        "json",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let written = std::fs::read(&file).unwrap();
    assert_eq!(
        written,
        sixparty(&["run", "--seed", "5", "--format", "json"]).stdout
    );
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn days_shortens_the_run() {
    let text = stdout(&sixparty(&["run", "--seed", "2", "--days", "10"]));
    assert!(text.contains("2006-11-08 to 2006-11-18 (10 days)"));
    assert!(!text.contains("\nDay 11 |"));
    assert!(text.contains("Outcome: "));
}

#[test]
fn check_accepts_every_shipped_scenario() {
    let mut args = vec!["check".to_string()];
    for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "ron") {
            args.push(format!(
                "scenarios/{}",
                p.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(args.len() >= 2);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = sixparty(&refs);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().filter(|l| l.starts_with("ok: ")).count(),
        args.len() - 1
    );
}

#[test]
fn bad_command_lines_get_one_clear_error_and_a_documented_code() {
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["run", "--sed", "7"],
            2,
            "unexpected argument '--sed' found (a similar argument exists: '--seed')",
        ),
        (
            &["run", "--seed"],
            2,
            "a value is required for '--seed <N>'",
        ),
        (
            &["run", "--seed", "seven"],
            2,
            "invalid value 'seven' for '--seed <N>': `seven` is not a whole number",
        ),
        (
            &["run", "--seed", "-3"],
            2,
            "invalid value '-3' for '--seed <N>': `-3` is not a whole number",
        ),
        (
            &["run", "--format", "xml"],
            2,
            "invalid value 'xml' for '--format <FORMAT>' ([possible values: text, json])",
        ),
        (
            &["run", "--days", "0"],
            2,
            "invalid value '0' for '--days <N>': 0 is out of range; expected 1 to 3650",
        ),
        (
            &["run", "a.ron", "b.ron"],
            2,
            "unexpected argument 'b.ron' found",
        ),
        (&["frobnicate"], 2, "unrecognized subcommand 'frobnicate'"),
        (
            &["batch", "--runs", "0"],
            2,
            "invalid value '0' for '--runs <N>': 0 is out of range",
        ),
        (
            &["batch"],
            2,
            "the following required arguments were not provided: --runs <N>",
        ),
        (
            &["check"],
            2,
            "the following required arguments were not provided: <FILE>...",
        ),
        (
            &["run", "no/such/file.ron"],
            3,
            "no/such/file.ron:1:1: no such file",
        ),
        (
            &["run", "scenarios"],
            3,
            "scenarios:1:1: is a directory; expected a file",
        ),
        (
            &["run", "--script", "no-script.ron"],
            3,
            "no-script.ron:1:1: no such file",
        ),
        (&["run", "--out", "scenarios"], 4, "cannot write scenarios"),
        (
            &["brief"],
            2,
            "the following required arguments were not provided: <--party <ID>|--all>",
        ),
        (
            &["brief", "--party", "XYZ"],
            2,
            "--party XYZ: unknown party",
        ),
        (
            &["brief", "--party", "USA", "--out", "b.txt"],
            2,
            "expected a file name ending in .html or .md",
        ),
        (
            &["brief", "--all", "--out", "b.html"],
            2,
            "the argument '--all' cannot be used with '--out <FILE>'",
        ),
        (
            &["report"],
            2,
            "the following required arguments were not provided: <REPLAY>...",
        ),
        (
            &["report", "no-replay.ron"],
            3,
            "no-replay.ron:1:1: no such file",
        ),
        (
            &["report", "x.ron", "--out", "r.svg"],
            2,
            "invalid value 'r.svg' for '--out <FILE.html>': expected a file name ending in .html",
        ),
        (
            &["report", "scenarios/nov2006.ron"],
            3,
            "scenarios/nov2006.ron:",
        ),
        (
            &["soak"],
            2,
            "the following required arguments were not provided: --runs <N>",
        ),
        (
            &["soak", "--runs", "0"],
            2,
            "invalid value '0' for '--runs <N>': 0 is out of range",
        ),
        (
            &["soak", "--runs", "x"],
            2,
            "invalid value 'x' for '--runs <N>': `x` is not a whole number of runs",
        ),
        (
            &["play", "--turn-limit", "9999"],
            2,
            "9999 is out of range; expected 0 to 3600",
        ),
        (&["play", "--as", "USA,XYZ"], 2, "--as XYZ: unknown party"),
        (&["play", "--as", "USA,USA"], 2, "--as: USA is listed twice"),
        (
            &["play", "--lang", "fr"],
            2,
            "invalid value 'fr' for '--lang <CODE>': `fr` is not a language of the window; expected one of: en (English), ko (한국어)",
        ),
    ];
    for (args, code, message) in cases {
        let o = sixparty(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(*code), "{args:?}: {err}");
        assert!(
            err.contains(message),
            "{args:?}: expected `{message}` in:\n{err}"
        );
        assert!(!err.contains("panicked"), "{args:?} panicked");
        assert!(o.stdout.is_empty(), "{args:?} printed to stdout");
    }
}

#[test]
fn a_script_for_another_scenario_or_with_a_bad_party_is_refused() {
    let tmp = TempDir::new("script");
    let dir = tmp.path();
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.ron");
    std::fs::write(
        &bad,
        "Script(\n    format: 1,\n    scenario: Some(\"other\"),\n    moves: [\n        (day: 2, party: \"USB\", action: Wait),\n    ],\n)\n",
    )
    .unwrap();
    let o = sixparty(&["run", "--script", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(
        err.contains(":3:20: scenario: this script was written for scenario `other`"),
        "{err}"
    );
    assert!(
        err.contains(":5:25: moves[0].party: unknown party `USB`"),
        "{err}"
    );
}

#[test]
fn batch_reports_every_figure_in_every_format() {
    let text = stdout(&sixparty(&["batch", "--runs", "120", "--seed", "1"]));
    for needle in [
        "120 runs, seeds 1..120",
        "Outcomes (share, 95% interval)",
        "first session",
        "Peak escalation rung",
        "Most frequent moves per party",
        "Rules that fired most",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&sixparty(&["batch", "--runs", "120", "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(json["runs"].as_array().unwrap().len(), 120);
    let total: i64 = json["summary"]["outcomes"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v["count"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 120);
    let csv = stdout(&sixparty(&["batch", "--runs", "120", "--format", "csv"]));
    assert_eq!(csv.lines().count(), 121);
    assert!(csv.starts_with("seed,outcome,deal,outcome_day,"));
    // The same batch on one thread and on two gives the same JSON.
    let one = sixparty(&[
        "batch",
        "--runs",
        "300",
        "--threads",
        "1",
        "--format",
        "json",
    ])
    .stdout;
    let two = sixparty(&[
        "batch",
        "--runs",
        "300",
        "--threads",
        "2",
        "--format",
        "json",
    ])
    .stdout;
    assert_eq!(one, two);
}

#[test]
fn set_changes_a_batch_and_compare_shows_the_difference() {
    let base = stdout(&sixparty(&["batch", "--runs", "200", "--format", "csv"]));
    let varied = stdout(&sixparty(&[
        "batch",
        "--runs",
        "200",
        "--format",
        "csv",
        "--set",
        "parties.USA.sanctions_on=[]",
        "--set",
        "parties.DPRK.pressure=20",
    ]));
    assert_ne!(base, varied, "the what-if changes the runs");
    let tmp = TempDir::new("compare");
    let dir = tmp.path();
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("c.svg");
    let o = sixparty(&[
        "compare",
        "--runs",
        "200",
        "--variant-script",
        "scenarios/scripts/us_eases_early.ron",
        "--report",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("variant: script scenarios/scripts/us_eases_early.ron"));
    assert!(text.contains("outcome: stalled"));
    assert!(text.contains(" pp ["));
    let doc = std::fs::read_to_string(&svg).unwrap();
    assert!(doc.starts_with("<svg") && doc.trim_end().ends_with("</svg>"));
    assert!(doc.contains("<polyline") && doc.contains("baseline"));
    let bad = sixparty(&["compare", "--runs", "10", "--set", "parties.USB.pressure=3"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--set parties.USB.pressure: unknown party `USB`"));
    let none = sixparty(&["compare", "--runs", "10"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("compare needs a variant"));
}

#[test]
fn a_replay_of_another_shipped_scenario_finds_it_by_its_id() {
    let scn = sixparty::sim::read_scenario(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/teaching60.ron"
    )))
    .unwrap();
    let moves = vec![sixparty::sim::step::FixedMove {
        day: 1,
        party: 1,
        action: sixparty::sim::action::Action::ConciliatoryStatement,
        why: sixparty::sim::state::chronicle::Why::Player,
    }];
    let text = sixparty::sim::io::script::replay_text(&scn, 4, &moves, "a class's game");
    let tmp = TempDir::new("byid");
    let dir = tmp.path();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("game.ron");
    std::fs::write(&file, text).unwrap();
    let o = sixparty(&["run", "--script", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Scenario teaching60 | seed 4"), "{out}");
    assert!(out.contains("USA   conciliatory statement  -- why: the player's choice"));
}
