//! Exercise: the generic cell rate algorithm (GCRA).
//!
//! A token bucket without the tokens. Requests are due one per `emission_interval`;
//! the limiter keeps a single time, the *theoretical arrival time* (TAT): when the
//! next request would be due if the client had kept exactly to the rate. A request
//! may come early by up to `burst - 1` intervals; earlier than that it is refused.
//! It makes the same decisions as a full token bucket of capacity `burst` that gains
//! one token per `emission_interval`. Read "GCRA" in `notes/rate-limiting.md`.

use std::time::Duration;

use crate::{Decision, Limiter};

/// A token bucket's decisions from one timestamp of state.
#[derive(Debug, Clone)]
pub struct Gcra {
    // One timestamp of state, plus the configuration.
}

impl Gcra {
    /// Admits one request per `emission_interval`, with bursts of up to `burst`.
    ///
    /// # Panics
    ///
    /// If `emission_interval` is zero or `burst` is zero.
    pub fn new(emission_interval: Duration, burst: u32) -> Self {
        todo!("the theoretical arrival time starts at 0")
    }
}

impl Limiter for Gcra {
    /// Admits the request at `now` unless it is more than `burst - 1` intervals
    /// ahead of schedule.
    ///
    /// An admitted request reports how many more would be admitted at the same
    /// instant; a refused one reports how long until it would be on schedule enough.
    fn check(&mut self, now: Duration) -> Decision {
        todo!("compare now with the theoretical arrival time")
    }
}
