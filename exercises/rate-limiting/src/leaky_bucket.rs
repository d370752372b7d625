//! Exercise: a leaky bucket, as a queue.
//!
//! Requests join a queue that drains at a fixed rate: one request leaves every
//! `leak_every`. A request that reaches an idle bucket leaves at once; later ones
//! leave one interval after the request ahead of them. At most `capacity` requests
//! may be waiting (admitted, not yet released); a request that would make more is
//! refused. Where a token bucket lets a burst through at once, a leaky bucket
//! smooths it into an even stream. Read "Leaky bucket" in `notes/rate-limiting.md`.

use std::time::Duration;

use crate::{Decision, Limiter};

/// A bounded queue that releases one request per `leak_every`.
#[derive(Debug, Clone)]
pub struct LeakyBucket {
    // The release times of the requests still waiting.
}

impl LeakyBucket {
    /// An empty bucket where up to `capacity` requests may wait, released one per
    /// `leak_every`.
    ///
    /// # Panics
    ///
    /// If `leak_every` is zero.
    pub fn new(capacity: u32, leak_every: Duration) -> Self {
        todo!("an empty queue")
    }

    /// Queues the request that arrives at `now` and returns the time it will be
    /// released (at or after `now`), or `None` if the queue is full.
    ///
    /// Requests released at or before `now` have left the queue.
    pub fn enqueue(&mut self, now: Duration) -> Option<Duration> {
        todo!("drop what has left, then queue behind the last request or refuse")
    }
}

impl Limiter for LeakyBucket {
    /// Admits the request at `now` if it can join the queue.
    ///
    /// An admitted request reports how many more could join at the same instant; a
    /// refused one reports how long until the next queued request leaves.
    fn check(&mut self, now: Duration) -> Decision {
        todo!("use enqueue, and look at the queue for the numbers")
    }
}
