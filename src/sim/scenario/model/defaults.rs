//! The model's default coefficients per kind of move: what each move does and how its score weighs the
//! features of the moment. Every value here can be overridden by a scenario's `model` section.

use super::{MoveEffect, Weights};
use crate::sim::action::ActionKind;

fn zero_effect() -> MoveEffect {
    MoveEffect {
        momentum: 0.0,
        momentum_capability: 0.0,
        trust_in_mover: 0.0,
        trust_in_target: 0.0,
        face: 0.0,
        target_pressure: 0.0,
        target_pressure_capability: 0.0,
        grievance: 0.0,
        target_face: 0.0,
        own_pressure: 0.0,
        converge: 0.0,
        bystanders: 0.0,
        cost: 0.0,
    }
}

/// The default effect of each kind of move.
pub(super) fn default_effect(kind: ActionKind) -> MoveEffect {
    use ActionKind as K;
    let z = zero_effect();
    match kind {
        K::Wait => z,
        K::ConciliatoryStatement => MoveEffect {
            momentum: 2.5,
            trust_in_mover: 0.8,
            face: -1.0,
            cost: 1.0,
            ..z
        },
        K::HardlineStatement => MoveEffect {
            momentum: -2.5,
            trust_in_mover: -0.8,
            face: 3.0,
            grievance: 3.0,
            cost: 1.0,
            ..z
        },
        K::EnvoyVisit => MoveEffect {
            momentum: 3.0,
            momentum_capability: 3.0,
            trust_in_mover: 3.0,
            trust_in_target: 2.0,
            cost: 4.0,
            ..z
        },
        K::BilateralMeeting => MoveEffect {
            momentum: 4.0,
            momentum_capability: 2.0,
            trust_in_mover: 4.0,
            trust_in_target: 4.0,
            converge: 2.0,
            cost: 5.0,
            ..z
        },
        K::CallForTalks => MoveEffect {
            momentum: 2.0,
            cost: 2.0,
            ..z
        },
        K::Attend => MoveEffect { momentum: 2.0, ..z },
        K::Boycott => MoveEffect {
            momentum: -6.0,
            trust_in_mover: -1.5,
            face: 2.0,
            cost: 2.0,
            ..z
        },
        K::ProposePackage => MoveEffect {
            momentum: 2.0,
            cost: 3.0,
            ..z
        },
        K::Concede => MoveEffect {
            momentum: 1.5,
            trust_in_mover: 1.0,
            cost: 2.0,
            ..z
        },
        K::HoldFirm => MoveEffect { face: 1.0, ..z },
        K::WalkOut => MoveEffect {
            momentum: -25.0,
            trust_in_mover: -6.0,
            face: 5.0,
            cost: 6.0,
            ..z
        },
        K::ImposeSanctions => MoveEffect {
            momentum: -5.0,
            trust_in_mover: -8.0,
            target_pressure: 4.0,
            target_pressure_capability: 10.0,
            grievance: 15.0,
            target_face: -5.0,
            bystanders: 25.0,
            cost: 10.0,
            ..z
        },
        K::EaseSanctions => MoveEffect {
            momentum: 6.0,
            trust_in_mover: 10.0,
            face: -6.0,
            target_pressure: -4.0,
            target_pressure_capability: -10.0,
            grievance: -10.0,
            target_face: 6.0,
            cost: 8.0,
            ..z
        },
        K::OfferAid => MoveEffect {
            momentum: 3.0,
            trust_in_mover: 4.0,
            target_pressure: -3.0,
            cost: 6.0,
            ..z
        },
        K::MissileTest => MoveEffect {
            momentum: -12.0,
            trust_in_mover: -5.0,
            grievance: 12.0,
            own_pressure: 6.0,
            face: 6.0,
            cost: 8.0,
            ..z
        },
        K::NuclearTest => MoveEffect {
            momentum: -35.0,
            trust_in_mover: -12.0,
            grievance: 30.0,
            own_pressure: 15.0,
            face: 10.0,
            cost: 16.0,
            ..z
        },
        K::MilitaryDrill => MoveEffect {
            momentum: -3.0,
            trust_in_mover: -1.0,
            grievance: 8.0,
            face: 2.0,
            cost: 4.0,
            ..z
        },
        K::Mediate => MoveEffect {
            momentum: 3.0,
            trust_in_mover: 1.0,
            trust_in_target: 2.5,
            cost: 4.0,
            ..z
        },
        // A decision on the draft changes nothing by itself: the verdict does.
        K::Sign | K::Refuse => z,
        K::LeaveTalks => MoveEffect {
            momentum: -20.0,
            trust_in_mover: -5.0,
            grievance: 10.0,
            face: 6.0,
            own_pressure: 5.0,
            cost: 10.0,
            ..z
        },
        K::ExpelInspectors => MoveEffect {
            momentum: -12.0,
            trust_in_mover: -6.0,
            grievance: 12.0,
            face: 5.0,
            own_pressure: 6.0,
            cost: 8.0,
            ..z
        },
        K::RestartFacility => MoveEffect {
            momentum: -15.0,
            trust_in_mover: -8.0,
            grievance: 15.0,
            face: 6.0,
            own_pressure: 8.0,
            cost: 10.0,
            ..z
        },
    }
}

fn zero_weights() -> Weights {
    Weights {
        base: 0.0,
        momentum: 0.0,
        momentum_mid: 0.0,
        pressure: 0.0,
        defiance: 0.0,
        grievance: 0.0,
        face: 0.0,
        trust: 0.0,
        distrust: 0.0,
        sanctioned: 0.0,
        threat: 0.0,
        resolve: 0.0,
        patience: 0.0,
        risk: 0.0,
        role: 0.0,
        principal: 0.0,
        stall: 0.0,
        failed: 0.0,
        shortfall: 0.0,
        urgency: 0.0,
        capability: 0.0,
        date_in_reach: 0.0,
        rift: 0.0,
        first_proposal: 0.0,
        accepts: 0.0,
        crossed: 0.0,
        low_salience: 0.0,
        away: 0.0,
        rung: 0.0,
        in_session: 0.0,
        hinges: 0.0,
    }
}

