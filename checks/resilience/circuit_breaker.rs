//! Checks for `exercises/resilience/src/circuit_breaker.rs`.

use std::time::Duration;

use proptest::prelude::*;
use resilience::{BreakerConfig, BreakerState, CircuitBreaker};

mod support;
use support::ms;

/// 50% threshold, a window of 4, at least 4 calls, open for 1 s, 2 trial calls.
fn config() -> BreakerConfig {
    BreakerConfig {
        failure_rate_threshold: 50.0,
        window: 4,
        minimum_calls: 4,
        open_for: ms(1_000),
        half_open_calls: 2,
    }
}

/// Makes one call at `t_ms` that ends as `ok` says, if the breaker lets it through;
/// returns whether it did.
fn call(breaker: &mut CircuitBreaker, t_ms: u64, ok: bool) -> bool {
    let permitted = breaker.try_call(ms(t_ms));
    if permitted {
        breaker.record(ms(t_ms), ok);
    }
    permitted
}

/// Makes one call per outcome, all at `t_ms`.
fn calls(breaker: &mut CircuitBreaker, t_ms: u64, outcomes: &[bool]) {
    for &ok in outcomes {
        assert!(
            call(breaker, t_ms, ok),
            "a closed breaker refused a call at {t_ms} ms (state {:?})",
            breaker.state(ms(t_ms))
        );
    }
}

/// A breaker opened at `t_ms` by four failures.
fn opened_at(t_ms: u64) -> CircuitBreaker {
    let mut breaker = CircuitBreaker::new(config());
    calls(&mut breaker, t_ms, &[false; 4]);
    assert_eq!(
        breaker.state(ms(t_ms)),
        BreakerState::Open,
        "four failures in four calls open it"
    );
    breaker
}

#[test]
fn starts_closed_and_lets_calls_through() {
    let mut breaker = CircuitBreaker::new(config());
    assert_eq!(
        breaker.state(ms(0)),
        BreakerState::Closed,
        "a new breaker is closed"
    );
    assert!(
        breaker.try_call(ms(0)),
        "a closed breaker lets a call through"
    );
}

#[test]
fn does_not_judge_before_the_minimum_number_of_calls() {
    let mut breaker = CircuitBreaker::new(config());
    calls(&mut breaker, 0, &[false, false, false]);
    assert_eq!(
        breaker.state(ms(0)),
        BreakerState::Closed,
        "3 failures out of 3 calls, but the failure rate counts only from 4 calls on"
    );
}

#[test]
fn opens_when_the_failure_rate_reaches_the_threshold() {
    let mut breaker = CircuitBreaker::new(config());
    calls(&mut breaker, 0, &[true, false, true]);
    assert_eq!(
        breaker.state(ms(0)),
        BreakerState::Closed,
        "3 calls are below the minimum of 4"
    );
    calls(&mut breaker, 5, &[false]);
    assert_eq!(
        breaker.state(ms(5)),
        BreakerState::Open,
        "2 failures in 4 calls is 50%, at the threshold of 50%: it opens (at or above, \
         not only above)"
    );
}

#[test]
fn stays_closed_below_the_threshold() {
    let mut breaker = CircuitBreaker::new(BreakerConfig {
        window: 5,
        minimum_calls: 5,
        ..config()
    });
    calls(&mut breaker, 0, &[true, false, true, false, true]);
    assert_eq!(
        breaker.state(ms(0)),
        BreakerState::Closed,
        "2 failures in 5 calls is 40%, below the threshold of 50%"
    );
}

#[test]
fn the_window_forgets_the_oldest_outcomes() {
    let mut breaker = CircuitBreaker::new(config());
    calls(
        &mut breaker,
        0,
        &[false, true, true, true, true, true, false],
    );
    assert_eq!(
        breaker.state(ms(0)),
        BreakerState::Closed,
        "the window holds the last 4 calls (ok, ok, ok, failed): 25%; the first failure \
         has slid out, so this is not 2 failures"
    );
    calls(&mut breaker, 0, &[false]);
    assert_eq!(
        breaker.state(ms(0)),
        BreakerState::Open,
        "the last 4 calls are now ok, ok, failed, failed: 50%"
    );
}

#[test]
fn an_open_breaker_refuses_calls_until_its_wait_is_over() {
    let mut breaker = opened_at(100);
    assert!(
        !breaker.try_call(ms(100)),
        "just opened: the call fails at once"
    );
    assert!(
        !breaker.try_call(ms(1_099)),
        "999 ms after opening, 1 ms of the wait is left"
    );
    assert_eq!(
        breaker.state(ms(1_099)),
        BreakerState::Open,
        "still open 1 ms before the wait ends"
    );
    assert_eq!(
        breaker.state(ms(1_100)),
        BreakerState::HalfOpen,
        "opened at 100 ms for 1 s: half-open from 1100 ms on"
    );
}

#[test]
fn half_open_lets_exactly_the_trial_calls_through() {
    let mut breaker = opened_at(0);
    assert!(
        breaker.try_call(ms(1_000)),
        "the wait is over: the first trial call goes"
    );
    assert!(
        breaker.try_call(ms(1_001)),
        "the second of 2 trial calls goes"
    );
    assert!(
        !breaker.try_call(ms(1_002)),
        "2 trial calls are out and none has come back: a third is refused"
    );
    assert_eq!(
        breaker.state(ms(1_002)),
        BreakerState::HalfOpen,
        "still waiting for the trials"
    );
}

