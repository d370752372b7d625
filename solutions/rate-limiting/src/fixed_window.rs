//! Exercise: a fixed-window limiter.
//!
//! Time is cut into windows of equal length that start at multiples of `window`
//! from 0: with a 1 s window, `[0 s, 1 s)`, `[1 s, 2 s)`, and so on. A window
//! admits at most `limit` requests; past that it refuses them until the next
//! window starts. A request exactly on a window's edge belongs to the window it
//! starts. Read "Fixed window" in `notes/rate-limiting.md`.

use std::time::Duration;

use crate::{Decision, Limiter};

/// Admits at most `limit` requests in each fixed window of time.
#[derive(Debug, Clone)]
pub struct FixedWindow {
    limit: u32,
    window: Duration,
    /// The index of the window the last request fell in (`now / window`).
    current: u128,
    /// Requests admitted in window `current`.
    admitted: u32,
}

impl FixedWindow {
    /// A limiter that admits `limit` requests per `window`.
    ///
    /// # Panics
    ///
    /// If `window` is zero: a window of no time cannot hold a request.
    pub fn new(limit: u32, window: Duration) -> Self {
        assert!(!window.is_zero(), "a fixed window must be longer than zero");
        Self {
            limit,
            window,
            current: 0,
            admitted: 0,
        }
    }
}

impl Limiter for FixedWindow {
    /// Admits the request at `now` if its window still has room.
    ///
    /// An admitted request reports how many more its window would admit; a
    /// refused one reports how long until its window ends.
    fn check(&mut self, now: Duration) -> Decision {
        let window_nanos = self.window.as_nanos();
        let index = now.as_nanos() / window_nanos;
        if index != self.current {
            // Only the count of the current window matters: one counter per key
            // is the whole appeal of this algorithm.
            self.current = index;
            self.admitted = 0;
        }
        if self.admitted < self.limit {
            self.admitted += 1;
            Decision::Allowed {
                remaining: self.limit - self.admitted,
            }
        } else {
            let window_end = (index + 1) * window_nanos;
            Decision::Refused {
                retry_after: crate::duration_from_nanos(window_end - now.as_nanos()),
            }
        }
    }
}
