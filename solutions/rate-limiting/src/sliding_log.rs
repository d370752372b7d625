//! Exercise: a sliding-log limiter.
//!
//! The log keeps the time of every admitted request. A request at `now` is admitted
//! while fewer than `limit` admitted requests lie in the window `(now - window, now]`,
//! the `window` of time that ends at `now`. A request exactly `window` before `now`
//! has left the window. Read "Sliding log" in `notes/rate-limiting.md`.

use std::collections::VecDeque;
use std::time::Duration;

use crate::{Decision, Limiter};

/// Admits at most `limit` requests in any stretch of time `window` long.
#[derive(Debug, Clone)]
pub struct SlidingLog {
    limit: u32,
    window: Duration,
    /// Times of the admitted requests still inside the window, oldest first. It never
    /// holds more than `limit` entries, which is this algorithm's memory cost per key.
    log: VecDeque<Duration>,
}

impl SlidingLog {
    /// A limiter that admits `limit` requests in any `window` of time.
    ///
    /// # Panics
    ///
    /// If `limit` is zero or `window` is zero.
    pub fn new(limit: u32, window: Duration) -> Self {
        assert!(limit > 0, "a sliding log must admit at least one request");
        assert!(
            !window.is_zero(),
            "a sliding log's window must be longer than zero"
        );
        Self {
            limit,
            window,
            log: VecDeque::with_capacity(limit as usize),
        }
    }
}

impl Limiter for SlidingLog {
    /// Admits the request at `now` if fewer than `limit` admitted requests lie in
    /// `(now - window, now]`.
    ///
    /// An admitted request reports how many more would be admitted at the same
    /// instant; a refused one reports how long until the oldest logged request
    /// leaves the window.
    fn check(&mut self, now: Duration) -> Decision {
        while self
            .log
            .front()
            .is_some_and(|&oldest| oldest + self.window <= now)
        {
            self.log.pop_front();
        }
        let logged = self.log.len() as u32;
        if logged < self.limit {
            self.log.push_back(now);
            Decision::Allowed {
                remaining: self.limit - logged - 1,
            }
        } else {
            let oldest = self.log[0];
            Decision::Refused {
                retry_after: oldest + self.window - now,
            }
        }
    }
}
