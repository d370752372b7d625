//! Checks for `exercises/design-patterns/src/observer.rs`.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, ThreadId};
use std::time::Duration;

use design_patterns::observer::{Subscription, Topic};

/// How long a check waits for something that should happen at once. Only a
/// failing check ever waits this long, and it is well inside the runner's time
/// limit, so the check's own message is what a learner sees.
const PATIENCE: Duration = Duration::from_secs(2);

/// Subscribes a callback that forwards every event to the returned receiver.
fn recorder(topic: &Topic<u32>) -> (Subscription<u32>, Receiver<u32>) {
    let (sender, received) = mpsc::channel();
    let subscription = topic.subscribe(move |event| {
        let _ = sender.send(event);
    });
    (subscription, received)
}

/// The next `count` events `who` receives, failing if they do not come.
fn next_events(received: &Receiver<u32>, count: usize, who: &str) -> Vec<u32> {
    (0..count)
        .map(|n| {
            received.recv_timeout(PATIENCE).unwrap_or_else(|_| {
                panic!("{who} received {n} events, then nothing for {PATIENCE:?}; {count} were published")
            })
        })
        .collect()
}

/// Everything `who` receives until its callback is dropped, failing if the
/// callback is never let go of `after` what should have ended its thread.
fn remaining_events(received: &Receiver<u32>, who: &str, after: &str) -> Vec<u32> {
    let mut events = Vec::new();
    loop {
        match received.recv_timeout(PATIENCE) {
            Ok(event) => events.push(event),
            Err(RecvTimeoutError::Disconnected) => return events,
            Err(RecvTimeoutError::Timeout) => panic!(
                "{who}'s callback was still held {PATIENCE:?} after {after}; its thread \
                 should end once nothing can publish to it (events received: {events:?})"
            ),
        }
    }
}

/// Subscribes a callback that reports the thread it is called on.
fn thread_reporter(topic: &Topic<u32>) -> (Subscription<u32>, Receiver<ThreadId>) {
    let (sender, threads) = mpsc::channel();
    let subscription = topic.subscribe(move |_| {
        let _ = sender.send(thread::current().id());
    });
    (subscription, threads)
}

#[test]
fn each_subscriber_is_called_on_a_thread_of_its_own() {
    let topic = Topic::new();
    let (_first, first_threads) = thread_reporter(&topic);
    let (_second, second_threads) = thread_reporter(&topic);
    topic.publish(1);
    let publisher = thread::current().id();
    let called_on = |threads: &Receiver<ThreadId>, who: &str| {
        threads
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|_| panic!("{who} was not called within {PATIENCE:?} of a publish"))
    };
    let first = called_on(&first_threads, "the first subscriber");
    let second = called_on(&second_threads, "the second subscriber");
    assert!(
        first != publisher && second != publisher,
        "publish called a subscriber on the publisher's own thread, so every publish waits \
         for it (and its panic reaches the publisher); each subscriber needs its own thread"
    );
    assert_ne!(
        first, second,
        "both subscribers were called on one shared thread, so a slow one holds up the other; \
         each subscriber needs its own thread"
    );
}

#[test]
fn every_subscriber_receives_every_event_in_the_order_published() {
    let topic = Topic::new();
    let subscribers: Vec<_> = (0..3).map(|_| recorder(&topic)).collect();
    assert_eq!(
        topic.subscribers(),
        3,
        "three callbacks subscribed and none was dropped"
    );
    for event in 0..500 {
        assert_eq!(
            topic.publish(event),
            3,
            "publish returns how many subscribers it queued the event for"
        );
    }
    for (n, (_subscription, received)) in subscribers.iter().enumerate() {
        let events = next_events(received, 500, &format!("subscriber {n}"));
        assert_eq!(
            events,
            (0..500).collect::<Vec<_>>(),
            "subscriber {n} got the events out of order"
        );
    }
}

