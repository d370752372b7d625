//! Rate limiting: deciding, request by request, whether a client may go ahead.
//!
//! Every limiter in this crate is a pure state machine. Time is passed in as
//! `now`, the time since the limiter's epoch 0, and never goes backwards; no
//! limiter reads a clock. That keeps the checks exact and lets one limiter
//! replay any traffic you can write down. The concepts are in
//! `notes/rate-limiting.md`.

use std::time::Duration;

pub mod fixed_window;
pub mod gcra;
pub mod headers;
pub mod keyed;
pub mod leaky_bucket;
pub mod sliding_counter;
pub mod sliding_log;
pub mod token_bucket;

/// A rate limiter: asked once per request, it admits or refuses it.
pub trait Limiter {
    /// Decides the request that arrives at `now` and records it if admitted.
    fn check(&mut self, now: Duration) -> Decision;
}

/// The verdict on one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The request may go ahead; `remaining` more would be admitted at the same instant.
    Allowed { remaining: u32 },
    /// The request is refused; asking again `retry_after` from now may succeed.
    Refused { retry_after: Duration },
}

impl Decision {
    /// Whether the request may go ahead.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allowed { .. })
    }
}

/// A `Duration` of `nanos` nanoseconds, for arithmetic done on `as_nanos()` values;
/// saturates at `Duration::MAX`.
pub fn duration_from_nanos(nanos: u128) -> Duration {
    const PER_SECOND: u128 = 1_000_000_000;
    match u64::try_from(nanos / PER_SECOND) {
        // The remainder is below 10^9, so it always fits in a u32.
        Ok(secs) => Duration::new(secs, (nanos % PER_SECOND) as u32),
        Err(_) => Duration::MAX,
    }
}
