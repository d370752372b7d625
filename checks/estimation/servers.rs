//! Checks for `exercises/estimation/src/servers.rs`.

mod support;

use std::time::Duration;

use estimation::Estimate;
use estimation::latency_numbers::{Operation, per_second};
use estimation::servers::{
    capacity_per_server, in_flight, servers_at_peak, servers_needed, service_time, time_in_system,
};
use proptest::prelude::*;
use rstest::rstest;
use support::{assert_close, assert_estimate, proptest_config};

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// The table's nanoseconds for `steps`, added up by hand.
fn table_nanos(steps: &[(Operation, u32)]) -> f64 {
    steps
        .iter()
        .map(|&(operation, times)| operation.nanos() * f64::from(times))
        .sum()
}

#[test]
fn a_request_holds_its_worker_for_the_sum_of_its_steps() {
    let cache_then_ssd = [
        (Operation::RoundTripInDatacenter, 1),
        (Operation::ReadRandom4KBFromSsd, 1),
    ];
    assert_close(
        service_time(&cache_then_ssd).as_secs_f64() * 1e9,
        table_nanos(&cache_then_ssd),
        "ns for a round trip to a cache, then a random 4 KB read from SSD (500 µs + 150 µs \
         in the table)",
    );
    let busy = [
        (Operation::RoundTripInDatacenter, 2),
        (Operation::ReadRandom4KBFromSsd, 1),
        (Operation::Compress1KB, 3),
    ];
    assert_close(
        service_time(&busy).as_secs_f64() * 1e9,
        table_nanos(&busy),
        "ns for two round trips, a random SSD read and compressing 3 KB: each step as \
         many times as it runs",
    );
    assert_eq!(
        service_time(&[]),
        Duration::ZERO,
        "a request that does nothing holds its worker no time"
    );
}

#[test]
fn a_thread_that_seeks_a_disk_each_request_serves_what_the_disk_allows() {
    let seek = service_time(&[(Operation::DiskSeek, 1)]);
    assert_close(
        capacity_per_server(1, seek),
        per_second(Operation::DiskSeek),
        "requests a second on one thread when each waits for one disk seek: as many as the \
         disk seeks in a second",
    );
    let round_trips = service_time(&[(Operation::RoundTripInDatacenter, 5)]);
    assert_close(
        capacity_per_server(50, round_trips),
        50.0 * per_second(Operation::RoundTripInDatacenter) / 5.0,
        "requests a second on 50 threads when each request makes five round trips in the \
         datacenter, one after another",
    );
}

#[test]
fn fifty_threads_at_500_ms_serve_100_requests_a_second() {
    assert_close(
        capacity_per_server(50, ms(500)),
        100.0,
        "50 threads, 500 ms each",
    );
    assert_close(
        capacity_per_server(8, ms(20)),
        400.0,
        "8 threads, 20 ms each",
    );
}

#[test]
fn littles_law_counts_the_requests_in_flight() {
    assert_close(
        in_flight(100.0, ms(500)),
        50.0,
        "100 a second that take 500 ms each",
    );
    assert_close(
        in_flight(20_000.0, ms(5)),
        100.0,
        "20,000 a second that take 5 ms each",
    );
}

#[test]
fn the_social_app_needs_203_servers_not_180() {
    let queries = 250e6 * 7.0 / 86_400.0;
    assert_eq!(
        servers_needed(queries, 100.0, 1.0),
        203,
        "20,255 queries a second at 100 each"
    );
    assert_eq!(
        servers_needed(17_500.0, 100.0, 1.0),
        175,
        "the shortcut's 17,500 at 100 each"
    );
}

#[test]
fn a_load_that_fills_servers_exactly_needs_no_extra_one() {
    assert_eq!(
        servers_needed(20_000.0, 100.0, 1.0),
        200,
        "20,000 a second at 100 each"
    );
    assert_eq!(
        servers_needed(7_000.0, 100.0, 0.7),
        100,
        "7,000 a second on servers of 100 a second run at 70% (70 usable each)"
    );
    assert_eq!(servers_needed(0.0, 100.0, 0.7), 0, "no load, no servers");
}

