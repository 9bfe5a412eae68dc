//! The action vocabulary shared by the model's parties, scripts and (in the window) human players.

use serde::{Deserialize, Serialize};

/// What kind of move a party makes, without its target: used by rules, the timeline and arsenals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActionKind {
    /// No move today.
    Wait,
    /// A public statement that softens the tone.
    ConciliatoryStatement,
    /// A public statement that hardens the tone.
    HardlineStatement,
    /// An envoy sent to another capital.
    EnvoyVisit,
    /// A bilateral meeting with another delegation.
    BilateralMeeting,
    /// A public call to reconvene the talks.
    CallForTalks,
    /// Confirming attendance at the coming session.
    Attend,
    /// Refusing to attend the coming session.
    Boycott,
    /// Tabling a package on some issues.
    ProposePackage,
    /// Moving the delegation's own position towards the table on one issue.
    Concede,
    /// Holding the current position in session.
    HoldFirm,
    /// Leaving the session.
    WalkOut,
    /// Imposing sanctions or financial measures on another party.
    ImposeSanctions,
    /// Easing the sanctions this party imposes on another.
    EaseSanctions,
    /// Offering energy or economic aid to another party.
    OfferAid,
    /// A ballistic missile test.
    MissileTest,
    /// A nuclear test.
    NuclearTest,
    /// A military exercise.
    MilitaryDrill,
    /// Mediating between two other parties.
    Mediate,
    /// Signing the draft on the table (in session): the delegation's own decision, which stands for any
    /// draft it values at least as much.
    Sign,
    /// Refusing the draft on the table (in session) until it signs.
    Refuse,
    /// Leaving the talks: the delegation declares it will not take part, which leaves them dormant until it
    /// comes back.
    LeaveTalks,
    /// Expelling the international inspectors from its nuclear sites.
    ExpelInspectors,
    /// Restarting a frozen nuclear facility.
    RestartFacility,
}

impl ActionKind {
    /// Every kind, in declaration order (also the order of counters in summaries).
    pub const ALL: [ActionKind; 24] = [
        ActionKind::Wait,
        ActionKind::ConciliatoryStatement,
        ActionKind::HardlineStatement,
        ActionKind::EnvoyVisit,
        ActionKind::BilateralMeeting,
        ActionKind::CallForTalks,
        ActionKind::Attend,
        ActionKind::Boycott,
        ActionKind::ProposePackage,
        ActionKind::Concede,
        ActionKind::HoldFirm,
        ActionKind::WalkOut,
        ActionKind::ImposeSanctions,
        ActionKind::EaseSanctions,
        ActionKind::OfferAid,
        ActionKind::MissileTest,
        ActionKind::NuclearTest,
        ActionKind::MilitaryDrill,
        ActionKind::Mediate,
        ActionKind::Sign,
        ActionKind::Refuse,
        ActionKind::LeaveTalks,
        ActionKind::ExpelInspectors,
        ActionKind::RestartFacility,
    ];

