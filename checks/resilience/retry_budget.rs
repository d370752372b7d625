//! Checks for `exercises/resilience/src/retry_budget.rs`.

use proptest::prelude::*;
use resilience::{MAX_ATTEMPTS, Outcome, RetryThrottle, call_with_retries};

mod support;

/// Records `failures` failures in a row and returns what each one answered.
fn fail(throttle: &mut RetryThrottle, failures: usize) -> Vec<bool> {
    (0..failures).map(|_| throttle.on_failure()).collect()
}

#[test]
fn starts_full() {
    let throttle = RetryThrottle::new(10, 0.1);
    assert_eq!(
        throttle.milli_tokens(),
        10_000,
        "a new throttle of 10 tokens starts full: 10 tokens are 10000 thousandths"
    );
}

#[test]
fn a_failure_may_be_retried_while_more_than_half_is_left() {
    let mut throttle = RetryThrottle::new(10, 0.1);
    assert_eq!(
        fail(&mut throttle, 6),
        [true, true, true, true, false, false],
        "10 tokens: failures leave 9, 8, 7, 6 (retry: above 5) and then 5 and 4 (no \
         retry: exactly half is not above half)"
    );
    assert_eq!(
        throttle.milli_tokens(),
        4_000,
        "6 failures take 6 of the 10 tokens"
    );
}

#[test]
fn replays_grpcs_own_example() {
    // gRPC core's retry throttle test: 4 tokens, each success adds 1.6.
    let mut throttle = RetryThrottle::new(4, 1.6);
    assert!(
        throttle.on_failure(),
        "4 tokens, one failure leaves 3: above the threshold of 2"
    );
    throttle.on_success();
    assert_eq!(
        throttle.milli_tokens(),
        4_000,
        "3 + 1.6 tokens is more than the bucket holds: it stops at 4"
    );
    assert!(throttle.on_failure(), "back to 3 tokens: still above 2");
    assert!(
        !throttle.on_failure(),
        "2 tokens left is exactly half of 4: no retry"
    );
}

#[test]
fn odd_sizes_keep_the_half_token() {
    let mut throttle = RetryThrottle::new(5, 1.0);
    assert_eq!(
        fail(&mut throttle, 3),
        [true, true, false],
        "5 tokens, half is 2.5: 4 and 3 left are above it, 2 is not"
    );
}

#[test]
fn never_goes_below_zero() {
    let mut throttle = RetryThrottle::new(2, 0.5);
    fail(&mut throttle, 5);
    assert_eq!(
        throttle.milli_tokens(),
        0,
        "5 failures against 2 tokens leave 0, not less"
    );
    throttle.on_success();
    assert_eq!(
        throttle.milli_tokens(),
        500,
        "after hitting 0 a success of 0.5 leaves half a token: failures past empty are not owed"
    );
}

#[test]
fn successes_refill_by_the_ratio_up_to_the_size() {
    let mut throttle = RetryThrottle::new(10, 0.1);
    fail(&mut throttle, 3);
    for _ in 0..25 {
        throttle.on_success();
    }
    assert_eq!(
        throttle.milli_tokens(),
        9_500,
        "7 tokens plus 25 successes of 0.1 are 9.5 tokens"
    );
    for _ in 0..10 {
        throttle.on_success();
    }
    assert_eq!(
        throttle.milli_tokens(),
        10_000,
        "the bucket never holds more than its 10 tokens"
    );
}

#[test]
fn tenths_add_up_exactly() {
    // 0.2 five times is 1.000000000000001 in floating point: at the threshold that
    // one-quadrillionth decides.
    let mut throttle = RetryThrottle::new(10, 0.2);
    fail(&mut throttle, 5);
    for _ in 0..5 {
        throttle.on_success();
    }
    assert_eq!(
        throttle.milli_tokens(),
        6_000,
        "5 tokens plus five successes of 0.2 are 6"
    );
    assert!(
        !throttle.on_failure(),
        "6 tokens minus one failure is exactly 5, half of 10: no retry; counting in \
         floating point leaves a hair above 5 and retries"
    );
}

#[test]
fn the_ratio_is_kept_to_the_nearest_thousandth() {
    // 1.005 × 1000 is 1004.9999999999999 in floating point.
    let mut throttle = RetryThrottle::new(10, 1.005);
    fail(&mut throttle, 4);
    throttle.on_success();
    assert_eq!(
        throttle.milli_tokens(),
        7_005,
        "6 tokens plus a success of 1.005 is 7.005 tokens; converting the ratio to \
         thousandths must round, not truncate"
    );
}

