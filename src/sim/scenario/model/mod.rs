//! The model's coefficients as scenario data: every number that shapes a delegation's choices, what its
//! moves do and how a package is weighed. A scenario's `model: (…)` section overrides any of them; what it
//! leaves out keeps the default documented here (and listed by `sixparty model`, in docs/scenarios.md).
//! `--set model.GROUP.NAME=VALUE` changes one for a run.

use crate::sim::action::ActionKind;
use crate::sim::io::ron::Checker;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod defaults;
use defaults::{default_effect, default_weights};

/// Declares a group of coefficients: the effective struct (every value set), its patch as written in a
/// file (every value optional) and the table of names, units and meanings.
macro_rules! params {
    (
        $(#[$meta:meta])*
        $name:ident / $patch:ident {
            $( $(#[doc = $doc:literal])* $field:ident : $unit:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( $(#[doc = $doc])* pub $field: f64, )*
        }

        #[doc = concat!("[`", stringify!($name), "`] as written in a scenario: any value may be left out.")]
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $patch {
            $(
                $(#[doc = $doc])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<f64>,
            )*
        }

        impl $name {
            /// Each coefficient's name, unit and meaning, in declaration order.
            pub const FIELDS: &'static [(&'static str, &'static str, &'static str)] =
                &[$( (stringify!($field), $unit, concat!($($doc),*)) ),*];
            /// Overrides the values the patch sets.
            pub fn apply(&mut self, p: &$patch) {
                $( if let Some(v) = p.$field { self.$field = v; } )*
            }
            /// The value of a named coefficient.
            pub fn get(&self, key: &str) -> Option<f64> {
                match key {
                    $( stringify!($field) => Some(self.$field), )*
                    _ => None,
                }
            }
            /// The values in declaration order.
            pub fn values(&self) -> Vec<f64> {
                vec![$( self.$field ),*]
            }
        }

        impl $patch {
            /// Sets a named coefficient; false when there is no such name.
            pub fn set(&mut self, key: &str, v: f64) -> bool {
                match key {
                    $( stringify!($field) => { self.$field = Some(v); true } )*
                    _ => false,
                }
            }
            /// The values it sets, by name.
            pub fn entries(&self) -> Vec<(&'static str, f64)> {
                let mut out = Vec::new();
                $( if let Some(v) = self.$field { out.push((stringify!($field), v)); } )*
                out
            }
        }
    };
}

params! {
    /// How a delegation picks among its moves.
    Choice / ChoicePatch {
        /// Temperature of the logit choice: a move scoring this much below another is chosen e^-1 as often.
        temperature: "score",
        /// Days within which a threat (another party's test or drill) still weighs on choices.
        threat_days: "days",
        /// Weight of a nuclear test as a threat, against 1 for the strongest.
        threat_nuclear: "0–1",
        /// Weight of a missile test as a threat.
        threat_missile: "0–1",
        /// Weight of a military exercise as a threat.
        threat_drill: "0–1",
        /// Weight of a step out of the nuclear freeze (expelling inspectors, restarting a facility) as a threat.
        threat_step: "0–1",
        /// Days over which a failed session still weighs on choices (leverage, frustration).
        failed_days: "days",
        /// Days of stall at which the stall feature reaches 1.
        stall_days: "days",
        /// Fewest days between two nuclear tests by one party.
        gap_nuclear: "days",
        /// Fewest days between two missile tests.
        gap_missile: "days",
        /// Fewest days between two exercises.
        gap_drill: "days",
        /// Fewest days between two steps out of the process of one kind (leaving the talks, expelling
        /// inspectors, restarting a facility).
        gap_step: "days",
        /// Weight of the distance to a party, against 1 − this for trust in it, in choosing whom to send an envoy.
        envoy_distance: "0–1",
        /// How much more the host is worth as an envoy's destination.
        host_bonus: "factor",
        /// How much more the party keeping the talks dormant is worth as an envoy's destination.
        away_bonus: "factor",
        /// Weight of distance alone (without warmth) in choosing whom to meet: distance × (this + warmth).
        bilateral_floor: "0–1",
        /// A concession's size, before pressure and flexibility.
        concede_base: "points",
        /// Points a concession grows by at pressure 100 and pressure sensitivity 1.
        concede_pressure: "points",
        /// Points a concession grows by at resolve 0.
        concede_flexibility: "points",
    }
}

impl Choice {
    /// The fewest days between two moves of an arsenal kind (0 for the others).
    pub fn gap(&self, kind: ActionKind) -> f64 {
        match kind {
            ActionKind::NuclearTest => self.gap_nuclear,
            ActionKind::MissileTest => self.gap_missile,
            ActionKind::MilitaryDrill => self.gap_drill,
            k if k.is_escalation() => self.gap_step,
            _ => 0.0,
        }
    }
}

params! {
    /// How a delegation weighs a package against no deal.
    Acceptance / AcceptancePatch {
        /// How much the margin (`talks.acceptance`) grows with resolve: it is multiplied by (1 − this/2 + this × resolve).
        resolve_weight: "factor",
        /// How much lost face raises the margin, at face sensitivity 1.
        face_weight: "factor",
        /// The share of the margin that falls away by the session's last day (deadline pressure).
        deadline_relief: "0–1",
        /// Credibility (belief the others keep their side) of a party with no trust at all.
        credibility_floor: "0–1",
        /// How far trust in the parties already signing adds to credibility: their share of the weight counts this many times more.
        signer_weight: "factor",
        /// Utility points an offer of aid in session is worth to its receiver, until the session closes.
        side_payment: "utility points",
        /// In credibility, each other party weighs capability × (this + its distance from what the party wants).
        distance_weight: "points",
        /// How much a fresh threat against it raises the margin, at face sensitivity 1: signing right after a provocation looks like rewarding it.
        threat_face: "factor",
        /// How much sanctions on it (by capability/100, at most 1.5) raise the margin, at face sensitivity 1: it will not be seen to sign under duress.
        sanctions_face: "factor",
        /// Private resolve: when a session opens each party's margin is multiplied by a number drawn evenly from 1 ± this (others cannot see it; why talks fail).
        uncertainty: "0–1",
    }
}

params! {
    /// The reservation value: what a party expects without a deal, against the status quo's utility.
    Reservation / ReservationPatch {
        /// Utility points pressure 100 takes off no deal, at pressure sensitivity 1.
        pressure: "utility points",
        /// Utility points sanctions by capability 100 take off no deal for the sanctioned, at resolve 0.
        sanctions: "utility points",
        /// Utility points the top of the ladder takes off no deal, at risk tolerance 0.
        escalation: "utility points",
        /// Utility points a fresh threat against it (another's test) takes off no deal, at risk tolerance 0.
        threat: "utility points",
        /// Utility points each session ended without agreement takes off no deal, at patience 0 (delay costs the impatient).
        failed: "utility points",
    }
}

params! {
    /// Trust between delegations.
    Trust / TrustPatch {
        /// Scale of trust gains; gains also shrink as trust nears 100.
        gain: "factor",
        /// Scale of trust losses (trust is destroyed faster than it is built).
        loss: "factor",
        /// Share of the distance to its starting value that trust recovers or loses each day.
        decay: "per day",
    }
}

params! {
    /// Diplomatic momentum.
    Momentum / MomentumPatch {
        /// Scale of momentum gains; gains also shrink as momentum nears 100.
        gain: "factor",
        /// Share of momentum kept from one day to the next.
        keep: "per day",
        /// Momentum lost per day for each rung of the ladder above the lowest.
        rung_drag: "points per rung",
        /// The share of a momentum gain that counts while the talks are dormant (a walkout or a party
        /// staying away): with one side absent, goodwill among the others builds little towards a session.
        dormant: "0–1",
    }
}

params! {
    /// Back-channel offers between delegations ("we would move on X if you move on Y", sent over the
    /// network between seats): how the delegation offered reads one, and what keeping or breaking it does.
    BackChannel / BackChannelPatch {
        /// How far an open offer leans where the delegation it is made to gives in session: the asked issue's worth gains credence × its trust in the sender/100 × its own salience on the offered issue × the points offered/10.
        credence: "factor",
        /// Days an offer stands before it lapses when the delegation offered has not moved as asked.
        open_days: "days",
        /// Days the sender has to move as it promised once the offer is taken up; then it is broken.
        keep_days: "days",
        /// Trust the receiver gains in the sender when an offer is kept.
        kept_trust: "points",
        /// Trust the receiver loses in the sender when an offer is broken.
        broken_trust: "points",
        /// Grievance the receiver takes against the sender when an offer is broken.
        broken_grievance: "points",
    }
}

params! {
    /// Consent: envoys, meetings and mediation need the other side to agree.
    Consent / ConsentPatch {
        /// The willingness the receiver needs: trust/100 + momentum weight × momentum/100 + pressure weight × pressure/100 − grievance/100 at the sender.
        threshold: "0–1",
        /// Weight of momentum in the receiver's willingness.
        momentum: "factor",
        /// Weight of the pressure on the receiver.
        pressure: "factor",
        /// Face the sender loses when refused.
        refusal_face: "face points",
    }
}

params! {
    /// Diminishing returns of repeated moves.
    Repetition / RepetitionPatch {
        /// Half-life of a move's weariness: after this many days a repeat has recovered half its effect.
        half_life: "days",
        /// How much weariness takes off: a move's effect is divided by (1 + this × weariness).
        strength: "factor",
        /// Score taken off a candidate move per unit of its weariness (the delegation tires of repeating itself).
        score: "score",
    }
}

params! {
    /// Political capital: the attention a delegation can spend.
    Capital / CapitalPatch {
        /// Capital regained per week.
        per_week: "capital points",
        /// Most capital a delegation can hold.
        max: "capital points",
        /// Capital on the start date.
        start: "capital points",
    }
}

params! {
    /// The day's drift between moves.
    Drift / DriftPatch {
        /// Pressure added per day for each 100 of capability sanctioning the party.
        sanctions_pressure: "points per day",
        /// Share of the gap to its starting pressure that pressure closes each day.
        pressure_return: "per day",
        /// Share of grievance kept from one day to the next.
        grievance_keep: "per day",
        /// Grievance a party gains each day at each party sanctioning it, at pressure sensitivity 0 (times
        /// 1 − its pressure sensitivity): sanctions harden those they do not move.
        sanctions_grievance: "points per day",
        /// Share of the gap to 50 that face recovers each day.
        face_return: "per day",
    }
}

params! {
    /// Sessions and phases.
    Session / SessionPatch {
        /// Share of the way the chair's draft moves each day towards the weighted middle of the offers.
        redraft: "0–1",
        /// Share of momentum kept after a session ends without agreement.
        failed_keep: "0–1",
        /// Grievance at the most demanding party that a failed session leaves in those who refused, at resolve 1.
        failed_grievance: "points",
        /// Face lost by those who refused when a session fails.
        failed_face: "face points",
        /// Momentum lost when a session is postponed by a boycott.
        postponed: "points",
        /// Days after a session ends before a new date can be set (the delegations report to their capitals).
        min_gap: "days",
        /// Days past the horizon that a session still sitting there may run to reach its close (0: the run ends at the horizon, whatever is on the table).
        overtime: "days",
        /// Share of the contacts threshold below which contacts fall back to stalled.
        contacts_fall: "0–1",
        /// Fewest days in contacts before they can fall back.
        contacts_min_days: "days",
        /// Calls for talks by different parties within a week that set a date without the host.
        consensus_calls: "parties",
        /// Share of each issue's gap to a party's offer that its package pulls the draft, plus capability/100 × pull_capability.
        pull: "0–1",
        /// Extra pull per unit of capability/100.
        pull_capability: "0–1",
        /// Points a package gives on the proposer's least-salient issue (the trade).
        trade: "points",
        /// How much of a concession's size is also lost in face, at face sensitivity 1.
        concede_face: "face per point",
        /// In the chair's draft each party's offer weighs capability × (this + salience).
        salience_floor: "0–1",
    }
}

params! {
    /// Scoring a delegation at the end.
    Score / ScorePatch {
        /// Points per utility point the outcome gives over the status quo.
        deal: "score per utility point",
        /// Points lost for living the whole run at the top of the ladder, at risk tolerance 0 (in proportion to the average rung).
        escalation: "score",
        /// Points lost per 100 capital spent.
        cost: "score per 100 capital",
    }
}

params! {
    /// What one kind of move does. Targeted moves act on their target; the rest on everyone else.
    MoveEffect / MoveEffectPatch {
        /// Momentum gained (negative: lost).
        momentum: "points",
        /// Extra momentum per unit of the mover's capability/100.
        momentum_capability: "points",
        /// Trust the target gains in the mover (untargeted moves: every other party).
        trust_in_mover: "points",
        /// Trust the mover gains in the target.
        trust_in_target: "points",
        /// Face the mover gains.
        face: "face points",
        /// Pressure on the target, plus capability/100 × target_pressure_capability.
        target_pressure: "points",
        /// Extra pressure on the target per unit of capability/100.
        target_pressure_capability: "points",
        /// Grievance the target (untargeted moves: each other party, by its distrust) holds against the mover.
        grievance: "points",
        /// Face the target gains (negative: loses).
        target_face: "face points",
        /// Pressure the mover brings on itself.
        own_pressure: "points",
        /// Positions each side of a meeting moves towards the other on the issue dividing them most.
        converge: "points",
        /// Trust each third party loses in the mover, times its trust in the target/100 (punishing a friend of theirs).
        bystanders: "points",
        /// Capital the move costs.
        cost: "capital points",
    }
}

params! {
    /// The weights of one kind of move's score on the features of the moment: a move's score is the sum
    /// of weight × feature, plus `base`. Features run 0–1 unless noted.
    Weights / WeightsPatch {
        /// Constant term.
        base: "score",
        /// Momentum/100.
        momentum: "score",
        /// m × (1 − m) for momentum m: highest when the talks are half way.
        momentum_mid: "score",
        /// Pressure/100 × pressure sensitivity.
        pressure: "score",
        /// Pressure/100 × (1 − pressure sensitivity) × resolve: pressure that hardens.
        defiance: "score",
        /// Grievance/100 at the target (untargeted: at the capability-weighted others) × resolve.
        grievance: "score",
        /// Face lost (0 at 50, 1 at 0) × face sensitivity.
        face: "score",
        /// Trust/100 in the target (untargeted: the average).
        trust: "score",
        /// 1 − trust/100 in the target.
        distrust: "score",
        /// Capability/100 of those sanctioning it (at most 1.5) × resolve.
        sanctioned: "score",
        /// The strongest fresh threat by another party, 0–1.
        threat: "score",
        /// Resolve.
        resolve: "score",
        /// Patience.
        patience: "score",
        /// Risk tolerance.
        risk: "score",
        /// 1 for a host or mediator.
        role: "score",
        /// 1 for a principal.
        principal: "score",
        /// Days stalled / choice.stall_days, at most 1.
        stall: "score",
        /// A failed session, fading over choice.failed_days.
        failed: "score",
        /// How far the draft (in session) or the chair's draft of the offers (outside) falls short of what it needs to sign, in utility points/20, at most 1 (0 when it would sign).
        shortfall: "score",
        /// How close the session is to its last day, 0–1.
        urgency: "score",
        /// Its capability/100.
        capability: "score",
        /// 1 when it hosts and momentum is high enough to set a date.
        date_in_reach: "score",
        /// A rift between two others it could ease (their distrust × capability), 0–1.
        rift: "score",
        /// 1 before its first package of the session.
        first_proposal: "score",
        /// 1 when it would sign the draft.
        accepts: "score",
        /// 1 when the draft crosses one of its red lines.
        crossed: "score",
        /// 1 − the salience of the issue concerned.
        low_salience: "score",
        /// 1 when the party concerned (itself for Attend, the target for an envoy) is the one whose walkout or boycott keeps the talks dormant.
        away: "score",
        /// Rung/top of the ladder.
        rung: "score",
        /// 1 in session.
        in_session: "score",
        /// When it would sign the draft (in session the table, outside it the chair's draft of the offers) but another would not: the largest shortfall among the others, up to its own surplus, in utility points/10, at most 1 (the deal hinges on them, and it can afford to give).
        hinges: "score",
    }
}

params! {
    /// How a delegation carries out what it signed: each day a party with a step open (its conditions
    /// done) carries it out, delays it or reneges, by a logit choice over the scores below (delaying is 0).
    Compliance / CompliancePatch {
        /// Points a package must move an issue from its status quo to settle it: the steps on that issue enter the schedule.
        settles: "points",
        /// Temperature of the daily choice between carrying out, delaying and reneging.
        temperature: "score",
        /// Score of carrying out an open step, against 0 for delaying it.
        base: "score",
        /// Score of carrying out per 10 utility points the deal is worth to the owner against no deal (its gain over the status quo plus what no deal would cost it).
        value: "score",
        /// Score of carrying out per unit of the others' record: the share of their due steps done on time, less the share late, less twice the share broken.
        reciprocity: "score",
        /// Score of carrying out as the due day nears: times the share of the planned days gone (0 at the signature, 1 on the due day), plus 1 for each 30 days late (deadlines and face).
        deadline: "score",
        /// The most 30-day periods of lateness that add to the deadline's weight.
        deadline_cap: "count",
        /// Score of carrying out taken away per unit of the step's cost.
        cost: "score",
        /// Score of carrying out taken away while a step its owner insists on (a side issue) is not done.
        side: "score",
        /// Score of reneging per 30 days a step its owner insists on (a side issue) is overdue and undone.
        side_renege: "score",
        /// Score of carrying out per unit of the owner's pressure/100 (domestic and foreign pressure to deliver).
        pressure: "score",
        /// Score of reneging on an open step.
        renege: "score",
        /// Score of reneging added per step another party broke (a quarter of it per step left late).
        renege_broken: "score",
        /// Score of reneging per 10 points of the deal's value to the owner (a deal worth less than no deal invites reneging).
        renege_value: "score",
        /// Score of reneging per unit of the owner's strongest grievance/100.
        renege_grievance: "score",
        /// Trust the others gain in the owner when a step is done.
        done_trust: "points",
        /// Momentum gained when a step is done.
        done_momentum: "points",
        /// Trust the others lose in the owner on the day one of its steps falls due undone.
        late_trust: "points",
        /// Trust the others lose in the owner when it reneges.
        broken_trust: "points",
        /// Grievance the others take against the owner when it reneges.
        broken_grievance: "points",
        /// Momentum lost when a deal unravels.
        unravel_momentum: "points",
        /// Chance, at trust 0, that the others dispute the verification of a step once done (scaled by 1 − their mean trust in its owner/100).
        dispute: "0–1",
        /// Chance per day that the others accept the narrower verification protocol the owner of a disputed step offers.
        settle: "0–1",
        /// Score of accepting the others' sampling on a disputed step, against 0 for offering a narrower protocol.
        accept: "score",
        /// Score of accepting sampling per unit of the owner's mean trust in the others/100.
        accept_trust: "score",
        /// Score of refusing verification outright.
        refuse: "score",
        /// Score of refusing verification per unit of the owner's strongest grievance/100.
        refuse_grievance: "score",
        /// Trust the others lose in the owner each day it refuses verification.
        refuse_trust: "points",
    }
}

/// Every coefficient of the model, effective (defaults overridden by the scenario and `--set`).
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// How a delegation picks among its moves.
    pub choice: Choice,
    /// How it weighs a package.
    pub acceptance: Acceptance,
    /// What it expects without a deal.
    pub reservation: Reservation,
    /// Trust.
    pub trust: Trust,
    /// Momentum.
    pub momentum: Momentum,
    /// Back-channel offers.
    pub back_channel: BackChannel,
    /// Consent to meetings.
    pub consent: Consent,
    /// Diminishing returns.
    pub repetition: Repetition,
    /// Political capital.
    pub capital: Capital,
    /// Daily drift.
    pub drift: Drift,
    /// Sessions and phases.
    pub session: Session,
    /// Scoring.
    pub score: Score,
    /// Carrying out commitments.
    pub compliance: Compliance,
    /// What each kind of move does, indexed like [`ActionKind::ALL`].
    pub effects: Vec<MoveEffect>,
    /// The weights of each kind of move's score, indexed like [`ActionKind::ALL`].
    pub weights: Vec<Weights>,
    /// The same weights as rows in feature order, for scoring without allocation.
    pub rows: Vec<[f64; WEIGHTS_LEN]>,
    /// For each row, the features whose weight is not zero, in feature order, and how many there are:
    /// a score adds only these (a zero weight adds an exact zero, so the sum is the same to the bit).
    pub nonzero: Vec<([u8; WEIGHTS_LEN], u8)>,
}

/// The number of features a move's score weighs (the fields of [`Weights`]).
pub const WEIGHTS_LEN: usize = 31;

/// The `model` section as written: every group and value optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    /// See [`Choice`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub choice: ChoicePatch,
    /// See [`Acceptance`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub acceptance: AcceptancePatch,
    /// See [`Reservation`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub reservation: ReservationPatch,
    /// See [`Trust`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub trust: TrustPatch,
    /// See [`Momentum`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub momentum: MomentumPatch,
    /// See [`BackChannel`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub back_channel: BackChannelPatch,
    /// See [`Consent`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub consent: ConsentPatch,
    /// See [`Repetition`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub repetition: RepetitionPatch,
    /// See [`Capital`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub capital: CapitalPatch,
    /// See [`Drift`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub drift: DriftPatch,
    /// See [`Session`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub session: SessionPatch,
    /// See [`Score`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub score: ScorePatch,
    /// See [`Compliance`].
    #[serde(default, skip_serializing_if = "is_default")]
    pub compliance: CompliancePatch,
    /// What moves do, by move name (`envoy_visit`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub effects: BTreeMap<String, MoveEffectPatch>,
    /// The weights of move scores, by move name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<String, WeightsPatch>,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// The groups of single coefficients, by name.
pub const GROUPS: [&str; 13] = [
    "choice",
    "acceptance",
    "reservation",
    "trust",
    "momentum",
    "back_channel",
    "consent",
    "repetition",
    "capital",
    "drift",
    "session",
    "score",
    "compliance",
];

/// One coefficient: its path under `model`, unit, meaning and value.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// `GROUP.NAME` or `effects.MOVE.NAME` / `weights.MOVE.NAME`.
    pub path: String,
    /// Unit.
    pub unit: &'static str,
    /// Meaning.
    pub meaning: &'static str,
    /// Value.
    pub value: f64,
}

