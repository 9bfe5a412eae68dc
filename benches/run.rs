//! `cargo bench`: the time of one full run of the default scenario, in the ways the front ends run it.
//! Prints microseconds per run, runs per second and microseconds per party-day.

use sixparty::sim::output::render;
use sixparty::sim::runs::batch::run_batch;
use sixparty::sim::{Simulation, default_scenario};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

fn report(name: &str, runs: usize, party_days: u64, secs: f64) {
    println!(
        "{name:<44} {runs:>6} runs  {:>9.1} µs/run  {:>9.0} runs/s  {:>6.3} µs/party-day",
        1e6 * secs / runs as f64,
        runs as f64 / secs,
        1e6 * secs / party_days.max(1) as f64
    );
}

fn main() {
    let scn = Arc::new(default_scenario());
    let parties = scn.parties.len() as u64;
    // Warm up.
    for seed in 0..50 {
        black_box(Simulation::new(Arc::clone(&scn), seed, false).run_to_end());
    }

    let runs = 2000;
    let mut party_days = 0;
    let t = Instant::now();
    for seed in 0..runs as u64 {
        let mut sim = Simulation::new(Arc::clone(&scn), seed, false);
        let o = sim.run_to_end();
        party_days += (o.day as u64 + 1) * parties;
        black_box(o);
    }
    report(
        "core step, no chronicle (batch), 1 thread",
        runs,
        party_days,
        t.elapsed().as_secs_f64(),
    );

    let runs = 500;
    let mut party_days = 0;
    let t = Instant::now();
    for seed in 0..runs as u64 {
        let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
        let o = sim.run_to_end().day;
        party_days += (o as u64 + 1) * parties;
        black_box(render::text(&sim));
    }
    report(
        "core step + chronicle + text",
        runs,
        party_days,
        t.elapsed().as_secs_f64(),
    );

    let runs = 500;
    let mut party_days = 0;
    let t = Instant::now();
    for seed in 0..runs as u64 {
        let sim = sixparty::app::run_headless(Simulation::new(Arc::clone(&scn), seed, true));
        party_days += (sim.outcome.as_ref().unwrap().day as u64 + 1) * parties;
        black_box(sim);
    }
    report(
        "Bevy headless App (sixparty run)",
        runs,
        party_days,
        t.elapsed().as_secs_f64(),
    );

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runs = 10_000;
    let t = Instant::now();
    let results = run_batch(&scn, 1, runs, threads, &[], None, &|_| {});
    let secs = t.elapsed().as_secs_f64();
    let party_days: u64 = results
        .iter()
        .map(|r| (r.outcome_day as u64 + 1) * parties)
        .sum();
    report(
        &format!("batch of 10000 on {threads} threads"),
        runs,
        party_days,
        secs,
    );

    // The adviser: K = 200 futures of 30 days for each of the DPRK's open moves on day 30.
    let mut sim = Simulation::new(Arc::clone(&scn), 7, false);
    while sim.state.day < 30 && sim.step() {}
    let t = Instant::now();
    let rows = sixparty::sim::runs::adviser::advise(&sim, 0, 200, 30, usize::MAX);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "adviser: K=200 30-day futures for each of {} moves: {:.1} ms per call ({} futures)",
        rows.len(),
        1e3 * secs,
        rows.len() * 200
    );
}
