//! A delegation's own decisions: signing or refusing the draft replaces its advisers' weighing, and leaving
//! the talks keeps them dormant until that delegation comes back.

use super::common::scenario;
use sixparty::sim::Simulation;
use sixparty::sim::action::Action;
use sixparty::sim::scenario::Phase;
use sixparty::sim::state::chronicle::{OutcomeKind, Why};
use sixparty::sim::state::table::{utility, verdicts};
use sixparty::sim::step::FixedMove;

fn fixed(day: i64, party: u8, action: Action) -> FixedMove {
    FixedMove {
        day,
        party,
        action,
        why: Why::Player,
    }
}

/// A run of the default scenario stepped to the first day in session on which no delegation's red line is
/// crossed by the draft, with the seed.
fn in_session() -> (u64, Simulation) {
    let scn = scenario("nov2006.ron");
    for seed in 1..200 {
        let mut sim = Simulation::new(scn.clone(), seed, true);
        while sim.step() {
            if sim.state.phase == Phase::InSession
                && verdicts(&scn, &sim.state)
                    .iter()
                    .all(|v| v.crossed.is_none())
            {
                return (seed, sim);
            }
        }
    }
    panic!("no session with a draft inside every red line in 200 seeds");
}

#[test]
fn a_refusal_stands_whatever_the_advisers_say() {
    let (seed, sim) = in_session();
    let scn = sim.scenario.clone();
    let day = sim.state.day;
    for p in 0..scn.parties.len() as u8 {
        let mut run = sim.clone();
        run.fix_moves([fixed(day, p, Action::Refuse)]);
        run.step();
        let v = verdicts(&scn, &run.state)[p as usize];
        assert_eq!(v.decided, Some(false), "seed {seed}, party {p}");
        assert!(!v.accepts);
        // However the session goes, it ends without this delegation's signature: no agreement in it.
        while run.step() && run.state.phase == Phase::InSession {}
        assert_ne!(
            run.outcome.as_ref().map(|o| o.kind),
            Some(OutcomeKind::Agreement),
            "seed {seed}: party {p} refused, yet the session agreed"
        );
    }
}

#[test]
fn every_delegation_signing_makes_the_agreement() {
    let (seed, mut sim) = in_session();
    let n = sim.scenario.parties.len() as u8;
    let day = sim.state.day;
    sim.fix_moves((0..n).map(|p| fixed(day, p, Action::Sign)));
    sim.step();
    // The default scenario's package carries steps: the run goes on to carry them out.
    assert_eq!(sim.milestones().agreement, Some(day), "seed {seed}");
    assert_eq!(sim.state.phase, Phase::Agreement);
    assert!(sim.state.deal.is_some(), "seed {seed}: a schedule of steps");
    let o = sim.run_to_end().clone();
    assert_eq!(o.kind, OutcomeKind::Agreement, "seed {seed}: {}", o.reason);
    assert!(o.deal.is_some());
}

#[test]
fn a_signature_stands_for_drafts_worth_as_much_and_lapses_for_worse() {
    let (_, mut sim) = in_session();
    let scn = sim.scenario.clone();
    let day = sim.state.day;
    sim.fix_moves([fixed(day, 0, Action::Sign)]);
    sim.step();
    if sim.state.phase != Phase::InSession {
        return; // the session closed that day; the other tests cover the decision itself
    }
    let signed = utility(&scn, &sim.state, 0, &sim.state.table);
    let mut better = sim.state.clone();
    let mut worse = sim.state.clone();
    for k in 0..scn.issue_count() {
        let ideal = better.parties[0].ideals[k];
        let t = better.table[k];
        better.table[k] = t + 0.5 * (ideal - t);
        worse.table[k] = t - 0.5 * (ideal - t);
    }
    let b = verdicts(&scn, &better)[0];
    let w = verdicts(&scn, &worse)[0];
    assert!(utility(&scn, &better, 0, &better.table) > signed);
    if b.crossed.is_none() {
        assert_eq!(b.decided, Some(true), "a better draft is still signed");
    }
    assert!(utility(&scn, &worse, 0, &worse.table) < signed);
    assert_eq!(w.decided, Some(false), "a worse draft is not");
}

#[test]
fn leaving_the_talks_keeps_them_dormant_until_the_delegation_comes_back() {
    let scn = scenario("nov2006.ron");
    let dprk = scn.party_index("DPRK").unwrap();
    let chn = scn.party_index("CHN").unwrap();
    let mut sim = Simulation::new(scn.clone(), 3, true);
    sim.fix_moves([fixed(2, dprk, Action::LeaveTalks)]);
    // The others call for talks every day; the DPRK stays away until day 60, then comes back.
    for day in 3..60 {
        sim.fix_moves([
            fixed(day, chn, Action::CallForTalks),
            fixed(day, dprk, Action::Wait),
        ]);
    }
    sim.fix_moves([fixed(60, dprk, Action::Attend)]);
    for _ in 0..=2 {
        sim.step();
    }
    assert_eq!(
        sim.state.phase,
        Phase::Walkout,
        "leaving sends the talks dormant"
    );
    while sim.state.day < 60 {
        assert!(sim.step(), "the run goes on");
        assert_eq!(
            sim.state.phase,
            Phase::Walkout,
            "day {}: the others cannot end it alone",
            sim.state.day
        );
    }
    sim.step();
    assert!(!sim.state.parties[dprk as usize].boycotting);
    assert_ne!(
        sim.state.phase,
        Phase::Walkout,
        "its return ends the dormancy"
    );
}
