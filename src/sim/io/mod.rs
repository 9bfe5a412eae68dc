//! Input and output of files: RON parsing with located errors, the source map, diagnostics, file reading and
//! atomic writing, scripts and saves.

pub mod diag;
pub mod files;
pub mod locate;
pub mod ron;
pub mod save;
pub mod script;
