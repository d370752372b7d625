//! Checks for `exercises/replication/src/lamport_clock.rs`.

use proptest::prelude::*;
use replication::lamport_clock::{Event, LamportClock, happened_before, timestamps};

mod support;
use support::proptest_config;
use support::traces::{events, happened_before_closure, traces};

use Event::{Local, Receive, Send};

/// Three processes: 0 and 1 exchange two messages, 2 keeps to itself.
///
/// ```text
/// process 0:  Local(1)  Send 1(2)  ..........................  Receive 2(5)
/// process 1:            .......... Receive 1(3)  Send 2(4)  Local(5)
/// process 2:  Local(1)  Local(2)   Local(3)      Local(4)
/// ```
fn exchange() -> Vec<Vec<Event>> {
    vec![
        vec![Local, Send { msg: 1 }, Receive { msg: 2 }],
        vec![Receive { msg: 1 }, Send { msg: 2 }, Local],
        vec![Local, Local, Local, Local],
    ]
}

#[test]
fn a_new_clock_reads_zero_and_each_local_event_moves_it_by_one() {
    let mut clock = LamportClock::new();
    assert_eq!(clock.time(), 0, "a clock before any event reads 0");
    assert_eq!(clock.tick(), 1, "the first event is stamped 1");
    assert_eq!(clock.tick(), 2, "the second event is stamped 2");
    assert_eq!(clock.time(), 2, "after two events the clock reads 2");
}

#[test]
fn receiving_a_later_stamp_jumps_past_it() {
    let mut clock = LamportClock::new();
    clock.tick();
    assert_eq!(
        clock.receive(7),
        8,
        "a clock at 1 receiving a message stamped 7 must stamp the receipt 8: after the \
         send, and one past it"
    );
    assert_eq!(clock.time(), 8, "the clock keeps the receipt's time");
}

#[test]
fn receiving_an_earlier_stamp_still_counts_as_an_event() {
    let mut clock = LamportClock::new();
    for _ in 0..5 {
        clock.tick();
    }
    assert_eq!(
        clock.receive(2),
        6,
        "a clock at 5 receiving a message stamped 2 keeps its own time and moves on by \
         one for the receive event: 6"
    );
}

#[test]
fn stamps_every_event_of_a_message_exchange() {
    assert_eq!(
        timestamps(&exchange()),
        vec![vec![1, 2, 5], vec![3, 4, 5], vec![1, 2, 3, 4]],
        "process 1 receives message 1 (stamped 2) as its first event, so stamps it 3; \
         process 0 receives message 2 (stamped 4) after its own time 2, so stamps it 5"
    );
}

#[test]
fn a_process_that_starts_with_a_receive_waits_for_the_send() {
    // Process 0 is listed first but its first event needs process 1's message.
    let trace = vec![
        vec![Receive { msg: 9 }, Local],
        vec![Local, Local, Send { msg: 9 }],
    ];
    assert_eq!(
        timestamps(&trace),
        vec![vec![4, 5], vec![1, 2, 3]],
        "message 9 is sent at 3, so its receipt is stamped 4 even though process 0 \
         comes first in the trace"
    );
}

#[test]
fn events_of_one_process_happen_in_order() {
    let trace = exchange();
    assert!(
        happened_before(&trace, (2, 0), (2, 3)),
        "process 2's first event happened before its fourth"
    );
    assert!(
        !happened_before(&trace, (2, 3), (2, 0)),
        "process 2's fourth event did not happen before its first"
    );
}

#[test]
fn a_send_happened_before_its_receipt_and_what_follows_it() {
    let trace = exchange();
    assert!(
        happened_before(&trace, (0, 1), (1, 0)),
        "sending message 1 happened before receiving it"
    );
    assert!(
        happened_before(&trace, (0, 0), (1, 2)),
        "process 0's first event happened before process 1's last, through message 1"
    );
    assert!(
        happened_before(&trace, (0, 0), (0, 2)),
        "a chain through both messages is still happened-before"
    );
}

#[test]
fn no_event_happened_before_itself() {
    let trace = exchange();
    for event in events(&trace) {
        assert!(
            !happened_before(&trace, event, event),
            "event {event:?} happened before itself; the relation is irreflexive"
        );
    }
}

#[test]
fn a_smaller_stamp_does_not_mean_happened_before() {
    let trace = exchange();
    // Process 2's last event is stamped 4, process 0's receipt of message 2 is stamped 5.
    assert!(
        !happened_before(&trace, (2, 3), (0, 2)),
        "process 2 never exchanges a message, so none of its events happened before \
         process 0's, whatever their stamps say (4 < 5 here)"
    );
    assert!(
        !happened_before(&trace, (0, 2), (2, 3)),
        "and process 0's events did not happen before process 2's either: they are \
         concurrent"
    );
}

proptest! {
    #![proptest_config(proptest_config(128))]

    #[test]
    fn happened_before_is_the_transitive_closure_of_order_and_messages(trace in traces()) {
        let closure = happened_before_closure(&trace);
        let events = events(&trace);
        for (i, &a) in events.iter().enumerate() {
            for (j, &b) in events.iter().enumerate() {
                prop_assert_eq!(
                    happened_before(&trace, a, b),
                    closure[i][j],
                    "happened_before({:?}, {:?}) on trace {:?}", a, b, trace
                );
            }
        }
    }

    #[test]
    fn the_clock_condition_holds_on_any_trace(trace in traces()) {
        let stamps = timestamps(&trace);
        let closure = happened_before_closure(&trace);
        let events = events(&trace);
        for (i, &(pa, ia)) in events.iter().enumerate() {
            for (j, &(pb, ib)) in events.iter().enumerate() {
                if closure[i][j] {
                    prop_assert!(
                        stamps[pa][ia] < stamps[pb][ib],
                        "event {:?} happened before {:?} but is stamped {} and {}; a cause \
                         must get the smaller stamp. Trace {:?}, stamps {:?}",
                        (pa, ia), (pb, ib), stamps[pa][ia], stamps[pb][ib], trace, stamps
                    );
                }
            }
        }
    }
}
