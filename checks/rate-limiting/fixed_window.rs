//! Checks for `exercises/rate-limiting/src/fixed_window.rs`.

use std::time::Duration;

use proptest::prelude::*;
use rate_limiting::fixed_window::FixedWindow;
use rate_limiting::{Decision, Limiter};
use rstest::rstest;

mod support;
use support::{arrivals, assert_verdicts, check_exactly, ms, timeline};

#[rstest]
#[case::a_full_burst_then_refusals(3, 1000, &[0, 1, 2, 3, 4], &[true, true, true, false, false])]
#[case::a_new_window_admits_again(2, 1000, &[0, 10, 20, 1000, 1001, 1002], &[true, true, false, true, true, false])]
#[case::the_edge_belongs_to_the_next_window(1, 1000, &[999, 1000, 1999, 2000], &[true, true, false, true])]
#[case::windows_start_at_zero_not_at_the_first_request(2, 1000, &[900, 950, 990, 1000], &[true, true, false, true])]
#[case::a_quiet_window_does_not_lend_its_room(2, 100, &[0, 1, 2, 350, 351, 352], &[true, true, false, true, true, false])]
#[case::a_limit_of_zero_admits_nothing(0, 1000, &[0, 1000, 5000], &[false, false, false])]
fn admits_at_most_the_limit_per_window(
    #[case] limit: u32,
    #[case] window_ms: u64,
    #[case] times_ms: &[u64],
    #[case] expected: &[bool],
) {
    let mut limiter = FixedWindow::new(limit, ms(window_ms));
    assert_verdicts(
        &mut limiter,
        &format!("limit {limit} per {window_ms} ms"),
        times_ms,
        expected,
    );
}

#[test]
fn an_admitted_request_says_how_many_more_fit() {
    let mut limiter = FixedWindow::new(3, ms(1000));
    for expected in [2, 1, 0] {
        let decision = limiter.check(ms(100));
        assert_eq!(
            decision,
            Decision::Allowed {
                remaining: expected
            },
            "with a limit of 3, after {} admitted request(s) the window has {expected} left",
            3 - expected
        );
    }
}

#[test]
fn a_refused_request_says_when_the_window_ends() {
    let mut limiter = FixedWindow::new(1, ms(1000));
    limiter.check(ms(2100));
    let decision = limiter.check(ms(2400));
    assert_eq!(
        decision,
        Decision::Refused {
            retry_after: ms(600)
        },
        "a request refused at 2.4 s in the window [2 s, 3 s) can retry 600 ms later"
    );
}

#[test]
fn admits_twice_the_limit_across_a_window_edge() {
    // The weakness the notes describe: 10 requests at the end of one window and
    // 10 at the start of the next are all admitted, 20 within 2 ms.
    let mut limiter = FixedWindow::new(10, ms(1000));
    let late = (0..10)
        .filter(|_| limiter.check(ms(999)).is_allowed())
        .count();
    let early = (0..10)
        .filter(|_| limiter.check(ms(1000)).is_allowed())
        .count();
    assert_eq!(
        late + early,
        20,
        "a fixed window of 10 per second admits 10 at 999 ms and 10 more at 1000 ms; \
         it admitted {late} and {early}"
    );
}

#[test]
fn a_zero_window_is_refused_at_construction() {
    let payload = std::panic::catch_unwind(|| FixedWindow::new(10, Duration::ZERO))
        .expect_err("FixedWindow::new accepted a zero window; it should panic");
    let message = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    assert!(
        !message.starts_with("not yet implemented"),
        "FixedWindow::new is still a todo!(); it should panic because the window is zero"
    );
}

#[test]
fn timeline_of_a_steady_overload() {
    // 3 requests every 150 ms against 5 per 400 ms. Each window opens with a burst;
    // at 1200 ms a new window opens right after a full one, and 8 requests pass
    // within 300 ms (compare the sliding log's timeline).
    let mut limiter = FixedWindow::new(5, ms(400));
    insta::assert_snapshot!(timeline(&mut limiter, ms(150), 10, 3));
}

proptest! {
    #![proptest_config(support::proptest_config(200))]

    #[test]
    fn never_admits_more_than_the_limit_in_a_window_and_refuses_only_when_full(
        limit in 1u32..6,
        window_ms in 1u64..50,
        gaps_ms in proptest::collection::vec(0u64..20, 1..100),
    ) {
        let window = ms(window_ms);
        let mut limiter = FixedWindow::new(limit, window);
        let (mut current, mut admitted) = (0, 0);
        for now in arrivals(gaps_ms) {
            let index = now.as_millis() / window.as_millis();
            if index != current {
                (current, admitted) = (index, 0);
            }
            let decision = check_exactly(&mut limiter, now)?;
            let allowed = decision.is_allowed();
            prop_assert_eq!(
                allowed,
                admitted < limit,
                "at {:?}, window {} had admitted {} of {}: expected {}",
                now,
                index,
                admitted,
                limit,
                if admitted < limit { "admit" } else { "refuse" }
            );
            if allowed {
                admitted += 1;
            }
        }
    }
}
