//! Exercise: a circuit breaker, closed, open and half-open, on a clock passed in.
//!
//! A breaker sits in front of calls to one dependency. Closed, it lets every call
//! through and keeps the outcomes of the last `window` calls; when enough of them
//! failed it opens, and for `open_for` every call fails at once without reaching
//! the dependency, which gets time to recover. Then it lets a few trial calls
//! through (half-open): if they go well it closes again, if not it opens for
//! another `open_for`. The semantics are resilience4j's count-based breaker.
//! Read "Circuit breakers" in `notes/resilience.md`.

use std::time::Duration;

/// How a breaker decides; the names follow resilience4j's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakerConfig {
    /// Failures, in percent of the calls in the window, at or above which it opens.
    pub failure_rate_threshold: f64,
    /// How many of the latest outcomes the closed breaker keeps.
    pub window: usize,
    /// How many outcomes the window must hold before the failure rate counts.
    pub minimum_calls: usize,
    /// How long the breaker stays open before it lets trial calls through.
    pub open_for: Duration,
    /// How many trial calls the half-open breaker lets through.
    pub half_open_calls: usize,
}

/// Where a breaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakerState {
    /// Calls go through; their outcomes are counted.
    Closed,
    /// Calls fail at once.
    Open,
    /// A few trial calls go through; their outcomes decide what comes next.
    HalfOpen,
}

/// A count-based circuit breaker.
#[derive(Debug, Clone)]
pub struct CircuitBreaker {
    // The configuration, and the state with what each state needs to remember:
    // closed, the latest outcomes; open, since when; half-open, the trial calls let
    // through and their outcomes so far.
}

impl CircuitBreaker {
    /// A closed breaker with an empty window.
    ///
    /// # Panics
    ///
    /// If the threshold is not in (0, 100] or `window` or `half_open_calls` is zero.
    pub fn new(config: BreakerConfig) -> Self {
        todo!("start closed, with an empty window")
    }

    /// Whether a call may go ahead at `now`. Half-open, this counts the call as one
    /// of the trial calls.
    pub fn try_call(&mut self, now: Duration) -> bool {
        todo!("closed: yes; open: no until the wait is over; half-open: the first few")
    }

    /// Records the outcome of a call that `try_call` let through. Outcomes that
    /// arrive while the breaker is open are ignored.
    pub fn record(&mut self, now: Duration, success: bool) {
        todo!("closed: slide the window and maybe open; half-open: decide once all trials are back")
    }

    /// The state at `now`: an open breaker whose wait is over reads as half-open.
    pub fn state(&self, now: Duration) -> BreakerState {
        todo!("the state, with an open breaker's wait taken into account")
    }
}
