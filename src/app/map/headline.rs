//! Headlines: each public event and move of a day as a short line in a newspaper's voice ("Pyongyang
//! sends its envoy to Washington"), shown as a card over the map that fades after a few seconds; tests,
//! walkouts, signatures and the run's ending are moments, drawn large in the middle of the map.
//! Private things (the back channel, the delegations' weighing) never make a headline.

use crate::app::i18n::{t, text};
use crate::sim::Simulation;
use crate::sim::action::Action;
use crate::sim::scenario::Phase;
use crate::sim::state::chronicle::Entry;
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
                    .map(|k| crate::app::words::issue(scn, k).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(text("headline.and"))
            };
            match *action {
                Action::Wait | Action::Attend | Action::HoldFirm => None,
                Action::ConciliatoryStatement => {
                    line(t!("headline.conciliatory_statement", who = who), p, false)
                }
                Action::HardlineStatement => {
                    line(t!("headline.hardline_statement", who = who), p, false)
                }
                Action::EnvoyVisit { to } => {
                    line(t!("headline.envoy_visit", who = who, to = c(to)), p, false)
                }
                Action::BilateralMeeting { with } => line(
                    t!("headline.bilateral_meeting", who = who, with = c(with)),
                    p,
                    false,
                ),
                Action::CallForTalks => line(t!("headline.call_for_talks", who = who), p, false),
                Action::Boycott => line(t!("headline.boycott", who = who), p, true),
                Action::ProposePackage { issues: bits } => line(
                    t!("headline.propose_package", who = who, issues = issues(bits)),
                    p,
                    false,
                ),
                Action::Concede { issue, .. } => line(
                    t!(
                        "headline.concede",
                        who = who,
                        issue = crate::app::words::issue(scn, issue as usize).to_lowercase()
                    ),
                    p,
                    false,
                ),
                Action::WalkOut => line(t!("headline.walk_out", who = who), p, true),
                Action::ImposeSanctions { on } => line(
                    t!("headline.impose_sanctions", who = who, on = c(on)),
                    p,
                    false,
                ),
                Action::EaseSanctions { on } => line(
                    t!("headline.ease_sanctions", who = who, on = c(on)),
                    p,
                    false,
                ),
                Action::OfferAid { to } => {
                    line(t!("headline.offer_aid", who = who, to = c(to)), p, false)
                }
                Action::MissileTest => line(t!("headline.missile_test", who = who), p, true),
                Action::NuclearTest => line(t!("headline.nuclear_test", who = who), p, true),
                Action::MilitaryDrill => line(t!("headline.military_drill", who = who), p, false),
                Action::Mediate { a, b } => line(
                    t!("headline.mediate", who = who, a = c(a), b = c(b)),
                    p,
                    false,
                ),
                Action::Sign => line(t!("headline.sign", who = who), p, true),
                Action::Refuse => line(t!("headline.refuse", who = who), p, false),
                Action::LeaveTalks => line(t!("headline.leave_talks", who = who), p, true),
                Action::ExpelInspectors => {
                    line(t!("headline.expel_inspectors", who = who), p, true)
                }
                Action::RestartFacility => {
                    line(t!("headline.restart_facility", who = who), p, true)
                }
            }
        }
        Entry::Refused {
            party, by, action, ..
        } => {
            let what = match action {
                Action::EnvoyVisit { .. } => text("headline.refused_envoy"),
                Action::BilateralMeeting { .. } => text("headline.refused_meeting"),
                _ => text("headline.refused_mediation"),
            };
            line(
                t!(
                    "headline.refused",
                    by = c(*by),
                    party = c(*party),
                    what = what
                ),
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
            Phase::InSession => line(text("headline.in_session").into(), None, true),
            Phase::Preparatory => line(text("headline.preparatory").into(), None, false),
            Phase::Contacts => line(text("headline.contacts").into(), None, false),
            Phase::Stalled => line(text("headline.stalled").into(), None, false),
            Phase::Agreement | Phase::Walkout => None,
        },
        Entry::Rung { from, to, .. } if to > from => {
            let name = crate::app::words::rung(scn, *to as usize);
            line(
                t!("headline.deepens", rung = name.to_lowercase()),
                None,
                *to as usize * 2 >= scn.rungs.len(),
            )
        }
        Entry::Rung { to, .. } => {
            let name = crate::app::words::rung(scn, *to as usize);
            line(
                t!("headline.eases", rung = name.to_lowercase()),
                None,
                false,
            )
        }
        Entry::Background { .. }
        | Entry::Rule { .. }
        | Entry::Verdicts { .. }
        | Entry::Note { .. }
        | Entry::Offer { .. }
        | Entry::Step { .. }
        | Entry::Deal { .. } => None,
    }
}

/// The run's ending as a moment.
pub fn ending(sim: &Simulation) -> Option<Headline> {
    let o = sim.outcome.as_ref()?;
    line(
        text(&format!("headline.end.{}", o.kind.key())).into(),
        None,
        true,
    )
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