impl Model {
    /// The defaults, before any scenario.
    pub fn defaults() -> Model {
        Model {
            choice: Choice {
                temperature: 0.1,
                threat_days: 45.0,
                threat_nuclear: 1.0,
                threat_missile: 0.6,
                threat_drill: 0.3,
                threat_step: 0.5,
                failed_days: 60.0,
                stall_days: 365.0,
                gap_nuclear: 120.0,
                gap_missile: 20.0,
                gap_drill: 10.0,
                gap_step: 90.0,
                envoy_distance: 0.4,
                host_bonus: 1.3,
                away_bonus: 2.0,
                bilateral_floor: 0.2,
                concede_base: 4.0,
                concede_pressure: 6.0,
                concede_flexibility: 4.0,
            },
            acceptance: Acceptance {
                resolve_weight: 1.0,
                face_weight: 0.5,
                deadline_relief: 0.5,
                credibility_floor: 0.3,
                signer_weight: 1.0,
                side_payment: 3.0,
                distance_weight: 10.0,
                threat_face: 0.6,
                sanctions_face: 0.2,
                uncertainty: 0.3,
            },
            reservation: Reservation {
                pressure: 14.0,
                sanctions: 4.0,
                escalation: 5.0,
                threat: 2.0,
                failed: 6.0,
            },
            trust: Trust {
                gain: 1.2,
                loss: 1.5,
                decay: 0.01,
            },
            momentum: Momentum {
                gain: 1.25,
                keep: 0.985,
                rung_drag: 0.1,
                dormant: 0.3,
            },
            back_channel: BackChannel {
                credence: 1.0,
                open_days: 30.0,
                keep_days: 14.0,
                kept_trust: 6.0,
                broken_trust: 12.0,
                broken_grievance: 8.0,
            },
            consent: Consent {
                threshold: 0.3,
                momentum: 0.5,
                pressure: 0.3,
                refusal_face: 2.0,
            },
            repetition: Repetition {
                half_life: 5.0,
                strength: 1.0,
                score: 0.15,
            },
            capital: Capital {
                per_week: 12.0,
                max: 24.0,
                start: 12.0,
            },
            drift: Drift {
                sanctions_pressure: 0.08,
                pressure_return: 0.01,
                grievance_keep: 0.96,
                sanctions_grievance: 0.0,
                face_return: 0.03,
            },
            session: Session {
                redraft: 0.3,
                failed_keep: 0.35,
                failed_grievance: 10.0,
                failed_face: 4.0,
                postponed: 20.0,
                min_gap: 25.0,
                overtime: 30.0,
                contacts_fall: 0.5,
                contacts_min_days: 7.0,
                consensus_calls: 3.0,
                pull: 0.1,
                pull_capability: 0.2,
                trade: 3.0,
                concede_face: 0.6,
                salience_floor: 0.05,
            },
            score: Score {
                deal: 1.0,
                escalation: 20.0,
                cost: 5.0,
            },
            compliance: Compliance {
                settles: 10.0,
                temperature: 1.0,
                base: -6.0,
                value: 0.5,
                reciprocity: 1.5,
                deadline: 3.0,
                deadline_cap: 2.0,
                cost: 6.0,
                side: 8.0,
                side_renege: 1.0,
                pressure: 1.0,
                renege: -8.0,
                renege_broken: 2.0,
                renege_value: -0.5,
                renege_grievance: 3.0,
                done_trust: 4.0,
                done_momentum: 3.0,
                late_trust: 3.0,
                broken_trust: 15.0,
                broken_grievance: 20.0,
                unravel_momentum: 30.0,
                dispute: 0.3,
                settle: 0.1,
                accept: -1.0,
                accept_trust: 2.0,
                refuse: -3.0,
                refuse_grievance: 3.0,
                refuse_trust: 2.0,
            },
            effects: ActionKind::ALL.iter().map(|&k| default_effect(k)).collect(),
            weights: ActionKind::ALL
                .iter()
                .map(|&k| default_weights(k))
                .collect(),
            rows: Vec::new(),
            nonzero: Vec::new(),
        }
        .with_rows()
    }

