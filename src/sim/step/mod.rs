//! The step function: one call plays one day. Every front end (window, `run`, batch, adviser) calls it.

mod channel;
mod deal;
mod effects;
pub mod invariants;
pub mod legal;
pub mod moves;
pub mod policy;
pub mod streams;
mod talks;

pub use channel::{Inject, Note};
pub use streams::{Stream, mix};

use crate::sim::action::{Action, ActionKind};
use crate::sim::decide::{Choice, Day, decide, decide_on};
use crate::sim::scenario::{Phase, Scenario};
use crate::sim::state::chronicle::{Cause, Entry, Outcome, Why};
use crate::sim::state::table::chair_table;
use crate::sim::state::{Milestones, Pending, State};
use rand::RngExt;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Counters kept in every run, even without a chronicle (for batch summaries).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counters {
    /// Moves per party per kind (indexed like [`ActionKind::ALL`]).
    pub moves: Vec<[u32; ActionKind::ALL.len()]>,
    /// Firings per rule.
    pub rule_fires: Vec<u32>,
}

/// A move fixed in advance for a party on a day (from a script, a replay or a player).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixedMove {
    /// Day.
    pub day: i64,
    /// Party index.
    pub party: u8,
    /// The move.
    pub action: Action,
    /// Scripted or player.
    pub why: Why,
}

/// A run of one scenario with one seed.
#[derive(Clone, Debug)]
pub struct Simulation {
    /// The scenario, shared between runs.
    pub scenario: Arc<Scenario>,
    /// The run seed.
    pub seed: u64,
    /// The changing state.
    pub state: State,
    /// The chronicle, when recording.
    pub log: Option<Vec<Entry>>,
    /// Counters.
    pub counters: Counters,
    /// The outcome, once decided.
    pub outcome: Option<Outcome>,
    /// Moves fixed in advance, sorted by day then party.
    pub(crate) fixed: Vec<FixedMove>,
    /// The last day played (the scenario's horizon unless `--days` changed it).
    pub(crate) horizon: i64,
    /// Each party's random stream.
    pub(crate) party_rngs: Vec<Stream>,
    /// The rules' random stream.
    pub(crate) world_rng: Stream,
    /// Strategies some parties follow instead of the model (exploit search; not saved).
    pub(crate) policies: Vec<(u8, policy::Policy)>,
    /// Injects released for their days, in day order.
    pub(crate) injects: Vec<Inject>,
    /// Back-channel notes for their days, in day order.
    pub(crate) notes: Vec<Note>,
    /// Compliance choices fixed in advance, sorted by day then step.
    pub(crate) fixed_comply: Vec<crate::sim::state::deal::FixedComply>,
}

fn clamp100(v: f64) -> f64 {
    v.clamp(0.0, 100.0)
}

impl Simulation {
    /// Sets up a run: applies the background events (those before the start date) to the scenario's state.
    pub fn new(scenario: Arc<Scenario>, seed: u64, record: bool) -> Simulation {
        let n = scenario.parties.len();
        let (party_rngs, world_rng) = streams::for_run(seed, n);
        let mut sim = Simulation {
            state: State::initial(&scenario),
            seed,
            log: record.then(Vec::new),
            counters: Counters {
                moves: vec![[0; ActionKind::ALL.len()]; n],
                rule_fires: vec![0; scenario.rules.len()],
            },
            outcome: None,
            fixed: Vec::new(),
            horizon: scenario.horizon_days as i64,
            party_rngs,
            world_rng,
            policies: Vec::new(),
            injects: Vec::new(),
            notes: Vec::new(),
            fixed_comply: Vec::new(),
            scenario,
        };
        sim.apply_background();
        sim.start_in_force();
        sim
    }

    /// Fixes moves in advance (scripts, replays). Later calls add to earlier ones; a second move for the same
    /// party and day replaces the first.
    pub fn fix_moves(&mut self, moves: impl IntoIterator<Item = FixedMove>) {
        for m in moves {
            self.fixed
                .retain(|f| !(f.day == m.day && f.party == m.party));
            self.fixed.push(m);
        }
        self.fixed.sort_by_key(|f| (f.day, f.party));
    }

    /// Has party `p` follow a strategy instead of the model (fixed moves still come first).
    pub fn set_policy(&mut self, p: u8, policy: policy::Policy) {
        self.policies.retain(|(q, _)| *q != p);
        self.policies.push((p, policy));
    }

    /// The moves fixed in advance.
    pub fn fixed_moves(&self) -> &[FixedMove] {
        &self.fixed
    }

    /// Whether party `p` has a move fixed for `day`.
    pub fn has_fixed_move(&self, p: u8, day: i64) -> bool {
        self.fixed.iter().any(|m| m.day == day && m.party == p)
    }

    /// The last day the run plays.
    pub fn horizon(&self) -> i64 {
        self.horizon
    }

    /// Ends the run after `days` days instead of at the scenario's horizon (at least 1).
    pub fn set_horizon(&mut self, days: i64) {
        self.horizon = days.max(1);
    }

