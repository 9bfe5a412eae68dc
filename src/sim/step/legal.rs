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
