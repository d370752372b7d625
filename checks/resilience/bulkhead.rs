//! Checks for `exercises/resilience/src/bulkhead.rs`.

use proptest::prelude::*;
use resilience::{Bulkhead, Call, Report, serve};

mod support;
use support::ms;

#[test]
fn admits_up_to_its_limit_and_rejects_the_rest() {
    let bulkhead = Bulkhead::new(2);
    let first = bulkhead.try_acquire();
    let second = bulkhead.try_acquire();
    assert!(
        first.is_some() && second.is_some(),
        "a bulkhead of 2 admits 2 calls"
    );
    assert_eq!(
        bulkhead.in_flight(),
        2,
        "two permits are held: 2 calls in flight"
    );
    assert!(
        bulkhead.try_acquire().is_none(),
        "a third call while 2 are in flight is rejected"
    );
    assert!(bulkhead.try_acquire().is_none(), "and so is a fourth");
    assert_eq!(
        bulkhead.rejected(),
        2,
        "two calls were rejected, and the bulkhead counts them"
    );
    assert_eq!(bulkhead.in_flight(), 2, "a rejected call takes no slot");
}

#[test]
fn dropping_a_permit_frees_its_slot() {
    let bulkhead = Bulkhead::new(1);
    let permit = bulkhead.try_acquire();
    assert!(permit.is_some(), "an empty bulkhead of 1 admits a call");
    drop(permit);
    assert_eq!(
        bulkhead.in_flight(),
        0,
        "the call ended (its permit dropped): nothing in flight"
    );
    assert!(
        bulkhead.try_acquire().is_some(),
        "the freed slot admits the next call"
    );
    assert_eq!(bulkhead.rejected(), 0, "nothing was rejected");
}

#[test]
fn a_bulkhead_of_zero_rejects_everything() {
    let bulkhead = Bulkhead::new(0);
    assert!(
        bulkhead.try_acquire().is_none(),
        "a bulkhead with no room admits nothing"
    );
    assert_eq!(bulkhead.rejected(), 1, "and counts the rejection");
}

proptest! {
    #![proptest_config(support::proptest_config(300))]

    #[test]
    fn never_more_in_flight_than_the_limit(
        limit in 0usize..5,
        // true: try to start a call; false: end the oldest call still in flight.
        steps in proptest::collection::vec(any::<bool>(), 1..100),
    ) {
        let bulkhead = Bulkhead::new(limit);
        let mut held = std::collections::VecDeque::new();
        let mut rejected = 0u64;
        for start in steps {
            if start {
                match bulkhead.try_acquire() {
                    Some(permit) => held.push_back(permit),
                    None => {
                        prop_assert_eq!(
                            held.len(), limit,
                            "rejected a call with {} of {} slots taken", held.len(), limit
                        );
                        rejected += 1;
                    }
                }
            } else {
                held.pop_front();
            }
            prop_assert!(
                held.len() <= limit,
                "{} calls in flight through a bulkhead of {}", held.len(), limit
            );
            prop_assert_eq!(bulkhead.in_flight(), held.len(), "in flight: the permits held");
            prop_assert_eq!(bulkhead.rejected(), rejected, "rejections counted");
        }
    }
}

/// Payments (dependency 0) hangs for 2 s per call; the catalog (dependency 1)
/// answers in 10 ms. A call every 10 ms for 1 s, alternating: payments at 0, 20,
/// 40 ms…, the catalog at 10, 30, 50 ms…, 50 calls each.
fn traffic() -> Vec<Call> {
    (0..100u64)
        .map(|i| Call {
            at: ms(i * 10),
            dependency: (i % 2) as usize,
        })
        .collect()
}

const LATENCY: [std::time::Duration; 2] = [
    std::time::Duration::from_secs(2),
    std::time::Duration::from_millis(10),
];

#[test]
fn without_bulkheads_one_hanging_dependency_takes_every_worker() {
    let report = serve(10, &LATENCY, None, &traffic());
    assert_eq!(
        report,
        Report {
            served: vec![10, 9],
            no_worker: vec![40, 41],
            bulkhead_full: vec![0, 0]
        },
        "10 workers: the payment calls at 0, 20, …, 180 ms hold all 10 of them for 2 s, \
         so from 190 ms on every call is turned away, the catalog's too: only the 9 \
         catalog calls before that are served, of 50"
    );
}

#[test]
fn bulkheads_keep_workers_for_the_healthy_dependency() {
    let report = serve(10, &LATENCY, Some(&[5, 5]), &traffic());
    assert_eq!(
        report,
        Report {
            served: vec![5, 50],
            no_worker: vec![0, 0],
            bulkhead_full: vec![45, 0]
        },
        "a bulkhead of 5 per dependency: 5 payment calls hang and the other 45 are \
         rejected at once, and the 5 workers left serve all 50 catalog calls"
    );
}

#[test]
fn a_call_that_ends_as_another_arrives_frees_its_worker_for_it() {
    let calls = [
        Call {
            at: ms(0),
            dependency: 0,
        },
        Call {
            at: ms(100),
            dependency: 0,
        },
    ];
    let report = serve(1, &[ms(100)], Some(&[1]), &calls);
    assert_eq!(
        report.served,
        vec![2],
        "one worker, one slot: the first call ends at 100 ms, exactly when the second \
         arrives, so both are served"
    );
}

#[test]
fn a_rejected_call_gives_its_worker_back_at_once() {
    // One worker per dependency would be plenty, if rejections did not hold workers.
    let calls = [
        Call {
            at: ms(0),
            dependency: 0,
        },
        Call {
            at: ms(1),
            dependency: 0,
        },
        Call {
            at: ms(2),
            dependency: 1,
        },
    ];
    let report = serve(2, &[ms(1_000), ms(10)], Some(&[1, 1]), &calls);
    assert_eq!(
        report,
        Report {
            served: vec![1, 1],
            no_worker: vec![0, 0],
            bulkhead_full: vec![1, 0]
        },
        "two workers: the second payment call is rejected by its bulkhead and frees its \
         worker at once, so the catalog call at 2 ms finds one"
    );
}

#[test]
fn a_busy_server_turns_a_call_away_before_asking_the_bulkhead() {
    let calls = [
        Call {
            at: ms(0),
            dependency: 0,
        },
        Call {
            at: ms(1),
            dependency: 0,
        },
    ];
    let report = serve(1, &[ms(1_000)], Some(&[1]), &calls);
    assert_eq!(
        report,
        Report {
            served: vec![1],
            no_worker: vec![1],
            bulkhead_full: vec![0]
        },
        "one worker, busy until 1000 ms: the second call finds no worker and never \
         reaches the bulkhead"
    );
}
