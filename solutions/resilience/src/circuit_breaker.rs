//! Exercise: a circuit breaker, closed, open and half-open, on a clock passed in.
//!
//! A breaker sits in front of calls to one dependency. Closed, it lets every call
//! through and keeps the outcomes of the last `window` calls; when enough of them
//! failed it opens, and for `open_for` every call fails at once without reaching
//! the dependency, which gets time to recover. Then it lets a few trial calls
//! through (half-open): if they go well it closes again, if not it opens for
//! another `open_for`. The semantics are resilience4j's count-based breaker.
//! Read "Circuit breakers" in `notes/resilience.md`.

use std::collections::VecDeque;
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

/// The state with what each state needs to remember.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    /// The latest outcomes (`true` for a failure), oldest first, and how many failed.
    Closed {
        outcomes: VecDeque<bool>,
        failures: usize,
    },
    Open {
        opened_at: Duration,
    },
    /// How many trial calls were let through, how many came back, how many failed.
    HalfOpen {
        permitted: usize,
        recorded: usize,
        failures: usize,
    },
}

/// A count-based circuit breaker.
#[derive(Debug, Clone)]
pub struct CircuitBreaker {
    config: BreakerConfig,
    phase: Phase,
}

impl CircuitBreaker {
    /// A closed breaker with an empty window.
    ///
    /// # Panics
    ///
    /// If the threshold is not in (0, 100] or `window` or `half_open_calls` is zero.
    pub fn new(config: BreakerConfig) -> Self {
        assert!(
            config.failure_rate_threshold > 0.0 && config.failure_rate_threshold <= 100.0,
            "the failure rate threshold is a percentage in (0, 100]"
        );
        assert!(config.window > 0, "the window must hold at least one call");
        assert!(
            config.half_open_calls > 0,
            "half-open must let at least one call through"
        );
        Self {
            config,
            phase: Self::closed(),
        }
    }

    fn closed() -> Phase {
        Phase::Closed {
            outcomes: VecDeque::new(),
            failures: 0,
        }
    }

    /// Whether `failures` out of `calls` is at or above the threshold.
    fn too_many(&self, failures: usize, calls: usize) -> bool {
        failures as f64 * 100.0 / calls as f64 >= self.config.failure_rate_threshold
    }

    /// Moves an open breaker whose wait is over to half-open.
    fn wake(&mut self, now: Duration) {
        if let Phase::Open { opened_at } = self.phase
            && now >= opened_at + self.config.open_for
        {
            self.phase = Phase::HalfOpen {
                permitted: 0,
                recorded: 0,
                failures: 0,
            };
        }
    }

    /// Whether a call may go ahead at `now`. Half-open, this counts the call as one
    /// of the trial calls.
    pub fn try_call(&mut self, now: Duration) -> bool {
        self.wake(now);
        match &mut self.phase {
            Phase::Closed { .. } => true,
            Phase::Open { .. } => false,
            Phase::HalfOpen { permitted, .. } => {
                let allowed = *permitted < self.config.half_open_calls;
                if allowed {
                    *permitted += 1;
                }
                allowed
            }
        }
    }

    /// Records the outcome of a call that `try_call` let through. Outcomes that
    /// arrive while the breaker is open are ignored.
    pub fn record(&mut self, now: Duration, success: bool) {
        self.wake(now);
        let failed = !success;
        match &mut self.phase {
            Phase::Closed { outcomes, failures } => {
                if outcomes.len() == self.config.window && outcomes.pop_front() == Some(true) {
                    *failures -= 1;
                }
                outcomes.push_back(failed);
                *failures += usize::from(failed);
                let (failures, calls) = (*failures, outcomes.len());
                if calls >= self.config.minimum_calls && self.too_many(failures, calls) {
                    self.phase = Phase::Open { opened_at: now };
                }
            }
            Phase::Open { .. } => {}
            Phase::HalfOpen {
                recorded, failures, ..
            } => {
                *recorded += 1;
                *failures += usize::from(failed);
                let (failures, recorded) = (*failures, *recorded);
                if recorded >= self.config.half_open_calls {
                    self.phase = if self.too_many(failures, recorded) {
                        Phase::Open { opened_at: now }
                    } else {
                        Self::closed()
                    };
                }
            }
        }
    }

    /// The state at `now`: an open breaker whose wait is over reads as half-open.
    pub fn state(&self, now: Duration) -> BreakerState {
        match self.phase {
            Phase::Closed { .. } => BreakerState::Closed,
            Phase::Open { opened_at } if now < opened_at + self.config.open_for => {
                BreakerState::Open
            }
            Phase::Open { .. } | Phase::HalfOpen { .. } => BreakerState::HalfOpen,
        }
    }
}