    /// Whether the run has ended.
    pub fn is_finished(&self) -> bool {
        self.outcome.is_some()
    }

    /// The date of the next day to play.
    pub fn date(&self) -> crate::sim::date::Date {
        self.scenario.date_of(self.state.day)
    }

    fn log(&mut self, e: impl FnOnce() -> Entry) {
        if let Some(log) = &mut self.log {
            log.push(e());
        }
    }

    fn apply_background(&mut self) {
        let scn = Arc::clone(&self.scenario);
        while let Some(ev) = scn.timeline.get(self.state.next_event) {
            if ev.day >= 0 {
                break;
            }
            let idx = self.state.next_event as u16;
            self.state.next_event += 1;
            self.log(|| Entry::Background { event: idx });
            if let (Some(a), Some(k)) = (ev.actor, ev.action) {
                self.state.parties[a as usize].last_done[k as usize] = ev.day;
            }
            let day = ev.day;
            for e in &ev.effects {
                self.apply_effect(e, day, &Cause::Event(idx), false);
            }
        }
        // A run that starts with a date set or in session gets its opening day or its table now.
        let talks = &self.scenario.file.talks;
        match self.state.phase {
            Phase::Preparatory if self.state.session_opens < 0 => {
                self.state.session_opens = talks.prep_days as i64;
            }
            Phase::InSession if self.state.session_ends < 0 => {
                self.state.table = chair_table(&self.scenario, &self.state);
                self.state.session_ends = talks.session_days as i64 - 1;
            }
            _ => {}
        }
        self.state.start_phase = self.state.phase;
        // Milestones count what happens in the run: the background's phases do not, the starting phase does.
        let m = &mut self.state.milestones;
        *m = Milestones {
            rung_days: vec![0; self.scenario.rungs.len()],
            ..Milestones::default()
        };
        match self.state.phase {
            Phase::Contacts => m.first_contacts = Some(0),
            Phase::Preparatory => m.first_date_set = Some(0),
            Phase::InSession => {
                m.first_session = Some(0);
                m.last_session = Some(0);
                m.sessions = 1;
            }
            _ => {}
        }
        // The start of the run is the reference for "escalated": the ladder as the background left it.
        self.state.start_rung = self.state.rung;
        self.state.milestones.peak_rung = self.state.rung;
        self.state.milestones.peak_rung_day = 0;
    }

    /// A copy of this run from today on, with fresh random streams drawn from `seed` and no chronicle: a
    /// possible future, for look-ahead. The original is untouched.
    pub fn fork(&self, seed: u64) -> Simulation {
        let mut copy = self.quiet_copy();
        copy.seed = seed;
        (copy.party_rngs, copy.world_rng) = streams::for_run(seed, self.state.n());
        copy
    }

    /// A copy of the run with the same random streams and no chronicle.
    fn quiet_copy(&self) -> Simulation {
        Simulation {
            scenario: Arc::clone(&self.scenario),
            seed: self.seed,
            state: self.state.clone(),
            log: None,
            counters: self.counters.clone(),
            outcome: self.outcome.clone(),
            fixed: self.fixed.clone(),
            horizon: self.horizon,
            party_rngs: self.party_rngs.clone(),
            world_rng: self.world_rng.clone(),
            policies: self.policies.clone(),
            injects: self.injects.clone(),
            notes: self.notes.clone(),
            fixed_comply: self.fixed_comply.clone(),
        }
    }

    /// What the model will have this party do today, with its reasons, without changing the run: the
    /// decision is taken on the state the delegations will see (today's events and rules applied) with a
    /// copy of the party's random stream, so it is the move the model plays if nothing overrides it.
    pub fn advise(&self, party: u8) -> Choice {
        let today = self.state_at_decision();
        let mut rng = self.party_rngs[party as usize].clone();
        decide(&self.scenario, &today, party, &mut rng.0)
    }

    /// Plays the current day. Returns whether the run goes on.
    pub fn step(&mut self) -> bool {
        if self.outcome.is_some() || !self.open_day() {
            return false;
        }
        let day = self.state.day;
        let scn = Arc::clone(&self.scenario);

        // 3. Every party decides from the same state; fixed moves replace the model's choice, but the model
        //    still draws from its stream so that the streams do not depend on who played.
        let n = self.state.n();
        let mut moves: Vec<(Action, Why)> = Vec::with_capacity(n);
        // The day's shared view goes into a buffer kept per thread, so that a day allocates nothing for it.
        thread_local! {
            static SHARED: std::cell::RefCell<Day> = std::cell::RefCell::new(Day::default());
        }
        SHARED.with(|shared| {
            let mut shared = shared.borrow_mut();
            shared.fill(&scn, &self.state);
            for i in 0..n {
                let choice = decide_on(
                    &scn,
                    &self.state,
                    &shared,
                    i as u8,
                    &mut self.party_rngs[i].0,
                    // Reasons are read only from the chronicle.
                    self.log.is_some(),
                );
                moves.push((choice.action, Why::Model(choice.factors)));
            }
        });
        for (p, policy) in &self.policies {
            if (*p as usize) < n
                && let Some(a) = policy.choose(&scn, &self.state, *p)
            {
                moves[*p as usize] = (a, Why::Scripted);
            }
        }
        for f in self.fixed.iter().filter(|f| f.day == day) {
            if (f.party as usize) < n {
                moves[f.party as usize] = (f.action, f.why.clone());
            }
        }
        for (i, (action, why)) in moves.into_iter().enumerate() {
            if self.outcome.is_some() {
                break;
            }
            self.perform(i as u8, action, why, day);
        }
        if self.outcome.is_some() {
            return false;
        }

        // 4. A deal in force is carried out; then the talks' own mechanics, then the day's drift.
        if self.state.phase == Phase::Agreement {
            self.implement(day);
            if self.outcome.is_some() {
                return false;
            }
        }
        self.advance_phase(day);
        if self.outcome.is_some() {
            return false;
        }
        self.drift();

        // 5. The horizon. A session still sitting is played to its close (within `session.overtime`).
        self.state.day += 1;
        let overtime = scn.overtime_days();
        let sitting = self.state.phase == Phase::InSession && day < self.horizon + overtime;
        if day >= self.horizon && !sitting {
            self.finish_at_horizon(day);
            return false;
        }
        true
    }