    fn with_rows(mut self) -> Model {
        self.rows = self
            .weights
            .iter()
            .map(|w| {
                let mut row = [0.0; WEIGHTS_LEN];
                for (slot, v) in row.iter_mut().zip(w.values()) {
                    *slot = v;
                }
                row
            })
            .collect();
        self.nonzero = self
            .rows
            .iter()
            .map(|row| {
                let mut idx = [0u8; WEIGHTS_LEN];
                let mut n = 0;
                for (k, w) in row.iter().enumerate() {
                    if *w != 0.0 {
                        idx[n] = k as u8;
                        n += 1;
                    }
                }
                (idx, n as u8)
            })
            .collect();
        self
    }

    /// The defaults with a scenario's `model` section applied. `Err` names the first unknown move.
    pub fn from_file(file: &ModelFile) -> Result<Model, String> {
        let mut m = Model::defaults();
        m.choice.apply(&file.choice);
        m.acceptance.apply(&file.acceptance);
        m.reservation.apply(&file.reservation);
        m.trust.apply(&file.trust);
        m.momentum.apply(&file.momentum);
        m.back_channel.apply(&file.back_channel);
        m.consent.apply(&file.consent);
        m.repetition.apply(&file.repetition);
        m.capital.apply(&file.capital);
        m.drift.apply(&file.drift);
        m.session.apply(&file.session);
        m.score.apply(&file.score);
        m.compliance.apply(&file.compliance);
        for (key, p) in &file.effects {
            let k = kind_index(key).ok_or_else(|| unknown_move(key))?;
            m.effects[k].apply(p);
        }
        for (key, p) in &file.weights {
            let k = kind_index(key).ok_or_else(|| unknown_move(key))?;
            m.weights[k].apply(p);
        }
        Ok(m.with_rows())
    }