/// The default weights of each kind of move.
pub(super) fn default_weights(kind: ActionKind) -> Weights {
    use ActionKind as K;
    let z = zero_weights();
    match kind {
        K::Wait => Weights {
            base: 0.45,
            patience: 0.15,
            ..z
        },
        K::ConciliatoryStatement => Weights {
            base: 0.1,
            momentum: 0.2,
            trust: 0.15,
            pressure: 0.2,
            grievance: -0.3,
            ..z
        },
        K::HardlineStatement => Weights {
            base: -0.05,
            grievance: 0.5,
            face: 0.3,
            resolve: 0.1,
            sanctioned: 0.25,
            momentum: -0.25,
            threat: 0.25,
            ..z
        },
        K::EnvoyVisit => Weights {
            trust: 0.3,
            momentum_mid: 0.2,
            pressure: 0.2,
            grievance: -0.25,
            role: 0.12,
            away: 0.2,
            ..z
        },
        K::BilateralMeeting => Weights {
            base: -0.1,
            trust: 0.35,
            momentum: 0.25,
            stall: 0.1,
            grievance: -0.3,
            principal: 0.1,
            ..z
        },
        K::CallForTalks => Weights {
            base: -0.05,
            momentum: 0.15,
            role: 0.35,
            date_in_reach: 0.45,
            grievance: -0.3,
            ..z
        },
        K::Attend => Weights {
            base: 0.25,
            momentum: 0.4,
            pressure: 0.4,
            trust: 0.2,
            sanctioned: -0.6,
            away: -0.3,
            ..z
        },
        K::Boycott => Weights {
            base: -0.6,
            sanctioned: 0.25,
            defiance: 0.2,
            grievance: 0.5,
            face: 0.3,
            failed: 0.25,
            shortfall: 0.4,
            momentum: -0.2,
            ..z
        },
        K::ProposePackage => Weights {
            base: 0.15,
            shortfall: 1.5,
            capability: 0.2,
            first_proposal: 0.15,
            ..z
        },
        K::Concede => Weights {
            base: 0.0,
            hinges: 1.0,
            pressure: 0.45,
            momentum: 0.25,
            urgency: 0.3,
            low_salience: 0.2,
            face: -0.3,
            resolve: -0.1,
            ..z
        },
        K::HoldFirm => Weights {
            base: 0.3,
            resolve: 0.3,
            accepts: 0.25,
            hinges: -0.5,
            ..z
        },
        K::WalkOut => Weights {
            sanctioned: 0.3,
            base: -0.45,
            grievance: 0.6,
            shortfall: 0.6,
            face: 0.2,
            crossed: 0.25,
            momentum: -0.2,
            urgency: 0.3,
            ..z
        },
        K::ImposeSanctions => Weights {
            base: -0.25,
            threat: 0.7,
            distrust: 0.2,
            momentum: -0.3,
            role: -0.45,
            ..z
        },
        K::EaseSanctions => Weights {
            base: -0.3,
            hinges: 0.8,
            trust: 0.45,
            momentum: 0.25,
            pressure: 0.25,
            resolve: -0.15,
            threat: -0.4,
            ..z
        },
        K::OfferAid => Weights {
            base: -0.15,
            momentum: 0.2,
            trust: 0.15,
            role: 0.05,
            hinges: 0.8,
            in_session: -0.2,
            ..z
        },
        K::MissileTest => Weights {
            in_session: -0.4,
            away: 0.3,
            base: -0.5,
            risk: 0.2,
            grievance: 0.55,
            sanctioned: 0.15,
            face: 0.2,
            failed: 0.5,
            stall: 0.15,
            threat: 0.15,
            momentum: -0.35,
            ..z
        },
        K::NuclearTest => Weights {
            in_session: -0.4,
            base: -0.7,
            risk: 0.2,
            grievance: 0.6,
            sanctioned: 0.2,
            face: 0.2,
            failed: 0.3,
            stall: 0.2,
            momentum: -0.35,
            ..z
        },
        K::MilitaryDrill => Weights {
            in_session: -0.4,
            base: -0.25,
            risk: 0.12,
            grievance: 0.4,
            threat: 0.55,
            momentum: -0.3,
            ..z
        },
        K::Mediate => Weights {
            base: -0.05,
            rift: 0.35,
            role: 0.1,
            momentum: 0.1,
            ..z
        },
        // The model signs by its verdict; these are a human's or a script's, never a model candidate.
        K::Sign | K::Refuse => z,
        K::LeaveTalks => Weights {
            base: -1.0,
            sanctioned: 0.3,
            grievance: 0.5,
            failed: 0.5,
            stall: 0.1,
            face: 0.2,
            shortfall: 0.2,
            momentum: -0.3,
            in_session: -0.3,
            ..z
        },
        K::ExpelInspectors => Weights {
            base: -0.9,
            away: 0.5,
            sanctioned: 0.3,
            grievance: 0.5,
            failed: 0.35,
            stall: 0.2,
            risk: 0.15,
            threat: 0.1,
            momentum: -0.3,
            in_session: -0.4,
            ..z
        },
        K::RestartFacility => Weights {
            base: -0.95,
            away: 0.5,
            sanctioned: 0.35,
            grievance: 0.5,
            failed: 0.3,
            stall: 0.25,
            risk: 0.15,
            momentum: -0.3,
            in_session: -0.4,
            ..z
        },
    }
}
