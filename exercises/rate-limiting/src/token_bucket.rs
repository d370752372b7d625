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
    // How many tokens are left, and since when has the bucket been filling?
}

impl TokenBucket {
    /// A full bucket of `capacity` tokens that gains one token per `refill_every`.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero or `refill_every` is zero.
    pub fn new(capacity: u32, refill_every: Duration) -> Self {
        todo!("start full, at time 0")
    }
}

impl Limiter for TokenBucket {
    /// Adds the tokens that dripped in since the last call, then takes one if there is one.
    ///
    /// An admitted request reports the whole tokens left; a refused one reports how
    /// long until the next token arrives.
    fn check(&mut self, now: Duration) -> Decision {
        todo!("refill, then take a token or refuse")
    }
}