#[test]
fn dropping_a_subscription_unsubscribes() {
    let topic = Topic::new();
    let (early, early_received) = recorder(&topic);
    let (_stays, stays_received) = recorder(&topic);
    topic.publish(1);
    drop(early);
    assert_eq!(
        topic.subscribers(),
        1,
        "one of two subscriptions was dropped, so one subscriber is left; dropping a \
         subscription must take it off the topic"
    );
    assert_eq!(
        topic.publish(2),
        1,
        "the event should be queued for the one subscriber left"
    );
    assert_eq!(
        remaining_events(
            &early_received,
            "the dropped subscriber",
            "its subscription was dropped",
        ),
        [1],
        "the dropped subscriber gets what was published before the drop and nothing after"
    );
    assert_eq!(
        next_events(&stays_received, 2, "the other subscriber"),
        [1, 2],
        "the subscriber that stayed gets both events, in order"
    );
}

#[test]
fn dropping_a_subscription_leaves_every_other_one_subscribed() {
    let topic = Topic::new();
    let (first, _) = recorder(&topic);
    let (_second, second_received) = recorder(&topic);
    drop(first);
    let (third, _) = recorder(&topic);
    drop(third);
    assert_eq!(
        topic.subscribers(),
        1,
        "of three subscriptions the first and the third were dropped, so the second is \
         still subscribed; does each subscription have an id that no other one has?"
    );
    assert_eq!(
        topic.publish(5),
        1,
        "the event should be queued for the second subscriber"
    );
    assert_eq!(
        next_events(&second_received, 1, "the second subscriber"),
        [5],
        "the second subscriber gets what is published after the others left"
    );
}

#[test]
fn a_slow_subscriber_delays_nobody_else() {
    let topic = Topic::new();
    let (gate, wait_at_gate) = mpsc::channel::<()>();
    let (stuck, stuck_on) = mpsc::channel();
    let (slow_sender, slow_received) = mpsc::channel();
    let _slow = topic.subscribe(move |event: u32| {
        if event == 0 {
            let _ = stuck.send(thread::current().id());
            let _ = wait_at_gate.recv(); // stuck until the check opens the gate
        }
        let _ = slow_sender.send(event);
    });
    let (_fast, fast_received) = recorder(&topic);

    let (done, publishing_done) = mpsc::channel();
    let publisher = thread::spawn(move || {
        for event in 0..100 {
            topic.publish(event);
        }
        let _ = done.send(());
        topic
    });
    // Declared last, so dropped first: should the check fail from here on, the stuck
    // subscriber is let go before anything else is dropped.
    let gate = gate;
    let stuck_thread = stuck_on.recv_timeout(PATIENCE).unwrap_or_else(|_| {
        panic!("the slow subscriber did not receive event 0 within {PATIENCE:?} of its publish")
    });
    assert_ne!(
        stuck_thread,
        publisher.thread().id(),
        "publish called the slow subscriber on the publisher's own thread, so the publisher \
         is stuck with it and nothing after event 0 is published; publish must only queue"
    );
    publishing_done.recv_timeout(PATIENCE).unwrap_or_else(|_| {
        panic!("publishing 100 events took longer than {PATIENCE:?} while one subscriber was stuck; publish must not wait for subscribers")
    });
    assert_eq!(
        next_events(
            &fast_received,
            100,
            "the fast subscriber, while the slow one was stuck,"
        ),
        (0..100).collect::<Vec<_>>(),
        "the fast subscriber gets every event, in order, while the slow one is stuck"
    );
    gate.send(())
        .expect("the slow subscriber is waiting at the gate");
    assert_eq!(
        next_events(&slow_received, 100, "the slow subscriber"),
        (0..100).collect::<Vec<_>>(),
        "the slow subscriber gets everything too, once it catches up"
    );
    drop(publisher.join().expect("the publisher panicked"));
}

