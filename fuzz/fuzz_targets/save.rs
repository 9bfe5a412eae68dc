//! Any bytes as a save: loading never panics. The checksum refuses nearly every change, so the body is
//! also read without it (as a hand edit with a recomputed checksum would be): whatever it accepts must
//! continue for 40 days with the model's invariants holding every day.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sixparty::sim::step::invariants::run_checked;
use sixparty::sim::io::save::{load_save, load_save_body};

fuzz_target!(|data: &[u8]| {
    let _ = load_save("fuzz.sav", data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let body = text.split_once('\n').map_or(text, |(_, b)| b);
    if let Ok(mut loaded) = load_save_body("fuzz.sav", body) {
        let day = loaded.sim.state.day;
        loaded.sim.set_horizon((day + 40).min(loaded.sim.horizon()).max(1));
        if let Err(e) = run_checked(&mut loaded.sim) {
            panic!("an accepted save broke an invariant: {e}");
        }
    }
});
