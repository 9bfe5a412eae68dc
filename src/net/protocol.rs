//! What a seat and the host say to each other. Every message is checked by the host before it touches the
//! run: a seat names no party (its seat is the one its join code claimed), so it cannot move for another.

use crate::sim::action::Move;
use crate::sim::output::seat::PrivateView;
use bevy::prelude::*;
use bevy_replicon::prelude::*;
use serde::{Deserialize, Serialize};

/// Identifies sixparty's protocol to netcode (a host refuses clients of another protocol or version).
pub const PROTOCOL_ID: u64 = 0x5349_5850_0000_0001;

/// The port `host` listens on and `join` connects to unless told otherwise.
pub const DEFAULT_PORT: u16 = 5006;

/// From a seat to the host.
#[derive(Message, Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToHost {
    /// Takes the seat whose join code this is (again, after a dropped connection).
    Claim {
        /// The join code the facilitator gave the team.
        code: String,
    },
    /// The seat's move for `day`: today, or a later day (a standing order).
    Move {
        /// Day of the run.
        day: i64,
        /// The move, as a script writes it.
        action: Move,
    },
}

/// From the host to one seat.
#[derive(Message, Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToSeat {
    /// The seat is taken: the delegation it plays and the game it is in.
    Seated {
        /// Party id.
        party: String,
        /// Party name.
        name: String,
        /// Scenario id.
        scenario: String,
        /// The run's seed.
        seed: u64,
        /// The delegations played by people.
        humans: Vec<String>,
    },
    /// A message refused, and why. The game goes on.
    Refused {
        /// What was wrong.
        reason: String,
    },
    /// Where the game stands for this seat: the public record of the day just played, and the day about
    /// to be played with its private view.
    Day {
        /// The day about to be played.
        day: i64,
        /// Its date.
        date: String,
        /// The public record of the day before (empty at the start).
        played: Vec<String>,
        /// Whether the game waits for this seat's move today (a stop).
        asked: bool,
        /// Seconds left before the seat's advisers choose for it, when asked and there is a limit.
        seconds_left: Option<f64>,
        /// The seat's own private view.
        view: Box<PrivateView>,
    },
    /// A move of this seat's was taken for the day, with who chose it.
    Taken {
        /// Day.
        day: i64,
        /// The move in words.
        text: String,
        /// Whether the seat's advisers chose it because its time ran out.
        advisers: bool,
    },
    /// The run has ended.
    Finished {
        /// The outcome in words.
        outcome: String,
    },
}

/// Registers the messages on both sides (the host and every seat register the same, in the same order).
pub fn register(app: &mut App) {
    app.add_client_message::<ToHost>(Channel::Ordered)
        .add_server_message::<ToSeat>(Channel::Ordered);
}
