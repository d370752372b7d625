//! Checks for `exercises/caching/src/singleflight.rs`.
//!
//! Real threads, with the interleaving driven by the check, never by sleeps: a load
//! blocks until the check releases it, so a second caller provably arrives while the
//! first load runs. How does the check know the second caller has arrived? The key is
//! a spy: comparing it with another key reports which thread compared. A caller that
//! has found the running load for its key has compared keys; one that starts a load
//! of its own says so. Every wait is bounded, so a wrong answer fails, never hangs.

use std::hash::{Hash, Hasher};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use caching::Group;

/// Long enough for any thread that is not blocked; reached only by a wrong answer.
const NEVER: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Event {
    /// A thread compared two keys: a map look-up that found an entry.
    Compared(String),
    /// A load started, on the named thread.
    LoadStarted(String),
}

/// A key that reports every comparison, with the name of the comparing thread.
#[derive(Clone)]
struct SpyKey {
    name: &'static str,
    events: Arc<Mutex<Sender<Event>>>,
}

impl PartialEq for SpyKey {
    fn eq(&self, other: &Self) -> bool {
        let _ = self
            .events
            .lock()
            .unwrap()
            .send(Event::Compared(this_thread()));
        self.name == other.name
    }
}

impl Eq for SpyKey {}

impl Hash for SpyKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

fn this_thread() -> String {
    thread::current().name().unwrap_or("unnamed").to_owned()
}

/// A group, its spy keys' event stream, and a count of loads.
struct Harness {
    group: Arc<Group<SpyKey, String>>,
    events: Arc<Mutex<Sender<Event>>>,
    seen: Receiver<Event>,
    loads: Arc<AtomicUsize>,
}

impl Harness {
    fn new() -> Self {
        let (events, seen) = mpsc::channel();
        Self {
            group: Arc::new(Group::new()),
            events: Arc::new(Mutex::new(events)),
            seen,
            loads: Arc::new(AtomicUsize::new(0)),
        }
    }

    fn key(&self, name: &'static str) -> SpyKey {
        SpyKey {
            name,
            events: Arc::clone(&self.events),
        }
    }

    /// Starts a thread named `caller` that calls `work(key)` with a load that reports
    /// its start, then waits for `release` (if any), and returns `value`.
    fn call(
        &self,
        caller: &str,
        key: &'static str,
        value: &str,
        release: Option<Receiver<()>>,
    ) -> Caller {
        let group = Arc::clone(&self.group);
        let key = self.key(key);
        let events = Arc::clone(&self.events);
        let loads = Arc::clone(&self.loads);
        let value = value.to_owned();
        let (done, result) = mpsc::channel();
        thread::Builder::new()
            .name(caller.to_owned())
            .spawn(move || {
                let value = group.work(key, move || {
                    loads.fetch_add(1, Ordering::SeqCst);
                    let _ = events
                        .lock()
                        .unwrap()
                        .send(Event::LoadStarted(this_thread()));
                    if let Some(release) = release {
                        // Returns on release, or when the check gives up and drops it.
                        let _ = release.recv();
                    }
                    value
                });
                let _ = done.send(value);
            })
            .unwrap();
        Caller {
            name: caller.to_owned(),
            result,
        }
    }

