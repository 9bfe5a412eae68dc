//! Determinism: the same seed gives the same run, recorded or not; batches do not depend on the thread
//! count; asking the adviser does not disturb the run.

use sixparty::sim::output::render;
use sixparty::sim::runs::batch::run_batch;
use sixparty::sim::{Simulation, default_scenario, load_scenario};
use std::sync::Arc;

fn direct(sim: &mut Simulation) {
    while sim.step() {}
}

#[test]
fn recording_the_chronicle_does_not_change_the_run() {
    let scn = Arc::new(default_scenario());
    for seed in 1..20 {
        let mut a = Simulation::new(Arc::clone(&scn), seed, true);
        let mut b = Simulation::new(Arc::clone(&scn), seed, false);
        direct(&mut a);
        direct(&mut b);
        assert_eq!(a.state, b.state);
        assert_eq!(a.outcome, b.outcome);
        assert_eq!(a.counters, b.counters);
    }
}

#[test]
fn batches_are_identical_on_one_and_several_threads() {
    let scn = Arc::new(default_scenario());
    let one = run_batch(&scn, 1, 150, 1, &[], None, &|_| {});
    let three = run_batch(&scn, 1, 150, 3, &[], None, &|_| {});
    assert_eq!(one, three);
    assert_eq!(one[41].seed, 42);
}

#[test]
fn asking_the_adviser_leaves_the_run_untouched() {
    let scn = Arc::new(default_scenario());
    let mut a = Simulation::new(Arc::clone(&scn), 5, true);
    let mut b = Simulation::new(Arc::clone(&scn), 5, true);
    direct(&mut a);
    loop {
        for p in 0..scn.parties.len() as u8 {
            let _ = b.advise(p);
        }
        if !b.step() {
            break;
        }
    }
    assert_eq!(render::text(&a), render::text(&b));
}

#[test]
fn the_engine_does_not_assume_six_parties() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/good/two_party.ron"
    ))
    .unwrap();
    let scn = Arc::new(load_scenario("two_party.ron", &text).expect("valid"));
    assert_eq!(scn.parties.len(), 2);
    let mut kinds = std::collections::BTreeSet::new();
    for seed in 0..100 {
        let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
        direct(&mut sim);
        kinds.insert(sim.outcome.as_ref().unwrap().kind);
        let text = render::text(&sim);
        assert!(text.contains("Outcome: "));
    }
    assert!(!kinds.is_empty());
}
