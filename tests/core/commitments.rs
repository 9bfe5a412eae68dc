//! After the signature: schedules of steps carried out, delayed or broken (issue 12), in the shipped
//! scenarios, with a compliance choice fixed by hand, and across a save in the middle of implementation.

use sixparty::sim::io::save::{load_save, save_text};
use sixparty::sim::output::render;
use sixparty::sim::output::summary::summarize;
use sixparty::sim::runs::batch::run_batch;
use sixparty::sim::state::chronicle::OutcomeKind;
use sixparty::sim::state::deal::{Comply, DealStatus};
use sixparty::sim::{Scenario, Simulation, read_scenario};
use std::path::Path;
use std::sync::Arc;

fn scenario(path: &str) -> Arc<Scenario> {
    Arc::new(read_scenario(Path::new(path)).expect("a shipped scenario loads"))
}

#[test]
fn in_the_long_default_deals_are_signed_implemented_and_unravelled_with_reasons() {
    let scn = scenario("scenarios/nov2006_long.ron");
    let runs = run_batch(&scn, 1, 300, 2, &[], None, &|_| {});
    let count = |d: DealStatus| runs.iter().filter(|r| r.deal == Some(d)).count();
    let signed = runs
        .iter()
        .filter(|r| r.outcome == OutcomeKind::Agreement)
        .count();
    assert!(signed > 100, "{signed} of 300 runs signed");
    for d in DealStatus::ALL {
        assert!(count(d) > 0, "{d:?} never happens in 300 runs");
    }
    // Slippage is the common case: the median step is done late.
    let s = summarize(&scn, 1, &runs);
    let shutdown = scn.commitments.index("shutdown").expect("the step") as usize;
    let median = s.slippage[shutdown]
        .p50
        .expect("the shutdown is done in some runs");
    assert!(median > 1.0, "median shutdown slippage {median}");
    // An unravelled run says in its chronicle who broke what.
    let seed = runs
        .iter()
        .find(|r| r.deal == Some(DealStatus::Unravelled))
        .expect("checked")
        .seed;
    let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
    let outcome = sim.run_to_end().clone();
    assert_eq!(outcome.deal, Some(DealStatus::Unravelled));
    let text = render::text(&sim);
    assert!(text.contains("the deal unravelled: "), "{text}");
    assert!(text.contains("AGREEMENT, UNRAVELLED"), "{text}");
    assert!(text.contains("Commitments (signed day"), "{text}");
}

#[test]
fn a_fixed_renege_breaks_the_deal_in_force_that_day() {
    let scn = scenario("scenarios/history/initial2007.ron");
    let shutdown = scn.commitments.index("shutdown").expect("the step");
    let mut sim = Simulation::new(Arc::clone(&scn), 7, true);
    assert_eq!(sim.state.phase, sixparty::sim::scenario::Phase::Agreement);
    sim.fix_compliance(3, shutdown, Comply::Renege);
    for _ in 0..4 {
        sim.step();
    }
    let deal = sim.state.deal.as_ref().expect("a deal in force");
    let u = deal.unravelled.as_ref().expect("it unravelled");
    assert_eq!(
        (u.day, u.by),
        (3, scn.party_index("DPRK")),
        "broken by the DPRK on day 3"
    );
    assert_eq!(sim.state.phase, sixparty::sim::scenario::Phase::Stalled);
    // The run goes on: the broken deal stands as the outcome unless the talks sign a new one later.
    let o = sim.run_to_end().clone();
    let last = sim.state.deal.as_ref().expect("a deal");
    if last.signed == 0 {
        assert_eq!(o.deal, Some(DealStatus::Unravelled));
    } else {
        assert!(last.signed > 3 && o.kind == OutcomeKind::Agreement, "{o:?}");
    }
    // Without the fixed choice the same seed runs otherwise.
    let mut free = Simulation::new(Arc::clone(&scn), 7, false);
    for _ in 0..4 {
        free.step();
    }
    assert!(free.state.deal.as_ref().expect("in force").in_force());
}

