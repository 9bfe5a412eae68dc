//! Property tests on hostile and generated input. Each case draws a seed; from it the generator builds a
//! scenario, a script or a save (valid ones by structured changes to the shipped files, broken ones by
//! mutating their text) and checks that:
//! - loading never panics;
//! - every rejected file gets a message located in it (file, a line and column inside the text, a reason);
//! - every accepted one runs to its end with the model's invariants holding every day.
//!
//! Cases per property: `SIXPARTY_PROPTEST_CASES` (default 96).

use proptest::prelude::*;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use sixparty::sim::io::diag::Diagnostics;
use sixparty::sim::io::save::{checksum, load_save, save_text};
use sixparty::sim::io::script::{load_script, replay_text};
use sixparty::sim::scenario::{RedLine, ScenarioFile};
use sixparty::sim::state::chronicle::Why;
use sixparty::sim::step::FixedMove;
use sixparty::sim::step::invariants::run_checked;
use sixparty::sim::{Scenario, Simulation, load_scenario};
use std::path::Path;
use std::sync::Arc;

fn cases() -> u32 {
    std::env::var("SIXPARTY_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped scenarios' texts, in name order.
fn shipped() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            (
                f.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&f).unwrap(),
            )
        })
        .collect()
}

/// Every diagnostic names the file, points inside the text and says something.
fn located(d: &Diagnostics, file: &str, text: &str) -> Result<(), String> {
    if d.0.is_empty() {
        return Err("a rejection without a message".into());
    }
    let lines = text.lines().count() + 1;
    for x in &d.0 {
        if x.file != file
            || x.line == 0
            || x.col == 0
            || x.line > lines
            || x.message.trim().is_empty()
        {
            return Err(format!("badly located: {x} (the text has {lines} lines)"));
        }
    }
    Ok(())
}

fn runs_clean(scn: &Arc<Scenario>, seed: u64, moves: &[FixedMove]) -> Result<(), String> {
    let mut sim = Simulation::new(Arc::clone(scn), seed, true);
    sim.fix_moves(moves.iter().cloned());
    run_checked(&mut sim)?;
    // The chronicle renders without failing.
    let _ = sixparty::sim::output::render::text(&sim);
    let _ = sixparty::sim::output::render::json_text(&sim);
    Ok(())
}

// ---- text mutations -------------------------------------------------------------------------------

const NUMBERS: [&str; 12] = [
    "-1",
    "1e308",
    "NaN",
    "inf",
    "-inf",
    "0",
    "100.5",
    "99999999999",
    "-0",
    "0.000001",
    "4294967296",
    "1.5",
];
const JUNK: &[u8] = b"(){}[],:\"0123456789.-eE_ aZ\n#/'";

fn mutate(rng: &mut ChaCha8Rng, text: &str) -> String {
    let mut t: Vec<u8> = text.as_bytes().to_vec();
    for _ in 0..rng.random_range(1..=4) {
        if t.is_empty() {
            t.push(b'(');
        }
        let at = rng.random_range(0..t.len());
        match rng.random_range(0..9) {
            0 => {
                let end = (at + rng.random_range(1..20)).min(t.len());
                t.drain(at..end);
            }
            1 => t.insert(at, JUNK[rng.random_range(0..JUNK.len())]),
            2 => {
                // Replace the number at or after `at` with a hostile one.
                if let Some(s) = (at..t.len()).find(|&i| t[i].is_ascii_digit()) {
                    let e = (s..t.len())
                        .find(|&i| !(t[i].is_ascii_digit() || t[i] == b'.'))
                        .unwrap_or(t.len());
                    let n = NUMBERS[rng.random_range(0..NUMBERS.len())];
                    t.splice(s..e, n.bytes());
                }
            }
            3 | 4 => {
                // Duplicate, delete or swap whole lines.
                let s = String::from_utf8_lossy(&t).into_owned();
                let mut lines: Vec<&str> = s.lines().collect();
                if lines.len() > 2 {
                    let i = rng.random_range(0..lines.len());
                    let j = rng.random_range(0..lines.len());
                    match rng.random_range(0..3) {
                        0 => lines.insert(j, lines[i]),
                        1 => {
                            lines.remove(i);
                        }
                        _ => lines.swap(i, j),
                    }
                }
                t = lines.join("\n").into_bytes();
            }
            5 => t.truncate(at),
            6 => {
                // Replace a quoted string with another one from the text (an id where another is due).
                let s = String::from_utf8_lossy(&t).into_owned();
                let quoted: Vec<&str> = s
                    .split('"')
                    .skip(1)
                    .step_by(2)
                    .filter(|q| q.len() < 16)
                    .collect();
                if quoted.len() > 1 {
                    let from = quoted[rng.random_range(0..quoted.len())];
                    let to = quoted[rng.random_range(0..quoted.len())];
                    t = s
                        .replacen(&format!("\"{from}\""), &format!("\"{to}\""), 1)
                        .into_bytes();
                }
            }
            7 => {
                // Flip a byte into something that may not be UTF-8.
                t[at] ^= 1 << rng.random_range(0..8);
            }
            _ => {
                let end = (at + rng.random_range(1..200)).min(t.len());
                let chunk = t[at..end].to_vec();
                let to = rng.random_range(0..t.len());
                t.splice(to..to, chunk);
            }
        }
    }
    String::from_utf8_lossy(&t).into_owned()
}

