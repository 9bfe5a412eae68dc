//! Back-channel offers between delegations: "we would move on X if you move on Y". An offer is read by the
//! delegation it is made to (its model gives first where the offer asks), is taken up when that delegation
//! has moved as asked, and is then kept when the one that made it moves as it promised, or broken when its
//! time runs out first. Keeping builds the receiver's trust in the sender; breaking costs it.

use serde::{Deserialize, Serialize};

/// What an offer says: the sender gives `give_by` points on issue `give` if the receiver gives `want_by`
/// points on issue `want` (both towards the other side, as a concession does).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    /// The issue the sender would move on (index).
    pub give: u8,
    /// By how many points, 0–100.
    pub give_by: f64,
    /// The issue the receiver is asked to move on (index).
    pub want: u8,
    /// By how many points, 0–100.
    pub want_by: f64,
}

/// An offer made and not yet settled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenOffer {
    /// Who made it (party index).
    pub from: u8,
    /// To whom.
    pub to: u8,
    /// What it says.
    pub offer: Offer,
    /// Day it was made.
    pub made: i64,
    /// Points the receiver has conceded on the asked issue since.
    pub want_done: f64,
    /// Points the sender has conceded on its issue since.
    pub give_done: f64,
    /// Day the receiver had moved as asked (the offer taken up), if it has.
    pub taken: Option<i64>,
}

/// How an offer was settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Settled {
    /// The receiver moved as asked: the sender now owes its move.
    Taken,
    /// The sender moved as it promised after the receiver had.
    Kept,
    /// The sender's time to move ran out after the receiver had moved.
    Broken,
    /// No one took it up in time; it lapses without cost.
    Lapsed,
}

impl Settled {
    /// Lower-case name.
    pub fn key(self) -> &'static str {
        match self {
            Settled::Taken => "taken",
            Settled::Kept => "kept",
            Settled::Broken => "broken",
            Settled::Lapsed => "lapsed",
        }
    }
}
