//! Every shipped scenario validates, runs to its end on many seeds with the model's invariants holding
//! every day, and behaves as its purpose needs: the teaching scenario is short and its result open.

use sixparty::sim::output::summary::summarize;
use sixparty::sim::runs::batch::run_batch;
use sixparty::sim::state::chronicle::OutcomeKind;
use sixparty::sim::step::invariants::run_checked;
use sixparty::sim::{Scenario, Simulation, read_scenario};
use std::path::Path;
use std::sync::Arc;

fn scenario(name: &str) -> Arc<Scenario> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name);
    Arc::new(read_scenario(&path).unwrap_or_else(|e| panic!("{e}")))
}

fn runs_clean(scn: &Arc<Scenario>) {
    for seed in 1..=150 {
        let mut sim = Simulation::new(Arc::clone(scn), seed, true);
        run_checked(&mut sim).unwrap_or_else(|e| panic!("{} seed {seed}: {e}", scn.file.meta.id));
        assert!(sim.outcome.is_some());
    }
}

fn share(scn: &Arc<Scenario>, k: OutcomeKind) -> f64 {
    let runs = run_batch(scn, 1, 600, 2, &[], None, &|_| {});
    let s = summarize(scn, 1, &runs);
    s.outcomes.iter().find(|(o, _)| *o == k).unwrap().1.share
}

#[test]
fn the_default_scenario_runs_clean() {
    let scn = scenario("nov2006.ron");
    assert_eq!(scn.start.to_string(), "2006-11-08");
    runs_clean(&scn);
}

#[test]
fn the_july_2005_scenario_runs_clean_and_usually_reaches_the_joint_statement() {
    let scn = scenario("jul2005.ron");
    assert_eq!(scn.start.to_string(), "2005-07-09");
    runs_clean(&scn);
    let agreement = share(&scn, OutcomeKind::Agreement);
    assert!(agreement > 0.5, "agreement in {agreement:.2} of runs");
    assert!(
        agreement < 0.95,
        "agreement is not foregone: {agreement:.2}"
    );
}

#[test]
fn the_teaching_scenario_fits_a_class_period_and_its_result_is_open() {
    let scn = scenario("teaching60.ron");
    assert_eq!(scn.horizon_days, 60);
    assert!(scn.issue_count() <= 4, "fewer issues than the default");
    runs_clean(&scn);
    let runs = run_batch(&scn, 1, 600, 2, &[], None, &|_| {});
    let s = summarize(&scn, 1, &runs);
    let get = |k: OutcomeKind| s.outcomes.iter().find(|(o, _)| *o == k).unwrap().1.share;
    let agreement = get(OutcomeKind::Agreement);
    assert!((0.2..=0.7).contains(&agreement), "agreement {agreement:.2}");
    assert!(get(OutcomeKind::Escalated) > 0.03, "escalation happens");
    let open = OutcomeKind::ALL.iter().filter(|&&k| get(k) > 0.03).count();
    assert!(
        open >= 3,
        "at least three kinds of ending are common, not {open}"
    );
}

#[test]
fn the_default_scenario_id_is_the_embedded_one() {
    assert_eq!(
        sixparty::sim::scenario::default_scenario_id(),
        sixparty::sim::default_scenario().file.meta.id
    );
}