// ---- structured, mostly valid scenarios ------------------------------------------------------------

fn mentions(value: &impl serde::Serialize, id: &str) -> bool {
    ron::to_string(value)
        .unwrap_or_default()
        .contains(&format!("\"{id}\""))
}

fn generate(rng: &mut ChaCha8Rng, base: &ScenarioFile) -> ScenarioFile {
    let mut f = base.clone();
    let r = |rng: &mut ChaCha8Rng, lo: f64, hi: f64| lo + (hi - lo) * rng.random::<f64>();
    // Fewer parties or issues, now and then.
    if f.parties.len() > 2 && rng.random_bool(0.25) {
        let gone = f.parties.remove(rng.random_range(0..f.parties.len())).id;
        f.relations.pairs.retain(|p| p.a != gone && p.b != gone);
        for p in &mut f.parties {
            p.sanctions_on.retain(|s| *s != gone);
        }
        if f.talks.host.as_deref() == Some(gone.as_str()) {
            f.talks.host = None;
        }
        f.rules.retain(|x| !mentions(x, &gone));
        f.timeline.retain(|x| !mentions(x, &gone));
        f.injects.retain(|x| !mentions(x, &gone));
    }
    if f.issues.len() > 1 && rng.random_bool(0.25) {
        let gone = f.issues.remove(rng.random_range(0..f.issues.len())).id;
        for p in &mut f.parties {
            p.positions.remove(&gone);
        }
        f.rules.retain(|x| !mentions(x, &gone));
        f.timeline.retain(|x| !mentions(x, &gone));
        f.injects.retain(|x| !mentions(x, &gone));
    }
    for p in &mut f.parties {
        for st in p.positions.values_mut() {
            if rng.random_bool(0.3) {
                st.position = r(rng, 0.0, 100.0);
            }
            if rng.random_bool(0.3) {
                st.salience = r(rng, 0.0, 1.0);
            }
            if rng.random_bool(0.2) {
                st.red_line = None;
            }
            // A red line the party's own position respects.
            if let Some(rl) = st.red_line
                && !rl.allows(st.position)
            {
                st.red_line = Some(match rl {
                    RedLine::AtLeast(_) => RedLine::AtLeast(st.position),
                    RedLine::AtMost(_) => RedLine::AtMost(st.position),
                });
            }
        }
        let d = &mut p.doctrine;
        for v in [
            &mut d.patience,
            &mut d.resolve,
            &mut d.risk_tolerance,
            &mut d.pressure_sensitivity,
            &mut d.face_sensitivity,
        ] {
            if rng.random_bool(0.25) {
                *v = r(rng, 0.0, 1.0);
            }
        }
        if rng.random_bool(0.2) {
            p.capability = r(rng, 1.0, 100.0);
        }
        if rng.random_bool(0.3) {
            p.pressure = r(rng, 0.0, 100.0);
        }
    }
    for pair in &mut f.relations.pairs {
        if rng.random_bool(0.3) {
            pair.a_trusts_b = r(rng, 0.0, 100.0);
            pair.b_trusts_a = r(rng, 0.0, 100.0);
        }
    }
    let t = &mut f.talks;
    if rng.random_bool(0.5) {
        t.momentum = r(rng, 0.0, 100.0);
        t.contacts_at = r(rng, 5.0, 60.0);
        t.prepare_at = r(rng, t.contacts_at, 95.0);
        t.acceptance = r(rng, 5.0, 40.0);
        t.prep_days = rng.random_range(1..30);
        t.session_days = rng.random_range(1..10);
        t.walkout_days = rng.random_range(1..60);
    }
    if rng.random_bool(0.3) {
        f.meta.horizon_days = rng.random_range(1..200);
        let start = sixparty::sim::date::Date::parse(&f.meta.start).unwrap();
        let end = start.plus(f.meta.horizon_days as i64);
        f.timeline
            .retain(|e| sixparty::sim::date::Date::parse(&e.date).is_ok_and(|d| d <= end));
        f.meta
            .course
            .retain(|c| sixparty::sim::date::Date::parse(&c.date).is_ok_and(|d| d <= end));
    }
    f.rules.retain(|_| rng.random_bool(0.85));
    for rule in &mut f.rules {
        if rng.random_bool(0.3) {
            rule.probability = r(rng, 0.0, 1.0);
        }
    }
    f.timeline.retain(|_| rng.random_bool(0.9));
    fix_commitments(&mut f);
    f
}