    /// What one kind of move does.
    pub fn effect(&self, kind: ActionKind) -> &MoveEffect {
        &self.effects[kind as usize]
    }

    /// The weights of one kind of move.
    pub fn weights_of(&self, kind: ActionKind) -> &Weights {
        &self.weights[kind as usize]
    }

    /// Every coefficient with its path, unit, meaning and value, groups first, then moves.
    pub fn params(&self) -> Vec<Param> {
        let mut out = Vec::new();
        let mut group = |g: &str,
                         fields: &'static [(&'static str, &'static str, &'static str)],
                         values: Vec<f64>| {
            for ((name, unit, meaning), value) in fields.iter().zip(values) {
                out.push(Param {
                    path: format!("{g}.{name}"),
                    unit,
                    meaning,
                    value,
                });
            }
        };
        group("choice", Choice::FIELDS, self.choice.values());
        group("acceptance", Acceptance::FIELDS, self.acceptance.values());
        group(
            "reservation",
            Reservation::FIELDS,
            self.reservation.values(),
        );
        group("trust", Trust::FIELDS, self.trust.values());
        group("momentum", Momentum::FIELDS, self.momentum.values());
        group(
            "back_channel",
            BackChannel::FIELDS,
            self.back_channel.values(),
        );
        group("consent", Consent::FIELDS, self.consent.values());
        group("repetition", Repetition::FIELDS, self.repetition.values());
        group("capital", Capital::FIELDS, self.capital.values());
        group("drift", Drift::FIELDS, self.drift.values());
        group("session", Session::FIELDS, self.session.values());
        group("score", Score::FIELDS, self.score.values());
        group("compliance", Compliance::FIELDS, self.compliance.values());
        for (k, kind) in ActionKind::ALL.iter().enumerate() {
            group(
                &format!("effects.{}", kind.key()),
                MoveEffect::FIELDS,
                self.effects[k].values(),
            );
        }
        for (k, kind) in ActionKind::ALL.iter().enumerate() {
            group(
                &format!("weights.{}", kind.key()),
                Weights::FIELDS,
                self.weights[k].values(),
            );
        }
        out
    }
}

