//! Edge cases of the engine's rules, on variations of the two-party test scenario: a rung that ends the
//! run ends it that day, the starting phase counts as a milestone, and scripts cannot aim a move at the
//! mover.

use sixparty::sim::io::script::load_script;
use sixparty::sim::state::chronicle::OutcomeKind;
use sixparty::sim::{Simulation, load_scenario};
use std::sync::Arc;

fn toy() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/good/two_party.ron"
    ))
    .unwrap()
}

#[test]
fn a_rung_that_ends_the_run_ends_it_the_same_day() {
    // An event raises the ladder to "war" on day 9, and a rule that would lower it fires every day.
    let text = toy()
        .replace("probability: 0.1,", "probability: 1.0,")
        .replace(
            "effects: [ShiftMomentum(5.0)]",
            "effects: [SetRung(\"war\")]",
        );
    let scn = Arc::new(load_scenario("war.ron", &text).expect("valid"));
    for seed in 0..20 {
        let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
        let o = sim.run_to_end().clone();
        assert_eq!(o.kind, OutcomeKind::Breakdown, "seed {seed}");
        assert_eq!(o.day, 9);
        assert_eq!(sim.state.rung, 3, "nothing lowers the ladder after the end");
    }
}

#[test]
fn a_run_that_starts_in_session_counts_that_session() {
    let text = toy().replace("phase: Stalled,", "phase: InSession,");
    let scn = Arc::new(load_scenario("insession.ron", &text).expect("valid"));
    let mut sim = Simulation::new(Arc::clone(&scn), 1, false);
    assert_eq!(sim.milestones().sessions, 1);
    assert_eq!(sim.milestones().first_session, Some(0));
    let o = sim.run_to_end().clone();
    assert_ne!(
        o.kind,
        OutcomeKind::Stalled,
        "a session was held: {}",
        o.reason
    );
}

#[test]
fn background_phases_are_not_milestones() {
    let text = toy().replace(
        "effects: [SetRung(\"tense\"), ShiftTrust(from: \"A\", to: \"B\", by: -5.0)]",
        "effects: [SetRung(\"tense\"), SetPhase(Contacts)]",
    );
    let scn = Arc::new(load_scenario("bg.ron", &text).expect("valid"));
    let sim = Simulation::new(Arc::clone(&scn), 1, false);
    // The background moved the talks to Contacts: that is the starting phase, day 0, not a negative day.
    assert_eq!(sim.milestones().first_contacts, Some(0));
    assert_eq!(sim.milestones().first_session, None);
}

#[test]
fn scripts_cannot_aim_a_move_at_the_mover() {
    let scn = load_scenario("toy.ron", &toy()).unwrap();
    let script =
        "Script(format: 1, moves: [(day: 1, party: \"A\", action: ImposeSanctions(on: \"A\"))])";
    let err = load_script("self.ron", script, &scn)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("moves[0].action: A cannot aim this move at itself"),
        "{err}"
    );
}

/// A session still sitting on the last day is played to its close, within `session.overtime`; with 0 the
/// run ends at the horizon. A move scripted in the overtime loads, and a save taken there loads too.
#[test]
fn a_session_sitting_at_the_horizon_is_played_to_its_close() {
    use sixparty::sim::io::save::{load_save, save_text};
    use sixparty::sim::scenario::Phase;
    use sixparty::sim::scenario::whatif::with_sets;
    let scn = Arc::new(sixparty::sim::default_scenario());
    let horizon = scn.horizon_days as i64;
    // A seed whose session is sitting on the last day (found by the soak when the overtime came in).
    let seed = (1..400)
        .find(|&s| {
            let mut sim = Simulation::new(Arc::clone(&scn), s, false);
            sim.run_to_end().day > horizon
        })
        .expect("some run plays past the horizon");
    let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
    let end = sim.run_to_end().day;
    assert!(
        end > horizon && end <= horizon + 30,
        "seed {seed}: ended on day {end}"
    );
    assert_ne!(
        sim.state.phase,
        Phase::InSession,
        "seed {seed}: the session closed"
    );

    let cut = Arc::new(with_sets(&scn, &["model.session.overtime=0".into()]).unwrap());
    let mut short = Simulation::new(cut, seed, false);
    assert_eq!(short.run_to_end().day, horizon, "seed {seed}, no overtime");

    // A move on the overtime's first day is inside the run; one past the overtime is not.
    let script =
        |day: i64| format!("(format: 1, moves: [(day: {day}, party: \"USA\", action: Wait)])");
    assert!(load_script("s.ron", &script(horizon + 1), &scn).is_ok());
    let err = load_script("s.ron", &script(horizon + 31), &scn)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("moves[0].day") && err.contains("outside the run"),
        "{err}"
    );

    // A save taken in the overtime loads and plays on to the same end.
    let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
    while sim.state.day <= horizon + 1 && sim.step() {}
    assert!(sim.state.day > horizon, "the run reached the overtime");
    let text = save_text(&sim, "embedded", &[]);
    let mut loaded = load_save("save.ron", text.as_bytes())
        .expect("a save in the overtime loads")
        .sim;
    assert_eq!(loaded.run_to_end().day, end);
}
