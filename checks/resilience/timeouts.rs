//! Checks for `exercises/resilience/src/timeouts.rs`.

use std::time::Duration;

use proptest::prelude::*;
use resilience::{ChainOutcome, ChainRun, Deadline, Hedged, call_chain, hedge, percentile};
use rstest::rstest;

mod support;
use support::{Draws, ms};

#[test]
fn a_deadline_is_a_moment_with_time_left_until_it() {
    let deadline = Deadline::after(ms(1_000), ms(300));
    assert_eq!(
        deadline.at,
        ms(1_300),
        "300 ms from 1000 ms is the moment 1300 ms"
    );
    assert_eq!(
        deadline.remaining(ms(1_100)),
        ms(200),
        "at 1100 ms, 200 ms are left"
    );
    assert_eq!(
        deadline.remaining(ms(2_000)),
        Duration::ZERO,
        "700 ms past the deadline nothing is left, not a negative time"
    );
    assert!(
        !deadline.is_expired(ms(1_299)),
        "1 ms before the deadline it has not passed"
    );
    assert!(
        deadline.is_expired(ms(1_300)),
        "at the deadline itself no time is left: expired"
    );
}

#[test]
fn a_chain_within_its_deadline_completes() {
    let run = call_chain(
        ms(0),
        Deadline::after(ms(0), ms(100)),
        &[ms(20), ms(30), ms(40)],
    );
    assert_eq!(
        run,
        ChainRun {
            outcome: ChainOutcome::Completed { at: ms(90) },
            work_done: ms(90)
        },
        "three hops of 20, 30 and 40 ms fit a 100 ms budget: done at 90 ms"
    );
}

#[test]
fn a_chain_that_ends_exactly_at_the_deadline_completes() {
    let run = call_chain(
        ms(0),
        Deadline::after(ms(0), ms(90)),
        &[ms(20), ms(30), ms(40)],
    );
    assert_eq!(
        run.outcome,
        ChainOutcome::Completed { at: ms(90) },
        "work that ends exactly at the deadline is in time"
    );
}

#[test]
fn each_hop_gets_only_what_is_left_of_the_callers_budget() {
    let run = call_chain(
        ms(500),
        Deadline::after(ms(500), ms(100)),
        &[ms(40), ms(40), ms(40)],
    );
    assert_eq!(
        run,
        ChainRun {
            outcome: ChainOutcome::DeadlineExceeded { hop: 2 },
            work_done: ms(100)
        },
        "hops of 40 ms under a 100 ms deadline: hop 2 is called at 80 ms with 20 ms left, \
         works until the deadline and gives up; a fresh 100 ms per hop would have let it \
         finish at 120 ms, long after the user stopped waiting"
    );
}

#[test]
fn a_hop_called_after_the_deadline_does_no_work() {
    // The deadline was set upstream and is already gone when the chain starts.
    let run = call_chain(ms(250), Deadline { at: ms(200) }, &[ms(10), ms(10)]);
    assert_eq!(
        run,
        ChainRun {
            outcome: ChainOutcome::DeadlineExceeded { hop: 0 },
            work_done: ms(0)
        },
        "called at 250 ms with a deadline of 200 ms: nobody is waiting for the answer, so \
         hop 0 gives up without working"
    );
}

#[test]
fn a_hop_called_exactly_at_the_deadline_does_no_work() {
    let run = call_chain(ms(0), Deadline::after(ms(0), ms(50)), &[ms(50), ms(10)]);
    assert_eq!(
        run,
        ChainRun {
            outcome: ChainOutcome::DeadlineExceeded { hop: 1 },
            work_done: ms(50)
        },
        "hop 0 uses the whole 50 ms; hop 1 is called at the deadline with nothing left"
    );
}

#[test]
fn a_hop_with_no_work_still_runs_with_no_time_left() {
    let run = call_chain(ms(0), Deadline::after(ms(0), ms(50)), &[ms(50), ms(0)]);
    assert_eq!(
        run.outcome,
        ChainOutcome::Completed { at: ms(50) },
        "a hop that needs no time finishes even with no time left"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(300))]

    #[test]
    fn no_work_is_done_past_the_deadline(
        start_ms in 0u64..1_000,
        budget_ms in 0u64..500,
        hops_ms in proptest::collection::vec(0u64..200, 0..8),
    ) {
        let hops: Vec<Duration> = hops_ms.iter().map(|&h| ms(h)).collect();
        let deadline = Deadline::after(ms(start_ms), ms(budget_ms));
        let run = call_chain(ms(start_ms), deadline, &hops);
        let total: Duration = hops.iter().sum();
        prop_assert!(
            run.work_done <= ms(budget_ms),
            "hops {:?} under a {} ms budget did {:?} of work: more than the budget",
            hops_ms, budget_ms, run.work_done
        );
        match run.outcome {
            ChainOutcome::Completed { at } => {
                prop_assert_eq!(run.work_done, total, "a completed chain did all its work");
                prop_assert!(at <= deadline.at, "completed at {:?}, after the deadline {:?}", at, deadline.at);
            }
            ChainOutcome::DeadlineExceeded { .. } => prop_assert!(
                total > ms(budget_ms),
                "hops {:?} need {:?}, within the {} ms budget, yet the chain gave up",
                hops_ms, total, budget_ms
            ),
        }
    }
}

