//! A batch split in shards (`batch --shard K/N`) and put back together (`merge`) prints exactly what the
//! whole batch prints, in every format and for any number of threads; and what cannot be merged is refused
//! with one line and exit code 3 (2 for a bad command line), writing nothing.

use super::common::{TempDir, sixparty, stderr, stdout};

/// Plays the shards of a batch into `dir` and returns the files' paths.
fn shards(dir: &TempDir, args: &[&str], n: usize, threads: &str) -> Vec<String> {
    (1..=n)
        .map(|k| {
            let file = dir
                .join(format!("part-{k}-of-{n}.ron"))
                .display()
                .to_string();
            let shard = format!("{k}/{n}");
            let mut all = vec!["batch", "--shard", &shard, "-j", threads, "--out", &file];
            all.extend_from_slice(args);
            let o = sixparty(&all);
            assert!(o.status.success(), "{}", stderr(&o));
            file
        })
        .collect()
}

fn merged(files: &[String], extra: &[&str]) -> String {
    let mut args = vec!["merge"];
    args.extend(files.iter().map(String::as_str));
    args.extend_from_slice(extra);
    let o = sixparty(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn four_shards_merged_print_what_the_whole_batch_prints() {
    let dir = TempDir::new("shards");
    let batch = [
        "scenarios/history/test2006.ron",
        "--runs",
        "203",
        "--seed",
        "40",
        "--set",
        "parties.DPRK.pressure=20",
        "--days",
        "90",
    ];
    for threads in ["1", "2"] {
        let files = shards(&dir, &batch, 4, threads);
        for format in ["text", "json", "csv"] {
            let mut whole = vec!["batch", "-j", "2", "--format", format];
            whole.extend_from_slice(&batch);
            let o = sixparty(&whole);
            assert!(o.status.success(), "{}", stderr(&o));
            // The shards given in any order.
            let mut files = files.clone();
            files.reverse();
            assert_eq!(
                merged(&files, &["--format", format]),
                stdout(&o),
                "{format} on {threads} threads"
            );
        }
    }
    // A script's moves travel with the shards.
    let script = [
        "--script",
        "scenarios/scripts/us_eases_early.ron",
        "--runs",
        "30",
    ];
    let files = shards(&dir, &script, 3, "2");
    let mut whole = vec!["batch", "--format", "json"];
    whole.extend_from_slice(&script);
    assert_eq!(
        merged(&files, &["--format", "json"]),
        stdout(&sixparty(&whole))
    );
}

/// Runs a command that must fail with `code`, saying `says` on standard error and printing nothing.
pub(super) fn refused(args: &[&str], code: i32, says: &str) {
    let o = sixparty(args);
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(says), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(&o).is_empty(), "{args:?} printed a result");
}

#[test]
fn what_cannot_be_sharded_or_merged_is_refused() {
    let dir = TempDir::new("shards-bad");
    for bad in ["0/4", "5/4", "2", "a/b", "1/0"] {
        refused(
            &["batch", "--runs", "10", "--shard", bad],
            2,
            &format!("`{bad}`"),
        );
    }
    refused(
        &["batch", "--runs", "3", "--shard", "1/4"],
        2,
        "at most 3 shards",
    );
    refused(
        &["batch", "--runs", "8", "--shard", "1/4", "--format", "json"],
        2,
        "when merging",
    );
    let a = shards(&dir, &["--runs", "20"], 2, "2");
    let other_seed = shards(&dir, &["--runs", "20", "--seed", "9"], 4, "2");
    refused(&["merge", &a[0]], 3, "shard 2/2 of the batch is missing");
    refused(&["merge", &a[0], &a[0], &a[1]], 3, "given twice");
    refused(
        &["merge", &a[0], &other_seed[1]],
        3,
        "not a shard of the same batch",
    );
    let jul = dir.join("jul.ron").display().to_string();
    let o = sixparty(&[
        "batch",
        "scenarios/jul2005.ron",
        "--runs",
        "20",
        "--shard",
        "2/2",
        "--out",
        &jul,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    refused(&["merge", &a[0], &jul], 3, "its scenario differs");

    // A file changed after it was written, one cut short, one from a newer build, and something else.
    let text = std::fs::read_to_string(&a[1]).expect("the shard was written");
    let changed = dir.join("changed.ron");
    std::fs::write(&changed, text.replacen("seed: 1", "seed: 2", 1)).expect("written");
    refused(
        &["merge", &a[0], &changed.display().to_string()],
        3,
        "corrupt partial result",
    );
    let cut = dir.join("cut.ron");
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    std::fs::write(&cut, &text[..half]).expect("written");
    refused(
        &["merge", &a[0], &cut.display().to_string()],
        3,
        "truncated partial result",
    );
    let newer = dir.join("newer.ron");
    std::fs::write(
        &newer,
        text.replacen("partial format 1 ", "partial format 9 ", 1),
    )
    .expect("written");
    refused(
        &["merge", &newer.display().to_string()],
        3,
        "written by a newer sixparty",
    );
    refused(
        &["merge", "scenarios/nov2006.ron"],
        3,
        "is not a sixparty partial result",
    );
    refused(&["merge"], 2, "required");
}
