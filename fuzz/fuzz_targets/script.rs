//! Any bytes as a script or replay for the default scenario: loading never panics; an accepted script
//! plays 60 days with the model's invariants holding every day.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sixparty::sim::step::invariants::run_checked;
use sixparty::sim::io::script::load_script;
use sixparty::sim::{Simulation, default_scenario};
use std::sync::{Arc, OnceLock};

static SCENARIO: OnceLock<Arc<sixparty::sim::Scenario>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scn = SCENARIO.get_or_init(|| Arc::new(default_scenario()));
    if let Ok(script) = load_script("fuzz.ron", text, scn) {
        let mut sim = Simulation::new(Arc::clone(scn), script.file.seed.unwrap_or(1), true);
        sim.set_horizon(60);
        sim.fix_moves(script.moves);
        if let Err(e) = run_checked(&mut sim) {
            panic!("an accepted script broke an invariant: {e}");
        }
    }
});