#[test]
fn successful_trials_close_it_with_an_empty_window() {
    let mut breaker = opened_at(0);
    assert!(
        call(&mut breaker, 1_000, true) && call(&mut breaker, 1_000, true),
        "2 trials go"
    );
    assert_eq!(
        breaker.state(ms(1_000)),
        BreakerState::Closed,
        "both trials succeeded: closed"
    );
    calls(&mut breaker, 1_010, &[false, false, false]);
    assert_eq!(
        breaker.state(ms(1_010)),
        BreakerState::Closed,
        "closing empties the window: 3 new failures are below the minimum of 4 calls, \
         whatever happened before it opened"
    );
}

#[test]
fn a_trial_failure_rate_at_the_threshold_opens_it_again() {
    let mut breaker = opened_at(0);
    assert!(call(&mut breaker, 1_000, true), "the first trial goes");
    assert_eq!(
        breaker.state(ms(1_000)),
        BreakerState::HalfOpen,
        "one of 2 trials is back: too early to decide"
    );
    assert!(call(&mut breaker, 1_500, false), "the second trial goes");
    assert_eq!(
        breaker.state(ms(1_500)),
        BreakerState::Open,
        "1 failure in 2 trials is 50%, at the threshold: open again"
    );
    assert!(
        !breaker.try_call(ms(2_499)),
        "reopened at 1500 ms: the new wait ends at 2500 ms"
    );
    assert!(
        breaker.try_call(ms(2_500)),
        "at 2500 ms the breaker tries again"
    );
}

#[test]
fn a_trial_ends_when_its_outcome_is_recorded_not_when_it_starts() {
    let mut breaker = opened_at(0);
    assert!(
        breaker.try_call(ms(1_000)) && breaker.try_call(ms(1_000)),
        "2 trials go"
    );
    breaker.record(ms(1_200), true);
    assert!(
        !breaker.try_call(ms(1_200)),
        "one trial is back and one still out: half-open lets no third call through"
    );
    breaker.record(ms(1_300), true);
    assert_eq!(
        breaker.state(ms(1_300)),
        BreakerState::Closed,
        "both trials succeeded: closed"
    );
}

#[test]
fn replays_a_dependency_that_fails_and_recovers() {
    // Calls every 250 ms; the dependency fails from 500 ms until 2600 ms.
    let mut breaker = CircuitBreaker::new(config());
    let mut log = String::new();
    for i in 0..24u64 {
        let t = i * 250;
        let ok = !(500..2_600).contains(&t);
        let before = breaker.state(ms(t));
        let verdict = if call(&mut breaker, t, ok) {
            if ok { "call ok" } else { "call failed" }
        } else {
            "refused"
        };
        log += &format!(
            "{t:>5} ms  {:<9} {verdict:<12} -> {:?}\n",
            format!("{before:?}"),
            breaker.state(ms(t))
        );
    }
    insta::assert_snapshot!(log);
}

#[derive(Debug, Clone)]
enum Event {
    /// Time passes.
    Wait(u64),
    /// A call is tried and, if let through, ends as given.
    Call(bool),
    /// A call is tried and, if let through, stays out.
    Start,
    /// An outstanding call comes back.
    Finish(bool),
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        (1u64..800).prop_map(Event::Wait),
        any::<bool>().prop_map(Event::Call),
        Just(Event::Start),
        any::<bool>().prop_map(Event::Finish),
    ]
}

proptest! {
    #![proptest_config(support::proptest_config(300))]

    #[test]
    fn never_lets_a_call_through_while_open_nor_too_many_trials(
        window in 1usize..6,
        minimum_calls in 1usize..6,
        half_open_calls in 1usize..4,
        threshold in 1u32..=100,
        events in proptest::collection::vec(event(), 1..120),
    ) {
        let config = BreakerConfig {
            failure_rate_threshold: f64::from(threshold),
            window,
            minimum_calls,
            open_for: ms(1_000),
            half_open_calls,
        };
        let mut breaker = CircuitBreaker::new(config);
        let mut now = Duration::ZERO;
        let mut outstanding = 0usize;
        // Calls let through since the breaker last became half-open.
        let mut trials = 0usize;
        for event in events {
            let before = breaker.state(now);
            match event {
                Event::Wait(t) => now += ms(t),
                Event::Finish(_) if outstanding == 0 => {}
                Event::Finish(ok) => {
                    outstanding -= 1;
                    breaker.record(now, ok);
                }
                Event::Call(_) | Event::Start => {
                    let permitted = breaker.try_call(now);
                    prop_assert!(
                        !(permitted && before == BreakerState::Open),
                        "the breaker read Open at {:?} and still let a call through", now
                    );
                    if permitted && before == BreakerState::HalfOpen {
                        trials += 1;
                        prop_assert!(
                            trials <= half_open_calls,
                            "half-open let {} calls through at {:?}; it allows {} trials",
                            trials, now, half_open_calls
                        );
                    }
                    match event {
                        Event::Call(ok) if permitted => breaker.record(now, ok),
                        Event::Start if permitted => outstanding += 1,
                        _ => {}
                    }
                }
            }
            if breaker.state(now) != BreakerState::HalfOpen {
                trials = 0;
            }
        }
    }
}
