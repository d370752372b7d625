//! Checks for `exercises/rate-limiting/src/sliding_counter.rs`.

use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rate_limiting::sliding_counter::SlidingCounter;
use rate_limiting::{Decision, Limiter};
use rstest::rstest;

mod support;
use support::{arrivals, assert_verdicts, check_exactly, ms};

#[rstest]
#[case::a_first_window_is_a_plain_counter(3, 1000, &[0, 100, 200, 300], &[true, true, true, false])]
#[case::the_edge_burst_is_refused(2, 1000, &[999, 999, 1000], &[true, true, false])]
#[case::half_way_the_previous_window_weighs_half(2, 1000, &[0, 0, 1500, 1500], &[true, true, true, false])]
#[case::two_windows_later_nothing_weighs(2, 1000, &[0, 0, 2000, 2000, 2000], &[true, true, true, true, false])]
fn admits_while_the_weighted_estimate_is_below_the_limit(
    #[case] limit: u32,
    #[case] window_ms: u64,
    #[case] times_ms: &[u64],
    #[case] expected: &[bool],
) {
    let mut limiter = SlidingCounter::new(limit, ms(window_ms));
    assert_verdicts(
        &mut limiter,
        &format!("limit {limit} per {window_ms} ms"),
        times_ms,
        expected,
    );
}

#[test]
fn reports_what_is_left_and_the_exact_time_to_retry() {
    let mut limiter = SlidingCounter::new(3, ms(1000));
    for _ in 0..3 {
        limiter.check(ms(0));
    }
    assert_eq!(
        limiter.check(ms(1100)),
        Decision::Allowed { remaining: 0 },
        "at 1100 ms the previous window's 3 weigh 90%: 2.7, below 3, so the request \
         passes, and 1 + 2.7 leaves no room for another"
    );
    assert_eq!(
        limiter.check(ms(1100)),
        Decision::Refused {
            retry_after: Duration::from_nanos(233_333_334)
        },
        "with 1 request in this window, the previous 3 must weigh less than 2: past \
         one third of the window, at 1333.333334 ms, which is 233.333334 ms after 1100 ms"
    );
}

#[test]
fn a_fraction_of_room_still_counts_as_a_request() {
    let mut limiter = SlidingCounter::new(3, ms(1000));
    for _ in 0..3 {
        limiter.check(ms(0));
    }
    assert_eq!(
        limiter.check(ms(1500)),
        Decision::Allowed { remaining: 1 },
        "at 1500 ms the previous window's 3 weigh half, 1.5; with this request the \
         estimate is 2.5, below 3, so one more request at 1500 ms still passes: \
         remaining is 1, not 0"
    );
    assert!(
        limiter.check(ms(1500)).is_allowed(),
        "an estimate of 2.5 is below the limit of 3: the request passes"
    );
}

#[test]
fn a_refusal_waits_until_the_estimate_is_below_the_limit_not_at_it() {
    let mut limiter = SlidingCounter::new(3, ms(1000));
    limiter.check(ms(0));
    limiter.check(ms(0));
    limiter.check(ms(1200));
    limiter.check(ms(1200));
    assert_eq!(
        limiter.check(ms(1200)),
        Decision::Refused {
            retry_after: ms(300) + Duration::from_nanos(1)
        },
        "with 2 requests in this window, the previous 2 must weigh less than 1: at \
         1500 ms they weigh exactly 1 and the estimate is exactly the limit, 3, which \
         is refused; the first instant below it is 1500 ms and 1 ns"
    );
}

#[test]
fn a_refusal_with_no_chance_left_in_its_window_retries_as_the_next_one_starts() {
    // Windows 2 ns long, limit 2. Two requests at 0 ns; at 3 ns they weigh half, 1, so
    // one request passes and a second is refused (1 + 1 is not below 2). 3 ns is the
    // window's last nanosecond; at 4 ns the next window starts, where this window's one
    // request weighs in full, 1, below 2: a request may pass at once.
    let mut limiter = SlidingCounter::new(2, Duration::from_nanos(2));
    limiter.check(Duration::ZERO);
    limiter.check(Duration::ZERO);
    limiter.check(Duration::from_nanos(3));
    assert_eq!(
        limiter.check(Duration::from_nanos(3)),
        Decision::Refused {
            retry_after: Duration::from_nanos(1)
        },
        "refused at 3 ns, the last nanosecond of the window [2 ns, 4 ns): the next \
         window starts at 4 ns and admits a request right away"
    );
}

/// The estimate, independently: `current + previous * (W - elapsed) / W < limit`,
/// in integers.
fn model_admits(limit: u32, window: Duration, admitted: &[Duration], now: Duration) -> bool {
    let w = window.as_nanos();
    let index = now.as_nanos() / w;
    let in_window = |i: u128| admitted.iter().filter(|t| t.as_nanos() / w == i).count() as u128;
    let current = in_window(index);
    let previous = if index == 0 { 0 } else { in_window(index - 1) };
    let elapsed = now.as_nanos() % w;
    current * w + previous * (w - elapsed) < u128::from(limit) * w
}

/// Replays requests at `times` and checks every decision against the model, with
/// `remaining` and `retry_after` proven exact.
fn replay(
    limit: u32,
    window: Duration,
    times: impl IntoIterator<Item = Duration>,
) -> Result<(), TestCaseError> {
    let mut limiter = SlidingCounter::new(limit, window);
    let mut admitted = Vec::new();
    for now in times {
        let expected = model_admits(limit, window, &admitted, now);
        let decision = check_exactly(&mut limiter, now)?;
        prop_assert_eq!(
            decision.is_allowed(),
            expected,
            "at {:?} (limit {} per {:?}): expected {}",
            now,
            limit,
            window,
            if expected { "admit" } else { "refuse" }
        );
        if decision.is_allowed() {
            admitted.push(now);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(support::proptest_config(200))]

    #[test]
    fn admits_exactly_when_the_estimate_is_below_the_limit(
        limit in 1u32..6,
        window_ms in 1u64..50,
        gaps_ms in proptest::collection::vec(0u64..25, 1..100),
    ) {
        replay(limit, ms(window_ms), arrivals(gaps_ms))?;
    }

    #[test]
    fn windows_a_few_nanoseconds_long_follow_the_same_rule(
        limit in 1u32..4,
        window_nanos in 1u64..6,
        gaps_nanos in proptest::collection::vec(0u64..4, 1..60),
    ) {
        // So short a window reaches cases a long one cannot: a refused request whose
        // next chance is exactly the start of the next window.
        let times = gaps_nanos.into_iter().scan(Duration::ZERO, |now, gap| {
            *now += Duration::from_nanos(gap);
            Some(*now)
        });
        replay(limit, Duration::from_nanos(window_nanos), times)?;
    }
}