#[test]
fn a_panicking_subscriber_stops_only_itself() {
    let topic = Topic::new();
    let (panics_sender, panics_received) = mpsc::channel();
    let _faulty = topic.subscribe(move |event: u32| {
        let _ = panics_sender.send(event);
        if event == 3 {
            panic!("the faulty subscriber fails on event 3, as this check means it to");
        }
    });
    let (_healthy, healthy_received) = recorder(&topic);
    let publishing = panic::catch_unwind(AssertUnwindSafe(|| {
        for event in 0..10 {
            topic.publish(event);
        }
    }));
    assert!(
        publishing.is_ok(),
        "publish panicked because a subscriber did; a subscriber's panic must stop only \
         its own thread"
    );
    assert_eq!(
        next_events(&healthy_received, 10, "the healthy subscriber"),
        (0..10).collect::<Vec<_>>(),
        "the healthy subscriber gets every event, in order, although the other one panicked"
    );
    assert_eq!(
        remaining_events(&panics_received, "the panicking subscriber", "it panicked",),
        [0, 1, 2, 3],
        "the panicking subscriber handles events up to the one it panics on"
    );
    // Its thread has ended; the topic learns that on its next publish.
    let forgotten = (0..1_000).any(|_| {
        thread::yield_now();
        topic.publish(99) == 1
    });
    assert!(
        forgotten,
        "after its subscriber panicked, publish still counts it: {} subscribers",
        topic.subscribers()
    );
    assert_eq!(
        topic.subscribers(),
        1,
        "only the healthy subscriber is left"
    );
    assert_eq!(
        next_events(&healthy_received, 1, "the healthy subscriber")[0],
        99,
        "the healthy subscriber still gets what is published after the other one panicked"
    );
}

#[test]
fn a_subscription_may_outlive_its_topic() {
    let topic = Topic::new();
    let (subscription, received) = recorder(&topic);
    topic.publish(7);
    drop(topic);
    assert_eq!(
        remaining_events(
            &received,
            "the subscriber",
            "its topic was dropped (a subscription must not keep the topic's queues alive)",
        ),
        [7],
        "with the topic gone, its subscribers' threads end after the events already queued"
    );
    drop(subscription); // must not panic
}

#[test]
fn events_queued_before_a_drop_are_still_delivered_after_it() {
    let topic = Topic::new();
    let (gate, wait_at_gate) = mpsc::channel::<()>();
    let (stuck, stuck_on) = mpsc::channel();
    let (sender, received) = mpsc::channel();
    let subscription = topic.subscribe(move |event: u32| {
        if event == 0 {
            let _ = stuck.send(());
            let _ = wait_at_gate.recv(); // busy until the check opens the gate
        }
        let _ = sender.send(event);
    });
    topic.publish(0);
    // Declared after everything the subscriber holds, so dropped first: should the
    // check fail from here on, the busy subscriber is let go.
    let gate = gate;
    stuck_on.recv_timeout(PATIENCE).unwrap_or_else(|_| {
        panic!("the subscriber did not receive event 0 within {PATIENCE:?} of its publish")
    });
    for event in 1..=3 {
        topic.publish(event);
    }
    // Events 1 to 3 wait in the subscriber's queue while it is busy with event 0.
    let (dropped, drop_done) = mpsc::channel();
    let dropper = thread::spawn(move || {
        drop(subscription);
        let _ = dropped.send(());
    });
    let dropped_at_once = drop_done.recv_timeout(PATIENCE).is_ok();
    let _ = gate.send(());
    dropper.join().expect("dropping the subscription panicked");
    assert!(
        dropped_at_once,
        "dropping the subscription waited for its callback, which was busy with event 0; \
         a drop takes the subscriber off the topic and returns"
    );
    assert_eq!(
        topic.publish(4),
        0,
        "nobody is subscribed once the only subscription is dropped"
    );
    assert_eq!(
        remaining_events(
            &received,
            "the dropped subscriber",
            "its subscription was dropped and its queue emptied",
        ),
        [0, 1, 2, 3],
        "events 1 to 3 were queued before the drop, so they are delivered after it; \
         only event 4, published after the drop, is not"
    );
}
