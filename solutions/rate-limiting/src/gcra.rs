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
    emission_interval: Duration,
    /// How far ahead of schedule a request may be: `(burst - 1) * emission_interval`.
    tolerance: Duration,
    /// The theoretical arrival time. At or before `now`, the client is idle and
    /// may send a full burst.
    tat: Duration,
}

impl Gcra {
    /// Admits one request per `emission_interval`, with bursts of up to `burst`.
    ///
    /// # Panics
    ///
    /// If `emission_interval` is zero or `burst` is zero.
    pub fn new(emission_interval: Duration, burst: u32) -> Self {
        assert!(
            !emission_interval.is_zero(),
            "GCRA needs a non-zero emission interval"
        );
        assert!(burst > 0, "GCRA must admit a burst of at least one request");
        Self {
            emission_interval,
            tolerance: emission_interval * (burst - 1),
            tat: Duration::ZERO,
        }
    }

    /// Decides a request at `now` against a stored TAT; returns the decision and the
    /// TAT to store. Shared with the keyed limiter, which keeps one TAT per key.
    pub(crate) fn decide(
        tat: Duration,
        now: Duration,
        emission_interval: Duration,
        tolerance: Duration,
    ) -> (Decision, Duration) {
        // An idle client's schedule starts now, not in the past: no saving up.
        let tat = tat.max(now);
        let ahead = tat - now;
        if ahead > tolerance {
            return (
                Decision::Refused {
                    retry_after: ahead - tolerance,
                },
                tat,
            );
        }
        let spare = (tolerance - ahead).as_nanos() / emission_interval.as_nanos();
        let remaining = u32::try_from(spare).unwrap_or(u32::MAX);
        (Decision::Allowed { remaining }, tat + emission_interval)
    }
}

impl Limiter for Gcra {
    /// Admits the request at `now` unless it is more than `burst - 1` intervals
    /// ahead of schedule.
    ///
    /// An admitted request reports how many more would be admitted at the same
    /// instant; a refused one reports how long until it would be on schedule enough.
    fn check(&mut self, now: Duration) -> Decision {
        let (decision, tat) = Self::decide(self.tat, now, self.emission_interval, self.tolerance);
        self.tat = tat;
        decision
    }
}