/// Keeps the commitments consistent with what the generator removed: steps naming a party or issue that
/// is gone are dropped (and with them the conditions and records naming them), due dates are kept within
/// the horizon, and an agreement in force that no longer owes anything is dropped.
fn fix_commitments(f: &mut ScenarioFile) {
    let parties: Vec<String> = f.parties.iter().map(|p| p.id.clone()).collect();
    let issues: Vec<String> = f.issues.iter().map(|i| i.id.clone()).collect();
    let c = &mut f.commitments;
    c.steps
        .retain(|s| parties.contains(&s.party) && issues.contains(&s.issue));
    // Effects naming a party that is gone: drop the effects.
    for s in &mut c.steps {
        s.effects.retain(|e| {
            let text = ron::to_string(e).unwrap_or_default();
            !text.contains("party:") || parties.iter().any(|p| text.contains(&format!("\"{p}\"")))
        });
        s.due_days = s.due_days.min(f.meta.horizon_days).max(1);
    }
    loop {
        let ids: Vec<String> = c.steps.iter().map(|s| s.id.clone()).collect();
        let n = c.steps.len();
        c.steps
            .retain(|s| s.after.iter().chain(&s.insists_on).all(|a| ids.contains(a)));
        if c.steps.len() == n {
            break;
        }
    }
    let ids: Vec<String> = c.steps.iter().map(|s| s.id.clone()).collect();
    if let Some(o) = &mut f.meta.observed {
        o.slippage.retain(|s| ids.contains(&s.step));
    }
    if let Some(inf) = &mut c.in_force {
        inf.package.retain(|k, _| issues.contains(k));
        inf.done.retain(|d| ids.contains(d));
        let settled = c.steps.iter().any(|s| {
            let sq = f
                .issues
                .iter()
                .find(|i| i.id == s.issue)
                .map_or(0.0, |i| i.status_quo);
            inf.package
                .get(&s.issue)
                .is_some_and(|v| (v - sq).abs() >= 10.0)
        });
        if !settled {
            c.in_force = None;
            f.talks.phase = sixparty::sim::scenario::Phase::Stalled;
        }
    }
}

