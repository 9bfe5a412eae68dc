//! The command line as a user types it: every command's output, its errors and exit codes, saves and
//! resumes, the malformed-scenario fixtures. Drives the built `sixparty` binary.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod fixtures_bad;
mod network;
mod saves;
mod shards;
mod soak;
mod sweep;
