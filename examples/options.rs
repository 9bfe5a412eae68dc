//! Prints what each delegation's advisers would weigh on a given day of a run (a calibration aid):
//! `cargo run --example options -- SEED DAY`.

use sixparty::sim::decide::options;
use sixparty::sim::output::render::{describe_action, describe_factor};
use sixparty::sim::{Simulation, default_scenario};
use std::sync::Arc;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (seed, day) = (
        args.first().copied().unwrap_or(1),
        args.get(1).copied().unwrap_or(0),
    );
    let scn = Arc::new(default_scenario());
    let mut sim = Simulation::new(Arc::clone(&scn), seed, false);
    while sim.state.day < day as i64 && sim.step() {}
    println!(
        "seed {seed}, day {}: phase {:?}, momentum {:.1}",
        sim.state.day, sim.state.phase, sim.state.momentum
    );
    for (i, p) in scn.parties.iter().enumerate() {
        let ps = &sim.state.parties[i];
        println!(
            "\n{} (pressure {:.0}, grievance {:.0}, face {:.0})",
            p.id,
            ps.pressure,
            sim.state.grievance_max(i as u8),
            ps.face
        );
        for c in options(&scn, &sim.state, i as u8).iter().take(8) {
            let why: Vec<String> = c
                .factors
                .iter()
                .map(|(f, w)| format!("{} ({w:+.2})", describe_factor(&scn, f)))
                .collect();
            println!(
                "  {:5.1}%  {:+.2}  {:<40} {}",
                100.0 * c.probability,
                c.score,
                describe_action(&scn, &c.action),
                why.join(", ")
            );
        }
    }
}