    /// The first half of a day: timeline events, scheduled events and rules. Returns whether the run goes
    /// on (a rung that ends the run stops it at once).
    fn open_day(&mut self) -> bool {
        let day = self.state.day;
        let scn = Arc::clone(&self.scenario);
        if self.check_breakdown(day) {
            return false;
        }

        // 1. Timeline events and scheduled events due today.
        while let Some(ev) = scn.timeline.get(self.state.next_event) {
            if ev.day > day {
                break;
            }
            let idx = self.state.next_event as u16;
            self.state.next_event += 1;
            self.log(|| Entry::Event { day, event: idx });
            if let (Some(a), Some(k)) = (ev.actor, ev.action) {
                self.state.parties[a as usize].last_done[k as usize] = day;
            }
            for e in &ev.effects {
                self.apply_effect(e, day, &Cause::Event(idx), true);
            }
            if self.outcome.is_some() {
                return false;
            }
        }
        if !self.injects.is_empty() && !self.apply_injects(day) {
            return false;
        }
        if self.state.pending.iter().any(|p| p.day <= day) {
            let (due, later): (Vec<Pending>, Vec<Pending>) =
                std::mem::take(&mut self.state.pending)
                    .into_iter()
                    .partition(|p| p.day <= day);
            self.state.pending = later;
            for p in due {
                let text = p.text.clone();
                self.log(|| Entry::Scheduled {
                    day,
                    text: text.clone(),
                });
                for e in &p.effects {
                    self.apply_effect(e, day, &Cause::Scheduled(text.clone()), true);
                }
                if self.outcome.is_some() {
                    return false;
                }
            }
        }

        // 2. Rules, in file order.
        for (r, rule) in scn.rules.iter().enumerate() {
            if self.state.rule_ready[r] > day || !rule.when.iter().all(|c| self.holds(c)) {
                continue;
            }
            if self.world_rng.0.random::<f64>() >= rule.probability {
                continue;
            }
            self.state.rule_ready[r] = day + rule.cooldown_days.max(1) as i64;
            self.counters.rule_fires[r] += 1;
            self.log(|| Entry::Rule {
                day,
                rule: r as u16,
            });
            for e in &rule.then {
                self.apply_effect(e, day, &Cause::Rule(r as u16), true);
            }
            if self.outcome.is_some() {
                return false;
            }
        }

        // 3. The back channel: today's notes are read and open offers settled.
        if !self.notes.is_empty() || !self.state.offers.is_empty() {
            self.read_notes(day);
        }
        true
    }

    /// The state as the delegations will see it when they decide today: today's events and rules applied
    /// to a copy (same random streams, no chronicle). The run itself is untouched.
    pub fn state_at_decision(&self) -> State {
        self.opened_copy().state
    }

    /// A copy (same random streams, no chronicle) with today's events and rules applied.
    fn opened_copy(&self) -> Simulation {
        let mut copy = self.quiet_copy();
        if copy.outcome.is_none() {
            copy.open_day();
        }
        copy
    }

    /// What one move does on its own today: the state as the delegations decide (today's events and rules
    /// applied) and the same state after party `p`'s move alone, on a copy (no chronicle; the run is
    /// untouched). The window shows the difference as the move's feedback.
    pub fn preview(&self, p: u8, action: Action) -> (State, State) {
        let mut copy = self.opened_copy();
        let before = copy.state.clone();
        if copy.outcome.is_none() && (p as usize) < copy.state.n() {
            let day = copy.state.day;
            copy.perform(p, action, Why::Player, day);
        }
        (before, copy.state)
    }

    /// Plays to the end and returns the outcome.
    pub fn run_to_end(&mut self) -> &Outcome {
        while self.step() {}
        self.outcome
            .as_ref()
            .expect("a finished run has an outcome")
    }

    /// Milestones so far.
    pub fn milestones(&self) -> &Milestones {
        &self.state.milestones
    }
}
