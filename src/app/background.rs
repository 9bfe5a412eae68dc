//! Long work off the frame: the advisers' look-ahead (hundreds of futures) and the class report (a thousand
//! model-only runs) and the setup screen's screen of which settings matter run on Bevy's `AsyncComputeTaskPool` while the window keeps drawing ("thinking…"); the
//! game collects each result on the frame it is ready.

use crate::app::i18n::t;
use crate::sim::Scenario;
use crate::sim::Simulation;
use crate::sim::action::Action;
use crate::sim::runs::adviser::{Advice, advise, advise_moves};
use crate::sim::runs::sweep::{Elementary, Factor, what_matters};
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use std::path::PathBuf;
use std::sync::Arc;

/// How far ahead the advisers look, in days, and how many of their moves they weigh.
const ADVICE_WINDOW: i64 = 30;
const ADVICE_MOVES: usize = 8;

/// Runs of the model alone that the window's report compares the game with.
pub const REPORT_RUNS: usize = 1000;

/// The setup screen's quick screen of what matters: Morris trajectories through every model coefficient.
pub const MATTER_TRAJECTORIES: usize = 4;

/// What the setup screen's screen finds: each setting with its effect on agreement.
pub type Matters = Result<Vec<(Factor, Elementary)>, String>;

/// The work under way: at most one look-ahead, one report and one screen of what matters at a time.
#[derive(Resource, Default)]
pub struct Background {
    advice: Option<(i64, u8, Task<Vec<Advice>>)>,
    report: Option<Task<Result<String, String>>>,
    matter: Option<(Arc<Scenario>, Task<Matters>)>,
}

impl Background {
    /// Starts the advisers' look-ahead for party `p` on today's state (`k` futures); a newer request
    /// replaces one still running.
    pub fn advise(&mut self, sim: &Simulation, p: u8, k: usize) {
        let copy = sim.clone();
        let day = sim.state.day;
        let task = AsyncComputeTaskPool::get()
            .spawn(async move { advise(&copy, p, k, ADVICE_WINDOW, ADVICE_MOVES) });
        self.advice = Some((day, p, task));
    }

    /// Starts the same look-ahead for one move of the player's choosing (from the full move panel).
    pub fn advise_move(&mut self, sim: &Simulation, p: u8, k: usize, action: Action) {
        let copy = sim.clone();
        let day = sim.state.day;
        let task = AsyncComputeTaskPool::get()
            .spawn(async move { advise_moves(&copy, p, k, ADVICE_WINDOW, &[action]) });
        self.advice = Some((day, p, task));
    }

    /// Starts writing the class report of a game (`label`) to `path`.
    pub fn report(&mut self, sim: &Simulation, label: String, path: PathBuf) {
        if self.report.is_some() {
            return;
        }
        let copy = sim.clone();
        let task = AsyncComputeTaskPool::get()
            .spawn(async move { write_report_file(&copy, &label, &path) });
        self.report = Some(task);
    }

    /// The look-ahead's rows, with its day and party, once it has finished.
    pub fn poll_advice(&mut self) -> Option<(i64, u8, Vec<Advice>)> {
        let (day, p, task) = self.advice.as_mut()?;
        let rows = block_on(poll_once(task))?;
        let out = (*day, *p, rows);
        self.advice = None;
        Some(out)
    }

    /// The report's line for the interface, once it has been written (or failed).
    pub fn poll_report(&mut self) -> Option<Result<String, String>> {
        let status = block_on(poll_once(self.report.as_mut()?))?;
        self.report = None;
        Some(status)
    }

    /// Starts the screen of which settings matter for a scenario of the setup screen (`runs` a point); a
    /// newer request replaces one still running.
    pub fn what_matters(&mut self, scn: Arc<Scenario>, seed: u64, runs: usize) {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let key = Arc::clone(&scn);
        let task = AsyncComputeTaskPool::get()
            .spawn(async move { what_matters(&scn, seed, MATTER_TRAJECTORIES, runs, threads, 5) });
        self.matter = Some((key, task));
    }

    /// The screen's settings, with the scenario they are for, once it has finished.
    pub fn poll_matter(&mut self) -> Option<(Arc<Scenario>, Matters)> {
        let (_, task) = self.matter.as_mut()?;
        let found = block_on(poll_once(task))?;
        let (key, _) = self.matter.take()?;
        Some((key, found))
    }

    /// Drops the work under way (its game has ended).
    pub fn clear(&mut self) {
        self.advice = None;
        self.report = None;
    }
}

/// Writes the debrief report of a game (the same page as `sixparty report REPLAY`) to `path`: the game
/// against [`REPORT_RUNS`] model-only runs. Returns the line the interface shows.
pub fn write_report_file(
    sim: &Simulation,
    label: &str,
    path: &std::path::Path,
) -> Result<String, String> {
    let played = crate::sim::output::debrief::replay(label, sim.restarted());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let batch = crate::sim::runs::batch::run_batch(
        &sim.scenario,
        1,
        REPORT_RUNS,
        threads,
        &[],
        None,
        &|_| {},
    );
    let html = crate::sim::output::debrief::html(
        &sim.scenario,
        &[played],
        &batch,
        1,
        "the game window (W on the debrief screen)",
    );
    path.parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| crate::sim::io::files::write_atomic(path, html.as_bytes()))
        .map(|()| t!("report.written", path = path.display()))
        .map_err(|e| t!("report.not_written", path = path.display(), error = e))
}