    /// The snake_case name used in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            ActionKind::Wait => "wait",
            ActionKind::ConciliatoryStatement => "conciliatory_statement",
            ActionKind::HardlineStatement => "hardline_statement",
            ActionKind::EnvoyVisit => "envoy_visit",
            ActionKind::BilateralMeeting => "bilateral_meeting",
            ActionKind::CallForTalks => "call_for_talks",
            ActionKind::Attend => "attend",
            ActionKind::Boycott => "boycott",
            ActionKind::ProposePackage => "propose_package",
            ActionKind::Concede => "concede",
            ActionKind::HoldFirm => "hold_firm",
            ActionKind::WalkOut => "walk_out",
            ActionKind::ImposeSanctions => "impose_sanctions",
            ActionKind::EaseSanctions => "ease_sanctions",
            ActionKind::OfferAid => "offer_aid",
            ActionKind::MissileTest => "missile_test",
            ActionKind::NuclearTest => "nuclear_test",
            ActionKind::MilitaryDrill => "military_drill",
            ActionKind::Mediate => "mediate",
            ActionKind::Sign => "sign",
            ActionKind::Refuse => "refuse",
            ActionKind::LeaveTalks => "leave_talks",
            ActionKind::ExpelInspectors => "expel_inspectors",
            ActionKind::RestartFacility => "restart_facility",
        }
    }

    /// Whether the action raises tension by force (tests and drills).
    pub fn is_military(self) -> bool {
        matches!(
            self,
            ActionKind::MissileTest | ActionKind::NuclearTest | ActionKind::MilitaryDrill
        )
    }

    /// The move of this kind when it names no target, issue or amount (`None` for the kinds that do).
    pub fn untargeted(self) -> Option<Action> {
        use ActionKind as K;
        Some(match self {
            K::Wait => Action::Wait,
            K::ConciliatoryStatement => Action::ConciliatoryStatement,
            K::HardlineStatement => Action::HardlineStatement,
            K::CallForTalks => Action::CallForTalks,
            K::Attend => Action::Attend,
            K::Boycott => Action::Boycott,
            K::HoldFirm => Action::HoldFirm,
            K::WalkOut => Action::WalkOut,
            K::MissileTest => Action::MissileTest,
            K::NuclearTest => Action::NuclearTest,
            K::MilitaryDrill => Action::MilitaryDrill,
            K::Sign => Action::Sign,
            K::Refuse => Action::Refuse,
            K::LeaveTalks => Action::LeaveTalks,
            K::ExpelInspectors => Action::ExpelInspectors,
            K::RestartFacility => Action::RestartFacility,
            K::EnvoyVisit
            | K::BilateralMeeting
            | K::ProposePackage
            | K::Concede
            | K::ImposeSanctions
            | K::EaseSanctions
            | K::OfferAid
            | K::Mediate => return None,
        })
    }

    /// Whether the move is an escalation a scenario grants in a party's `arsenal`: the military moves and
    /// the steps out of the process (leaving the talks, expelling inspectors, restarting a facility).
    pub fn is_escalation(self) -> bool {
        self.is_military()
            || matches!(
                self,
                ActionKind::LeaveTalks | ActionKind::ExpelInspectors | ActionKind::RestartFacility
            )
    }
}

/// A move with its targets, by index into the scenario's parties and issues.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// No move today.
    Wait,
    /// A softening public statement.
    ConciliatoryStatement,
    /// A hardening public statement.
    HardlineStatement,
    /// An envoy to party `to`.
    EnvoyVisit {
        /// The receiving party.
        to: u8,
    },
    /// A bilateral meeting with party `with`.
    BilateralMeeting {
        /// The other party.
        with: u8,
    },
    /// A call to reconvene.
    CallForTalks,
    /// Confirms attendance.
    Attend,
    /// Refuses attendance.
    Boycott,
    /// Tables a package on the issues in the bit set `issues`.
    ProposePackage {
        /// Bit `i` set when issue `i` is in the package.
        issues: u32,
    },
    /// Moves the party's own position towards the table on `issue` by up to `amount` points.
    Concede {
        /// The issue.
        issue: u8,
        /// Points, 0–100.
        amount: f64,
    },
    /// Holds position in session.
    HoldFirm,
    /// Leaves the session.
    WalkOut,
    /// Imposes sanctions on party `on`.
    ImposeSanctions {
        /// The sanctioned party.
        on: u8,
    },
    /// Eases this party's sanctions on party `on`.
    EaseSanctions {
        /// The party relieved.
        on: u8,
    },
    /// Offers aid to party `to`.
    OfferAid {
        /// The receiving party.
        to: u8,
    },
    /// A missile test.
    MissileTest,
    /// A nuclear test.
    NuclearTest,
    /// A military drill.
    MilitaryDrill,
    /// Mediates between `a` and `b`.
    Mediate {
        /// One side.
        a: u8,
        /// The other side.
        b: u8,
    },
    /// Signs the draft on the table.
    Sign,
    /// Refuses the draft on the table.
    Refuse,
    /// Leaves the talks.
    LeaveTalks,
    /// Expels the inspectors.
    ExpelInspectors,
    /// Restarts a frozen nuclear facility.
    RestartFacility,
}

