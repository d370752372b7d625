//! Helpers the estimation checks share: comparing figures that were computed in
//! floating point.
#![allow(dead_code)] // Each check file uses a different part of it.

use estimation::Estimate;
use proptest::test_runner::Config;

/// proptest's settings for these checks: `cases` random cases, and a failing case
/// printed rather than written into a regressions file beside the check.
pub fn proptest_config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Whether `actual` is `expected` up to floating-point rounding.
pub fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

/// Checks that `actual` is `expected` up to rounding, saying `what` it is if not.
#[track_caller]
pub fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(
        close(actual, expected),
        "{what}: got {actual}, expected {expected}"
    );
}

/// Checks both figures of an estimate.
#[track_caller]
pub fn assert_estimate(actual: Estimate, exact: f64, shortcut: f64, what: &str) {
    assert!(
        close(actual.exact, exact) && close(actual.shortcut, shortcut),
        "{what}: got exact {}, shortcut {}; expected exact {exact}, shortcut {shortcut}",
        actual.exact,
        actual.shortcut
    );
}
