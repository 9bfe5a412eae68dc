//! The deterministic core of sixparty: scenarios, state, party decisions, rules, outcomes and transcripts.
//!
//! Nothing in this module may depend on Bevy, on rendering or on the wall clock: every front end (the window,
//! `sixparty run`, batches, the adviser) calls [`step::Simulation::step`]. The folders, from the bottom up:
//!
//! - [`action`] and [`date`]: the vocabulary of moves and the calendar, used everywhere;
//! - [`io`]: RON parsing with a source map, located diagnostics, files, scripts and saves;
//! - [`scenario`]: the scenario format as written, its validation and compiled form, what-ifs;
//! - [`state`]: what a run is made of: the state, the table and its verdicts, the chronicle's entries, reasons;
//! - [`decide`]: how a party chooses its move;
//! - [`step`]: the step function and its rules: effects, moves, talks phases, legal moves, streams, invariants;
//! - [`runs`]: many runs at once: batches, soaks, the adviser's look-ahead;
//! - [`output`]: what a run or a batch becomes for people: text, JSON, CSV, SVG/HTML reports, briefs.

pub mod action;
pub mod date;
pub mod decide;
pub mod io;
pub mod output;
pub mod runs;
pub mod scenario;
pub mod state;
pub mod step;

pub use scenario::{Scenario, default_scenario, load_scenario, read_scenario};
pub use step::Simulation;
