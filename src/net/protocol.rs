//! What a seat and the host say to each other. Every message is checked by the host before it touches the
//! run: a seat names no party (its seat is the one its join code claimed), so it cannot move for another.

use crate::sim::action::Move;
use crate::sim::io::script::OfferLine;
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
    /// Watches the game without a seat (a projector, an observer): the public record only.
    Watch,
    /// The seat's move for `day`: today, or a later day (a standing order).
    Move {
        /// Day of the run.
        day: i64,
        /// The move, as a script writes it.
        action: Move,
        /// The party the move is for, when the seat names it: it must be the seat's own.
        #[serde(default)]
        party: Option<String>,
    },
    /// A back-channel note to another delegation, read on `day` (today, or a later day).
    Note {
        /// Day it is read.
        day: i64,
        /// The receiving party's id.
        to: String,
        /// What it says.
        text: String,
        /// A structured offer: we move `give_by` on `give` if you move `want_by` on `want`.
        offer: Option<OfferLine>,
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
        /// Every delegation, by id (those a note may go to).
        parties: Vec<String>,
    },
    /// Watching: the game this computer watches.
    Watching {
        /// Scenario id.
        scenario: String,
        /// The run's seed.
        seed: u64,
        /// The delegations played by people.
        humans: Vec<String>,
    },
    /// The public record of a day just played (to watchers; seats have it in [`ToSeat::Day`]).
    Public {
        /// The day played.
        day: i64,
        /// Its date.
        date: String,
        /// The public record.
        played: Vec<String>,
    },
    /// A back-channel note this seat sent or received, as the host took it.
    Note {
        /// Day it is read.
        day: i64,
        /// Sender's id.
        from: String,
        /// Receiver's id.
        to: String,
        /// What it says.
        text: String,
        /// Its offer in words, if it carries one.
        offer: Option<String>,
    },
    /// A word from the facilitator: paused, resumed, a seat handed to its advisers or back.
    Notice {
        /// What the facilitator did.
        text: String,
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
