//! Checks for `exercises/estimation/src/units.rs`.

mod support;

use std::time::Duration;

use estimation::units::{Bytes, Count, Period, Rate, Time};
use proptest::prelude::*;
use rstest::rstest;
use support::{assert_close, proptest_config};

#[rstest]
#[case("500 TB", 500e12)]
#[case("5 MB", 5e6)]
#[case("5MB", 5e6)]
#[case("0.5 kB", 500.0)]
#[case::kb_is_read_as_kilobytes_not_kibibytes("3 KB", 3e3)]
#[case("1 PB", 1e15)]
#[case("1.5 KiB", 1536.0)]
#[case("2 GiB", 2_147_483_648.0)]
#[case("1 TiB", 1_099_511_627_776.0)]
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
#[case("MB")]
#[case("")]
#[case("-5 MB")]
#[case("five MB")]
#[case("5 MB 3")]
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
#[case(1536.0, "1.54 kB")]
#[case(999.7, "1 kB")]
#[case(96_450.6, "96.5 kB")]
#[case(166_666_666_666.7, "167 GB")]
#[case(15_208_333_333_333.3, "15.2 TB")]
#[case(500e12, "500 TB")]
#[case(530.6e12, "531 TB")]
#[case(1e15, "1 PB")]
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
        "{bytes} bytes shown with Display"
    );
}

#[rstest]
#[case(1024.0, "1 KiB")]
#[case(1536.0, "1.5 KiB")]
#[case(1_073_741_824.0, "1 GiB")]
#[case(1e9, "954 MiB")]
#[case(15.2e12, "13.8 TiB")]
fn formats_sizes_in_iec_with_three_significant_figures(#[case] bytes: f64, #[case] text: &str) {
    assert_eq!(Bytes(bytes).iec(), text, "{bytes} bytes in IEC units");
}

#[rstest]
#[case("7", 7.0)]
#[case("500K", 500e3)]
#[case("500M", 500e6)]
#[case("1.5B", 1.5e9)]
#[case("2T", 2e12)]
#[case("20%", 0.2)]
#[case("20,255", 20_255.0)]
#[case("250M x 7", 1.75e9)]
#[case("1B x 25% x 7", 1.75e9)]
#[case("5 × 500", 2500.0)]
fn reads_counts_with_suffixes_percentages_and_products(#[case] text: &str, #[case] count: f64) {
    let parsed: Count = text
        .parse()
        .unwrap_or_else(|error| panic!("`{text}` is a count, but reading it failed: {error}"));
    assert_close(parsed.0, count, &format!("the count `{text}`"));
}

#[rstest]
#[case("5 apples")]
#[case("M")]
#[case("")]
#[case("250M x")]
fn a_bad_count_is_an_error_that_quotes_it(#[case] text: &str) {
    let error = text
        .parse::<Count>()
        .expect_err(&format!("`{text}` is not a count, yet it was read as one"));
    assert!(
        error.to_string().contains(&format!("`{text}`")),
        "the error for `{text}` should quote it: {error}"
    );
}

#[rstest]
#[case(0.5, "0.5")]
#[case::three_figures_below_one(0.123, "0.123")]
#[case(11.574, "11.6")]
#[case(192.9, "193")]
#[case::rounds_up_to_a_thousand(999.5, "1,000")]
#[case(999.7, "1,000")]
#[case(17_500.0, "17,500")]
#[case(20_254.63, "20,255")]
#[case(104_166.7, "104,167")]
#[case::rounds_up_to_a_million(999_999.5, "1M")]
#[case(999_999.7, "1M")]
#[case::a_negative_difference(-20_254.63, "-20,255")]
#[case(1.75e9, "1.75B")]
#[case(30_416_666_666.7, "30.4B")]
#[case(2e12, "2T")]
fn formats_counts_readably(#[case] count: f64, #[case] text: &str) {
    assert_eq!(
        Count(count).to_string(),
        text,
        "the count {count}: three significant figures below 1,000, whole with a comma \
         before each group of three digits from the right below a million, then a suffix"
    );
}

#[rstest]
#[case("500M per month", 500e6, Period::Month)]
#[case("250M x 7 per day", 1.75e9, Period::Day)]
#[case("100/s", 100.0, Period::Second)]
#[case("3 per second", 3.0, Period::Second)]
#[case("2 per year", 2.0, Period::Year)]
fn reads_rates_per_second_day_month_and_year(
    #[case] text: &str,
    #[case] count: f64,
    #[case] per: Period,
) {
    let rate: Rate = text
        .parse()
        .unwrap_or_else(|error| panic!("`{text}` is a rate, but reading it failed: {error}"));
    assert_close(rate.count, count, &format!("the count in `{text}`"));
    assert_eq!(rate.per, per, "the period of `{text}`");
}

#[test]
fn a_rate_without_a_known_period_is_an_error_that_names_the_periods() {
    for text in ["500M a month", "5 per fortnight"] {
        let error = text
            .parse::<Rate>()
            .expect_err(&format!("`{text}` has no period the course knows"));
        assert!(
            error.to_string().contains("month"),
            "the error for `{text}` should show a period that works, such as month: {error}"
        );
    }
}

#[test]
fn shows_a_rate_as_its_count_and_period() {
    let rate = Rate {
        count: 500e6,
        per: Period::Month,
    };
    assert_eq!(rate.to_string(), "500M per month");
    let rate = Rate {
        count: 1.75e9,
        per: Period::Day,
    };
    assert_eq!(rate.to_string(), "1.75B per day");
}

#[rstest]
#[case("500 ms", Duration::from_millis(500))]
#[case("500ms", Duration::from_millis(500))]
#[case("0.5 s", Duration::from_millis(500))]
#[case("150 µs", Duration::from_micros(150))]
#[case("150 us", Duration::from_micros(150))]
#[case("10 ns", Duration::from_nanos(10))]
fn reads_times(#[case] text: &str, #[case] time: Duration) {
    let parsed: Time = text
        .parse()
        .unwrap_or_else(|error| panic!("`{text}` is a time, but reading it failed: {error}"));
    assert_eq!(parsed.0, time, "the time `{text}`");
}

#[rstest]
#[case(Duration::from_millis(500), "500 ms")]
#[case(Duration::from_millis(1500), "1.5 s")]
#[case(Duration::from_micros(150), "150 µs")]
#[case(Duration::from_nanos(10), "10 ns")]
fn shows_times_in_the_largest_unit_that_fits(#[case] time: Duration, #[case] text: &str) {
    assert_eq!(Time(time).to_string(), text, "{time:?}");
}

#[test]
fn a_bad_time_is_an_error_that_quotes_it() {
    let error = "5 minutes"
        .parse::<Time>()
        .expect_err("minutes are not a unit here");
    assert!(error.to_string().contains("`5 minutes`"), "{error}");
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
    fn a_size_written_as_formatted_reads_and_formats_back_unchanged(
        mantissa in 1u32..1000,
        unit in prop::sample::select(vec!["B", "kB", "MB", "GB", "TB", "PB"]),
    ) {
        let text = format!("{mantissa} {unit}");
        let bytes = text.parse::<Bytes>().map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(bytes.si(), text);
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
    fn any_text_is_read_or_refused_without_a_panic(text in "\\PC{0,12}") {
        let _ = text.parse::<Bytes>();
        let _ = text.parse::<Count>();
        let _ = text.parse::<Rate>();
        let _ = text.parse::<Time>();
    }
}
