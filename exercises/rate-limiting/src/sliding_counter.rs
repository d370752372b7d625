//! Exercise: a sliding-window counter.
//!
//! Fixed windows, as in `fixed_window`, plus an estimate of the rolling window that
//! ends at `now`. The estimate counts the current window's requests in full and the
//! previous window's requests weighted by how much of the previous window still lies
//! inside the rolling window: at 30% into the current window, 70% of the previous
//! window's count. A request is admitted while the estimate before it is below the
//! limit. Read "Sliding window counter" in `notes/rate-limiting.md`.
//!
//! Compute in whole nanoseconds, not floating point: multiply both sides of
//! `current + previous * (window - elapsed) / window < limit` by `window`.

use std::time::Duration;

use crate::{Decision, Limiter};

/// Approximates a sliding log with two counters.
#[derive(Debug, Clone)]
pub struct SlidingCounter {
    // Two counts and the index of the window they belong to.
}

impl SlidingCounter {
    /// A limiter that admits about `limit` requests in any `window` of time.
    ///
    /// # Panics
    ///
    /// If `limit` is zero or `window` is zero.
    pub fn new(limit: u32, window: Duration) -> Self {
        todo!("no requests yet, in window 0")
    }
}

impl Limiter for SlidingCounter {
    /// Admits the request at `now` while the weighted estimate is below the limit.
    ///
    /// An admitted request reports how many more would be admitted at the same
    /// instant; a refused one reports the earliest time a request would be admitted,
    /// if nothing else arrives before it.
    fn check(&mut self, now: Duration) -> Decision {
        todo!("roll the windows forward, estimate, then admit or refuse")
    }
}
