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
    limit: u32,
    window: Duration,
    /// The index of the current window, `now / window`.
    index: u128,
    /// Requests admitted in the current window and in the one before it.
    current: u32,
    previous: u32,
}

impl SlidingCounter {
    /// A limiter that admits about `limit` requests in any `window` of time.
    ///
    /// # Panics
    ///
    /// If `limit` is zero or `window` is zero.
    pub fn new(limit: u32, window: Duration) -> Self {
        assert!(
            limit > 0,
            "a sliding counter must admit at least one request"
        );
        assert!(
            !window.is_zero(),
            "a sliding counter's window must be longer than zero"
        );
        Self {
            limit,
            window,
            index: 0,
            current: 0,
            previous: 0,
        }
    }

    fn roll_to(&mut self, index: u128) {
        if index == self.index + 1 {
            self.previous = self.current;
        } else if index > self.index + 1 {
            // Two or more windows passed: nothing recent is left to weigh.
            self.previous = 0;
        } else {
            return;
        }
        self.current = 0;
        self.index = index;
    }

    /// Whether `current` and `previous` admit a request `elapsed` nanoseconds into the
    /// window: `current * W + previous * (W - elapsed) < limit * W`.
    fn admits(&self, current: u32, previous: u32, elapsed: u128) -> bool {
        let w = self.window.as_nanos();
        u128::from(current) * w + u128::from(previous) * (w - elapsed) < u128::from(self.limit) * w
    }

    /// The earliest time after a refusal in the current window when a request would
    /// be admitted, with no other request in between.
    fn next_admission(&self) -> u128 {
        let w = self.window.as_nanos();
        let (current, previous, limit) = (
            u128::from(self.current),
            u128::from(self.previous),
            u128::from(self.limit),
        );
        let window_start = self.index * w;
        // Later in this window, the previous window's weight keeps falling:
        // admitted once previous * e > previous * W - (limit - current) * W.
        if current < limit && previous > 0 {
            let threshold = previous * w - (limit - current) * w;
            let e = threshold / previous + 1;
            if e < w {
                return window_start + e;
            }
        }
        // In the next window, this window's count becomes the weighted one:
        // admitted once current * e > (current - limit) * W; current <= limit.
        let e = if current < limit { 0 } else { 1 };
        window_start + w + e
    }
}

impl Limiter for SlidingCounter {
    /// Admits the request at `now` while the weighted estimate is below the limit.
    ///
    /// An admitted request reports how many more would be admitted at the same
    /// instant; a refused one reports the earliest time a request would be admitted,
    /// if nothing else arrives before it.
    fn check(&mut self, now: Duration) -> Decision {
        let w = self.window.as_nanos();
        let nanos = now.as_nanos();
        self.roll_to(nanos / w);
        let elapsed = nanos % w;
        if self.admits(self.current, self.previous, elapsed) {
            self.current += 1;
            // Each further request adds W to the left side; count how many still fit.
            let used = u128::from(self.current) * w + u128::from(self.previous) * (w - elapsed);
            let slack = (u128::from(self.limit) * w).saturating_sub(used);
            let remaining = u32::try_from(slack.div_ceil(w)).unwrap_or(u32::MAX);
            Decision::Allowed { remaining }
        } else {
            let at = self.next_admission();
            Decision::Refused {
                retry_after: crate::duration_from_nanos(at - nanos),
            }
        }
    }
}
