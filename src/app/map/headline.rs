//! Headlines: each public event and move of a day as a short line in a newspaper's voice ("Pyongyang
//! sends its envoy to Washington"), shown as a card over the map that fades after a few seconds; tests,
//! walkouts, signatures and the run's ending are moments, drawn large in the middle of the map.
//! Private things (the back channel, the delegations' weighing) never make a headline.

use crate::sim::Simulation;
use crate::sim::action::Action;
use crate::sim::scenario::Phase;
use crate::sim::state::chronicle::{Entry, OutcomeKind};
use bevy::prelude::*;
use std::collections::VecDeque;

/// How long an ordinary card stays, and a moment, in seconds of the map's clock.
pub const CARD_SECONDS: f32 = 5.0;
/// How long a moment stays in the middle of the map.
pub const MOMENT_SECONDS: f32 = 3.5;
/// Cards kept at once (the oldest goes first).
const KEPT: usize = 5;

/// A headline.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    /// What it says.
    pub text: String,
    /// The party it is about (its colour marks the card), if one.
    pub party: Option<u8>,
    /// A moment: drawn large, for the back of the room.
    pub moment: bool,
    /// When it came, on the map's clock.
    pub at: f32,
}

/// The headlines on screen, newest last.
#[derive(Resource, Default)]
pub struct Headlines(pub VecDeque<Headline>);

impl Headlines {
    /// Adds one, dropping the oldest beyond what fits.
    pub fn push(&mut self, mut h: Headline, now: f32) {
        h.at = now;
        self.0.push_back(h);
        while self.0.len() > KEPT {
            self.0.pop_front();
        }
    }

    /// Drops those that have faded.
    pub fn expire(&mut self, now: f32) {
        self.0.retain(|h| now - h.at < CARD_SECONDS);
    }
}

fn line(text: String, party: Option<u8>, moment: bool) -> Option<Headline> {
    Some(Headline {
        text,
        party,
        moment,
        at: 0.0,
    })
}

/// The headline of a chronicle entry, with `city` naming each party (its capital), or none for entries
/// that are private or too small for one.
pub fn headline(sim: &Simulation, city: &[String], e: &Entry) -> Option<Headline> {
    let scn = &sim.scenario;
    let c = |p: u8| city.get(p as usize).map_or("?", String::as_str);
    match e {
        Entry::Move { party, action, .. } => {
            let who = c(*party);
            let p = Some(*party);
            let issues = |bits: u32| {
                (0..scn.issue_count())
                    .filter(|k| bits & (1 << k) != 0)
                    .map(|k| scn.file.issues[k].name.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" and ")
            };
            match *action {
                Action::Wait | Action::Attend | Action::HoldFirm => None,
                Action::ConciliatoryStatement => line(format!("{who} softens its tone"), p, false),
                Action::HardlineStatement => line(format!("{who} hardens its line"), p, false),
                Action::EnvoyVisit { to } => {
                    line(format!("{who} sends its envoy to {}", c(to)), p, false)
                }
                Action::BilateralMeeting { with } => {
                    line(format!("{who} and {} meet", c(with)), p, false)
                }
                Action::CallForTalks => {
                    line(format!("{who} calls for the talks to resume"), p, false)
                }
                Action::Boycott => line(format!("{who} will boycott the session"), p, true),
                Action::ProposePackage { issues: bits } => line(
                    format!("{who} tables a package on {}", issues(bits)),
                    p,
                    false,
                ),
                Action::Concede { issue, .. } => line(
                    format!(
                        "{who} gives ground on {}",
                        scn.file.issues[issue as usize].name.to_lowercase()
                    ),
                    p,
                    false,
                ),
                Action::WalkOut => line(format!("{who}'s delegation walks out"), p, true),
                Action::ImposeSanctions { on } => {
                    line(format!("{who} imposes sanctions on {}", c(on)), p, false)
                }
                Action::EaseSanctions { on } => {
                    line(format!("{who} eases its sanctions on {}", c(on)), p, false)
                }
                Action::OfferAid { to } => line(format!("{who} offers aid to {}", c(to)), p, false),
                Action::MissileTest => line(format!("{who} fires a ballistic missile"), p, true),
                Action::NuclearTest => line(format!("{who} conducts a nuclear test"), p, true),
                Action::MilitaryDrill => line(format!("{who} stages military exercises"), p, false),
                Action::Mediate { a, b } => line(
                    format!("{who} mediates between {} and {}", c(a), c(b)),
                    p,
                    false,
                ),
                Action::Sign => line(format!("{who} signs the draft"), p, true),
                Action::Refuse => line(format!("{who} refuses the draft"), p, false),
                Action::LeaveTalks => line(format!("{who} leaves the talks"), p, true),
                Action::ExpelInspectors => line(format!("{who} expels the inspectors"), p, true),
                Action::RestartFacility => {
                    line(format!("{who} restarts a nuclear facility"), p, true)
                }
            }
        }
        Entry::Refused {
            party, by, action, ..
        } => {
            let what = match action {
                Action::EnvoyVisit { .. } => "envoy",
                Action::BilateralMeeting { .. } => "request for a meeting",
                _ => "mediation",
            };
            line(
                format!("{} turns away {}'s {what}", c(*by), c(*party)),
                Some(*by),
                false,
            )
        }
        Entry::Event { event, .. } => {
            let ev = scn.timeline.get(*event as usize)?;
            line(clip(&ev.text), ev.actor, false)
        }
        Entry::Scheduled { text, .. } | Entry::Inject { text, .. } => line(clip(text), None, false),
        Entry::Phase { to, .. } => match to {
            Phase::InSession => line("The six sit down in Beijing".into(), None, true),
            Phase::Preparatory => line("A date is set for the next session".into(), None, false),
            Phase::Contacts => line("Envoys are at work again".into(), None, false),
            Phase::Stalled => line("The talks stall".into(), None, false),
            Phase::Agreement | Phase::Walkout => None,
        },
        Entry::Rung { from, to, .. } if to > from => {
            let name = scn.rungs.get(*to as usize).map_or("?", |r| r.name.as_str());
            line(
                format!("The crisis deepens: {}", name.to_lowercase()),
                None,
                *to as usize * 2 >= scn.rungs.len(),
            )
        }
        Entry::Rung { to, .. } => {
            let name = scn.rungs.get(*to as usize).map_or("?", |r| r.name.as_str());
            line(
                format!("Tension eases: {}", name.to_lowercase()),
                None,
                false,
            )
        }
        Entry::Background { .. }
        | Entry::Rule { .. }
        | Entry::Verdicts { .. }
        | Entry::Note { .. }
        | Entry::Offer { .. } => None,
    }
}

/// The run's ending as a moment.
pub fn ending(sim: &Simulation) -> Option<Headline> {
    let o = sim.outcome.as_ref()?;
    let text = match o.kind {
        OutcomeKind::Agreement => "Agreement: the six sign in Beijing",
        OutcomeKind::Resumed => "The talks resumed, without a deal",
        OutcomeKind::Stalled => "The talks stayed stalled",
        OutcomeKind::Escalated => "The crisis escalated",
        OutcomeKind::Breakdown => "The talks broke down",
    };
    line(text.into(), None, true)
}

/// A long text cut to a headline's length at a word.
fn clip(text: &str) -> String {
    const MAX: usize = 110;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..end])
}
