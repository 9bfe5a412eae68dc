//! Pacing a game for people: the days run by themselves and the game stops (auto-pauses) on what matters
//! to the human delegations — the kinds of [`PauseOn`] chosen in setup — and the feedback a move gets:
//! what it changed, on its own, in trust, momentum, face and the draft.
//!
//! Nothing here changes a run: stops only decide when the humans are asked, and a human who is not
//! asked waits (recorded in the replay like any other move), so the transcript is the same as `sixparty
//! run` on the replay.

use crate::app::i18n::t;
use crate::app::words;
use crate::sim::Simulation;
use crate::sim::action::{Action, ActionKind};
use crate::sim::scenario::Phase;
use crate::sim::state::chronicle::{Entry, of_day};

/// A kind of event the game stops on, for the human delegations to decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PauseOn {
    /// A session opens at the table.
    Session,
    /// Any other change of phase (contacts, a date set, a walkout, a session closing).
    Phase,
    /// The escalation ladder moves.
    Rung,
    /// A missile or nuclear test, a drill, leaving the talks, expelling inspectors, restarting a facility.
    Test,
    /// A package put to the vote in session.
    Package,
    /// A move aimed at a human delegation: an envoy, a meeting, mediation, sanctions or aid, a refusal.
    Aimed,
    /// News: a timeline event or a scheduled event coming due.
    News,
    /// Every day (the old turn-by-turn game).
    EveryDay,
}

impl PauseOn {
    /// Every kind, in the order the setup screen lists them.
    pub const ALL: [PauseOn; 8] = [
        PauseOn::Session,
        PauseOn::Phase,
        PauseOn::Rung,
        PauseOn::Test,
        PauseOn::Package,
        PauseOn::Aimed,
        PauseOn::News,
        PauseOn::EveryDay,
    ];

    /// The name used on the command line (`--pause-on session,test`).
    pub fn key(self) -> &'static str {
        match self {
            PauseOn::Session => "session",
            PauseOn::Phase => "phase",
            PauseOn::Rung => "rung",
            PauseOn::Test => "test",
            PauseOn::Package => "package",
            PauseOn::Aimed => "aimed",
            PauseOn::News => "news",
            PauseOn::EveryDay => "every-day",
        }
    }

    /// What the setup screen says, in the window's language.
    pub fn label(self) -> &'static str {
        crate::app::i18n::text(&format!("pause.{}", self.key()))
    }

    /// The kind named `key`, if any.
    pub fn parse(key: &str) -> Option<PauseOn> {
        PauseOn::ALL.into_iter().find(|k| k.key() == key)
    }

    fn bit(self) -> u16 {
        1 << PauseOn::ALL.iter().position(|&k| k == self).unwrap_or(0)
    }
}

/// The set of [`PauseOn`] kinds a game stops on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PauseRules(u16);

impl Default for PauseRules {
    /// Sessions, phase changes, the ladder, tests and packages; not every aimed move, news or every day.
    fn default() -> Self {
        PauseRules::of(&[
            PauseOn::Session,
            PauseOn::Phase,
            PauseOn::Rung,
            PauseOn::Test,
            PauseOn::Package,
        ])
    }
}

impl PauseRules {
    /// Exactly these kinds.
    pub fn of(kinds: &[PauseOn]) -> PauseRules {
        PauseRules(kinds.iter().fold(0, |m, k| m | k.bit()))
    }

    /// Whether the game stops on `k`.
    pub fn has(self, k: PauseOn) -> bool {
        self.0 & k.bit() != 0
    }

    /// Turns `k` on or off.
    pub fn set(&mut self, k: PauseOn, on: bool) {
        if on {
            self.0 |= k.bit();
        } else {
            self.0 &= !k.bit();
        }
    }