#[test]
fn a_save_in_the_middle_of_implementation_continues_identically() {
    let scn = scenario("scenarios/history/initial2007.ron");
    for seed in [1, 2, 3] {
        let mut whole = Simulation::new(Arc::clone(&scn), seed, true);
        let mut half = Simulation::new(Arc::clone(&scn), seed, true);
        half.fix_compliance(50, 0, Comply::Delay);
        whole.fix_compliance(50, 0, Comply::Delay);
        for _ in 0..40 {
            half.step();
        }
        let saved = save_text(&half, "test", &[]);
        let mut loaded = load_save("test.save", saved.as_bytes())
            .expect("the save loads")
            .sim;
        assert_eq!(loaded.fixed_compliance(), whole.fixed_compliance());
        loaded.run_to_end();
        whole.run_to_end();
        assert_eq!(render::text(&loaded), render::text(&whole), "seed {seed}");
        assert_eq!(render::json_text(&loaded), render::json_text(&whole));
    }
}

#[test]
fn the_long_default_is_the_default_but_for_its_meta() {
    // scenarios/nov2006_long.ron is generated from scenarios/nov2006.ron (assets/scripts/
    // derive_scenarios.py); this fails when one is edited without rerunning the script.
    let long = scenario("scenarios/nov2006_long.ron");
    let short = Arc::new(sixparty::sim::default_scenario());
    let mut a = long.file.clone();
    a.meta = short.file.meta.clone();
    let text = |f: &sixparty::sim::scenario::ScenarioFile| ron::to_string(f).expect("serialises");
    assert_eq!(text(&a), text(&short.file));
    assert_eq!(long.horizon_days, 400);
}

#[test]
fn a_script_fixes_a_compliance_choice_and_names_an_unknown_step() {
    let scn = scenario("scenarios/history/initial2007.ron");
    let text = "(format: 1, moves: [], comply: [(day: 3, step: \"shutdown\", choice: Renege)])";
    let script = sixparty::sim::io::script::load_script("s.ron", text, &scn).expect("loads");
    let mut sim = Simulation::new(Arc::clone(&scn), 7, false);
    script.fix_into(&mut sim);
    for _ in 0..4 {
        sim.step();
    }
    let u = sim.state.deal.as_ref().and_then(|d| d.unravelled.clone());
    assert_eq!(u.map(|u| (u.day, u.by)), Some((3, scn.party_index("DPRK"))));
    let bad = "(format: 1, moves: [],\n comply: [(day: 3, step: \"dismantle\", choice: Delay)])";
    let err = sixparty::sim::io::script::load_script("s.ron", bad, &scn)
        .expect_err("an unknown step")
        .to_string();
    assert!(
        err.contains("s.ron:2:") && err.contains("comply[0].step: unknown step `dismantle`"),
        "{err}"
    );
}

/// Steps `initial2007` with every verification disputed, until `shutdown` (a verified step) is disputed;
/// the day it was, or none within the horizon.
fn until_disputed(sim: &mut Simulation, shutdown: u16) -> Option<i64> {
    use sixparty::sim::state::deal::StepStatus;
    loop {
        let deal = sim.state.deal.as_ref()?;
        let st = deal.steps.iter().find(|s| s.kind == shutdown)?;
        if let StepStatus::Disputed(d) = st.status {
            return Some(d);
        }
        if !deal.in_force() || !sim.step() {
            return None;
        }
    }
}

