//! Checks for `exercises/estimation/src/bandwidth_and_cache.rs`.

mod support;

use estimation::Estimate;
use estimation::bandwidth_and_cache::{
    bandwidth, bits_per_second, cache_machines, hot_cache, reads_per_day,
};
use estimation::rates::DEFAULT_MONTH_DAYS;
use estimation::units::{Bytes, Period, Rate};
use proptest::prelude::*;
use support::{assert_close, assert_estimate, close, proptest_config};

const GB: f64 = 1e9;

/// The URL shortener's redirects: 100 for each of 500M new URLs a month.
fn redirects() -> Rate {
    Rate {
        count: 50e9,
        per: Period::Month,
    }
}

#[test]
fn bandwidth_is_requests_per_second_times_bytes_each() {
    let reads = Estimate {
        exact: 50e9 / (30.0 * 86_400.0),
        shortcut: 50e9 / 3e6,
    };
    assert_estimate(
        bandwidth(reads, Bytes(500.0)),
        reads.exact * 500.0,
        reads.shortcut * 500.0,
        "redirects of 500 B each, in bytes per second",
    );
}

#[test]
fn links_are_counted_in_bits() {
    assert_close(
        bits_per_second(10e6),
        80e6,
        "10 MB/s in bits per second, 8 bits to the byte",
    );
}

#[test]
fn a_month_of_50b_redirects_is_1_67b_a_day_either_way() {
    assert_estimate(
        reads_per_day(redirects(), DEFAULT_MONTH_DAYS),
        50e9 / 30.0,
        50e9 / 30.0,
        "redirects a day: no seconds involved, so the shortcut agrees",
    );
}

#[test]
fn caching_the_hot_fifth_of_a_days_redirects_takes_167_gb() {
    let cache = hot_cache(redirects(), 0.2, Bytes(500.0), DEFAULT_MONTH_DAYS);
    assert_estimate(
        cache,
        50e9 / 30.0 * 0.2 * 500.0,
        50e9 / 30.0 * 0.2 * 500.0,
        "the hot 20% of a day's redirects at 500 B; the seed's 170 GB rounds 19,290/s \
         up to 20k",
    );
}

#[test]
fn cache_machines_are_whole() {
    assert_eq!(
        cache_machines(Bytes(750.0 * GB), Bytes(75.0 * GB)),
        10,
        "750 GB on 75 GB machines"
    );
    assert_eq!(
        cache_machines(Bytes(751.0 * GB), Bytes(75.0 * GB)),
        11,
        "751 GB on 75 GB machines: 10 hold 750 GB, and the last GB needs an 11th; a \
         machine count rounds up"
    );
    assert_eq!(
        cache_machines(Bytes(1.0), Bytes(75.0 * GB)),
        1,
        "one byte still needs a machine"
    );
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn a_cache_grows_with_the_hot_share_and_the_item_size(
        reads in 1.0..1e12f64,
        share in 0.0..1.0f64,
        size in 1.0..1e6f64,
    ) {
        let rate = Rate { count: reads, per: Period::Day };
        let cache = hot_cache(rate, share, Bytes(size), 30.0);
        prop_assert!(close(cache.exact, reads * share * size),
            "{} reads a day, {} of them hot, {} B each: got {} bytes, expected reads x \
             share x size", reads, share, size, cache.exact);
        let all = hot_cache(rate, 1.0, Bytes(size), 30.0);
        prop_assert!(cache.exact <= all.exact * (1.0 + 1e-12), "a share never takes more than everything");
    }
}
