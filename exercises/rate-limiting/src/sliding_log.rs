//! Exercise: a sliding-log limiter.
//!
//! The log keeps the time of every admitted request. A request at `now` is admitted
//! while fewer than `limit` admitted requests lie in the window `(now - window, now]`,
//! the `window` of time that ends at `now`. A request exactly `window` before `now`
//! has left the window. Read "Sliding log" in `notes/rate-limiting.md`.

use std::time::Duration;

use crate::{Decision, Limiter};

/// Admits at most `limit` requests in any stretch of time `window` long.
#[derive(Debug, Clone)]
pub struct SlidingLog {
    // What must the limiter remember? Which collection fits a log that grows at
    // one end and is trimmed at the other?
}

impl SlidingLog {
    /// A limiter that admits `limit` requests in any `window` of time.
    ///
    /// # Panics
    ///
    /// If `limit` is zero or `window` is zero.
    pub fn new(limit: u32, window: Duration) -> Self {
        todo!("remember the limit and the window; the log starts empty")
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
        todo!("forget the requests that left the window, then admit or refuse")
    }
}
