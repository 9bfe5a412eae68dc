//! `sixparty soak` as a user runs it: its figures and its exit code.

#[test]
fn the_soak_command_reports_its_figures() {
    let o = crate::common::sixparty(&["soak", "--runs", "60", "--threads", "2"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    for want in [
        "  nov2006: 60 runs",
        "  teaching60: 60 runs",
        "runs: 180\n",
        "failures: 0\n",
        "peak memory: ",
    ] {
        assert!(out.contains(want), "`{want}` missing from:\n{out}");
    }
}
