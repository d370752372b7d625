//! Exercise: retries that cannot amplify an outage.
//!
//! Two limits, as gRPC applies them (gRFC A6, "gRPC Retry Design"). Per request:
//! at most `max_attempts` attempts, the first included, and never more than 5
//! whatever the configuration says. Per client: a `RetryThrottle`, a bucket of
//! tokens that every failed attempt drains by one and every success refills by
//! `token_ratio`; while the bucket is at or below half full, failures are not
//! retried. In an outage every attempt fails, the bucket drains within a few
//! requests, and the client falls back to sending each request once.
//! Read "Retry budget" in `notes/resilience.md`.

/// The most attempts a request may make, the first included, whatever
/// `max_attempts` asks for (gRPC treats larger values as 5).
pub const MAX_ATTEMPTS: u32 = 5;

/// Thousandths per token: the bucket counts in whole thousandths.
const MILLI: u64 = 1000;

/// gRPC's retry throttle: a token bucket that failures drain and successes refill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryThrottle {
    /// Tokens left, in thousandths.
    milli_tokens: u64,
    /// The bucket's size, in thousandths.
    max_milli_tokens: u64,
    /// What a success adds, in thousandths.
    milli_ratio: u64,
}

impl RetryThrottle {
    /// A full bucket of `max_tokens` tokens that each success refills by
    /// `token_ratio`, kept to the nearest thousandth of a token.
    ///
    /// # Panics
    ///
    /// If `max_tokens` is zero or `token_ratio` is not a positive number.
    pub fn new(max_tokens: u32, token_ratio: f64) -> Self {
        assert!(max_tokens > 0, "a retry throttle needs at least one token");
        assert!(
            token_ratio.is_finite() && token_ratio > 0.0,
            "a success must add a positive number of tokens, not {token_ratio}"
        );
        let max_milli_tokens = u64::from(max_tokens) * MILLI;
        // Rounded, not truncated: 1.005 × 1000 is 1004.999… in floating point.
        let milli_ratio = (token_ratio * MILLI as f64).round() as u64;
        Self {
            milli_tokens: max_milli_tokens,
            max_milli_tokens,
            milli_ratio,
        }
    }

    /// Records a failed attempt: takes one token (never going below zero) and
    /// says whether the failure may be retried, which it may while more than half
    /// of the bucket is left.
    pub fn on_failure(&mut self) -> bool {
        self.milli_tokens = self.milli_tokens.saturating_sub(MILLI);
        // Strictly above half: `2 × tokens > max` says it without dividing.
        2 * self.milli_tokens > self.max_milli_tokens
    }

    /// Records a successful attempt: adds `token_ratio` tokens, up to the bucket's size.
    pub fn on_success(&mut self) {
        self.milli_tokens = (self.milli_tokens + self.milli_ratio).min(self.max_milli_tokens);
    }

    /// The tokens left, in thousandths of a token.
    pub fn milli_tokens(&self) -> u64 {
        self.milli_tokens
    }
}

/// What became of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// How many attempts were sent, the first included.
    pub attempts: u32,
    /// Whether one of them succeeded.
    pub succeeded: bool,
}

/// Sends one request with retries: `send(attempt)` makes attempt number `attempt`
/// (from 0) and says whether it succeeded.
///
/// Every attempt's outcome goes to the throttle: a success with `on_success`, a
/// failure with `on_failure`, the last failure included. A failure is retried
/// only while the request has attempts left (at most `max_attempts`, the first
/// included, never more than `MAX_ATTEMPTS`; at least one is always sent) and the
/// throttle allows it.
pub fn call_with_retries(
    max_attempts: u32,
    throttle: &mut RetryThrottle,
    mut send: impl FnMut(u32) -> bool,
) -> Outcome {
    let limit = max_attempts.clamp(1, MAX_ATTEMPTS);
    let mut attempts = 0;
    loop {
        let succeeded = send(attempts);
        attempts += 1;
        if succeeded {
            throttle.on_success();
            return Outcome {
                attempts,
                succeeded,
            };
        }
        let may_retry = throttle.on_failure();
        if !may_retry || attempts >= limit {
            return Outcome {
                attempts,
                succeeded,
            };
        }
    }
}
