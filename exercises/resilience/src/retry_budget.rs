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

/// gRPC's retry throttle: a token bucket that failures drain and successes refill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryThrottle {
    // The tokens left, the bucket's size and what a success adds, all in
    // thousandths of a token, so that no floating-point error builds up.
}

impl RetryThrottle {
    /// A full bucket of `max_tokens` tokens that each success refills by
    /// `token_ratio`, kept to the nearest thousandth of a token.
    ///
    /// # Panics
    ///
    /// If `max_tokens` is zero or `token_ratio` is not a positive number.
    pub fn new(max_tokens: u32, token_ratio: f64) -> Self {
        todo!("a full bucket, counted in thousandths")
    }

    /// Records a failed attempt: takes one token (never going below zero) and
    /// says whether the failure may be retried, which it may while more than half
    /// of the bucket is left.
    pub fn on_failure(&mut self) -> bool {
        todo!("take a token, then compare what is left with half the bucket")
    }

    /// Records a successful attempt: adds `token_ratio` tokens, up to the bucket's size.
    pub fn on_success(&mut self) {
        todo!("add the ratio, up to the bucket's size")
    }

    /// The tokens left, in thousandths of a token.
    pub fn milli_tokens(&self) -> u64 {
        todo!("the tokens left, in thousandths")
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
    todo!("send, record the outcome, retry while allowed")
}
