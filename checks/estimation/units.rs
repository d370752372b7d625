//! Checks for `exercises/estimation/src/units.rs`.

mod support;

use std::time::Duration;

use estimation::units::{Bytes, Count, IEC, Period, Rate, SI, Time, in_units};
use proptest::prelude::*;
use rstest::rstest;
use support::{assert_close, proptest_config};

#[rstest]
#[case("500 TB", 500e12)]
#[case("5MB", 5e6)]
#[case::kb_is_read_as_kilobytes_not_kibibytes("3 KB", 3e3)]
#[case("1.5 KiB", 1536.0)]
#[case("2 GiB", 2_147_483_648.0)]
#[case("1,500 B", 1500.0)]
fn reads_sizes_in_si_and_iec_units(#[case] text: &str, #[case] bytes: f64) {
    let parsed: Bytes = text
        .parse()
        .unwrap_or_else(|error| panic!("`{text}` is a size, but reading it failed: {error}"));
    assert_close(parsed.0, bytes, &format!("bytes in `{text}`"));
}

#[rstest]
#[case("5 MBs")]
#[case("5 XB")]
#[case("-5 MB")]
fn a_bad_size_is_an_error_that_says_what_was_expected(#[case] text: &str) {
    let error = text
        .parse::<Bytes>()
        .expect_err(&format!("`{text}` is not a size, yet it was read as one"));
    let message = error.to_string();
    assert!(
        message.contains(&format!("`{text}`")) && message.contains("MB"),
        "the error for `{text}` should quote it and show a unit that works, such as MB: {message}"
    );
}

#[test]
fn a_lowercase_b_is_taken_for_a_bit_and_refused() {
    let error = "300 Kb"
        .parse::<Bytes>()
        .expect_err("`300 Kb` is kilobits, not a size in bytes");
    assert!(
        error.to_string().contains("bit"),
        "the error for `300 Kb` should say a lowercase b is a bit: {error}"
    );
}

#[rstest]
#[case(500.0, "500 B")]
#[case(0.0, "0 B")]
#[case::rounds_before_choosing_the_unit(999.7, "1 kB")]
#[case(96_450.6, "96.5 kB")]
#[case::a_million_items_of_5_mb_the_exponents_add(1e6 * 5e6, "5 TB")]
#[case(15_208_333_333_333.3, "15.2 TB")]
fn formats_sizes_in_si_with_three_significant_figures(#[case] bytes: f64, #[case] text: &str) {
    assert_eq!(
        Bytes(bytes).si(),
        text,
        "{bytes} bytes in SI units: rounded to three significant figures first, then in \
         the largest unit that keeps the number at least 1"
    );
    assert_eq!(
        Bytes(bytes).to_string(),
        text,
        "{bytes} bytes shown with Display, which is the SI form"
    );
}

#[rstest]
#[case(1024.0, "1 KiB")]
#[case::a_disk_sold_as_1_tb(1e12, "931 GiB")]
#[case(15.2e12, "13.8 TiB")]
fn formats_sizes_in_iec_with_three_significant_figures(#[case] bytes: f64, #[case] text: &str) {
    assert_eq!(
        Bytes(bytes).iec(),
        text,
        "{bytes} bytes in IEC units, each step 1024 times the one before"
    );
}

#[test]
fn the_same_bytes_read_differently_in_si_and_iec() {
    assert_eq!(
        in_units(1024.0, &SI),
        "1.02 kB",
        "1024 bytes in SI units, where a kB is 1000 bytes"
    );
    assert_eq!(
        in_units(1024.0, &IEC),
        "1 KiB",
        "1024 bytes in IEC units, where a KiB is 1024 bytes"
    );
}

#[rstest]
#[case::three_figures_below_one(0.123, "0.123")]
#[case(192.9, "193")]
#[case::rounds_up_to_a_thousand(999.5, "1,000")]
#[case(20_254.63, "20,255")]
#[case::six_digits(625_000.0, "625,000")]
#[case::rounds_up_to_a_million(999_999.5, "1M")]
#[case::a_negative_difference(-20_254.63, "-20,255")]
#[case(30_416_666_666.7, "30.4B")]
fn formats_counts_readably(#[case] count: f64, #[case] text: &str) {
    assert_eq!(
        Count(count).to_string(),
        text,
        "the count {count}: three significant figures below 1,000, whole with a comma \
         before each group of three digits from the right below a million, then a suffix"
    );
}

/// The reading of counts, rates and times is given in the stub; these keep it honest.
#[rstest]
#[case("500M per month", 500e6, Period::Month, "500M per month")]
#[case("250M x 7 per day", 1.75e9, Period::Day, "1.75B per day")]
#[case("1B x 25% x 2 per year", 5e8, Period::Year, "500M per year")]
#[case("100/s", 100.0, Period::Second, "100 per second")]
fn reads_rates_as_scenario_files_write_them(
    #[case] text: &str,
    #[case] count: f64,
    #[case] per: Period,
    #[case] shown: &str,
) {
    let rate: Rate = text
        .parse()
        .unwrap_or_else(|error| panic!("`{text}` is a rate, but reading it failed: {error}"));
    assert_close(rate.count, count, &format!("the count in `{text}`"));
    assert_eq!(rate.per, per, "the period of `{text}`");
    assert_eq!(
        rate.to_string(),
        shown,
        "`{text}` shown back as its count and period"
    );
}

#[rstest]
#[case("500 ms", Duration::from_millis(500), "500 ms")]
#[case("0.5 s", Duration::from_millis(500), "500 ms")]
#[case("1500 ms", Duration::from_millis(1500), "1.5 s")]
#[case("150 µs", Duration::from_micros(150), "150 µs")]
fn reads_times_and_shows_them_in_the_largest_unit_that_fits(
    #[case] text: &str,
    #[case] time: Duration,
    #[case] shown: &str,
) {
    let parsed: Time = text
        .parse()
        .unwrap_or_else(|error| panic!("`{text}` is a time, but reading it failed: {error}"));
    assert_eq!(parsed.0, time, "the time `{text}`");
    assert_eq!(
        parsed.to_string(),
        shown,
        "{time:?} at three significant figures in s, ms, µs or ns"
    );
}

/// Three significant figures are at most half a unit in the third figure off: 0.5%.
fn within_three_figures(read_back: f64, original: f64) -> bool {
    (read_back - original).abs() <= 0.005 * original + 1e-9
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn a_formatted_size_reads_back_to_within_its_precision(bytes in 0.0..1e17f64) {
        for text in [Bytes(bytes).si(), Bytes(bytes).iec()] {
            let read_back: Bytes = text.parse().map_err(|error| {
                TestCaseError::fail(format!("{bytes} bytes formatted as `{text}`, which does not read back: {error}"))
            })?;
            prop_assert!(
                within_three_figures(read_back.0, bytes),
                "{} bytes formatted as `{}` read back as {}", bytes, text, read_back.0
            );
        }
    }

    #[test]
    fn a_formatted_count_reads_back_to_within_its_precision(count in 0.0..1e15f64) {
        let text = Count(count).to_string();
        let read_back: Count = text.parse().map_err(|error| {
            TestCaseError::fail(format!("{count} formatted as `{text}`, which does not read back: {error}"))
        })?;
        prop_assert!(
            within_three_figures(read_back.0, count) || (read_back.0 - count).abs() <= 0.5,
            "{} formatted as `{}` read back as {}", count, text, read_back.0
        );
    }

    #[test]
    fn any_text_is_read_as_a_size_or_refused_without_a_panic(text in "\\PC{0,12}") {
        let _ = text.parse::<Bytes>();
    }
}
