//! `sixparty sweep`: the settings an outcome depends on, ranked; a sweep split in shards and merged prints
//! exactly what the whole sweep prints (Morris and Sobol, every format, one and two threads); bad settings,
//! ranges and shards are refused with one line and an exit code, writing nothing.

use super::common::{TempDir, sixparty, stderr, stdout};
use super::shards::refused;

const FACTORS: [&str; 6] = [
    "-p",
    "model.choice.temperature=0.05..0.15",
    "-p",
    "model.trust.decay=0.005..0.03",
    "-p",
    "talks.session_days=3..8",
];

fn ok(args: &[&str]) -> String {
    let o = sixparty(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

#[test]
fn four_shards_merged_print_what_the_whole_sweep_prints() {
    let dir = TempDir::new("sweep-shards");
    for method in [
        ["--method", "morris", "--trajectories", "3"],
        ["--method", "sobol", "--samples", "3"],
    ] {
        let mut sweep = vec!["sweep", "-n", "6", "--seed", "5", "--days", "80"];
        sweep.extend_from_slice(&method);
        sweep.extend_from_slice(&FACTORS);
        for threads in ["1", "2"] {
            let files: Vec<String> = (1..=4)
                .map(|k| {
                    let f = dir.join(format!("{k}.ron")).display().to_string();
                    let shard = format!("{k}/4");
                    let mut a = sweep.clone();
                    a.extend(["--shard", &shard, "-j", threads, "-o", &f]);
                    ok(&a);
                    f
                })
                .collect();
            for format in ["text", "json", "csv"] {
                let mut whole = sweep.clone();
                whole.extend(["-f", format, "--rank", "tests"]);
                let mut merge = vec!["merge", &files[3], &files[1], &files[0], &files[2]];
                merge.extend(["-f", format, "--rank", "tests"]);
                assert_eq!(
                    ok(&merge),
                    ok(&whole),
                    "{method:?} {format} on {threads} threads"
                );
            }
        }
    }
}

#[test]
fn a_sweep_ranks_the_settings_and_draws_them() {
    let dir = TempDir::new("sweep-rank");
    let svg = dir.join("tornado.svg").display().to_string();
    let mut a = vec!["sweep", "-n", "20", "--trajectories", "4", "--report", &svg];
    a.extend_from_slice(&FACTORS);
    let text = ok(&a);
    // The choice temperature decides between a stall and talks (a logit choice this cold barely
    // explores); the trust decay is a slow drift. The ranking says so.
    let rank = |name: &str| {
        text.lines()
            .find(|l| l.split_whitespace().nth(1) == Some(name))
            .and_then(|l| l.split_whitespace().next()?.parse::<usize>().ok())
            .unwrap_or_else(|| panic!("{name} is not ranked:\n{text}"))
    };
    assert_eq!(rank("model.choice.temperature"), 1, "{text}");
    assert!(text.contains("4 trajectories of 4 points"), "{text}");
    let chart = std::fs::read_to_string(&svg).expect("the chart was written");
    assert!(chart.starts_with("<svg") && chart.contains("model.trust.decay"));

    // Every model coefficient, and the same sweep's JSON carrying every point.
    let o = sixparty(&[
        "sweep",
        "--all",
        "-n",
        "1",
        "--trajectories",
        "1",
        "-f",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("model coefficients from 0.5 to 1.5 times their values"));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let factors = json["factors"].as_array().expect("factors").len();
    assert!(factors > 100, "{factors} factors");
    assert_eq!(json["design"].as_array().map(Vec::len), Some(factors + 1));

    // A file of settings, one a line, with comments.
    let file = dir.join("params.txt");
    std::fs::write(
        &file,
        "# the two\nmodel.trust.decay=0.005..0.03\n\nmodel.choice.temperature=0.05..0.15 # noisy\n",
    )
    .expect("written");
    let from_file = ok(&[
        "sweep",
        "-n",
        "5",
        "--params-file",
        &file.display().to_string(),
        "-f",
        "csv",
    ]);
    assert_eq!(from_file.lines().count(), 1 + 2 * 9, "{from_file}");
}

#[test]
fn bad_settings_ranges_and_shards_are_refused() {
    let dir = TempDir::new("sweep-bad");
    let out = dir.join("never.txt");
    let o = out.display().to_string();
    let sweep = |extra: &[&str]| {
        let mut a = vec!["sweep", "-n", "2", "-o", &o];
        a.extend_from_slice(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<String>>()
    };
    for (extra, says) in [
        (vec!["-p", "nope.x=1..2"], "--param nope.x: no such setting"),
        (
            vec!["-p", "model.trust.nope=1..2"],
            "no model coefficient `trust.nope`",
        ),
        (vec!["-p", "model.trust.decay=0.05..0.01"], "is inverted"),
        (vec!["-p", "model.trust.decay=0.02..0.02"], "is empty"),
        (vec!["-p", "talks.session_days=3..3.4"], "is empty"),
        (vec!["-p", "model.trust.decay=a..1"], "`a` is not a number"),
        (vec!["-p", "model.trust.decay"], "expected PATH=LOW..HIGH"),
        (
            vec!["-p", "model.trust.decay=0.01..2"],
            "model.trust.decay=0.01..2: model.trust.decay: 2 is out of range",
        ),
        (vec!["-p", "talks.phase=1..2"], "is not a phase"),
        (
            vec![
                "-p",
                "model.trust.decay=0..0.1",
                "-p",
                "model.trust.decay=0..0.2",
            ],
            "already varied",
        ),
        (vec![], "sweep needs settings to vary"),
        (
            vec!["--all", "--trajectories", "10000"],
            "the design is too large",
        ),
        (
            vec!["-p", "model.trust.decay=0..0.1", "--levels", "3"],
            "an even number",
        ),
        (
            vec!["-p", "model.trust.decay=0..0.1", "--rank", "peace"],
            "unknown measure",
        ),
        (
            vec!["-p", "model.trust.decay=0..0.1", "--shard", "5/4"],
            "shard 5 is out of range",
        ),
        (
            vec![
                "-p",
                "model.trust.decay=0..0.1",
                "--trajectories",
                "2",
                "--shard",
                "1/9",
            ],
            "a sweep of 4 points is split in at most 4 shards",
        ),
        (
            vec![
                "-p",
                "model.trust.decay=0..0.1",
                "--shard",
                "1/2",
                "-f",
                "json",
            ],
            "when merging",
        ),
    ] {
        let args = sweep(&extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&args, 2, says);
        assert!(!out.exists(), "{extra:?} wrote its output");
    }
    let file = dir.join("params.txt");
    std::fs::write(&file, "model.trust.decay=0..0.1\nmodel.trust.decay 0..1\n").expect("written");
    let f = file.display().to_string();
    refused(
        &sweep(&["--params-file", &f])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        3,
        &format!("{f}:2:1: `model.trust.decay 0..1`: expected PATH=LOW..HIGH"),
    );

    // Shards of different sweeps, or of a sweep and a batch, are not merged.
    let part = |k: &str, extra: &[&str]| {
        let f = dir
            .join(format!("{}-{}.ron", k.replace('/', "-"), extra.len()))
            .display()
            .to_string();
        let mut a = vec![
            "sweep",
            "-n",
            "2",
            "-p",
            "model.trust.decay=0..0.1",
            "--shard",
            k,
            "-o",
            &f,
        ];
        a.extend_from_slice(extra);
        ok(&a);
        f
    };
    let a1 = part("1/2", &[]);
    let b2 = part("2/2", &["--trajectories", "3"]);
    refused(&["merge", &a1, &b2], 3, "its sweep design differs");
    refused(&["merge", &a1], 3, "shard 2/2 of the sweep is missing");
    let batch = dir.join("batch.ron").display().to_string();
    ok(&["batch", "-n", "4", "--shard", "2/2", "-o", &batch]);
    refused(&["merge", &a1, &batch], 3, "its command differs");
    let batch1 = dir.join("batch1.ron").display().to_string();
    ok(&["batch", "-n", "4", "--shard", "1/2", "-o", &batch1]);
    refused(
        &["merge", &batch1, &batch, "--rank", "tests"],
        2,
        "--rank orders a sweep's settings",
    );
}
