//! Legal moves: whether a party may make a move today under the scenario.

use crate::sim::action::Action;

/// Whether a move can be played and written to a replay: its targets exist and are not the mover, and
/// a package names at least one issue.
pub fn playable(scn: &crate::sim::scenario::Scenario, p: u8, action: &Action) -> bool {
    let n = scn.parties.len() as u8;
    let issues = scn.issue_count();
    let party_ok = |j: u8| j < n && j != p;
    match *action {
        Action::Mediate { a, b } => party_ok(a) && party_ok(b) && a != b,
        Action::ProposePackage { issues: mask } => {
            mask != 0 && (issues >= 32 || mask >> issues == 0)
        }
        Action::Concede { issue, amount } => {
            (issue as usize) < issues && (0.0..=100.0).contains(&amount)
        }
        a => a.target().is_none_or(party_ok),
    }
}

/// Whether a move is open to party `p` today: playable, and fitting the phase (packages, concessions,
/// holding firm and walking out only in session; envoys, calls and sanctions outside it; attending and
/// boycotting before a session or during a walkout; signing and refusing in session; military moves and
/// steps out of the process from its arsenal, no sooner than the model's gap after the last, and leaving
/// the talks only while still in them; while a deal is carried out, no calls, attendance or boycotts).
/// Strategies, advisers and the model's own candidates use it; fixed
/// moves from scripts are played as written.
pub fn open(
    scn: &crate::sim::scenario::Scenario,
    st: &crate::sim::state::State,
    p: u8,
    action: &Action,
) -> bool {
    use crate::sim::action::ActionKind as K;
    use crate::sim::scenario::Phase;
    if !playable(scn, p, action) {
        return false;
    }
    let phase = st.phase;
    let in_session = phase == Phase::InSession;
    let me = &st.parties[p as usize];
    let kind = action.kind();
    let c = &scn.model.choice;
    let since = |k: K| (st.day - me.last_done[k as usize]) as f64;
    match *action {
        // While a deal is carried out the talks do not sit: no session moves, no calls or attendance.
        Action::CallForTalks | Action::Attend | Action::Boycott if phase == Phase::Agreement => {
            false
        }
        Action::Wait | Action::ConciliatoryStatement | Action::HardlineStatement => true,
        Action::ProposePackage { .. }
        | Action::Concede { .. }
        | Action::HoldFirm
        | Action::WalkOut => in_session,
        Action::BilateralMeeting { .. } | Action::OfferAid { .. } => true,
        Action::EnvoyVisit { .. } | Action::Mediate { .. } => !in_session,
        Action::CallForTalks => matches!(phase, Phase::Stalled | Phase::Contacts),
        Action::Attend => matches!(phase, Phase::Contacts | Phase::Preparatory | Phase::Walkout),
        Action::Boycott => matches!(phase, Phase::Contacts | Phase::Preparatory) && !me.boycotting,
        Action::ImposeSanctions { on } => !in_session && !st.sanctions(p, on),
        Action::EaseSanctions { on } => st.sanctions(p, on),
        Action::Sign | Action::Refuse => in_session,
        Action::LeaveTalks if phase == Phase::Walkout && me.boycotting => false,
        Action::MissileTest
        | Action::NuclearTest
        | Action::MilitaryDrill
        | Action::LeaveTalks
        | Action::ExpelInspectors
        | Action::RestartFacility => {
            scn.parties[p as usize].arsenal.contains(&kind) && since(kind) >= c.gap(kind)
        }
    }
}