#[rstest]
#[case::the_median_of_ten(50.0, 50)]
#[case::the_90th_of_ten(90.0, 90)]
#[case::a_rank_between_samples_rounds_up(91.0, 100)]
#[case::the_95th_of_ten(95.0, 100)]
#[case::the_100th_is_the_largest(100.0, 100)]
#[case::a_tiny_percentile_is_the_smallest(1.0, 10)]
#[case::the_0th_is_the_smallest(0.0, 10)]
fn percentile_by_nearest_rank(#[case] p: f64, #[case] expected_ms: u64) {
    // Ten samples, 10 ms to 100 ms, given out of order.
    let samples: Vec<Duration> = [70, 10, 100, 40, 20, 90, 30, 60, 50, 80].map(ms).to_vec();
    assert_eq!(
        percentile(&samples, p),
        ms(expected_ms),
        "the {p}th percentile of 10, 20, …, 100 ms by nearest rank is the sample at rank \
         ceil({p}% × 10) in sorted order"
    );
}

#[rstest]
#[case::a_fast_reply_sends_no_hedge(8, 50, 10, Hedged { latency: ms(8), requests: 1 })]
#[case::a_reply_exactly_at_the_threshold_is_in_time(10, 50, 10, Hedged { latency: ms(10), requests: 1 })]
#[case::a_slow_reply_is_beaten_by_the_hedge(500, 12, 10, Hedged { latency: ms(22), requests: 2 })]
#[case::the_first_copy_can_still_win_after_the_hedge_goes(25, 40, 10, Hedged { latency: ms(25), requests: 2 })]
fn hedge_sends_a_second_copy_only_when_the_first_is_late(
    #[case] primary_ms: u64,
    #[case] backup_ms: u64,
    #[case] after_ms: u64,
    #[case] expected: Hedged,
) {
    assert_eq!(
        hedge(ms(primary_ms), ms(backup_ms), ms(after_ms)),
        expected,
        "first copy {primary_ms} ms, hedge {backup_ms} ms, hedging after {after_ms} ms: the \
         hedge goes out only if no reply by {after_ms} ms, and the first reply wins"
    );
}

/// A service that answers in 10 to 15 ms, except 3 requests in 100 that hit a pause
/// of 200 ms to 1 s: a garbage collection, a full queue, a slow disk.
fn latency(draws: &mut Draws) -> Duration {
    if draws.next() < 0.03 {
        ms(200) + Duration::from_secs_f64(draws.next() * 0.8)
    } else {
        ms(10) + Duration::from_secs_f64(draws.next() * 0.005)
    }
}

#[test]
fn hedging_after_the_95th_percentile_cuts_the_tail_for_five_percent_more_load() {
    let mut draws = Draws::seeded(42);
    let primaries: Vec<Duration> = (0..10_000).map(|_| latency(&mut draws)).collect();
    let backups: Vec<Duration> = (0..10_000).map(|_| latency(&mut draws)).collect();
    let p95 = percentile(&primaries, 95.0);
    let runs: Vec<Hedged> = primaries
        .iter()
        .zip(&backups)
        .map(|(&p, &b)| hedge(p, b, p95))
        .collect();
    let requests: u32 = runs.iter().map(|r| r.requests).sum();
    assert_eq!(
        requests, 10_500,
        "hedging after the p95 of these same latencies sends a second copy for exactly the \
         5% slower than it: 10000 requests become 10500"
    );
    let hedged: Vec<Duration> = runs.iter().map(|r| r.latency).collect();
    let (before, after) = (percentile(&primaries, 99.0), percentile(&hedged, 99.0));
    assert!(
        before >= ms(200) && after <= ms(35),
        "the p99 was {before:?} without hedging and {after:?} with it: the hedge should \
         bring the tail from the pauses (200 ms or more) down to about p95 + one more \
         ordinary reply (under 35 ms)"
    );
}
