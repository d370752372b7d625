//! Exercise: a token bucket.
//!
//! The bucket holds up to `capacity` tokens and starts full. Every request takes one
//! token; a request that finds the bucket empty is refused. One token drips back in
//! every `refill_every`, and a full bucket lets the extra drip go: capacity is the
//! burst a client may send at once, `1 / refill_every` the rate it may sustain.
//! Read "Token bucket" in `notes/rate-limiting.md`.

use std::time::Duration;

use crate::{Decision, Limiter};

/// Admits bursts of up to `capacity` requests and one more per `refill_every`.
#[derive(Debug, Clone)]
pub struct TokenBucket {
    capacity: u32,
    refill_every: Duration,
    /// Whole tokens in the bucket at `filled_at`.
    tokens: u32,
    /// When the bucket last gained a token, or last was full. The next token
    /// arrives `refill_every` later; the part of an interval already waited is
    /// kept, so tokens arrive on time however often the bucket is asked.
    filled_at: Duration,
}

impl TokenBucket {
    /// A full bucket of `capacity` tokens that gains one token per `refill_every`.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero or `refill_every` is zero.
    pub fn new(capacity: u32, refill_every: Duration) -> Self {
        assert!(capacity > 0, "a token bucket must hold at least one token");
        assert!(
            !refill_every.is_zero(),
            "a token bucket must refill at a finite rate"
        );
        Self {
            capacity,
            refill_every,
            tokens: capacity,
            filled_at: Duration::ZERO,
        }
    }

    fn refill(&mut self, now: Duration) {
        let Some(waited) = now.checked_sub(self.filled_at) else {
            return;
        };
        let dripped = waited.as_nanos() / self.refill_every.as_nanos();
        let room = u128::from(self.capacity - self.tokens);
        if dripped >= room {
            // Full: what drips in from now on overflows, so the wait starts afresh.
            self.tokens = self.capacity;
            self.filled_at = now;
        } else {
            // `dripped < room <= u32::MAX`, so these conversions are exact.
            self.tokens += dripped as u32;
            self.filled_at += self.refill_every * dripped as u32;
        }
    }
}

impl Limiter for TokenBucket {
    /// Adds the tokens that dripped in since the last call, then takes one if there is one.
    ///
    /// An admitted request reports the whole tokens left; a refused one reports how
    /// long until the next token arrives.
    fn check(&mut self, now: Duration) -> Decision {
        self.refill(now);
        if self.tokens > 0 {
            self.tokens -= 1;
            Decision::Allowed {
                remaining: self.tokens,
            }
        } else {
            Decision::Refused {
                retry_after: self.filled_at + self.refill_every - now,
            }
        }
    }
}
