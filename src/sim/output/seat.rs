//! What one delegation sees of the run beyond the public record ([`super::render::public_lines`]): its
//! offers against its ideal points and red lines, how it weighs the draft on the table, its capital, and
//! what its advisers would do today. The network host builds this for a seat's own party only, so that
//! another delegation's private state never leaves the host.

use crate::sim::Simulation;
use crate::sim::action::Move;
use crate::sim::decide::options;
use crate::sim::io::script::action_to_move;
use crate::sim::output::render::{back_channel_lines, describe_why, name_move, weighing};
use crate::sim::state::chronicle::Why;
use crate::sim::state::table::verdicts;
use serde::{Deserialize, Serialize};

/// How many of the advisers' options a seat is shown, most likely first.
pub const ADVICE_SHOWN: usize = 5;

/// One delegation's private view of the day it is about to play.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivateView {
    /// Its party id.
    pub party: String,
    /// The day about to be played.
    pub day: i64,
    /// Its political capital, and the most it can hold.
    pub capital: (f64, f64),
    /// Its face (0–100).
    pub face: f64,
    /// The pressure on it (0–100).
    pub pressure: f64,
    /// Each issue: its offer, its ideal point, how much it cares, its red line and the draft's value.
    pub issues: Vec<IssueView>,
    /// How it weighs the draft on the table today, in words, and whether it would sign it.
    pub weighing: String,
    /// Whether it would sign the draft as it stands.
    pub would_sign: bool,
    /// Its advisers' options, most likely first.
    pub advice: Vec<Advice>,
    /// Its back channel: the notes it sent and received, and how its offers were settled, oldest first.
    #[serde(default)]
    pub back_channel: Vec<String>,
}

/// A delegation's standing on one issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueView {
    /// Issue id (what an offer names).
    #[serde(default)]
    pub key: String,
    /// Issue name.
    pub issue: String,
    /// Its stated offer (0–100).
    pub offer: f64,
    /// What it wants (0–100).
    pub ideal: f64,
    /// How much it cares (0–1).
    pub salience: f64,
    /// Its red line in words, when it has one.
    pub red_line: Option<String>,
    /// The value the table's draft gives the issue.
    pub table: f64,
}

/// One of the advisers' options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    /// The move, as a script writes it (a seat can send it back as is).
    pub action: Move,
    /// The move in words.
    pub text: String,
    /// The chance the model gives it today.
    pub probability: f64,
    /// The factors that weigh most for it.
    pub why: String,
}

/// Party `p`'s private view of the day the run is about to play.
pub fn private_view(sim: &Simulation, p: u8) -> PrivateView {
    let scn = &sim.scenario;
    let party = &scn.parties[p as usize];
    let ps = &sim.state.parties[p as usize];
    let today = sim.state_at_decision();
    let v = verdicts(scn, &sim.state)[p as usize];
    let advice = if sim.is_finished() {
        Vec::new()
    } else {
        options(scn, &today, p)
            .into_iter()
            .take(ADVICE_SHOWN)
            .map(|c| Advice {
                action: action_to_move(scn, &c.action),
                text: name_move(scn, &c.action),
                probability: c.probability,
                why: describe_why(scn, &Why::Model(c.factors)),
            })
            .collect()
    };
    PrivateView {
        party: party.id.clone(),
        day: sim.state.day,
        capital: (ps.capital, scn.model.capital.max),
        face: ps.face,
        pressure: ps.pressure,
        issues: scn
            .file
            .issues
            .iter()
            .enumerate()
            .map(|(k, issue)| IssueView {
                key: issue.id.clone(),
                issue: issue.name.clone(),
                offer: ps.positions[k],
                ideal: ps.ideals[k],
                salience: party.stances[k].salience,
                red_line: party.stances[k].red_line.map(|rl| rl.describe()),
                table: sim.state.table[k],
            })
            .collect(),
        weighing: weighing(&v),
        would_sign: v.accepts,
        advice,
        back_channel: back_channel_lines(sim, p),
    }
}
