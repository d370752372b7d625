//! Checks for `exercises/estimation/src/rates.rs`.

mod support;

use estimation::Estimate;
use estimation::rates::{
    DEFAULT_MONTH_DAYS, SECONDS_PER_DAY, SHORTCUT_SECONDS_PER_DAY, at_peak, per, per_second,
    seconds_in, shortcut_error,
};
use estimation::units::{Period, Rate};
use proptest::prelude::*;
use rstest::rstest;
use support::{assert_close, assert_estimate, close, proptest_config};

fn rate(count: f64, per: Period) -> Rate {
    Rate { count, per }
}

#[rstest]
#[case(Period::Second, 1.0, 1.0)]
#[case(Period::Day, 86_400.0, 100_000.0)]
#[case(Period::Month, 30.0 * 86_400.0, 30.0 * 100_000.0)]
#[case(Period::Year, 365.0 * 86_400.0, 12.0 * 30.0 * 100_000.0)]
fn counts_the_seconds_in_each_period_both_ways(
    #[case] period: Period,
    #[case] exact: f64,
    #[case] shortcut: f64,
) {
    assert_estimate(
        seconds_in(period, DEFAULT_MONTH_DAYS),
        exact,
        shortcut,
        &format!(
            "seconds in a {period} of a 30-day month (exactly: 86,400 s a day, 365 days a \
             year; the shortcut: 10^5 s a day, a year of twelve months)"
        ),
    );
}

#[test]
fn a_month_is_as_long_as_the_scenario_says() {
    assert_estimate(
        seconds_in(Period::Month, 31.0),
        31.0 * SECONDS_PER_DAY,
        31.0 * SHORTCUT_SECONDS_PER_DAY,
        "seconds in a 31-day month",
    );
}

#[rstest]
// The social app: 250M daily users, 7 queries each. The seed rounds to 18k.
#[case(rate(250e6 * 7.0, Period::Day), 250e6 * 7.0 / 86_400.0, 17_500.0)]
// The URL shortener's writes and reads, 100 reads for each write.
#[case(rate(500e6, Period::Month), 500e6 / (30.0 * 86_400.0), 500e6 / 3e6)]
#[case(rate(50e9, Period::Month), 50e9 / (30.0 * 86_400.0), 50e9 / 3e6)]
// The music service's reads: 200M daily users, 10 each.
#[case(rate(2e9, Period::Day), 2e9 / 86_400.0, 20_000.0)]
#[case(rate(100.0, Period::Second), 100.0, 100.0)]
#[case(rate(3.1536e9, Period::Year), 100.0, 3.1536e9 / 3.6e7)]
fn converts_a_rate_to_requests_per_second(
    #[case] rate: Rate,
    #[case] exact: f64,
    #[case] shortcut: f64,
) {
    assert_estimate(
        per_second(rate, DEFAULT_MONTH_DAYS),
        exact,
        shortcut,
        &format!("{} per {:?} per second", rate.count, rate.per),
    );
}

#[test]
fn the_social_apps_queries_are_20255_a_second_not_18k() {
    let queries = per_second(rate(250e6 * 7.0, Period::Day), DEFAULT_MONTH_DAYS);
    assert_eq!(
        queries.exact.round(),
        20_255.0,
        "250M x 7 a day over 86,400 s: got {}",
        queries.exact
    );
    assert_eq!(queries.shortcut, 17_500.0, "250M x 7 a day over 10^5 s");
}

#[test]
fn converts_between_any_two_periods() {
    assert_estimate(
        per(rate(100.0, Period::Second), Period::Day, DEFAULT_MONTH_DAYS),
        8_640_000.0,
        10_000_000.0,
        "100 a second, per day",
    );
    assert_estimate(
        per(rate(500e6, Period::Month), Period::Day, DEFAULT_MONTH_DAYS),
        500e6 / 30.0,
        500e6 / 30.0,
        "500M a month, per day: no seconds involved, so both ways agree",
    );
    assert_estimate(
        per(rate(500e6, Period::Month), Period::Year, DEFAULT_MONTH_DAYS),
        500e6 * 365.0 / 30.0,
        500e6 * 12.0,
        "500M a month, per year",
    );
}

#[test]
fn the_shortcut_puts_anything_per_day_13_6_percent_low() {
    for count in [1.0, 250e6 * 7.0, 2e9] {
        let error = shortcut_error(per_second(rate(count, Period::Day), DEFAULT_MONTH_DAYS));
        assert_close(
            error,
            86_400.0 / 100_000.0 - 1.0,
            "the shortcut's error per day",
        );
    }
}

#[test]
fn the_shortcut_error_is_signed_and_relative_to_the_exact_figure() {
    let too_high = Estimate {
        exact: 100.0,
        shortcut: 125.0,
    };
    assert_close(
        shortcut_error(too_high),
        0.25,
        "125 for 100 is 25% high: the error is a fraction of the exact figure",
    );
    let too_low = Estimate {
        exact: 200.0,
        shortcut: 150.0,
    };
    assert_close(shortcut_error(too_low), -0.25, "150 for 200 is 25% low");
}

#[test]
fn the_peak_is_the_average_times_the_peak_factor() {
    let average = per_second(rate(250e6 * 7.0, Period::Day), DEFAULT_MONTH_DAYS);
    let peak = at_peak(average, 2.0);
    assert_estimate(
        peak,
        2.0 * average.exact,
        35_000.0,
        "the social app at twice its average",
    );
}

fn any_period() -> impl Strategy<Value = Period> {
    prop::sample::select(vec![
        Period::Second,
        Period::Day,
        Period::Month,
        Period::Year,
    ])
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn rates_scale_linearly(
        count in 0.0..1e12f64,
        factor in 0.0..1e3f64,
        from in any_period(),
        to in any_period(),
        month_days in 28.0..31.0f64,
    ) {
        let one = per(rate(count, from), to, month_days);
        let scaled = per(rate(count * factor, from), to, month_days);
        prop_assert!(
            close(scaled.exact, one.exact * factor) && close(scaled.shortcut, one.shortcut * factor),
            "{} times the rate gave {:?}, but {} times {:?} is not that", factor, scaled, factor, one
        );
    }

    #[test]
    fn converting_there_and_back_changes_nothing(
        count in 1.0..1e12f64,
        from in any_period(),
        to in any_period(),
        month_days in 28.0..31.0f64,
    ) {
        let there = per(rate(count, from), to, month_days);
        let exact_back = per(rate(there.exact, to), from, month_days).exact;
        let shortcut_back = per(rate(there.shortcut, to), from, month_days).shortcut;
        prop_assert!(
            close(exact_back, count) && close(shortcut_back, count),
            "{} per {:?} to {:?} and back gave {} exactly and {} by the shortcut",
            count, from, to, exact_back, shortcut_back
        );
    }
}
