//! sixparty: a Six-Party Talks negotiation simulator. The deterministic core lives in [`sim`]; [`app`] drives
//! it with Bevy; [`cli`] is the command line.

#[cfg(feature = "app")]
pub mod app;
#[cfg(feature = "app")]
pub mod cli;
pub mod sim;
