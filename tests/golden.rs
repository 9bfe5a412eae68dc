//! Golden transcripts: what the binary prints for a fixed set of runs, compared byte for byte with the files
//! in `tests/golden/`. A change to the model or to an output format shows up as a diff of those files,
//! reviewed like code. Regenerate them with `SIXPARTY_BLESS=1 cargo test --test golden`.

use std::path::PathBuf;
use std::process::Command;

/// Each golden file and the command line that makes it (run from the repository's root).
const CASES: &[(&str, &[&str])] = &[
    ("run-seed1.txt", &["run", "--seed", "1"]),
    (
        "run-seed1.json",
        &["run", "--seed", "1", "--format", "json"],
    ),
    ("run-seed7.txt", &["run", "--seed", "7"]),
    (
        "run-seed7.json",
        &["run", "--seed", "7", "--format", "json"],
    ),
    (
        "run-script-us-eases-early.txt",
        &["run", "--script", "scenarios/scripts/us_eases_early.ron"],
    ),
    (
        "run-script-us-eases-early.json",
        &[
            "run",
            "--script",
            "scenarios/scripts/us_eases_early.ron",
            "--format",
            "json",
        ],
    ),
    (
        "run-two-party-seed3.txt",
        &["run", "tests/fixtures/good/two_party.ron", "--seed", "3"],
    ),
    (
        "run-two-party-seed3.json",
        &[
            "run",
            "tests/fixtures/good/two_party.ron",
            "--seed",
            "3",
            "--format",
            "json",
        ],
    ),
    (
        "run-teaching60-seed2.txt",
        &["run", "scenarios/teaching60.ron", "--seed", "2"],
    ),
    (
        "batch-200.txt",
        &["batch", "--runs", "200", "--seed", "1", "--threads", "2"],
    ),
    (
        "batch-200.json",
        &[
            "batch",
            "--runs",
            "200",
            "--seed",
            "1",
            "--threads",
            "2",
            "--format",
            "json",
        ],
    ),
    (
        "batch-200.csv",
        &[
            "batch",
            "--runs",
            "200",
            "--seed",
            "1",
            "--threads",
            "2",
            "--format",
            "csv",
        ],
    ),
    (
        "compare-100-us-eases-early.txt",
        &[
            "compare",
            "--runs",
            "100",
            "--seed",
            "1",
            "--variant-script",
            "scenarios/scripts/us_eases_early.ron",
        ],
    ),
    (
        "compare-100-us-eases-early.json",
        &[
            "compare",
            "--runs",
            "100",
            "--seed",
            "1",
            "--variant-script",
            "scenarios/scripts/us_eases_early.ron",
            "--format",
            "json",
        ],
    ),
    (
        "brief-jpn.md",
        &["brief", "--party", "JPN", "--format", "md"],
    ),
];

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn the_binary_prints_the_golden_transcripts_byte_for_byte() {
    let bless = std::env::var_os("SIXPARTY_BLESS").is_some_and(|v| v == "1");
    let dir = golden_dir();
    if bless {
        std::fs::create_dir_all(&dir).expect("tests/golden can be made");
    }
    let mut differ = Vec::new();
    for (name, args) in CASES {
        let out = Command::new(env!("CARGO_BIN_EXE_sixparty"))
            .args(*args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("NO_COLOR", "1")
            .output()
            .expect("the binary runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "sixparty {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        let path = dir.join(name);
        if bless {
            std::fs::write(&path, &out.stdout).expect("a golden file can be written");
            continue;
        }
        let want = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; make it with SIXPARTY_BLESS=1 cargo test --test golden",
                path.display()
            )
        });
        if want != out.stdout {
            let got = String::from_utf8_lossy(&out.stdout);
            let want = String::from_utf8_lossy(&want);
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .map_or(got.lines().count().min(want.lines().count()), |n| n);
            differ.push(format!(
                "{name} (sixparty {}): first difference at line {}:\n  golden: {}\n  now:    {}",
                args.join(" "),
                line + 1,
                want.lines().nth(line).unwrap_or("<end of file>"),
                got.lines().nth(line).unwrap_or("<end of file>"),
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "output differs from tests/golden/ (review, then SIXPARTY_BLESS=1 cargo test --test golden):\n{}",
        differ.join("\n")
    );
}

#[test]
fn every_golden_file_has_a_case() {
    let names: Vec<&str> = CASES.iter().map(|(n, _)| *n).collect();
    if std::env::var_os("SIXPARTY_BLESS").is_some_and(|v| v == "1") && !golden_dir().exists() {
        // The other test is writing them for the first time.
        return;
    }
    for entry in std::fs::read_dir(golden_dir()).expect("tests/golden exists") {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(
            names.contains(&name.as_str()),
            "tests/golden/{name} is made by no case: remove it or add its command"
        );
    }
}
