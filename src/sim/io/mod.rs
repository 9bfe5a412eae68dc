//! Input and output of files: RON parsing with located errors, the source map, diagnostics, file reading and
//! atomic writing, scripts, saves and the partial results of sharded batches.

pub mod diag;
pub mod files;
pub mod locate;
pub mod partial;
pub mod ron;
pub mod save;
pub mod script;
pub mod stamped;
