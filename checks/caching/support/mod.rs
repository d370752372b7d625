//! Helpers the caching checks share: proptest's settings and a measure of how the
//! cost of an operation grows with the cache.
#![allow(dead_code, unused_imports)] // Each check file uses a different part of it.

use std::time::Instant;

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

/// Fails with `too_slow` unless `work(entries)` costs about the same per entry on a
/// cache 16 times larger: constant-time operations stay within a small factor (the
/// larger map falls out of the processor's caches), while an answer that scans the
/// entries on every eviction grows about 16x.
///
/// It compares two timings on the same machine rather than holding the work to a
/// budget, so a busy machine slows both alike and the verdict does not depend on its
/// load. The smaller size counts its quickest of three runs; the larger is run again,
/// up to three times, while it looks slow, so one stall does not decide the verdict.
pub fn constant_time_per_entry(too_slow: &str, work: impl Fn(u64)) {
    const SMALL: u64 = 1_000;
    const LARGE: u64 = SMALL * 16;
    const ALLOWED_GROWTH: f64 = 5.0;
    let per_entry = |entries: u64| {
        let started = Instant::now();
        work(entries);
        started.elapsed().as_secs_f64() / entries as f64
    };
    let small = (0..3)
        .map(|_| per_entry(SMALL))
        .fold(f64::INFINITY, f64::min);
    let mut growth = per_entry(LARGE) / small;
    // Run again only when a stall could explain it: a growth far beyond the allowed
    // one is a scan.
    let could_be_a_stall = ALLOWED_GROWTH..=2.0 * ALLOWED_GROWTH;
    for _ in 0..2 {
        if !could_be_a_stall.contains(&growth) {
            break;
        }
        growth = growth.min(per_entry(LARGE) / small);
    }
    assert!(
        growth < ALLOWED_GROWTH,
        "{too_slow}: per entry, a cache of {LARGE} entries took {growth:.1}x as long as one \
         of {SMALL}; constant time stays within {ALLOWED_GROWTH}x, a scan of every entry \
         grows about 16x"
    );
}
