//! Any bytes as a scenario file: loading never panics; a file that loads plays 40 days with the model's
//! invariants holding every day.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sixparty::sim::step::invariants::run_checked;
use sixparty::sim::{Simulation, load_scenario};
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match load_scenario("fuzz.ron", text) {
        Ok(scn) => {
            let mut sim = Simulation::new(Arc::new(scn), 1, true);
            sim.set_horizon(40);
            if let Err(e) = run_checked(&mut sim) {
                panic!("an accepted scenario broke an invariant: {e}");
            }
        }
        Err(d) => assert!(!d.0.is_empty() && d.0.iter().all(|x| x.line >= 1 && x.col >= 1)),
    }
});
