//! The step function: one call plays one day. Every front end (window, `run`, batch, adviser) calls it.

use super::action::{Action, ActionKind};
use super::decide::{Choice, decide};
use super::scenario::{Cond, Condition, Eff, Effect, Phase, Scenario};
use super::state::{Milestones, Pending, State};
use super::transcript::{Cause, Entry, Outcome, OutcomeKind, Why};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
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
}

/// A seeded random stream. Cloning copies its exact position (used by the adviser and by saves).
pub struct Stream(pub ChaCha8Rng);

impl Clone for Stream {
    fn clone(&self) -> Self {
        Stream(ChaCha8Rng::deserialize_state(&self.0.serialize_state()))
    }
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stream(word {})", self.0.get_word_pos())
    }
}

impl PartialEq for Stream {
    fn eq(&self, other: &Self) -> bool {
        self.0.get_seed() == other.0.get_seed()
            && self.0.get_stream() == other.0.get_stream()
            && self.0.get_word_pos() == other.0.get_word_pos()
    }
}

/// The run's random streams from its seed: one per party, and one for the rules.
fn streams(seed: u64, parties: usize) -> (Vec<Stream>, Stream) {
    let party = (0..parties)
        .map(|i| Stream(ChaCha8Rng::seed_from_u64(mix(seed ^ mix(i as u64 + 1)))))
        .collect();
    (
        party,
        Stream(ChaCha8Rng::seed_from_u64(mix(seed ^ 0x5157_5157))),
    )
}

/// SplitMix64: derives independent stream seeds from the run seed.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn clamp100(v: f64) -> f64 {
    v.clamp(0.0, 100.0)
}

impl Simulation {
    /// Sets up a run: applies the background events (those before the start date) to the scenario's state.
    pub fn new(scenario: Arc<Scenario>, seed: u64, record: bool) -> Simulation {
        let n = scenario.parties.len();
        let (party_rngs, world_rng) = streams(seed, n);
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
            scenario,
        };
        sim.apply_background();
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