impl ModelFile {
    /// Sets `path` (under `model.`, e.g. `acceptance.margin` or `effects.envoy_visit.momentum`) to `v`.
    pub fn set(&mut self, path: &str, v: f64) -> Result<(), String> {
        let parts: Vec<&str> = path.split('.').collect();
        let ok = match parts.as_slice() {
            ["choice", f] => self.choice.set(f, v),
            ["acceptance", f] => self.acceptance.set(f, v),
            ["reservation", f] => self.reservation.set(f, v),
            ["trust", f] => self.trust.set(f, v),
            ["momentum", f] => self.momentum.set(f, v),
            ["back_channel", f] => self.back_channel.set(f, v),
            ["consent", f] => self.consent.set(f, v),
            ["repetition", f] => self.repetition.set(f, v),
            ["capital", f] => self.capital.set(f, v),
            ["drift", f] => self.drift.set(f, v),
            ["session", f] => self.session.set(f, v),
            ["score", f] => self.score.set(f, v),
            ["compliance", f] => self.compliance.set(f, v),
            ["effects", kind, f] => {
                kind_index(kind).ok_or_else(|| unknown_move(kind))?;
                self.effects.entry(kind.to_string()).or_default().set(f, v)
            }
            ["weights", kind, f] => {
                kind_index(kind).ok_or_else(|| unknown_move(kind))?;
                self.weights.entry(kind.to_string()).or_default().set(f, v)
            }
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "no model coefficient `{path}`; `sixparty model` lists them all"
            ))
        }
    }
}

