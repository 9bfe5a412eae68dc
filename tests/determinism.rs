//! Determinism: the Bevy-driven run equals a direct loop over the core; batches do not depend on the
//! thread count; asking the adviser does not disturb the run.

use sixparty::sim::batch::run_batch;
use sixparty::sim::script::load_script;
use sixparty::sim::{Simulation, default_scenario, load_scenario, render};
use std::sync::Arc;

fn direct(sim: &mut Simulation) {
    while sim.step() {}
}

#[test]
fn bevy_and_direct_loops_give_the_same_transcript() {
    let scn = Arc::new(default_scenario());
    for seed in [1, 7, 42, 1234] {
        let mut a = Simulation::new(Arc::clone(&scn), seed, true);
        direct(&mut a);
        let b = sixparty::app::run_headless(Simulation::new(Arc::clone(&scn), seed, true));
        assert_eq!(render::text(&a), render::text(&b), "seed {seed}");
        assert_eq!(
            render::json(&a).pretty(),
            render::json(&b).pretty(),
            "seed {seed}"
        );
        assert_eq!(a.state, b.state);
    }
}

#[test]
fn bevy_and_direct_agree_with_a_script_too() {
    let scn = Arc::new(default_scenario());
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/scripts/dprk_missile_test.ron"
    ))
    .unwrap();
    let script = load_script("dprk_missile_test.ron", &text, &scn).unwrap();
    let mut a = Simulation::new(Arc::clone(&scn), 9, true);
    a.fix_moves(script.moves.clone());
    direct(&mut a);
    let mut b = Simulation::new(Arc::clone(&scn), 9, true);
    b.fix_moves(script.moves);
    let b = sixparty::app::run_headless(b);
    assert_eq!(render::text(&a), render::text(&b));
    assert!(render::text(&a).contains("DPRK  MISSILE TEST  -- why: scripted"));
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