    /// The moves fixed in advance.
    pub fn fixed_moves(&self) -> &[FixedMove] {
        &self.fixed
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
    pub fn date(&self) -> super::date::Date {
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
        *m = Milestones::default();
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
        (copy.party_rngs, copy.world_rng) = streams(seed, self.state.n());
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
        for i in 0..n {
            let choice = decide(&scn, &self.state, i as u8, &mut self.party_rngs[i].0);
            moves.push((choice.action, Why::Model(choice.factors)));
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

        // 4. The talks' own mechanics, then the day's drift.
        self.advance_phase(day);
        if self.outcome.is_some() {
            return false;
        }
        self.drift();

        // 5. The horizon.
        self.state.day += 1;
        if day >= self.horizon {
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
        true
    }

    /// The state as the delegations will see it when they decide today: today's events and rules applied
    /// to a copy (same random streams, no chronicle). The run itself is untouched.
    pub fn state_at_decision(&self) -> State {
        let mut copy = self.quiet_copy();
        if copy.outcome.is_none() {
            copy.open_day();
        }
        copy.state
    }

    /// Plays to the end and returns the outcome.
    pub fn run_to_end(&mut self) -> &Outcome {
        while self.step() {}
        self.outcome
            .as_ref()
            .expect("a finished run has an outcome")
    }

    // ---- conditions and effects --------------------------------------------------------------------

    fn holds(&self, c: &Cond) -> bool {
        let s = &self.state;
        let acted_within = |p: u8, k: ActionKind, days: u32| {
            s.parties[p as usize].last_done[k as usize] >= s.day - days as i64
        };
        match *c {
            Condition::RungAtLeast(r) => s.rung >= r,
            Condition::RungAtMost(r) => s.rung <= r,
            Condition::PhaseIs(p) => s.phase == p,
            Condition::PhaseIsNot(p) => s.phase != p,
            Condition::DaysStalledAtLeast(d) => {
                !matches!(s.phase, Phase::InSession) && s.days_stalled() >= d as i64
            }
            Condition::DaysInPhaseAtLeast(d) => s.day - s.phase_since >= d as i64,
            Condition::ActedWithin {
                party,
                action,
                days,
            } => acted_within(party, action, days),
            Condition::NotActedWithin {
                party,
                action,
                days,
            } => !acted_within(party, action, days),
            Condition::PressureAtLeast { party, value } => {
                s.parties[party as usize].pressure >= value
            }
            Condition::PressureBelow { party, value } => s.parties[party as usize].pressure < value,
            Condition::TrustBelow { from, to, value } => s.trust(from, to) < value,
            Condition::TrustAtLeast { from, to, value } => s.trust(from, to) >= value,
            Condition::PositionAtLeast {
                party,
                issue,
                value,
            } => s.parties[party as usize].positions[issue as usize] >= value,
            Condition::PositionAtMost {
                party,
                issue,
                value,
            } => s.parties[party as usize].positions[issue as usize] <= value,
            Condition::Sanctioning { by, on } => s.sanctions(by, on),
            Condition::NotSanctioning { by, on } => !s.sanctions(by, on),
            Condition::MomentumAtLeast(v) => s.momentum >= v,
            Condition::MomentumBelow(v) => s.momentum < v,
            Condition::OnOrAfter(d) => s.day >= d,
            Condition::Before(d) => s.day < d,
            Condition::SessionsAtLeast(n) => s.milestones.sessions >= n,
        }
    }

    fn apply_effect(&mut self, e: &Eff, day: i64, cause: &Cause, live: bool) {
        match e {
            Effect::MoveRung(by) => {
                let top = self.scenario.rungs.len() as i64 - 1;
                let to = (self.state.rung as i64 + *by as i64).clamp(0, top) as u8;
                self.set_rung(to, day, cause, live);
            }
            Effect::SetRung(r) => self.set_rung(*r, day, cause, live),
            Effect::SetPhase(p) => {
                if self.state.phase.may_move_to(*p) {
                    self.set_phase(*p, day, cause.clone());
                }
            }
            Effect::ShiftPosition { party, issue, by } => {
                let st = &self.scenario.parties[*party as usize].stances[*issue as usize];
                let pos = &mut self.state.parties[*party as usize].positions[*issue as usize];
                let mut v = clamp100(*pos + by);
                if let Some(rl) = st.red_line {
                    v = rl.clamp(v);
                }
                *pos = v;
            }
            Effect::ShiftTrust { from, to, by } => self.state.shift_trust(*from, *to, *by),
            Effect::ShiftPressure { party, by } => {
                let p = &mut self.state.parties[*party as usize].pressure;
                *p = clamp100(*p + by);
            }
            Effect::ShiftMomentum(by) => self.state.shift_momentum(*by),
            Effect::StartSanctions { by, on } => {
                if by != on {
                    self.state.parties[*by as usize].sanctions_on |= 1 << on;
                }
            }
            Effect::EndSanctions { by, on } => {
                self.state.parties[*by as usize].sanctions_on &= !(1 << on);
            }
            Effect::Schedule {
                in_days,
                text,
                effects,
            } => self.state.pending.push(Pending {
                day: day + *in_days as i64,
                text: text.clone(),
                effects: effects.clone(),
            }),
        }
    }

    fn set_rung(&mut self, to: u8, day: i64, cause: &Cause, live: bool) {
        let from = self.state.rung;
        if from == to {
            return;
        }
        self.state.rung = to;
        if live {
            self.log(|| Entry::Rung {
                day,
                from,
                to,
                cause: cause.clone(),
            });
            if to > from {
                self.state.milestones.rises += 1;
                self.state.milestones.last_rise = Some(day);
            }
            if to > self.state.milestones.peak_rung {
                self.state.milestones.peak_rung = to;
                self.state.milestones.peak_rung_day = day;
            }
            // A rung that ends the run ends it the moment it is reached.
            self.check_breakdown(day);
        }
    }

    fn set_phase(&mut self, to: Phase, day: i64, cause: Cause) {
        let from = self.state.phase;
        if from == to {
            return;
        }
        self.state.phase = to;
        self.state.phase_since = day;
        // Whatever moved the talks here (the host's call, a rule, an event), a date and a table follow.
        let talks = &self.scenario.file.talks;
        match to {
            Phase::Preparatory => self.state.session_opens = day + talks.prep_days as i64,
            Phase::InSession => {
                self.state.table = chair_table(&self.scenario, &self.state);
                self.state.session_ends = day + talks.session_days as i64 - 1;
            }
            _ => {}
        }
        let m = &mut self.state.milestones;
        match to {
            Phase::Contacts => {
                m.first_contacts.get_or_insert(day);
            }
            Phase::Preparatory => {
                m.first_date_set.get_or_insert(day);
            }
            Phase::InSession => {
                m.first_session.get_or_insert(day);
                m.last_session = Some(day);
                m.sessions += 1;
            }
            Phase::Agreement => m.agreement = Some(day),
            Phase::Walkout => m.walkouts += 1,
            Phase::Stalled => {}
        }
        if from == Phase::InSession {
            self.state.last_session_end = day;
        }
        if to != Phase::Preparatory && to != Phase::InSession {
            for p in &mut self.state.parties {
                p.proposals = 0;
                p.accepts = false;
            }
        }
        if day >= 0 {
            self.log(|| Entry::Phase {
                day,
                from,
                to,
                cause,
            });
        }
    }

    fn check_breakdown(&mut self, day: i64) -> bool {
        let r = self.state.rung as usize;
        if self.scenario.rungs[r].ends_run && self.outcome.is_none() {
            self.outcome = Some(Outcome {
                kind: OutcomeKind::Breakdown,
                day,
                reason: format!(
                    "the escalation ladder reached \"{}\", which ends the talks",
                    self.scenario.rungs[r].name
                ),
            });
            return true;
        }
        false
    }

    // ---- moves -------------------------------------------------------------------------------------

    fn perform(&mut self, i: u8, action: Action, why: Why, day: i64) {
        let kind = action.kind();
        let iu = i as usize;
        self.counters.moves[iu][kind as usize] += 1;
        if kind == ActionKind::Wait {
            // The model's and scripts' waiting is silence; a human delegation's (or its advisers', when
            // its time ran out) is part of the record.
            if matches!(why, Why::Player | Why::Advisers) {
                self.log(|| Entry::Move {
                    day,
                    party: i,
                    action,
                    why,
                });
            }
            return;
        }
        let scn = Arc::clone(&self.scenario);
        let n = self.state.n() as u8;
        self.state.parties[iu].last_done[kind as usize] = day;
        self.state.parties[iu].last_move = Some((day, action));
        self.log(|| Entry::Move {
            day,
            party: i,
            action,
            why,
        });
        let cap = scn.parties[iu].capability / 100.0;
        let st = &mut self.state;
        let others = (0..n).filter(move |&j| j != i);
        match action {
            Action::Wait => {}
            Action::ConciliatoryStatement => {
                st.shift_momentum(2.5);
                for j in others {
                    st.shift_trust(j, i, 0.8);
                }
                st.parties[iu].face = clamp100(st.parties[iu].face - 1.0);
            }
            Action::HardlineStatement => {
                st.shift_momentum(-2.5);
                for j in others {
                    st.shift_trust(j, i, -0.8);
                    let t = st.trust(j, i);
                    let g = &mut st.parties[j as usize].grievance;
                    *g = clamp100(*g + 3.0 * (1.0 - t / 100.0));
                }
                st.parties[iu].face = clamp100(st.parties[iu].face + 3.0);
            }
            Action::EnvoyVisit { to } => {
                st.shift_trust(i, to, 2.0);
                st.shift_trust(to, i, 3.0);
                st.shift_momentum(3.0 + 3.0 * cap);
            }
            Action::BilateralMeeting { with } => {
                let warmth = (st.trust(with, i) + st.trust(i, with)) / 200.0;
                st.shift_trust(i, with, 4.0);
                st.shift_trust(with, i, 4.0);
                st.shift_momentum(3.0 + 5.0 * warmth);
                converge(&scn, st, i, with, 1.5 + 2.0 * warmth);
            }
            Action::CallForTalks => {
                let host = scn.host.is_none_or(|h| h == i);
                st.shift_momentum(if host { 4.0 } else { 2.0 });
                // No date is set while a delegation says it will stay away.
                if host
                    && st.phase == Phase::Contacts
                    && st.momentum >= scn.file.talks.prepare_at
                    && !st.parties.iter().any(|p| p.boycotting)
                {
                    let opens = day + scn.file.talks.prep_days as i64;
                    self.set_phase(Phase::Preparatory, day, Cause::DateSet(i, opens));
                }
            }
            Action::Attend => {
                st.parties[iu].boycotting = false;
                st.shift_momentum(2.0);
            }
            Action::Boycott => {
                st.parties[iu].boycotting = true;
                st.shift_momentum(-6.0);
                for j in others {
                    st.shift_trust(j, i, -1.5);
                }
                st.parties[iu].face = clamp100(st.parties[iu].face + 2.0);
            }
            Action::ProposePackage { issues } => {
                st.parties[iu].proposals += 1;
                let pull = 0.15 + 0.35 * cap;
                for k in 0..scn.issue_count() {
                    if issues & (1 << k) != 0 {
                        let pos = st.parties[iu].positions[k];
                        st.table[k] += pull * (pos - st.table[k]);
                    }
                }
                // The chair keeps the draft inside every red line where the red lines leave room.
                for (k, v) in st.table.iter_mut().enumerate() {
                    *v = within_red_lines(&scn, k, *v);
                }
                // A package trades: the proposer gives a little where it cares least.
                if let Some(k) = least_salient_gap(&scn, st, i, issues) {
                    give(&scn, st, i, k, 3.0);
                }
                st.shift_momentum(2.0);
            }
            Action::Concede { issue, amount } => {
                let given = give(&scn, st, i, issue as usize, amount);
                let fs = scn.parties[iu].doctrine.face_sensitivity;
                st.parties[iu].face = clamp100(st.parties[iu].face - given * 0.6 * fs);
                st.shift_momentum(1.5);
                for j in others {
                    st.shift_trust(j, i, 1.0);
                }
            }
            Action::HoldFirm => {
                st.parties[iu].face = clamp100(st.parties[iu].face + 1.0);
            }
            Action::WalkOut => {
                st.shift_momentum(-25.0);
                for j in others {
                    st.shift_trust(j, i, -6.0);
                }
                st.parties[iu].face = clamp100(st.parties[iu].face + 5.0);
                if st.phase == Phase::InSession {
                    self.set_phase(Phase::Walkout, day, Cause::Move(i, action));
                }
            }
            Action::ImposeSanctions { on } => {
                st.parties[iu].sanctions_on |= 1 << on;
                let t = &mut st.parties[on as usize];
                t.pressure = clamp100(t.pressure + 4.0 + 10.0 * cap);
                t.grievance = clamp100(t.grievance + 15.0);
                t.face = clamp100(t.face - 5.0);
                st.shift_trust(on, i, -8.0);
                st.shift_momentum(-5.0);
            }
            Action::EaseSanctions { on } => {
                st.parties[iu].sanctions_on &= !(1 << on);
                let t = &mut st.parties[on as usize];
                t.pressure = clamp100(t.pressure - 4.0 - 10.0 * cap);
                t.grievance = clamp100(t.grievance - 10.0);
                t.face = clamp100(t.face + 6.0);
                st.shift_trust(on, i, 10.0);
                st.parties[iu].face = clamp100(st.parties[iu].face - 3.0);
                st.shift_momentum(10.0);
            }
            Action::OfferAid { to } => {
                let t = &mut st.parties[to as usize];
                t.pressure = clamp100(t.pressure - 3.0);
                st.shift_trust(to, i, 4.0);
                st.shift_momentum(3.0);
            }
            Action::MissileTest | Action::NuclearTest | Action::MilitaryDrill => {
                let (mom, tr, griev, press, face) = match action {
                    Action::NuclearTest => (35.0, 12.0, 30.0, 15.0, 10.0),
                    Action::MissileTest => (12.0, 5.0, 12.0, 6.0, 6.0),
                    _ => (3.0, 1.0, 8.0, 0.0, 2.0),
                };
                st.shift_momentum(-mom);
                for j in others {
                    let t = st.trust(j, i);
                    st.shift_trust(j, i, -tr);
                    let g = &mut st.parties[j as usize].grievance;
                    *g = clamp100(*g + griev * (1.0 - t / 100.0));
                }
                let me = &mut st.parties[iu];
                me.pressure = clamp100(me.pressure + press);
                me.face = clamp100(me.face + face);
                // The ladder rises to the highest rung this move raises it to.
                if let Some(r) = scn.rungs.iter().rposition(|r| r.raised_by.contains(&kind))
                    && r as u8 > self.state.rung
                {
                    self.set_rung(r as u8, day, &Cause::Move(i, action), true);
                }
            }
            Action::Mediate { a, b } => {
                st.shift_trust(a, b, 2.5);
                st.shift_trust(b, a, 2.5);
                st.shift_trust(a, i, 1.0);
                st.shift_trust(b, i, 1.0);
                st.shift_momentum(3.0);
            }
        }
        self.check_breakdown(day);
    }

    // ---- the talks' mechanics ------------------------------------------------------------------------

    fn advance_phase(&mut self, day: i64) {
        let scn = Arc::clone(&self.scenario);
        let t = &scn.file.talks;
        let m = self.state.momentum;
        match self.state.phase {
            Phase::Stalled => {
                if m >= t.contacts_at {
                    self.set_phase(Phase::Contacts, day, Cause::Momentum(m, t.contacts_at));
                }
            }
            Phase::Contacts => {
                if m < t.contacts_at * 0.5 && day - self.state.phase_since >= 7 {
                    self.set_phase(Phase::Stalled, day, Cause::Momentum(m, t.contacts_at * 0.5));
                }
            }
            Phase::Preparatory => {
                if day >= self.state.session_opens {
                    let boycott = self
                        .state
                        .parties
                        .iter()
                        .enumerate()
                        .fold(0u32, |mask, (i, p)| mask | ((p.boycotting as u32) << i));
                    if boycott != 0 {
                        self.state.momentum = clamp100(m - 20.0);
                        self.set_phase(Phase::Contacts, day, Cause::Postponed(boycott));
                    } else {
                        self.set_phase(Phase::InSession, day, Cause::Opened);
                    }
                }
            }
            Phase::InSession => {
                // The chair redrafts towards the weighted middle every day.
                let middle = chair_table(&scn, &self.state);
                for (k, v) in self.state.table.iter_mut().enumerate() {
                    *v += 0.3 * (middle[k] - *v);
                }
                let mut all = true;
                let mut worst = (0u8, f64::NEG_INFINITY);
                let verdicts = verdicts(&scn, &self.state);
                for (i, v) in verdicts.iter().enumerate() {
                    self.state.parties[i].accepts = v.accepts;
                    all &= v.accepts;
                    if v.shortfall() > worst.1 {
                        worst = (i as u8, v.shortfall());
                    }
                }
                let verdicts_copy = verdicts.clone();
                if all || day >= self.state.session_ends {
                    self.log(|| Entry::Verdicts { day, verdicts });
                }
                if all {
                    self.set_phase(Phase::Agreement, day, Cause::AllAccepted);
                    self.outcome = Some(Outcome {
                        kind: OutcomeKind::Agreement,
                        day,
                        reason: "every delegation accepted the package on the table".into(),
                    });
                } else if day >= self.state.session_ends {
                    // A failed round leaves those who were far from signing frustrated.
                    for (i, v) in verdicts_copy.iter().enumerate() {
                        if !v.accepts {
                            let resolve = scn.parties[i].doctrine.resolve;
                            let p = &mut self.state.parties[i];
                            p.grievance = clamp100(p.grievance + 10.0 * resolve);
                            p.face = clamp100(p.face - 4.0);
                        }
                    }
                    self.state.momentum = clamp100(m * 0.35);
                    self.set_phase(Phase::Contacts, day, Cause::Recess(worst.0, worst.1));
                }
            }
            Phase::Walkout => {
                if day - self.state.phase_since >= t.walkout_days as i64 {
                    self.set_phase(Phase::Stalled, day, Cause::CooledOff);
                }
            }
            Phase::Agreement => {}
        }
    }

    fn drift(&mut self) {
        let scn = &self.scenario;
        let st = &mut self.state;
        st.momentum = clamp100(st.momentum * 0.985 - 0.1 * st.rung as f64);
        let n = st.n();
        for i in 0..n {
            let sanction_weight: f64 = (0..n)
                .filter(|&j| st.parties[j].sanctions_on & (1 << i) != 0)
                .map(|j| scn.parties[j].capability / 100.0)
                .sum();
            let base = scn.parties[i].pressure;
            let p = &mut st.parties[i];
            p.pressure = clamp100(p.pressure + 0.08 * sanction_weight + 0.01 * (base - p.pressure));
            p.grievance *= 0.96;
            p.face += 0.03 * (50.0 - p.face);
        }
    }

    fn finish_at_horizon(&mut self, day: i64) {
        let s = &self.state;
        let scn = &self.scenario;
        let (kind, reason) = if s.phase == Phase::Walkout {
            (
                OutcomeKind::Breakdown,
                "the run ended with a delegation gone from the table after a walkout".to_string(),
            )
        } else if let Some(rise) = s.milestones.last_rise
            && s.milestones.last_session.is_none_or(|open| rise > open)
        {
            (
                OutcomeKind::Escalated,
                format!(
                    "the ladder rose on day {rise} ({}) and no session followed; it ended at \"{}\"",
                    scn.date_of(rise),
                    scn.rungs[s.rung as usize].name
                ),
            )
        } else if s.milestones.sessions > 0 {
            (
                OutcomeKind::Resumed,
                format!(
                    "talks resumed ({} session{}) but no package won every delegation",
                    s.milestones.sessions,
                    if s.milestones.sessions == 1 { "" } else { "s" }
                ),
            )
        } else {
            (
                OutcomeKind::Stalled,
                format!(
                    "no session was held; the talks ended {} with momentum {:.0}",
                    s.phase.banner(),
                    s.momentum
                ),
            )
        };
        self.outcome = Some(Outcome { kind, day, reason });
    }

    /// Milestones so far.
    pub fn milestones(&self) -> &Milestones {
        &self.state.milestones
    }
}

/// Moves the party's position on issue `k` towards the table by up to `amount`, never past its red line.
/// Returns how far it moved.
fn give(scn: &Scenario, st: &mut State, i: u8, k: usize, amount: f64) -> f64 {
    let target = st.table[k];
    let pos = st.parties[i as usize].positions[k];
    let step = (target - pos).clamp(-amount.abs(), amount.abs());
    let mut v = pos + step;
    if let Some(rl) = scn.parties[i as usize].stances[k].red_line {
        v = rl.clamp(v);
    }
    st.parties[i as usize].positions[k] = v;
    (v - pos).abs()
}

/// The issue outside `exclude` where the party cares least and stands away from the table.
fn least_salient_gap(scn: &Scenario, st: &State, i: u8, exclude: u32) -> Option<usize> {
    (0..scn.issue_count())
        .filter(|&k| exclude & (1 << k) == 0)
        .filter(|&k| (st.parties[i as usize].positions[k] - st.table[k]).abs() > 1.0)
        .min_by(|&a, &b| {
            let sa = scn.parties[i as usize].stances[a].salience;
            let sb = scn.parties[i as usize].stances[b].salience;
            sa.total_cmp(&sb).then(a.cmp(&b))
        })
}

/// Two parties in a bilateral each move towards the other on the issue that divides them most.
fn converge(scn: &Scenario, st: &mut State, a: u8, b: u8, amount: f64) {
    let k = (0..scn.issue_count()).max_by(|&x, &y| {
        let gap = |k: usize| {
            (st.parties[a as usize].positions[k] - st.parties[b as usize].positions[k]).abs()
        };
        gap(x).total_cmp(&gap(y)).then(y.cmp(&x))
    });
    let Some(k) = k else { return };
    for (me, other) in [(a, b), (b, a)] {
        let target = st.parties[other as usize].positions[k];
        let pos = st.parties[me as usize].positions[k];
        let mut v = pos + (target - pos).clamp(-amount, amount);
        if let Some(rl) = scn.parties[me as usize].stances[k].red_line {
            v = rl.clamp(v);
        }
        st.parties[me as usize].positions[k] = v;
    }
}

/// `value` moved inside the band every red line on issue `k` allows, when such a band exists.
pub fn within_red_lines(scn: &Scenario, k: usize, value: f64) -> f64 {
    let (mut lo, mut hi) = (0.0f64, 100.0f64);
    for p in &scn.parties {
        match p.stances[k].red_line {
            Some(super::scenario::RedLine::AtLeast(x)) => lo = lo.max(x),
            Some(super::scenario::RedLine::AtMost(x)) => hi = hi.min(x),
            None => {}
        }
    }
    if lo <= hi { value.clamp(lo, hi) } else { value }
}

/// The chair's draft: the capability- and salience-weighted middle of the positions, kept inside every red
/// line where the red lines leave room.
pub fn chair_table(scn: &Scenario, st: &State) -> Vec<f64> {
    (0..scn.issue_count())
        .map(|k| {
            let (mut num, mut den) = (0.0, 0.0);
            for (i, p) in scn.parties.iter().enumerate() {
                let w = p.capability * (0.05 + p.stances[k].salience);
                num += w * st.parties[i].positions[k];
                den += w;
            }
            within_red_lines(scn, k, if den > 0.0 { num / den } else { 50.0 })
        })
        .collect()
}

/// A party's dissatisfaction with the table: the salience-weighted distance, 0–100.
pub fn dissatisfaction(scn: &Scenario, st: &State, i: u8) -> f64 {
    let p = &scn.parties[i as usize];
    let (mut num, mut den) = (0.0, 0.0);
    for (k, stance) in p.stances.iter().enumerate() {
        num += stance.salience * (st.parties[i as usize].positions[k] - st.table[k]).abs();
        den += stance.salience;
    }
    if den > 0.0 { num / den } else { 0.0 }
}

/// How a party weighs the package on the table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Whether it would sign today.
    pub accepts: bool,
    /// An issue whose red line the table crosses, if any.
    pub crossed: Option<u8>,
    /// Dissatisfaction with the table (0–100).
    pub dissatisfaction: f64,
    /// How much better than the status quo the table is for it (dissatisfaction points).
    pub gain: f64,
    /// How far it believes the others will keep their side (0–1): its trust in them, weighted by their
    /// capability and by how far apart they stand.
    pub credibility: f64,
    /// The credible gain it needs before it signs.
    pub needed: f64,
    /// A close partner (trust 70 or more) that signs and that it follows, which lowers what it needs.
    pub follows: Option<u8>,
}

impl Verdict {
    /// How far the credible gain falls short of what it needs (negative when it accepts).
    pub fn shortfall(&self) -> f64 {
        self.needed - self.gain * self.credibility
    }
}

/// Weighs the table for party `i`: it signs when no red line is crossed and the gain over the status quo,
/// discounted by how little it trusts the others, reaches what its doctrine demands (less under pressure).
pub fn verdict(scn: &Scenario, st: &State, i: u8) -> Verdict {
    let p = &scn.parties[i as usize];
    let ps = &st.parties[i as usize];
    let crossed = p
        .stances
        .iter()
        .enumerate()
        .position(|(k, s)| s.red_line.is_some_and(|rl| !rl.allows(st.table[k])))
        .map(|k| k as u8);
    let d = dissatisfaction(scn, st, i);
    let (mut num, mut den) = (0.0, 0.0);
    for (k, stance) in p.stances.iter().enumerate() {
        num += stance.salience * (ps.positions[k] - scn.file.issues[k].status_quo).abs();
        den += stance.salience;
    }
    let d_sq = if den > 0.0 { num / den } else { 0.0 };
    let gain = d_sq - d;
    let (mut tw, mut w) = (0.0, 0.0);
    for j in 0..st.n() as u8 {
        if j == i {
            continue;
        }
        let mut dist = 0.0;
        for (k, stance) in p.stances.iter().enumerate() {
            dist += stance.salience * (ps.positions[k] - st.parties[j as usize].positions[k]).abs();
        }
        let wj = scn.parties[j as usize].capability * (10.0 + dist / den.max(1e-9));
        tw += wj * st.trust(i, j) / 100.0;
        w += wj;
    }
    let credibility = if w > 0.0 { tw / w } else { 1.0 };
    let face_lost = ((50.0 - ps.face) / 50.0).clamp(0.0, 1.0);
    let needed = scn.file.talks.acceptance
        * (0.5 + p.doctrine.resolve)
        * (1.0 + 0.5 * face_lost * p.doctrine.face_sensitivity)
        - 20.0 * (ps.pressure / 100.0) * p.doctrine.pressure_sensitivity;
    let accepts = crossed.is_none() && gain * credibility >= needed;
    Verdict {
        accepts,
        crossed,
        dissatisfaction: d,
        gain,
        credibility,
        needed,
        follows: None,
    }
}

/// Every party's verdict on the table. A party that gains from the package and trusts (70 or more) a
/// partner that signs follows it: what it needs shrinks by its trust in that partner (at trust 80, to a fifth).
pub fn verdicts(scn: &Scenario, st: &State) -> Vec<Verdict> {
    let n = st.n();
    let first: Vec<Verdict> = (0..n).map(|i| verdict(scn, st, i as u8)).collect();
    let mut out = first.clone();
    for (i, v) in out.iter_mut().enumerate() {
        if v.accepts || v.crossed.is_some() || v.gain <= 0.0 {
            continue;
        }
        let ally = (0..n)
            .filter(|&j| j != i && first[j].accepts && st.trust(i as u8, j as u8) >= 70.0)
            .max_by(|&a, &b| {
                st.trust(i as u8, a as u8)
                    .total_cmp(&st.trust(i as u8, b as u8))
                    .then(b.cmp(&a))
            });
        if let Some(j) = ally {
            v.follows = Some(j as u8);
            v.needed *= 1.0 - st.trust(i as u8, j as u8) / 100.0;
            v.accepts = v.gain * v.credibility >= v.needed;
        }
    }
    out
}