#[test]
fn float_noise_above_a_whole_number_is_not_a_server_more() {
    let one_thread_at_3_ms = capacity_per_server(1, ms(3));
    assert_eq!(
        servers_needed(20_000.0, one_thread_at_3_ms, 0.6),
        100,
        "20,000 a second on one thread at 3 ms (333.3 a second) run at 60% fills exactly \
         100 servers; in floating point the division comes out as 100.00000000000001, \
         and a plain ceil rounds that noise up to a 101st server"
    );
}

#[test]
fn headroom_adds_servers() {
    assert_eq!(
        servers_needed(20_001.0, 100.0, 1.0),
        201,
        "a request over 200 servers' worth"
    );
    assert_eq!(
        servers_needed(20_000.0, 100.0, 0.8),
        250,
        "20,000 a second on servers of 100 a second run at 80%: 80 usable each, so \
         250 servers, more than the 200 that would run flat out"
    );
}

#[test]
fn the_social_apps_peak_with_30_percent_headroom() {
    let average = Estimate {
        exact: 250e6 * 7.0 / 86_400.0,
        shortcut: 17_500.0,
    };
    assert_estimate(
        servers_at_peak(average, 2.0, 100.0, 0.7),
        579.0,
        500.0,
        "twice the social app's queries on servers run at 70%: size the fleet for the \
         peak load, 40,509 a second / 70 = 579 (sizing the average and doubling the \
         count gives 580)",
    );
}

#[rstest]
#[case(0.0, 10.0)]
#[case(0.5, 20.0)]
#[case(0.7, 100.0 / 3.0)]
#[case(0.9, 100.0)]
#[case(0.99, 1000.0)]
fn a_busier_server_keeps_each_request_longer(#[case] utilisation: f64, #[case] millis: f64) {
    let time = time_in_system(ms(10), utilisation).unwrap_or_else(|| {
        panic!("a server busy {utilisation} of the time still drains its queue")
    });
    assert!(
        (time.as_secs_f64() * 1e3 - millis).abs() < 1e-6,
        "a 10 ms request on a server busy {:.0}% of the time: waiting plus service should \
         average {millis:.1} ms (10 ms / (1 - {utilisation})), got {time:?}",
        utilisation * 100.0
    );
}

#[test]
fn a_server_busy_all_the_time_has_a_queue_that_never_drains() {
    for utilisation in [1.0, 1.2] {
        assert_eq!(
            time_in_system(ms(10), utilisation),
            None,
            "at {:.0}% busy requests arrive as fast as they leave or faster; the wait has \
             no mean",
            utilisation * 100.0
        );
    }
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn waiting_only_grows_as_a_server_gets_busier(
        micros in 1u64..1_000_000,
        lower in 0.0..0.99f64,
        step in 0.0..0.5f64,
    ) {
        let service = Duration::from_micros(micros);
        let higher = (lower + step).min(0.99);
        let (calm, busy) = (time_in_system(service, lower), time_in_system(service, higher));
        prop_assert!(calm.is_some_and(|calm| calm >= service),
            "at {:.1}% busy a {:?} request spends {:?} in the server: never less than its service", lower * 100.0, service, calm);
        prop_assert!(calm <= busy,
            "a {:?} request spends {:?} at {:.1}% busy but {:?} at {:.1}%", service, calm, lower * 100.0, busy, higher * 100.0);
    }

    #[test]
    fn the_servers_needed_are_just_enough(
        load in 0.0..1e7f64,
        capacity in 1.0..1e4f64,
        utilisation in 0.1..1.0f64,
    ) {
        let servers = servers_needed(load, capacity, utilisation) as f64;
        let usable = capacity * utilisation;
        prop_assert!(servers * usable >= load * (1.0 - 1e-9),
            "{} servers of {} usable a second cannot carry {}", servers, usable, load);
        prop_assert!(servers == 0.0 || (servers - 1.0) * usable < load,
            "{} servers of {} usable a second are more than {} needs", servers, usable, load);
    }

    #[test]
    fn a_full_server_has_as_many_requests_in_flight_as_threads(
        threads in 1u32..1000,
        millis in 1u64..5000,
    ) {
        let capacity = capacity_per_server(threads, ms(millis));
        let busy = in_flight(capacity, ms(millis));
        prop_assert!((busy - f64::from(threads)).abs() < 1e-6,
            "{} threads at {} ms serve {} a second, which keeps {} in flight", threads, millis, capacity, busy);
    }
}
