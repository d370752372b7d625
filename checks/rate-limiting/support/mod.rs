//! Helpers the rate-limiting checks share: time in milliseconds, replaying traffic,
//! and drawing a limiter's decisions as a timeline.
#![allow(dead_code, unused_imports)] // Each check file uses a different part of it.

use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rate_limiting::{Decision, Limiter};

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Feeds requests at the given times (in ms) and returns which were admitted.
pub fn verdicts(limiter: &mut impl Limiter, times_ms: &[u64]) -> Vec<bool> {
    times_ms
        .iter()
        .map(|&t| limiter.check(ms(t)).is_allowed())
        .collect()
}

/// Feeds requests at `times_ms` and asserts which are admitted; `policy` describes
/// the limiter in the failure message.
#[track_caller]
pub fn assert_verdicts(
    limiter: &mut impl Limiter,
    policy: &str,
    times_ms: &[u64],
    expected: &[bool],
) {
    let got = verdicts(limiter, times_ms);
    assert_eq!(
        got, expected,
        "{policy}, requests at {times_ms:?} ms: admitted {got:?}, expected {expected:?}"
    );
}

/// Renders one row per tick: `#` for each admitted request, `.` for each refused one.
pub fn timeline(limiter: &mut impl Limiter, tick: Duration, ticks: u32, per_tick: u32) -> String {
    (0..ticks)
        .map(|i| {
            let now = tick * i;
            let marks: String = (0..per_tick)
                .map(|_| {
                    if limiter.check(now).is_allowed() {
                        '#'
                    } else {
                        '.'
                    }
                })
                .collect();
            format!("{:>5} ms  {marks}\n", now.as_millis())
        })
        .collect()
}

/// Arrival times from the gaps between requests: gaps of 0, 5 and 5 ms arrive at 0,
/// 5 and 10 ms.
pub fn arrivals(gaps_ms: Vec<u64>) -> impl Iterator<Item = Duration> {
    gaps_ms.into_iter().scan(Duration::ZERO, |now, gap| {
        *now += ms(gap);
        Some(*now)
    })
}

/// `limiter.check(now)`, with the decision proven exact first: an admission's
/// `remaining`, a refusal's `retry_after`. For proptest bodies: a wrong decision is a
/// failed case, shrunk and reported once, rather than a panic on every shrinking step.
pub fn check_exactly<L: Limiter + Clone>(
    limiter: &mut L,
    now: Duration,
) -> Result<Decision, TestCaseError> {
    let before = limiter.clone();
    let decision = limiter.check(now);
    remaining_is_exact(limiter, now, decision)?;
    retry_after_is_exact(&before, now, decision)?;
    Ok(decision)
}

/// An admission's `remaining` must be exact: a clone of the limiter, asked again at
/// the same instant, admits exactly that many more requests and refuses the next.
/// `limiter` is the limiter just after the decision; it is left untouched.
pub fn remaining_is_exact<L: Limiter + Clone>(
    limiter: &L,
    now: Duration,
    decision: Decision,
) -> Result<(), TestCaseError> {
    let Decision::Allowed { remaining } = decision else {
        return Ok(());
    };
    // One more than reported is enough to tell; the bound keeps a wild answer quick.
    let probes = remaining.saturating_add(1).min(10_000);
    let mut clone = limiter.clone();
    let more = (0..probes)
        .take_while(|_| clone.check(now).is_allowed())
        .count();
    prop_assert!(
        more == remaining as usize,
        "admitted at {:?} with remaining {}, but {}{} more request(s) at that same instant \
         were admitted: remaining must count exactly the requests that would still pass now",
        now,
        remaining,
        more,
        if more == probes as usize { " or" } else { "" }
    );
    Ok(())
}

/// A refusal's `retry_after` must be exact: a request that waits that long is
/// admitted, and one that comes a nanosecond sooner is refused. Probes clones, so
/// the limiter itself is untouched.
pub fn retry_after_is_exact<L: Limiter + Clone>(
    limiter: &L,
    now: Duration,
    decision: Decision,
) -> Result<(), TestCaseError> {
    let Decision::Refused { retry_after } = decision else {
        return Ok(());
    };
    prop_assert!(
        !retry_after.is_zero(),
        "refused at {:?} with retry_after 0: a request at the same instant would be refused \
         again",
        now
    );
    let at = now + retry_after;
    prop_assert!(
        limiter.clone().check(at).is_allowed(),
        "refused at {:?} saying retry after {:?}, but a request at {:?} is refused too",
        now,
        retry_after,
        at
    );
    let sooner = at - Duration::from_nanos(1);
    prop_assert!(
        !limiter.clone().check(sooner).is_allowed(),
        "refused at {:?} saying retry after {:?}, but a request already at {:?} is admitted: \
         retry_after is longer than it needs to be",
        now,
        retry_after,
        sooner
    );
    Ok(())
}
