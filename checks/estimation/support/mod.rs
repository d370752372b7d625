//! Helpers the estimation checks share: comparing figures that were computed in
//! floating point.
#![allow(dead_code, unused_imports)] // Each check file uses a different part of it.

use estimation::Estimate;

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

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
