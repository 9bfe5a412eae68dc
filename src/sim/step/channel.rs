//! What a facilitator and the delegations add to a run beside their moves: injects (events released on a
//! day, prepared in the scenario's `injects` list or written on the spot) and back-channel notes between
//! delegations, some carrying a structured offer the model reads. Both are fixed in advance like moves, so
//! a replay carrying them reproduces the class game.

use super::Simulation;
use crate::sim::state::chronicle::{Cause, Entry};
use crate::sim::state::offers::{Offer, OpenOffer, Settled};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// An inject: an event released into the run on a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inject {
    /// Day it happens.
    pub day: i64,
    /// The scenario's prepared inject (index into its `injects`), whose effects it applies; none for one the
    /// facilitator wrote, which is news for the delegations and changes nothing in the model.
    pub prepared: Option<u16>,
    /// What the chronicle says (a prepared inject's own text unless the facilitator reworded it).
    pub text: String,
}

/// A back-channel note from one delegation to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Day it is read (the day about to be played when it was sent).
    pub day: i64,
    /// Sender (party index).
    pub from: u8,
    /// Receiver (party index).
    pub to: u8,
    /// What it says.
    pub text: String,
    /// The structured offer it carries, if any.
    pub offer: Option<Offer>,
}

/// The items of `day`, in order.
fn due<T: Clone>(items: &[T], day_of: impl Fn(&T) -> i64, day: i64) -> Vec<T> {
    items.iter().filter(|x| day_of(x) == day).cloned().collect()
}

impl Simulation {
    /// Releases injects for their days (a replay's, or the facilitator's as it releases them). Kept in day
    /// order; injects on the same day happen in the order released.
    pub fn release(&mut self, injects: impl IntoIterator<Item = Inject>) {
        self.injects.extend(injects);
        self.injects.sort_by_key(|i| i.day);
    }

    /// Sends back-channel notes for their days; kept in day order, in the order sent within a day.
    pub fn send_notes(&mut self, notes: impl IntoIterator<Item = Note>) {
        self.notes.extend(notes);
        self.notes.sort_by_key(|n| n.day);
    }

    /// The same run from its start, recording a chronicle: the scenario, the seed, the moves and the
    /// compliance choices fixed, the injects released and the notes sent (what a replay carries).
    pub fn restarted(&self) -> Simulation {
        let mut sim = Simulation::new(Arc::clone(&self.scenario), self.seed, true);
        sim.fix_moves(self.fixed.iter().cloned());
        sim.release(self.injects.iter().cloned());
        sim.send_notes(self.notes.iter().cloned());
        for f in self.fixed_compliance() {
            sim.fix_compliance(f.day, f.step, f.choice);
        }
        sim
    }

    /// The injects released so far.
    pub fn injects(&self) -> &[Inject] {
        &self.injects
    }

    /// The notes sent so far.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// Today's injects happen (after the timeline's events): each is logged, and a prepared one applies
    /// its effects. Returns whether the run goes on.
    pub(crate) fn apply_injects(&mut self, day: i64) -> bool {
        let scn = Arc::clone(&self.scenario);
        let due = due(&self.injects, |i| i.day, day);
        for inj in due {
            let prepared = inj.prepared.and_then(|k| scn.injects.get(k as usize));
            let text = inj.text.clone();
            self.log(|| Entry::Inject {
                day,
                text: text.clone(),
                prepared: prepared.map(|p| p.id.clone()),
            });
            if let Some(p) = prepared {
                for e in &p.effects {
                    self.apply_effect(e, day, &Cause::Inject(inj.text.clone()), true);
                }
            }
            if self.outcome.is_some() {
                return false;
            }
        }
        true
    }

    /// Today's notes are read: each is logged, and an offer stands (replacing the sender's earlier offer to
    /// the same receiver). Then open offers are settled: one taken up whose sender's time ran out is broken
    /// (the receiver's trust falls and it takes a grievance), one never taken up lapses.
    pub(crate) fn read_notes(&mut self, day: i64) {
        let due = due(&self.notes, |n| n.day, day);
        for n in due {
            self.log(|| Entry::Note {
                day,
                from: n.from,
                to: n.to,
                text: n.text.clone(),
                offer: n.offer,
            });
            if let Some(offer) = n.offer {
                self.state
                    .offers
                    .retain(|o| !(o.from == n.from && o.to == n.to && o.taken.is_none()));
                self.state.offers.push(OpenOffer {
                    from: n.from,
                    to: n.to,
                    offer,
                    made: day,
                    want_done: 0.0,
                    give_done: 0.0,
                    taken: None,
                });
            }
        }
        if self.state.offers.is_empty() {
            return;
        }
        let bc = self.scenario.model.back_channel.clone();
        let mut settled = Vec::new();
        self.state.offers.retain(|o| {
            let how = match o.taken {
                Some(t) if (day - t) as f64 > bc.keep_days => Settled::Broken,
                None if (day - o.made) as f64 > bc.open_days => Settled::Lapsed,
                _ => return true,
            };
            settled.push((o.clone(), how));
            false
        });
        for (o, how) in settled {
            if how == Settled::Broken {
                let m = &self.scenario.model;
                self.state.shift_trust(m, o.to, o.from, -bc.broken_trust);
                let g = &mut self.state.parties[o.to as usize].grievance[o.from as usize];
                *g = (*g + bc.broken_grievance).clamp(0.0, 100.0);
            }
            self.log(|| Entry::Offer {
                day,
                from: o.from,
                to: o.to,
                offer: o.offer,
                how,
            });
        }
    }

    /// Party `i` gave `given` points on issue `k`: the offers it was asked by count it, and the offers it made
    /// count it as its promise. An offer whose receiver has moved as asked is taken up; one taken up whose
    /// sender has moved as promised is kept (the receiver's trust in the sender grows).
    pub(crate) fn count_concession(&mut self, i: u8, k: u8, given: f64, day: i64) {
        if self.state.offers.is_empty() || given <= 0.0 {
            return;
        }
        let bc = self.scenario.model.back_channel.clone();
        let mut events = Vec::new();
        for o in &mut self.state.offers {
            if o.to == i && o.offer.want == k {
                o.want_done += given;
                if o.taken.is_none() && o.want_done + 1e-9 >= o.offer.want_by {
                    o.taken = Some(day);
                    events.push((o.clone(), Settled::Taken));
                }
            }
            if o.from == i && o.offer.give == k {
                o.give_done += given;
            }
            if o.taken.is_some() && o.give_done + 1e-9 >= o.offer.give_by {
                events.push((o.clone(), Settled::Kept));
            }
        }
        self.state
            .offers
            .retain(|o| !(o.taken.is_some() && o.give_done + 1e-9 >= o.offer.give_by));
        for (o, how) in events {
            if how == Settled::Kept {
                let m = &self.scenario.model;
                self.state.shift_trust(m, o.to, o.from, bc.kept_trust);
            }
            self.log(|| Entry::Offer {
                day,
                from: o.from,
                to: o.to,
                offer: o.offer,
                how,
            });
        }
    }
}
