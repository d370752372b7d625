//! Exercise: a leaky bucket, as a queue.
//!
//! Requests join a queue that drains at a fixed rate: one request leaves every
//! `leak_every`. A request that reaches an idle bucket leaves at once; later ones
//! leave one interval after the request ahead of them. At most `capacity` requests
//! may be waiting (admitted, not yet released); a request that would make more is
//! refused. Where a token bucket lets a burst through at once, a leaky bucket
//! smooths it into an even stream. Read "Leaky bucket" in `notes/rate-limiting.md`.

use std::collections::VecDeque;
use std::time::Duration;

use crate::{Decision, Limiter};

/// A bounded queue that releases one request per `leak_every`.
#[derive(Debug, Clone)]
pub struct LeakyBucket {
    capacity: u32,
    leak_every: Duration,
    /// Release times of admitted requests, earliest first. Entries at or before the
    /// current time have left; the rest are waiting.
    queue: VecDeque<Duration>,
    /// When the most recently admitted request is released; the next one follows it.
    last_release: Option<Duration>,
}

impl LeakyBucket {
    /// An empty bucket where up to `capacity` requests may wait, released one per
    /// `leak_every`.
    ///
    /// # Panics
    ///
    /// If `leak_every` is zero.
    pub fn new(capacity: u32, leak_every: Duration) -> Self {
        assert!(
            !leak_every.is_zero(),
            "a leaky bucket must leak at a finite rate"
        );
        Self {
            capacity,
            leak_every,
            queue: VecDeque::with_capacity(capacity as usize),
            last_release: None,
        }
    }

    /// Queues the request that arrives at `now` and returns the time it will be
    /// released (at or after `now`), or `None` if the queue is full.
    ///
    /// Requests released at or before `now` have left the queue.
    pub fn enqueue(&mut self, now: Duration) -> Option<Duration> {
        self.drain(now);
        let release = match self.last_release {
            Some(previous) => now.max(previous + self.leak_every),
            None => now,
        };
        // A request that leaves at once never waits, so only a waiting one needs room.
        if release > now && self.queue.len() >= self.capacity as usize {
            return None;
        }
        self.last_release = Some(release);
        if release > now {
            self.queue.push_back(release);
        }
        Some(release)
    }

    /// Forgets the requests released by `now`.
    fn drain(&mut self, now: Duration) {
        while self.queue.front().is_some_and(|&release| release <= now) {
            self.queue.pop_front();
        }
    }
}

impl Limiter for LeakyBucket {
    /// Admits the request at `now` if it can join the queue.
    ///
    /// An admitted request reports how many more could join at the same instant; a
    /// refused one reports how long until the next queued request leaves.
    fn check(&mut self, now: Duration) -> Decision {
        match self.enqueue(now) {
            Some(_) => Decision::Allowed {
                remaining: self.capacity - self.queue.len() as u32,
            },
            None => {
                // Room opens when the first waiting request leaves. With a capacity of
                // zero nothing waits: the next request may pass when the last one's
                // interval is over.
                let last = self.last_release.unwrap_or_default();
                let opens = self
                    .queue
                    .front()
                    .copied()
                    .unwrap_or(last + self.leak_every);
                Decision::Refused {
                    retry_after: opens - now,
                }
            }
        }
    }
}