#[test]
fn a_request_that_succeeds_first_time_is_sent_once() {
    let mut throttle = RetryThrottle::new(10, 0.1);
    let outcome = call_with_retries(3, &mut throttle, |_| true);
    assert_eq!(
        outcome,
        Outcome {
            attempts: 1,
            succeeded: true
        },
        "the first attempt succeeded: nothing to retry"
    );
}

#[test]
fn a_failure_is_retried_until_an_attempt_succeeds() {
    let mut throttle = RetryThrottle::new(10, 0.1);
    let mut seen = Vec::new();
    let outcome = call_with_retries(4, &mut throttle, |attempt| {
        seen.push(attempt);
        attempt == 2
    });
    assert_eq!(
        outcome,
        Outcome {
            attempts: 3,
            succeeded: true
        },
        "attempts 0 and 1 fail and attempt 2 succeeds: three attempts"
    );
    assert_eq!(
        seen,
        [0, 1, 2],
        "attempts are numbered from 0, the first included"
    );
    assert_eq!(
        throttle.milli_tokens(),
        8_100,
        "two failures take 2 tokens and the success gives back 0.1: 8.1 left"
    );
}

#[test]
fn max_attempts_counts_the_first_attempt() {
    let mut throttle = RetryThrottle::new(100, 0.1);
    let outcome = call_with_retries(3, &mut throttle, |_| false);
    assert_eq!(
        outcome,
        Outcome {
            attempts: 3,
            succeeded: false
        },
        "max_attempts 3 is the first attempt and two retries, not three retries"
    );
    assert_eq!(
        throttle.milli_tokens(),
        97_000,
        "all three failures go to the throttle, the last included"
    );
}

#[test]
fn no_request_makes_more_than_five_attempts() {
    let mut throttle = RetryThrottle::new(100, 0.1);
    let outcome = call_with_retries(50, &mut throttle, |_| false);
    assert_eq!(
        outcome.attempts, MAX_ATTEMPTS,
        "max_attempts 50 is treated as {MAX_ATTEMPTS}, as gRPC does"
    );
    let once = call_with_retries(0, &mut throttle, |_| false);
    assert_eq!(
        once.attempts, 1,
        "max_attempts 0 still sends the request once"
    );
}

#[test]
fn the_throttle_stops_retries_across_requests() {
    let mut throttle = RetryThrottle::new(10, 0.1);
    let first = call_with_retries(5, &mut throttle, |_| false);
    let second = call_with_retries(5, &mut throttle, |_| false);
    assert_eq!(
        (first.attempts, second.attempts),
        (5, 1),
        "the first failing request drains 10 tokens to 5 in five attempts; the next \
         request's failure leaves 4, at or below half: it is not retried"
    );
}

#[test]
fn an_outage_costs_barely_more_than_the_requests_themselves() {
    // 1000 requests against a server that fails every attempt.
    let mut throttled = RetryThrottle::new(10, 0.1);
    let with: u32 = (0..1000)
        .map(|_| call_with_retries(3, &mut throttled, |_| false).attempts)
        .sum();
    assert_eq!(
        with, 1003,
        "with a throttle of 10 tokens the first request makes all 3 attempts (9, 8 and 7 \
         tokens left), the second 2 (6 left, then 5: half, no more), and every later \
         failure leaves half or less: 1000 requests cost 1003 attempts"
    );
    let mut unlimited = RetryThrottle::new(u32::MAX, 0.1);
    let without: u32 = (0..1000)
        .map(|_| call_with_retries(3, &mut unlimited, |_| false).attempts)
        .sum();
    assert_eq!(
        without, 3000,
        "a throttle too big to drain should let every request make its 3 attempts: the \
         outage triples the load without a throttle that works"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(300))]

    #[test]
    fn the_bucket_stays_between_empty_and_full_and_retries_only_above_half(
        max_tokens in 1u32..20,
        ratio_thousandths in 1u32..3000,
        events in proptest::collection::vec(any::<bool>(), 1..200),
    ) {
        let ratio = f64::from(ratio_thousandths) / 1000.0;
        let mut throttle = RetryThrottle::new(max_tokens, ratio);
        // The model: whole thousandths.
        let max = u64::from(max_tokens) * 1000;
        let mut model = max;
        for success in events {
            if success {
                throttle.on_success();
                model = (model + u64::from(ratio_thousandths)).min(max);
            } else {
                let allowed = throttle.on_failure();
                model = model.saturating_sub(1000);
                prop_assert_eq!(
                    allowed, 2 * model > max,
                    "with {} thousandths left of {}, a retry should be allowed exactly \
                     when more than half is left", model, max
                );
            }
            prop_assert_eq!(
                throttle.milli_tokens(), model,
                "tokens left (thousandths) with {} tokens and a ratio of {}", max_tokens, ratio
            );
        }
    }
}
