//! sixparty: a Six-Party Talks negotiation simulator. The deterministic core lives in [`sim`]; [`app`] drives
//! it with Bevy; [`cli`] is the command line.

pub mod app;
pub mod cli;
pub mod json;
pub mod sim;
