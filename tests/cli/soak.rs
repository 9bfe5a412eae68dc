//! `sixparty soak` as a user runs it: its figures and its exit code; a soak split in shards and merged
//! prints exactly what the whole soak prints.

use super::common::{TempDir, sixparty, stderr, stdout};
use super::shards::refused;

#[test]
fn the_soak_command_reports_its_figures() {
    let o = sixparty(&["soak", "--runs", "60", "--threads", "2"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for want in [
        "  nov2006: 60 runs",
        "  nov2006_long: 60 runs",
        "  teaching60: 60 runs",
        "runs: 240\n",
        "failures: 0\n",
    ] {
        assert!(out.contains(want), "`{want}` missing from:\n{out}");
    }
    // What was measured goes to standard error: standard output depends on the runs alone.
    assert!(stderr(&o).contains("peak memory "), "{}", stderr(&o));
    assert!(!out.contains("peak memory"), "{out}");
}

#[test]
fn four_shards_of_a_soak_merged_print_what_the_whole_soak_prints() {
    let dir = TempDir::new("soak-shards");
    let soak = [
        "soak",
        "scenarios/jul2005.ron",
        "scenarios/teaching60.ron",
        "--runs",
        "15",
        "--seed",
        "3",
    ];
    let whole = sixparty(&soak);
    assert!(whole.status.success(), "{}", stderr(&whole));
    for threads in ["1", "2"] {
        let files: Vec<String> = (1..=4)
            .map(|k| {
                let f = dir.join(format!("soak-{k}.ron")).display().to_string();
                let shard = format!("{k}/4");
                let mut a = soak.to_vec();
                a.extend(["--shard", &shard, "-j", threads, "--out", &f]);
                let o = sixparty(&a);
                assert!(o.status.success(), "{}", stderr(&o));
                assert!(stdout(&o).is_empty());
                f
            })
            .collect();
        let o = sixparty(&["merge", &files[2], &files[0], &files[3], &files[1]]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o), stdout(&whole), "on {threads} threads");
        // Shard 2 of 4 of 30 runs plays runs 7 to 14: 8 of jul2005's 15 and none of teaching60's.
        let two = std::fs::read_to_string(&files[1]).expect("written");
        assert!(two.contains("(\"jul2005\", 8)"), "{two}");
        refused(
            &[
                "merge", &files[0], &files[1], &files[2], &files[3], "--format", "json",
            ],
            2,
            "these are a soak's shards",
        );
        refused(&["merge", &files[0]], 3, "of the soak are missing");
    }
    refused(
        &[
            "soak",
            "scenarios/jul2005.ron",
            "--runs",
            "2",
            "--shard",
            "1/3",
        ],
        2,
        "a soak of 2 runs is split in at most 2 shards",
    );
    refused(&["soak", "--runs", "2", "--out", "x.ron"], 2, "--shard");
}