impl Action {
    /// The kind of this move.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Wait => ActionKind::Wait,
            Action::ConciliatoryStatement => ActionKind::ConciliatoryStatement,
            Action::HardlineStatement => ActionKind::HardlineStatement,
            Action::EnvoyVisit { .. } => ActionKind::EnvoyVisit,
            Action::BilateralMeeting { .. } => ActionKind::BilateralMeeting,
            Action::CallForTalks => ActionKind::CallForTalks,
            Action::Attend => ActionKind::Attend,
            Action::Boycott => ActionKind::Boycott,
            Action::ProposePackage { .. } => ActionKind::ProposePackage,
            Action::Concede { .. } => ActionKind::Concede,
            Action::HoldFirm => ActionKind::HoldFirm,
            Action::WalkOut => ActionKind::WalkOut,
            Action::ImposeSanctions { .. } => ActionKind::ImposeSanctions,
            Action::EaseSanctions { .. } => ActionKind::EaseSanctions,
            Action::OfferAid { .. } => ActionKind::OfferAid,
            Action::MissileTest => ActionKind::MissileTest,
            Action::NuclearTest => ActionKind::NuclearTest,
            Action::MilitaryDrill => ActionKind::MilitaryDrill,
            Action::Mediate { .. } => ActionKind::Mediate,
            Action::Sign => ActionKind::Sign,
            Action::Refuse => ActionKind::Refuse,
            Action::LeaveTalks => ActionKind::LeaveTalks,
            Action::ExpelInspectors => ActionKind::ExpelInspectors,
            Action::RestartFacility => ActionKind::RestartFacility,
        }
    }

    /// The party this move is aimed at, if any (the first one, for mediation).
    pub fn target(&self) -> Option<u8> {
        match *self {
            Action::EnvoyVisit { to } | Action::OfferAid { to } => Some(to),
            Action::BilateralMeeting { with } => Some(with),
            Action::ImposeSanctions { on } | Action::EaseSanctions { on } => Some(on),
            Action::Mediate { a, .. } => Some(a),
            _ => None,
        }
    }
}

/// A move as written in a script or replay file: targets by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Move {
    /// No move.
    Wait,
    /// A softening statement.
    ConciliatoryStatement,
    /// A hardening statement.
    HardlineStatement,
    /// An envoy to a party.
    EnvoyVisit {
        /// Party id.
        to: String,
    },
    /// A bilateral meeting.
    BilateralMeeting {
        /// Party id.
        with: String,
    },
    /// A call to reconvene.
    CallForTalks,
    /// Confirms attendance.
    Attend,
    /// Refuses attendance.
    Boycott,
    /// Tables a package.
    ProposePackage {
        /// Issue ids.
        issues: Vec<String>,
    },
    /// Concedes on one issue.
    Concede {
        /// Issue id.
        issue: String,
        /// Points, 0–100.
        amount: f64,
    },
    /// Holds firm.
    HoldFirm,
    /// Walks out.
    WalkOut,
    /// Imposes sanctions.
    ImposeSanctions {
        /// Party id.
        on: String,
    },
    /// Eases sanctions.
    EaseSanctions {
        /// Party id.
        on: String,
    },
    /// Offers aid.
    OfferAid {
        /// Party id.
        to: String,
    },
    /// A missile test.
    MissileTest,
    /// A nuclear test.
    NuclearTest,
    /// A military drill.
    MilitaryDrill,
    /// Mediates between two parties.
    Mediate {
        /// Party id.
        a: String,
        /// Party id.
        b: String,
    },
    /// Signs the draft on the table (in session).
    Sign,
    /// Refuses the draft on the table (in session).
    Refuse,
    /// Leaves the talks.
    LeaveTalks,
    /// Expels the inspectors.
    ExpelInspectors,
    /// Restarts a frozen nuclear facility.
    RestartFacility,
}
