//! Many runs of one scenario: batches (in parallel, in seed order), soaks with invariants, sweeps of its
//! settings (which of them the outcomes depend on) and the adviser's look-ahead.

pub mod adviser;
pub mod batch;
pub mod calibrate;
pub mod exploits;
pub mod soak;
pub mod sweep;
