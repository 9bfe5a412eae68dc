//! sixparty: a Six-Party Talks negotiation simulator. The deterministic core lives in [`sim`]; [`app`] drives
//! it with Bevy; [`net`] seats delegations at their own computers; [`cli`] is the command line.

#[cfg(feature = "app")]
pub mod app;
#[cfg(feature = "app")]
pub mod cli;
#[cfg(feature = "app")]
pub mod net;
pub mod sim;
