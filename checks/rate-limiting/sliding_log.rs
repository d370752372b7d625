//! Checks for `exercises/rate-limiting/src/sliding_log.rs`.

use std::time::Duration;

use proptest::prelude::*;
use rate_limiting::sliding_log::SlidingLog;
use rate_limiting::{Decision, Limiter};
use rstest::rstest;

mod support;
use support::{arrivals, assert_verdicts, check_exactly, ms, timeline};

#[rstest]
#[case::a_full_burst_then_refusals(3, 1000, &[0, 1, 2, 3], &[true, true, true, false])]
#[case::a_request_leaves_exactly_one_window_later(2, 1000, &[0, 500, 999, 1000, 1001, 1500], &[true, true, false, true, false, true])]
#[case::no_edge_where_the_count_starts_over(2, 1000, &[900, 950, 1000, 1100, 1900], &[true, true, false, false, true])]
#[case::refused_requests_are_not_logged(1, 100, &[0, 50, 99, 100, 150, 200], &[true, false, false, true, false, true])]
fn admits_at_most_the_limit_in_any_window(
    #[case] limit: u32,
    #[case] window_ms: u64,
    #[case] times_ms: &[u64],
    #[case] expected: &[bool],
) {
    let mut limiter = SlidingLog::new(limit, ms(window_ms));
    assert_verdicts(
        &mut limiter,
        &format!("limit {limit} in any {window_ms} ms"),
        times_ms,
        expected,
    );
}

#[test]
fn refuses_the_burst_a_fixed_window_lets_through_at_the_edge() {
    let mut limiter = SlidingLog::new(10, ms(1000));
    let late = (0..10)
        .filter(|_| limiter.check(ms(999)).is_allowed())
        .count();
    let early = (0..10)
        .filter(|_| limiter.check(ms(1000)).is_allowed())
        .count();
    assert_eq!(
        (late, early),
        (10, 0),
        "10 requests at 999 ms fill the window (0 s, 1 s]; at 1000 ms they are all still \
         inside it, so none of the next 10 may pass. Admitted {late} then {early}"
    );
}

#[test]
fn reports_what_is_left_and_when_to_retry() {
    let mut limiter = SlidingLog::new(2, ms(1000));
    assert_eq!(
        limiter.check(ms(100)),
        Decision::Allowed { remaining: 1 },
        "a log with room for 2 holds 1 request after the first: 1 more may pass"
    );
    assert_eq!(
        limiter.check(ms(400)),
        Decision::Allowed { remaining: 0 },
        "a log with room for 2 holds 2 requests after the second: no more may pass"
    );
    assert_eq!(
        limiter.check(ms(700)),
        Decision::Refused {
            retry_after: ms(400)
        },
        "the request at 100 ms leaves the window at 1100 ms, 400 ms after 700 ms"
    );
    assert_eq!(
        limiter.check(ms(1100)),
        Decision::Allowed { remaining: 0 },
        "at 1100 ms only the request at 400 ms is still in the window"
    );
}

#[test]
fn timeline_of_a_steady_overload() {
    // The fixed window's traffic: 3 requests every 150 ms against 5 per 400 ms.
    // At 1200 ms the fixed window starts over; the log still holds 5 requests from
    // the last 400 ms and refuses.
    let mut limiter = SlidingLog::new(5, ms(400));
    insta::assert_snapshot!(timeline(&mut limiter, ms(150), 10, 3));
}

proptest! {
    #![proptest_config(support::proptest_config(200))]

    #[test]
    fn never_admits_more_than_the_limit_in_any_window_and_refuses_only_when_full(
        limit in 1u32..6,
        window_ms in 1u64..50,
        gaps_ms in proptest::collection::vec(0u64..20, 1..100),
    ) {
        let window = ms(window_ms);
        let mut limiter = SlidingLog::new(limit, window);
        let mut admitted: Vec<Duration> = Vec::new();
        for now in arrivals(gaps_ms) {
            let in_window = admitted.iter().filter(|&&t| t + window > now).count() as u32;
            let decision = check_exactly(&mut limiter, now)?;
            prop_assert_eq!(
                decision.is_allowed(),
                in_window < limit,
                "at {:?}, {} admitted request(s) lay in the last {:?} (limit {}): expected {}",
                now, in_window, window, limit,
                if in_window < limit { "admit" } else { "refuse" }
            );
            if decision.is_allowed() {
                admitted.push(now);
            }
        }
    }
}