/// Random playable moves for random parties and days: the soak's generator, with the seed drawn from
/// the case's stream, and each move marked as a player's or a script's.
fn random_moves(rng: &mut ChaCha8Rng, scn: &Scenario, count: usize) -> Vec<FixedMove> {
    let mut moves = sixparty::sim::runs::soak::random_moves(scn, rng.random::<u64>(), count);
    for m in &mut moves {
        if rng.random_bool(0.5) {
            m.why = Why::Scripted;
        }
    }
    moves
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_scenarios_load_and_run_with_the_invariants_holding(seed in any::<u64>()) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let bases = shipped();
        let (name, text) = &bases[rng.random_range(0..bases.len())];
        let base: ScenarioFile = ron::from_str(text).unwrap();
        let file = generate(&mut rng, &base);
        let gen_text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new()).unwrap();
        match load_scenario("generated.ron", &gen_text) {
            Ok(scn) => {
                let scn = Arc::new(scn);
                let moves = random_moves(&mut rng, &scn, 20);
                runs_clean(&scn, seed, &[]).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
                runs_clean(&scn, seed ^ 1, &moves).map_err(|e| TestCaseError::fail(format!("{name} with moves: {e}")))?;
            }
            Err(d) => located(&d, "generated.ron", &gen_text).map_err(TestCaseError::fail)?,
        }
    }

    #[test]
    fn mutated_scenarios_are_rejected_with_a_located_message_or_run_clean(seed in any::<u64>()) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let bases = shipped();
        let (_, text) = &bases[rng.random_range(0..bases.len())];
        let bad = mutate(&mut rng, text);
        match load_scenario("mutated.ron", &bad) {
            Ok(scn) => runs_clean(&Arc::new(scn), seed, &[]).map_err(TestCaseError::fail)?,
            Err(d) => located(&d, "mutated.ron", &bad).map_err(TestCaseError::fail)?,
        }
    }

    #[test]
    fn generated_and_mutated_scripts_load_or_are_rejected_and_run_clean(seed in any::<u64>()) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let scn = Arc::new(sixparty::sim::default_scenario());
        let count = rng.random_range(0..60);
        let moves = random_moves(&mut rng, &scn, count);
        let text = replay_text(&scn, seed, &moves, "generated");
        // The generated script is valid and gives back its moves.
        let script = load_script("generated.ron", &text, &scn)
            .map_err(|d| TestCaseError::fail(format!("a generated script was refused: {d}")))?;
        prop_assert_eq!(script.moves.len(), moves.len());
        runs_clean(&scn, seed, &script.moves).map_err(TestCaseError::fail)?;
        // Mutated, it is refused with a place, or it runs clean.
        let bad = mutate(&mut rng, &text);
        match load_script("mutated.ron", &bad, &scn) {
            Ok(s) => runs_clean(&scn, seed, &s.moves).map_err(TestCaseError::fail)?,
            Err(d) => located(&d, "mutated.ron", &bad).map_err(TestCaseError::fail)?,
        }
    }

    #[test]
    fn mutated_saves_are_refused_or_continue_clean(seed in any::<u64>()) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let bases = shipped();
        let (name, text) = &bases[rng.random_range(0..bases.len())];
        let scn = Arc::new(load_scenario(name, text).unwrap());
        let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
        sim.fix_moves(random_moves(&mut rng, &scn, 10));
        for _ in 0..rng.random_range(0..scn.horizon_days) {
            if !sim.step() { break; }
        }
        let save = save_text(&sim, name, &[]);
        // Damaged as a file: always refused (the checksum), never a panic.
        let bad = mutate(&mut rng, &save);
        if bad != save {
            prop_assert!(load_save("damaged.sav", bad.as_bytes()).is_err());
        }
        // Damaged and given a matching checksum (a hand edit): refused with a place, or it continues clean.
        let (_, body) = save.split_once('\n').unwrap();
        let body = mutate(&mut rng, body);
        let forged = format!("// sixparty save format 2 checksum {:016x}\n{body}", checksum(body.as_bytes()));
        match load_save("forged.sav", forged.as_bytes()) {
            Ok(mut loaded) => run_checked(&mut loaded.sim).map_err(TestCaseError::fail)?,
            Err(d) => located(&d, "forged.sav", &forged)
                .or_else(|_| {
                    // The scenario inside the save is named as such, with lines of its own.
                    if d.0.iter().all(|x| x.file.starts_with("forged.sav") && x.line >= 1 && x.col >= 1) { Ok(()) } else { Err(format!("{d}")) }
                })
                .map_err(TestCaseError::fail)?,
        }
    }
}

/// The generator's changes keep most scenarios valid, so the first property tests runs, not only
/// rejections.
#[test]
fn most_generated_scenarios_are_valid() {
    let bases = shipped();
    let mut accepted = 0;
    let total = 200;
    for seed in 0..total {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (_, text) = &bases[rng.random_range(0..bases.len())];
        let base: ScenarioFile = ron::from_str(text).unwrap();
        let file = generate(&mut rng, &base);
        let t = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new()).unwrap();
        match load_scenario("generated.ron", &t) {
            Ok(_) => accepted += 1,
            Err(d) => eprintln!("seed {seed}: {d}"),
        }
    }
    assert!(
        accepted * 10 >= total * 9,
        "only {accepted} of {total} generated scenarios were valid"
    );
}
