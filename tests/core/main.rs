//! The core's tests: the model, scenarios, saves and scripts, properties and soaks. They use `sixparty::sim`
//! alone and build without Bevy: `cargo test --no-default-features --test core`.

#[path = "../common/mod.rs"]
mod common;

mod adviser;
mod briefs;
mod calibration;
mod channel;
mod commitments;
mod decisions;
mod determinism;
mod engine_rules;
mod exploits;
mod properties;
mod scenarios;
mod seats;
mod soak;
