//! The Bevy side without rendering: the talks plugin, the game's flow from setup to debrief, the classroom's
//! hot seat, and the parity of Bevy's loop with the core's.

#[path = "../common/mod.rs"]
mod common;

mod classroom;
mod determinism;
mod game_flow;
mod i18n;
mod map;
mod pacing;
mod plugin;
