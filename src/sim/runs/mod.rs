//! Many runs of one scenario: batches (in parallel, in seed order), soaks with invariants, and the adviser's
//! look-ahead.

pub mod adviser;
pub mod batch;
pub mod calibrate;
pub mod exploits;
pub mod soak;