    /// The kinds switched on, by key, separated by commas.
    pub fn keys(self) -> String {
        PauseOn::ALL
            .iter()
            .filter(|&&k| self.has(k))
            .map(|k| k.key())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The events of day `day` (just played) that stop the game under `rules`, in words, with their kind;
/// `humans` are the delegations played by people (for the moves aimed at them).
pub fn stops_on_day(
    sim: &Simulation,
    day: i64,
    humans: &[u8],
    rules: PauseRules,
) -> Vec<(PauseOn, String)> {
    let scn = &sim.scenario;
    let id = |p: u8| scn.parties[p as usize].id.as_str();
    let mut found = Vec::new();
    let Some(log) = &sim.log else {
        return found;
    };
    for e in of_day(log, day) {
        let hit = match e {
            Entry::Phase { to, .. } if *to == Phase::InSession => Some((
                PauseOn::Session,
                t!("why.session", day = sim.state.session_ends),
            )),
            Entry::Phase { from, to, .. } => Some((
                PauseOn::Phase,
                t!(
                    "why.phase",
                    from = words::phase(*from),
                    to = words::phase(*to)
                ),
            )),
            Entry::Rung { from, to, .. } => Some((
                PauseOn::Rung,
                t!(
                    if to > from { "why.rises" } else { "why.falls" },
                    rung = words::rung(scn, *to as usize)
                ),
            )),
            Entry::Move { party, .. } if humans.contains(party) => None,
            Entry::Move { party, action, .. } if action.kind().is_escalation() => Some((
                PauseOn::Test,
                t!(
                    "why.move",
                    id = id(*party),
                    action = words::move_name(scn, action)
                ),
            )),
            Entry::Move { party, action, .. } if action.kind() == ActionKind::ProposePackage => {
                Some((
                    PauseOn::Package,
                    t!(
                        "why.package",
                        id = id(*party),
                        action = words::move_name(scn, action)
                    ),
                ))
            }
            Entry::Move { party, action, .. } if aimed_at(action, humans) => Some((
                PauseOn::Aimed,
                t!(
                    "why.move",
                    id = id(*party),
                    action = words::move_name(scn, action)
                ),
            )),
            Entry::Refused {
                party, by, action, ..
            } if humans.contains(party) => Some((
                PauseOn::Aimed,
                t!(
                    "why.refused",
                    by = id(*by),
                    party = id(*party),
                    kind = words::move_kind(action)
                ),
            )),
            Entry::Event { event, .. } => Some((
                PauseOn::News,
                t!("why.news", text = scn.timeline[*event as usize].text),
            )),
            Entry::Scheduled { text, .. } => Some((PauseOn::News, t!("why.news", text = text))),
            // The facilitator's injects and the notes of the back channel stop the game whatever the
            // rules: they were sent for the delegations to read.
            Entry::Inject { text, .. } => {
                found.push((PauseOn::News, t!("why.inject", text = text)));
                None
            }
            // The commitments stop the game whatever the rules when they concern a human delegation: its
            // own step owed, late or disputed, or a step it counts on broken, late or refused verification,
            // and the deal unravelling.
            Entry::Step { step, change, .. } => {
                use crate::sim::state::deal::StepChange as C;
                let owner = scn.commitments.steps[*step as usize].party;
                let own = humans.contains(&owner);
                if (own && matches!(change, C::Owed | C::Late | C::Disputed))
                    || (!own
                        && !humans.is_empty()
                        && matches!(change, C::Late | C::Broken(..) | C::Refused(..)))
                {
                    let (what, _) = crate::sim::output::render::describe_step(scn, *step, change);
                    found.push((
                        PauseOn::Aimed,
                        t!("why.step", text = format!("{} {what}", id(owner))),
                    ));
                }
                None
            }
            Entry::Deal { text, .. } if !humans.is_empty() => {
                found.push((PauseOn::Aimed, t!("why.step", text = text)));
                None
            }
            Entry::Note { from, to, .. } if humans.contains(to) => {
                found.push((
                    PauseOn::Aimed,
                    t!("why.note", from = id(*from), to = id(*to)),
                ));
                None
            }
            _ => None,
        };
        if let Some((k, text)) = hit
            && rules.has(k)
        {
            found.push((k, text));
        }
    }
    if rules.has(PauseOn::EveryDay) && found.is_empty() {
        found.push((PauseOn::EveryDay, t!("why.every_day", day = day)));
    }
    found
}

fn aimed_at(action: &Action, humans: &[u8]) -> bool {
    match *action {
        Action::Mediate { a, b } => humans.contains(&a) || humans.contains(&b),
        _ => action.target().is_some_and(|t| humans.contains(&t)),
    }
}

/// What a move does on its own, from today's state: the lines the window shows next to it ("momentum
/// +2.0", "DPRK's trust in USA +3.1", "USA's face −1.0", "the draft: sanctions 62 to 58"). Empty when the
/// move changes none of these.
pub fn feedback(sim: &Simulation, p: u8, action: Action) -> Vec<String> {
    let scn = &sim.scenario;
    let (before, after) = sim.preview(p, action);
    let n = scn.parties.len() as u8;
    let id = |q: u8| scn.parties[q as usize].id.as_str();
    let mut lines = Vec::new();
    let signed = |d: f64| {
        if d >= 0.0 {
            format!("+{d:.1}")
        } else {
            format!("−{:.1}", -d)
        }
    };
    let change = |a: f64, b: f64| (b - a).abs() >= 0.05;
    if change(before.momentum, after.momentum) {
        lines.push(t!(
            "effect.momentum",
            by = signed(after.momentum - before.momentum)
        ));
    }
    for q in (0..n).filter(|&q| q != p) {
        let (a, b) = (before.trust(q, p), after.trust(q, p));
        if change(a, b) {
            lines.push(t!(
                "effect.trust",
                who = id(q),
                of = id(p),
                by = signed(b - a)
            ));
        }
    }
    for q in (0..n).filter(|&q| q != p) {
        let (a, b) = (before.trust(p, q), after.trust(p, q));
        if change(a, b) {
            lines.push(t!(
                "effect.trust",
                who = id(p),
                of = id(q),
                by = signed(b - a)
            ));
        }
    }
    for q in 0..n {
        let (a, b) = (
            before.parties[q as usize].face,
            after.parties[q as usize].face,
        );
        if change(a, b) {
            lines.push(t!("effect.face", who = id(q), by = signed(b - a)));
        }
    }
    for k in 0..scn.issue_count() {
        let (a, b) = (before.table[k], after.table[k]);
        if change(a, b) {
            lines.push(t!(
                "effect.draft",
                issue = words::issue(scn, k),
                from = a,
                to = b
            ));
        }
        let (a, b) = (
            before.parties[p as usize].positions[k],
            after.parties[p as usize].positions[k],
        );
        if change(a, b) {
            lines.push(t!(
                "effect.offer",
                who = id(p),
                issue = words::issue(scn, k),
                from = a,
                to = b
            ));
        }
    }
    if before.phase != after.phase {
        lines.push(t!(
            "effect.phase",
            from = words::phase(before.phase),
            to = words::phase(after.phase)
        ));
    }
    if before.rung != after.rung {
        lines.push(t!(
            "effect.rung",
            from = words::rung(scn, before.rung as usize),
            to = words::rung(scn, after.rung as usize)
        ));
    }
    let (a, b) = (
        before.parties[p as usize].capital,
        after.parties[p as usize].capital,
    );
    if change(a, b) {
        lines.push(t!("effect.capital", who = id(p), by = signed(b - a)));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_keep_what_is_set_and_parse_their_keys() {
        let mut r = PauseRules::default();
        assert!(r.has(PauseOn::Session) && !r.has(PauseOn::EveryDay));
        r.set(PauseOn::EveryDay, true);
        r.set(PauseOn::Session, false);
        assert!(r.has(PauseOn::EveryDay) && !r.has(PauseOn::Session));
        for k in PauseOn::ALL {
            assert_eq!(PauseOn::parse(k.key()), Some(k));
        }
        assert_eq!(PauseOn::parse("sessions"), None);
        assert_eq!(
            PauseRules::of(&[PauseOn::Rung, PauseOn::News]).keys(),
            "rung,news"
        );
    }
}