    /// Waits for the first event from thread `caller`, skipping other threads' events.
    fn next_from(&self, caller: &str, stuck: &str) -> Event {
        loop {
            match self.seen.recv_timeout(NEVER) {
                Ok(event) => {
                    let (Event::Compared(by) | Event::LoadStarted(by)) = &event;
                    if by == caller {
                        return event;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!("{stuck}"),
                Err(RecvTimeoutError::Disconnected) => unreachable!("the harness holds a sender"),
            }
        }
    }

    fn loads(&self) -> usize {
        self.loads.load(Ordering::SeqCst)
    }
}

/// A caller running on a thread of its own, and where its value will arrive.
struct Caller {
    name: String,
    result: Receiver<String>,
}

/// The value `caller`'s call returned, waiting a bounded time for it.
fn join(caller: Caller) -> String {
    caller
        .result
        .recv_timeout(NEVER)
        .unwrap_or_else(|error| match error {
            RecvTimeoutError::Timeout => panic!(
                "{}'s call never returned after the load it needed had finished: the leader \
             must hand the value to its waiters and wake them, and forget the key",
                caller.name
            ),
            RecvTimeoutError::Disconnected => {
                panic!("{}'s call panicked (see its message above)", caller.name)
            }
        })
}

#[test]
fn a_group_can_be_shared_between_threads() {
    fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Group<String, String>>();
    send_and_sync::<Group<u64, Vec<u8>>>();
}

#[test]
fn a_lone_call_runs_its_load() {
    let group = Group::new();
    assert_eq!(group.work("user:1", || "Ada".to_owned()), "Ada");
}

#[test]
fn once_a_load_has_finished_the_next_call_loads_again() {
    let group = Group::new();
    let mut loads = 0;
    assert_eq!(
        group.work("k", || {
            loads += 1;
            1
        }),
        1
    );
    assert_eq!(
        group.work("k", || {
            loads += 1;
            2
        }),
        2,
        "the second call came after the first load had finished, so it must run its own \
         load; a group forgets a key once its load is done (it is not a cache)"
    );
    assert_eq!(loads, 2);
}

#[test]
fn a_caller_that_arrives_during_a_load_waits_for_it_and_shares_its_value() {
    let harness = Harness::new();
    let (release, blocked) = mpsc::channel();
    let leader = harness.call("leader", "a", "from the leader", Some(blocked));
    assert_eq!(
        harness.next_from("leader", "the first caller never started its load"),
        Event::LoadStarted("leader".into())
    );
    // The leader's load is running and cannot finish until released.
    let follower = harness.call("follower", "a", "from the follower", None);
    match harness.next_from(
        "follower",
        "a second caller for key a never looked the key up while the first load ran: \
         is one lock held across the load?",
    ) {
        Event::Compared(_) => {}
        Event::LoadStarted(_) => panic!(
            "a second caller for key a started its own load while the first was still \
             running: it must find the load in flight and wait for it"
        ),
    }
    release.send(()).unwrap();
    assert_eq!(join(leader), "from the leader");
    assert_eq!(
        join(follower),
        "from the leader",
        "the caller that arrived during the load must get a clone of that load's value"
    );
    assert_eq!(
        harness.loads(),
        1,
        "one key, one load in flight: it must run once"
    );
}

#[test]
fn every_caller_that_arrives_during_a_load_shares_it() {
    let harness = Harness::new();
    let (release, blocked) = mpsc::channel();
    let leader = harness.call("leader", "a", "v", Some(blocked));
    harness.next_from("leader", "the first caller never started its load");
    let followers: Vec<_> = ["f1", "f2", "f3"]
        .into_iter()
        .map(|name| {
            let handle = harness.call(name, "a", name, None);
            let event = harness.next_from(
                name,
                "a caller for key a never looked the key up while its load ran",
            );
            assert!(
                matches!(event, Event::Compared(_)),
                "caller {name} started its own load of key a while one was running"
            );
            handle
        })
        .collect();
    release.send(()).unwrap();
    assert_eq!(join(leader), "v");
    for follower in followers {
        assert_eq!(
            join(follower),
            "v",
            "every waiter gets the one load's value"
        );
    }
    assert_eq!(harness.loads(), 1, "four callers during one load: one load");
}

#[test]
fn different_keys_load_at_the_same_time() {
    let harness = Harness::new();
    let (release, blocked) = mpsc::channel();
    let slow = harness.call("slow", "a", "a's value", Some(blocked));
    harness.next_from("slow", "the load of key a never started");
    let (done, finished) = mpsc::channel();
    let group = Arc::clone(&harness.group);
    let key_b = harness.key("b");
    let other = thread::Builder::new()
        .name("other".into())
        .spawn(move || {
            let value = group.work(key_b, || "b's value".to_owned());
            let _ = done.send(value);
        })
        .unwrap();
    let value = finished.recv_timeout(NEVER).unwrap_or_else(|_| {
        panic!(
            "a load for key b waited for the load of key a: a group must not hold one \
             lock across a load, and different keys must not wait for each other"
        )
    });
    assert_eq!(value, "b's value");
    release.send(()).unwrap();
    assert_eq!(join(slow), "a's value");
    other.join().unwrap();
}

#[test]
fn a_load_that_panics_does_not_leave_its_key_in_flight() {
    let group: Arc<Group<&str, String>> = Arc::new(Group::new());
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        group.work("k", || {
            panic!("the store is down (a panic the check causes on purpose)")
        })
    }));
    assert!(outcome.is_err(), "the panic of the load reaches its caller");
    let (done, finished) = mpsc::channel();
    let next = Arc::clone(&group);
    thread::spawn(move || {
        let _ = done.send(next.work("k", || "loaded again".to_owned()));
    });
    let value = finished.recv_timeout(NEVER).unwrap_or_else(|_| {
        panic!(
            "after a load panicked, the next call for its key never returned: it found the \
             key still in flight and waited for a load that will never finish. Forget the \
             key (and wake its waiters) on the way out, panic or not: a guard with Drop"
        )
    });
    assert_eq!(value, "loaded again");
}
