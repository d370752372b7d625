//! Checks for `exercises/rate-limiting/src/gcra.rs`.

use proptest::prelude::*;
use rate_limiting::gcra::Gcra;
use rate_limiting::token_bucket::TokenBucket;
use rate_limiting::{Decision, Limiter};
use rstest::rstest;

mod support;
use support::{arrivals, assert_verdicts, check_exactly, ms};

#[rstest]
#[case::a_burst_then_refusal(100, 3, &[0, 0, 0, 0], &[true, true, true, false])]
#[case::one_per_interval_without_burst(100, 1, &[0, 50, 100, 150, 200], &[true, false, true, false, true])]
#[case::idle_time_refills_the_burst_but_no_more(100, 2, &[0, 0, 500, 500, 500], &[true, true, true, true, false])]
#[case::exactly_on_schedule_is_admitted(100, 2, &[0, 0, 100, 199, 200], &[true, true, true, false, true])]
fn admits_requests_on_schedule_plus_a_burst(
    #[case] interval_ms: u64,
    #[case] burst: u32,
    #[case] times_ms: &[u64],
    #[case] expected: &[bool],
) {
    let mut limiter = Gcra::new(ms(interval_ms), burst);
    assert_verdicts(
        &mut limiter,
        &format!("one per {interval_ms} ms with bursts of {burst}"),
        times_ms,
        expected,
    );
}

#[test]
fn reports_what_is_left_and_when_to_retry() {
    let mut limiter = Gcra::new(ms(100), 3);
    assert_eq!(
        limiter.check(ms(0)),
        Decision::Allowed { remaining: 2 },
        "an idle client with bursts of 3 may send 2 more after its first request"
    );
    assert_eq!(
        limiter.check(ms(0)),
        Decision::Allowed { remaining: 1 },
        "two requests at 0 ms put the schedule at 200 ms: one more may come now"
    );
    assert_eq!(
        limiter.check(ms(20)),
        Decision::Allowed { remaining: 0 },
        "the third request, at 20 ms, is 180 ms ahead of schedule, within the 200 ms \
         tolerance; the schedule moves to 300 ms, and 20 ms of spare tolerance is no \
         room for a whole request more"
    );
    assert_eq!(
        limiter.check(ms(40)),
        Decision::Refused {
            retry_after: ms(60)
        },
        "three requests by 20 ms put the schedule at 300 ms; with a tolerance of two \
         intervals the next is allowed at 100 ms, 60 ms after 40 ms"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(300))]

    #[test]
    fn decides_every_request_as_a_token_bucket_of_the_same_rate_and_burst(
        burst in 1u32..6,
        interval_ms in 1u64..40,
        gaps_ms in proptest::collection::vec(0u64..60, 1..100),
    ) {
        let mut gcra = Gcra::new(ms(interval_ms), burst);
        let mut bucket = TokenBucket::new(burst, ms(interval_ms));
        for (n, now) in arrivals(gaps_ms).enumerate() {
            let from_gcra = check_exactly(&mut gcra, now)?;
            let from_bucket = bucket.check(now);
            prop_assert_eq!(
                from_gcra, from_bucket,
                "request {} at {:?}: GCRA said {:?}, the token bucket {:?}",
                n + 1, now, from_gcra, from_bucket
            );
        }
    }
}
