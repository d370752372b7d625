//! proptest's settings for every topic's checks. Each topic's `support` module
//! includes this file with `#[path]`, since each topic's checks build as a crate
//! of their own.

use proptest::test_runner::Config;

/// `cases` random cases, and a failing case printed rather than written into a
/// regressions file beside the check.
pub fn proptest_config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}
