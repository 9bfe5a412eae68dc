//! The adviser plays futures on copies: the game it advises continues exactly as it would have.

use sixparty::sim::action::Action;
use sixparty::sim::output::render;
use sixparty::sim::runs::adviser::advise;
use sixparty::sim::{Simulation, default_scenario};
use std::sync::Arc;

#[test]
fn rollouts_do_not_change_the_game() {
    let scn = Arc::new(default_scenario());
    let mut plain = Simulation::new(Arc::clone(&scn), 11, true);
    while plain.step() {}
    let mut advised = Simulation::new(Arc::clone(&scn), 11, true);
    loop {
        if advised.state.day % 15 == 0 {
            let rows = advise(&advised, 1, 20, 30, 4);
            assert!(!rows.is_empty());
        }
        if !advised.step() {
            break;
        }
    }
    assert_eq!(render::text(&plain), render::text(&advised));
    assert_eq!(plain.state, advised.state);
}

#[test]
fn a_missile_test_raises_the_odds_of_escalation() {
    let scn = Arc::new(default_scenario());
    let missile = scn.rungs.iter().position(|r| r.id == "missile").unwrap() as u8;
    let dprk = scn.party_index("DPRK").unwrap();
    let mut sim = Simulation::new(Arc::clone(&scn), 4, false);
    // Play until the ladder has come down below the missile rung, so that a launch would raise it.
    while sim.state.rung >= missile && sim.step() {}
    assert!(!sim.is_finished(), "the ladder comes down in this run");
    let rows = advise(&sim, dprk, 60, 30, usize::MAX);
    let row = |a: Action| rows.iter().find(|r| r.action == a).expect("move offered");
    let test = row(Action::MissileTest);
    let wait = row(Action::Wait);
    assert_eq!(test.rollouts, 60);
    assert_eq!(
        test.escalation, 1.0,
        "a launch raises the ladder in every future"
    );
    assert!(wait.escalation < test.escalation);
    for r in &rows {
        for x in [r.resumed, r.agreement, r.escalation, r.model_probability] {
            assert!((0.0..=1.0).contains(&x));
        }
    }
    // The same question gives the same answer.
    assert_eq!(rows, advise(&sim, dprk, 60, 30, usize::MAX));
}