#[test]
fn the_owner_of_a_disputed_step_accepts_sampling_offers_less_or_refuses() {
    use sixparty::sim::scenario::whatif::with_sets;
    use sixparty::sim::state::deal::StepStatus;
    let base = scenario("scenarios/history/initial2007.ron");
    // Every verification disputed, and the narrower protocol never taken: only the owner's answer ends it.
    let sets = ["model.compliance.dispute=1", "model.compliance.settle=0"].map(String::from);
    let scn = Arc::new(with_sets(&base, &sets).expect("valid sets"));
    let shutdown = scn.commitments.index("shutdown").expect("the step");
    let dprk = scn.party_index("DPRK").expect("DPRK");
    let usa = scn.party_index("USA").expect("USA");
    let seed = (1..40)
        .find(|&s| {
            until_disputed(&mut Simulation::new(Arc::clone(&scn), s, false), shutdown).is_some()
        })
        .expect("some seed carries out the shutdown within the run");
    let at = |choice: Option<Comply>, days: i64| {
        let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
        let d = until_disputed(&mut sim, shutdown).expect("disputed");
        let trust = sim.state.trust(usa, dprk);
        for day in d + 1..d + 1 + days {
            if let Some(c) = choice {
                sim.fix_compliance(day, shutdown, c);
            }
        }
        for _ in 0..days {
            sim.step();
        }
        let st = sim
            .state
            .deal
            .as_ref()
            .expect("a deal")
            .steps
            .iter()
            .find(|s| s.kind == shutdown)
            .cloned();
        (sim, st.expect("the step").status, trust)
    };
    // Accepting the sampling ends the dispute that day: the step is done.
    let (sim, status, _) = at(Some(Comply::CarryOut), 1);
    assert!(matches!(status, StepStatus::Done(_)), "{status:?}");
    assert!(render::text(&sim).contains("accepts the others' sampling of"));
    // Offering a narrower protocol the others never take keeps it disputed.
    let (_, status, _) = at(Some(Comply::Delay), 5);
    assert!(matches!(status, StepStatus::Disputed(_)), "{status:?}");
    // Refusing keeps it disputed and costs the owner the others' trust, each day.
    let (sim, status, before) = at(Some(Comply::Renege), 5);
    assert!(matches!(status, StepStatus::Disputed(_)), "{status:?}");
    let text = render::text(&sim);
    assert_eq!(text.matches("refuses verification of").count(), 5, "{text}");
    assert!(sim.state.trust(usa, dprk) < before, "refusals cost trust");
}

#[test]
fn the_debrief_draws_each_step_planned_against_actual_with_what_happened() {
    use sixparty::sim::output::debrief::{html, replay};
    let scn = scenario("scenarios/history/initial2007.ron");
    let shutdown = scn.commitments.index("shutdown").expect("the step");
    let mut sim = Simulation::new(Arc::clone(&scn), 5, true);
    sim.fix_compliance(2, shutdown, Comply::Delay);
    let played = replay("game.ron", sim.restarted());
    let batch = run_batch(&scn, 1, 40, 2, &[], None, &|_| {});
    let page = html(&scn, &[played], &batch, 1, "a test");
    assert!(
        page.contains("<h3>Commitments against actions</h3>"),
        "{page}"
    );
    assert!(page.contains("aria-label=\"The deal's steps, planned against actual\""));
    for kind in &scn.commitments.steps {
        assert!(page.contains(&kind.name), "{}", kind.id);
    }
    assert!(
        page.contains("day 2: DPRK chose Delay on"),
        "the choice fixed by hand"
    );
    assert!(page.contains("The model alone signs a deal with steps in 100% of its 40 runs"));
    // Each step's row says what happened to it, from the chronicle.
    let played = replay("game.ron", sim.restarted());
    let (_, tracks) = sixparty::sim::output::commitments::tracks(&played.sim).expect("a deal");
    assert_eq!(tracks.len(), scn.commitments.steps.len());
    for t in tracks.iter().filter(|t| t.done.is_some()) {
        assert!(
            t.history.iter().any(|(_, w)| w.starts_with("carried out")),
            "{t:?}"
        );
    }
    // A game that signs nothing has no such section.
    let plain = Arc::new(sixparty::sim::default_scenario());
    let seed = run_batch(&plain, 1, 40, 2, &[], None, &|_| {})
        .iter()
        .find(|r| r.deal.is_none())
        .expect("some run signs no deal")
        .seed;
    let g = replay("other.ron", Simulation::new(Arc::clone(&plain), seed, true));
    assert!(!html(&plain, &[g], &[], 1, "a test").contains("Commitments against actions"));
}
