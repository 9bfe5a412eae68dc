//! What a networked seat is sent: the public record of a day keeps the moves and who signed but none of a
//! delegation's private weighing or the model's reasons; a private view is its own party's.

use sixparty::sim::output::render::{public_lines, text};
use sixparty::sim::output::seat::{ADVICE_SHOWN, private_view};
use sixparty::sim::{Simulation, default_scenario};
use std::sync::Arc;

#[test]
fn the_public_record_keeps_what_happened_and_leaves_out_each_delegations_weighing() {
    let scn = Arc::new(default_scenario());
    let mut checked_votes = 0;
    let mut checked_moves = 0;
    for seed in 1..=10u64 {
        let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
        sim.run_to_end();
        let chronicle = text(&sim);
        for day in 0..sim.horizon() {
            let lines = public_lines(&sim, day);
            for l in &lines {
                assert!(!l.contains("-- why:"), "seed {seed} day {day}: {l}");
                assert!(!l.contains("vs needed"), "seed {seed} day {day}: {l}");
                assert!(!l.contains("willingness"), "seed {seed} day {day}: {l}");
                if l.starts_with("= the package is put to the table") {
                    checked_votes += 1;
                }
            }
            // Every move line of the day in the chronicle is in the public record, without its reasons.
            let header = format!("\nDay {day} |");
            if let Some(at) = chronicle.find(&header) {
                let body = &chronicle[at + header.len()..];
                let body = &body[..body.find("\nDay ").unwrap_or(body.len())];
                for l in body.lines().filter(|l| l.contains("  -- why: ")) {
                    let (who_what, _) = l.trim().split_once("  -- why: ").unwrap();
                    let (who, what) = who_what.split_once(' ').unwrap();
                    let public = format!("[{who}] {}", what.trim());
                    checked_moves += 1;
                    assert!(
                        lines.contains(&public),
                        "seed {seed} day {day}: `{public}` missing from {lines:?}"
                    );
                }
            }
        }
    }
    assert!(checked_votes > 0, "some package came to the table");
    assert!(
        checked_moves > 500,
        "only {checked_moves} moves were compared"
    );
}

#[test]
fn a_private_view_is_its_own_partys_with_the_advisers_best_first() {
    let scn = Arc::new(default_scenario());
    let mut sim = Simulation::new(Arc::clone(&scn), 3, true);
    for _ in 0..40 {
        for p in 0..scn.parties.len() as u8 {
            let v = private_view(&sim, p);
            assert_eq!(v.party, scn.parties[p as usize].id);
            assert_eq!(v.day, sim.state.day);
            assert_eq!(v.issues.len(), scn.file.issues.len());
            assert!(!v.advice.is_empty() && v.advice.len() <= ADVICE_SHOWN);
            assert!(
                v.advice
                    .windows(2)
                    .all(|w| w[0].probability >= w[1].probability)
            );
            let total: f64 = v.advice.iter().map(|a| a.probability).sum();
            assert!(total <= 1.0 + 1e-9, "{total}");
            // Building the view changes nothing in the run.
            let before = sim.state.clone();
            let _ = private_view(&sim, p);
            assert_eq!(sim.state, before);
        }
        sim.step();
    }
}
