//! Checks for `exercises/estimation/src/storage.rs`.

mod support;

use estimation::Estimate;
use estimation::rates::DEFAULT_MONTH_DAYS;
use estimation::storage::{Retention, footprint, records_kept, stored};
use estimation::units::{Bytes, Period, Rate};
use proptest::prelude::*;
use support::{assert_close, assert_estimate, close, proptest_config};

const MB: f64 = 1e6;
const TB: f64 = 1e12;

fn keep(years: u32) -> Retention {
    Retention {
        years,
        yearly_growth: 0.0,
    }
}

#[test]
fn the_music_catalogue_takes_500_tb() {
    assert_close(
        stored(100e6, Bytes(5.0 * MB)).0,
        500.0 * TB,
        "100M songs of 5 MB",
    );
    assert_close(
        stored(1e9 * 30.0, Bytes(1e3)).0,
        30.0 * TB,
        "30 playlists of 1 KB for 1B users",
    );
}

#[test]
fn five_years_of_500m_urls_a_month_are_30_4_billion_records() {
    let urls = Rate {
        count: 500e6,
        per: Period::Month,
    };
    assert_estimate(
        records_kept(urls, keep(5), DEFAULT_MONTH_DAYS),
        500e6 / 30.0 * 365.0 * 5.0,
        500e6 * 12.0 * 5.0,
        "URLs kept for five years, no more; the seed's 30 billion is the shortcut",
    );
}

#[test]
fn nothing_is_kept_for_zero_years() {
    let rate = Rate {
        count: 1e6,
        per: Period::Day,
    };
    assert_estimate(
        records_kept(rate, keep(0), DEFAULT_MONTH_DAYS),
        0.0,
        0.0,
        "records kept for zero years: none",
    );
}

#[test]
fn growth_compounds_from_the_second_year() {
    let rate = Rate {
        count: 1e6,
        per: Period::Day,
    };
    let growing = Retention {
        years: 3,
        yearly_growth: 0.1,
    };
    let years = 1.0 + 1.1 + 1.1 * 1.1;
    assert_estimate(
        records_kept(rate, growing, DEFAULT_MONTH_DAYS),
        365e6 * years,
        360e6 * years,
        "1M a day for three years, 10% more each year: the years bring 1, 1.1 and \
         1.1^2 = 1.21 times the first, which runs at the rate as given",
    );
}

#[test]
fn the_footprint_is_records_times_size_times_replicas() {
    let records = Estimate {
        exact: 30.4e9,
        shortcut: 30e9,
    };
    assert_estimate(
        footprint(records, Bytes(500.0), 1),
        15.2 * TB,
        15.0 * TB,
        "30.4B (30B) records of 500 B",
    );
    assert_estimate(
        footprint(records, Bytes(500.0), 3),
        45.6 * TB,
        45.0 * TB,
        "the same on three replicas: every byte stored three times",
    );
}

proptest! {
    #![proptest_config(proptest_config(256))]

    /// The seed's rule of thumb: x million records of y MB take x·y TB.
    #[test]
    fn x_million_of_y_mb_is_xy_tb(x in 0.0..1e4f64, y in 0.0..1e3f64) {
        let bytes = stored(x * 1e6, Bytes(y * MB)).0;
        prop_assert!(close(bytes, x * y * TB), "{} million of {} MB gave {} bytes", x, y, bytes);
    }

    #[test]
    fn more_growth_never_keeps_fewer_records(
        count in 1.0..1e9f64,
        years in 1u32..20,
        growth in 0.0..1.0f64,
        more in 0.0..1.0f64,
    ) {
        let rate = Rate { count, per: Period::Day };
        let slower = records_kept(rate, Retention { years, yearly_growth: growth }, 30.0);
        let faster = records_kept(rate, Retention { years, yearly_growth: growth + more }, 30.0);
        prop_assert!(
            faster.exact >= slower.exact * (1.0 - 1e-12),
            "{} years at {} growth kept {} records, but at {} growth only {}",
            years, growth, slower.exact, growth + more, faster.exact
        );
        let flat = records_kept(rate, keep(years), 30.0);
        let one_year = records_kept(rate, keep(1), 30.0);
        prop_assert!(close(flat.exact, one_year.exact * f64::from(years)),
            "{} years without growth should be {} times one year", years, years);
    }
}