/// The index of a move kind by its snake_case name.
pub fn kind_index(key: &str) -> Option<usize> {
    ActionKind::ALL.iter().position(|k| k.key() == key)
}

fn unknown_move(key: &str) -> String {
    let names: Vec<&str> = ActionKind::ALL.iter().map(|k| k.key()).collect();
    format!(
        "unknown move `{key}`; expected one of: {}",
        names.join(", ")
    )
}

/// The effective model of a scenario's `model` section, with its problems recorded in `c` (an unknown
/// move, a value out of range); the defaults stand in where the section cannot be read.
pub(crate) fn checked(c: &mut Checker, file: &ModelFile) -> Model {
    let model = match Model::from_file(file) {
        Ok(m) => m,
        Err(e) => {
            let section = if file.effects.keys().any(|k| kind_index(k).is_none()) {
                "model.effects"
            } else {
                "model.weights"
            };
            c.err(section, e);
            Model::defaults()
        }
    };
    for p in model.params() {
        if !p.value.is_finite() || p.value.abs() > 1000.0 {
            c.err(
                format!("model.{}", p.path),
                format!(
                    "{} is out of range; expected a number from -1000 to 1000",
                    p.value
                ),
            );
        }
    }
    for (path, v, lo, hi) in [
        ("choice.temperature", model.choice.temperature, 0.001, 10.0),
        (
            "compliance.temperature",
            model.compliance.temperature,
            0.001,
            10.0,
        ),
        ("compliance.settles", model.compliance.settles, 0.0, 100.0),
        ("compliance.dispute", model.compliance.dispute, 0.0, 1.0),
        ("compliance.settle", model.compliance.settle, 0.0, 1.0),
        (
            "repetition.half_life",
            model.repetition.half_life,
            0.1,
            365.0,
        ),
        ("trust.decay", model.trust.decay, 0.0, 1.0),
        ("momentum.keep", model.momentum.keep, 0.0, 1.0),
        ("momentum.dormant", model.momentum.dormant, 0.0, 1.0),
        (
            "back_channel.open_days",
            model.back_channel.open_days,
            1.0,
            365.0,
        ),
        (
            "back_channel.keep_days",
            model.back_channel.keep_days,
            1.0,
            365.0,
        ),
        ("drift.grievance_keep", model.drift.grievance_keep, 0.0, 1.0),
        ("session.redraft", model.session.redraft, 0.0, 1.0),
        ("session.failed_keep", model.session.failed_keep, 0.0, 1.0),
        ("capital.max", model.capital.max, 0.0, 1000.0),
        (
            "acceptance.credibility_floor",
            model.acceptance.credibility_floor,
            0.0,
            1.0,
        ),
        (
            "acceptance.deadline_relief",
            model.acceptance.deadline_relief,
            0.0,
            1.0,
        ),
    ] {
        c.range(format!("model.{path}"), v, lo, hi);
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_coefficient_has_a_unit_and_a_meaning_and_can_be_set() {
        let m = Model::defaults();
        let params = m.params();
        assert!(params.len() > 300, "{} coefficients", params.len());
        for p in &params {
            assert!(!p.unit.is_empty() && !p.meaning.is_empty(), "{}", p.path);
            let mut f = ModelFile::default();
            f.set(&p.path, p.value + 1.0).expect(&p.path);
            let changed = Model::from_file(&f).expect("known moves");
            let after = changed
                .params()
                .into_iter()
                .find(|q| q.path == p.path)
                .expect("same paths");
            assert_eq!(after.value, p.value + 1.0, "{}", p.path);
        }
        assert_eq!(Weights::FIELDS.len(), WEIGHTS_LEN);
        assert!(
            ModelFile::default()
                .set("acceptance.nonsense", 1.0)
                .is_err()
        );
        assert!(ModelFile::default().set("effects.dance.cost", 1.0).is_err());
    }
}
