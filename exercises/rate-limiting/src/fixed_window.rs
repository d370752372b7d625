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
    // What must the limiter remember between two calls to `check`? Add it here.
}

impl FixedWindow {
    /// A limiter that admits `limit` requests per `window`.
    ///
    /// # Panics
    ///
    /// If `window` is zero: a window of no time cannot hold a request.
    pub fn new(limit: u32, window: Duration) -> Self {
        todo!("remember the limit and the window length; no request has been seen yet")
    }
}

impl Limiter for FixedWindow {
    /// Admits the request at `now` if its window still has room.
    ///
    /// An admitted request reports how many more its window would admit; a
    /// refused one reports how long until its window ends.
    fn check(&mut self, now: Duration) -> Decision {
        todo!("find the window `now` falls in, then admit or refuse")
    }
}
