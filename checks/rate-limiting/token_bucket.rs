//! Checks for `exercises/rate-limiting/src/token_bucket.rs`.

use std::time::Duration;

use proptest::prelude::*;
use rate_limiting::token_bucket::TokenBucket;
use rate_limiting::{Decision, Limiter};
use rstest::rstest;

mod support;
use support::{arrivals, assert_verdicts, check_exactly, ms, timeline};

#[rstest]
#[case::starts_full_and_admits_a_burst(3, 100, &[0, 0, 0, 0], &[true, true, true, false])]
#[case::a_token_arrives_exactly_on_time(1, 100, &[0, 99, 100, 199, 200], &[true, false, true, false, true])]
#[case::waiting_refills_up_to_capacity_only(2, 100, &[0, 0, 1000, 1000, 1000], &[true, true, true, true, false])]
#[case::a_partial_wait_is_not_lost(1, 100, &[0, 60, 100, 160, 200], &[true, false, true, false, true])]
#[case::a_full_bucket_does_not_save_up(1, 100, &[0, 150, 200, 250], &[true, true, false, true])]
#[case::a_bucket_not_yet_empty_refills_too(2, 100, &[0, 1000, 1000, 1000], &[true, true, true, false])]
fn admits_a_burst_then_the_sustained_rate(
    #[case] capacity: u32,
    #[case] refill_ms: u64,
    #[case] times_ms: &[u64],
    #[case] expected: &[bool],
) {
    let mut bucket = TokenBucket::new(capacity, ms(refill_ms));
    assert_verdicts(
        &mut bucket,
        &format!("capacity {capacity}, one token per {refill_ms} ms"),
        times_ms,
        expected,
    );
}

#[test]
fn reports_the_tokens_left_and_when_the_next_arrives() {
    let mut bucket = TokenBucket::new(2, ms(100));
    assert_eq!(
        bucket.check(ms(0)),
        Decision::Allowed { remaining: 1 },
        "a full bucket of 2 has 1 token left after the first request"
    );
    assert_eq!(
        bucket.check(ms(10)),
        Decision::Allowed { remaining: 0 },
        "10 ms later no token has dripped in yet: the second request takes the last one"
    );
    assert_eq!(
        bucket.check(ms(30)),
        Decision::Refused {
            retry_after: ms(70)
        },
        "the bucket began refilling at 0 ms when it stopped being full, so the next \
         token comes at 100 ms, 70 ms after 30 ms"
    );
}

#[test]
fn timeline_of_a_burst_then_the_steady_rate() {
    // A bucket of 4 that gains a token every 200 ms, asked twice every 100 ms: the
    // burst empties it, then one request in four passes, at the sustained rate.
    let mut bucket = TokenBucket::new(4, ms(200));
    insta::assert_snapshot!(timeline(&mut bucket, ms(100), 10, 2));
}

proptest! {
    #![proptest_config(support::proptest_config(200))]

    #[test]
    fn never_admits_more_than_capacity_plus_what_refilled(
        capacity in 1u32..6,
        refill_ms in 1u64..40,
        gaps_ms in proptest::collection::vec(0u64..30, 1..80),
    ) {
        let refill = ms(refill_ms);
        let mut bucket = TokenBucket::new(capacity, refill);
        let mut admitted: Vec<Duration> = Vec::new();
        for now in arrivals(gaps_ms) {
            let decision = check_exactly(&mut bucket, now)?;
            if decision.is_allowed() {
                admitted.push(now);
            }
        }
        for (i, &start) in admitted.iter().enumerate() {
            for (j, &end) in admitted.iter().enumerate().skip(i) {
                let count = (j - i + 1) as u128;
                let bound = u128::from(capacity) + (end - start).as_nanos() / refill.as_nanos();
                prop_assert!(
                    count <= bound,
                    "admitted {} requests between {:?} and {:?}; a bucket of {} refilled \
                     every {:?} allows at most {}",
                    count, start, end, capacity, refill, bound
                );
            }
        }
    }
}
