//! Checks for `exercises/estimation/src/availability.rs`.

mod support;

use estimation::availability::{downtime, from_nines, parallel, serial};
use estimation::units::Period;
use proptest::prelude::*;
use rstest::rstest;
use support::{assert_close, proptest_config};

#[rstest]
#[case(2, 0.99)]
#[case(3, 0.999)]
#[case(4, 0.9999)]
#[case(5, 0.99999)]
fn nines_count_the_nines_of_the_percentage(#[case] nines: u32, #[case] availability: f64) {
    assert_close(
        from_nines(nines),
        availability,
        &format!("{nines} nines as a share of the time up"),
    );
}

/// Downtime budgets with a year of 365 days and a month of 30, in seconds.
#[rstest]
#[case::two_nines_three_and_a_half_days_a_year(2, 315_360.0, 25_920.0, 864.0)]
#[case::three_nines_under_nine_hours_a_year(3, 31_536.0, 2_592.0, 86.4)]
#[case::four_nines_under_an_hour_a_year(4, 3_153.6, 259.2, 8.64)]
#[case::five_nines_about_five_minutes_a_year(5, 315.36, 25.92, 0.864)]
fn nines_are_a_budget_of_downtime(
    #[case] nines: u32,
    #[case] year: f64,
    #[case] month: f64,
    #[case] day: f64,
) {
    let availability = from_nines(nines);
    for (period, seconds) in [
        (Period::Year, year),
        (Period::Month, month),
        (Period::Day, day),
    ] {
        assert_close(
            downtime(availability, period).as_secs_f64(),
            seconds,
            &format!(
                "seconds down in a {period} at {nines} nines (a year of 365 days, a month \
                 of 30, a day of 86,400 s)"
            ),
        );
    }
}

#[test]
fn parts_in_series_multiply_their_availabilities() {
    assert_close(
        serial(&[0.999, 0.999]),
        0.998001,
        "two parts of 99.9% that must both be up: up only while both are",
    );
    assert_close(
        serial(&[0.99, 0.999, 0.9999]),
        0.99 * 0.999 * 0.9999,
        "three parts in a chain",
    );
    assert_close(serial(&[]), 1.0, "a chain of no parts never fails");
}

#[test]
fn redundant_replicas_are_down_only_when_all_are_down() {
    assert_close(
        parallel(&[0.999, 0.999]),
        0.999_999,
        "two replicas of 99.9%: down only while both are, 0.1% of 0.1% of the time",
    );
    assert_close(
        parallel(&[0.9, 0.9, 0.9]),
        0.999,
        "three replicas of 90%, any one enough",
    );
    assert_close(
        parallel(&[0.999]),
        0.999,
        "one replica is just the part itself",
    );
    assert_close(parallel(&[]), 0.0, "no replicas at all are never up");
}

/// The notes' example: a load balancer (99.99%), two app servers (99.9% each, either
/// enough) and one database (99.95%), every request passing through all three tiers.
#[test]
fn a_load_balancer_two_app_servers_and_a_database() {
    let apps = parallel(&[0.999, 0.999]);
    let system = serial(&[0.9999, apps, 0.9995]);
    assert_close(
        system,
        0.9999 * (1.0 - 0.001 * 0.001) * 0.9995,
        "the system's availability: the tiers in series, the app servers in parallel",
    );
    let hours = downtime(system, Period::Year).as_secs_f64() / 3_600.0;
    assert!(
        (hours - 5.264).abs() < 0.001,
        "the system is down about 5.26 hours a year, most of it the database's 4.38; \
         got {hours:.3} hours"
    );
    let one_app = serial(&[0.9999, 0.999, 0.9995]);
    let hours_with_one_app = downtime(one_app, Period::Year).as_secs_f64() / 3_600.0;
    assert!(
        (hours_with_one_app - 14.01).abs() < 0.01,
        "with a single app server the system is down about 14 hours a year; got \
         {hours_with_one_app:.2} hours"
    );
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn adding_a_redundant_replica_never_lowers_availability(
        replicas in prop::collection::vec(0.0..=1.0f64, 0..6),
        another in 0.0..=1.0f64,
    ) {
        let before = parallel(&replicas);
        let mut more = replicas.clone();
        more.push(another);
        let after = parallel(&more);
        prop_assert!(after >= before,
            "replicas {:?} are up {} of the time; adding one of {} made it {}", replicas, before, another, after);
        prop_assert!((0.0..=1.0).contains(&after),
            "replicas {:?} came out up {} of the time, outside 0 to 1", more, after);
    }

    #[test]
    fn a_chain_is_never_more_available_than_its_weakest_part(
        parts in prop::collection::vec(0.0..=1.0f64, 1..6),
    ) {
        let weakest = parts.iter().copied().fold(1.0, f64::min);
        let chain = serial(&parts);
        prop_assert!(chain <= weakest,
            "parts {:?} in series came out up {} of the time, more than their weakest part's {}", parts, chain, weakest);
        prop_assert!(chain >= 0.0,
            "parts {:?} in series came out up {} of the time, below 0", parts, chain);
    }
}
