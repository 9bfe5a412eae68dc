//! The default scenario against the historical record (../shared/history): over seeds 1–200, talks
//! usually reconvene (historically on day +40) and sometimes reach agreement, while stalls and
//! escalations stay possible.

use sixparty::sim::default_scenario;
use sixparty::sim::output::summary::summarize;
use sixparty::sim::runs::batch::run_batch;
use sixparty::sim::state::chronicle::OutcomeKind;
use std::sync::Arc;

#[test]
fn seeds_1_to_200_resume_usually_and_vary() {
    let scn = Arc::new(default_scenario());
    let runs = run_batch(&scn, 1, 200, 2, &[], None, &|_| {});
    let s = summarize(&scn, 1, &runs);
    let count = |k: OutcomeKind| s.outcomes.iter().find(|o| o.0 == k).unwrap().1.count;
    let kinds = s.outcomes.iter().filter(|o| o.1.count > 0).count();
    assert!(kinds >= 3, "at least three outcome kinds: {:?}", s.outcomes);
    // Resumption, with or without agreement, is the most common ending.
    let resumed = count(OutcomeKind::Resumed) + count(OutcomeKind::Agreement);
    for k in [
        OutcomeKind::Stalled,
        OutcomeKind::Escalated,
        OutcomeKind::Breakdown,
    ] {
        assert!(resumed > count(k), "{:?}", s.outcomes);
    }
    // Escalation and breakdown together end a tenth to a third of the runs: reachable, not the rule.
    let hot = count(OutcomeKind::Escalated) + count(OutcomeKind::Breakdown);
    assert!(
        (20..=70).contains(&hot),
        "escalated or breakdown in {hot} of 200 runs"
    );
    let median = s.first_session.p50.expect("sessions happen");
    assert!(
        (25..=60).contains(&median),
        "median first session on day {median}"
    );
    assert!(
        count(OutcomeKind::Agreement) > 0,
        "agreement stays reachable"
    );
    assert!(
        count(OutcomeKind::Stalled) + count(OutcomeKind::Escalated) > 0,
        "stalls or escalations stay possible"
    );
}
