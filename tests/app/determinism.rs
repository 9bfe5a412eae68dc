//! Bevy's loop and a direct loop over the core give the same transcript: every front end calls the same
//! step.

use sixparty::sim::io::script::load_script;
use sixparty::sim::output::render;
use sixparty::sim::{Simulation, default_scenario};
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
        assert_eq!(render::json_text(&a), render::json_text(&b), "seed {seed}");
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
