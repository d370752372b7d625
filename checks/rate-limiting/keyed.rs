//! Checks for `exercises/rate-limiting/src/keyed.rs`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Barrier, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use proptest::prelude::*;
use rate_limiting::Limiter;
use rate_limiting::gcra::Gcra;
use rate_limiting::keyed::KeyedLimiter;

mod support;
use support::ms;

/// Threads race hardest while they run on different cores at the same moment. The
/// checks that race, and those that keep a core busy for long, take turns, so that
/// a racing check has every core the machine can give it.
fn cores_to_itself() -> MutexGuard<'static, ()> {
    static CORES: Mutex<()> = Mutex::new(());
    // A check that failed while holding the lock leaves nothing to repair.
    CORES.lock().unwrap_or_else(PoisonError::into_inner)
}

#[test]
fn keys_are_limited_separately() {
    let limiter = KeyedLimiter::new(ms(100), 2);
    let admitted = |key: &str| {
        (0..5)
            .filter(|_| limiter.check(&key.to_string(), ms(0)).is_allowed())
            .count()
    };
    assert_eq!(admitted("alice"), 2, "alice's burst is 2");
    assert_eq!(
        admitted("bob"),
        2,
        "bob has a burst of his own, whatever alice did"
    );
    assert_eq!(
        limiter.len(),
        2,
        "two clients have sent requests: the limiter holds state for two keys"
    );
    assert!(
        !limiter.is_empty(),
        "a limiter holding two keys is not empty"
    );
}

#[test]
fn a_new_limiter_holds_no_keys() {
    let limiter = KeyedLimiter::<String>::new(ms(100), 2);
    assert_eq!(limiter.len(), 0, "no client has sent a request yet");
    assert!(limiter.is_empty(), "no client has sent a request yet");
}

// The limiter must be shareable between threads. This is checked when the file
// compiles, not when it runs: a limiter built on `Cell` or `RefCell` fails here with
// "cannot be shared between threads safely".
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<KeyedLimiter<String>>();
    shareable::<KeyedLimiter<u64>>();
};

#[test]
fn many_threads_never_get_more_than_the_burst_for_a_key() {
    let _cores = cores_to_itself();
    // 8 threads, 4 keys, 500 requests each, all at the same instant: each key must
    // admit its burst of 50 exactly once in total, however the threads interleave.
    const THREADS: usize = 8;
    const KEYS: u64 = 4;
    let limiter = KeyedLimiter::new(ms(1000), 50);
    let start = Barrier::new(THREADS);
    let per_thread: Vec<[usize; KEYS as usize]> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|thread| {
                let (limiter, start) = (&limiter, &start);
                scope.spawn(move || {
                    let mut admitted = [0; KEYS as usize];
                    start.wait();
                    for i in 0..500 {
                        let key = (thread as u64 + i) % KEYS;
                        if limiter.check(&key, ms(5)).is_allowed() {
                            admitted[key as usize] += 1;
                        }
                    }
                    admitted
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap())
            .collect()
    });
    for key in 0..KEYS as usize {
        let total: usize = per_thread.iter().map(|counts| counts[key]).sum();
        assert_eq!(
            total,
            50,
            "key {key} admitted {total} requests across {THREADS} threads at one instant; \
             its burst is 50{}",
            if total > 50 {
                ": two threads read the same arrival time before either wrote the new one, \
                 and both were admitted on it (write it only if it is still the one you \
                 read: compare-and-swap)"
            } else {
                ""
            }
        );
    }
}

#[test]
fn threads_racing_for_one_key_never_get_more_than_its_rate_allows() {
    let _cores = cores_to_itself();
    // Four threads ask for one key as fast as they can, each request at the next tick
    // of a clock they share (so, as on a real server, one thread's request may be
    // decided just after a later one's), twice as often as the key's rate admits.
    // GCRA admits at most `burst + elapsed / interval` requests however they
    // interleave. An answer that reads the key's arrival time, decides, then writes
    // the new one lets two threads read the same old time and both be admitted on it,
    // while the time moves on by one interval only: the check-then-act race. Only a
    // compare-and-swap (or a lock around the read and the write) closes it.
    //
    // Threads interleave while two of them run on different cores at once, or when one
    // is interrupted in the middle of a request, both of which a busy machine grants
    // only now and then. So they go on until INTERLEAVED requests have seen another
    // thread's request come while they were being decided, or until each thread has
    // sent MAX_REQUESTS.
    const THREADS: usize = 4;
    const BURST: u32 = 8;
    const TICK_NANOS: u64 = 1_000;
    const INTERVAL_NANOS: u64 = 2 * TICK_NANOS;
    const INTERLEAVED: u64 = 1_000;
    const MAX_REQUESTS: u64 = 100_000;
    let limiter = KeyedLimiter::new(Duration::from_nanos(INTERVAL_NANOS), BURST);
    let key = "busy client".to_string();
    let clock = AtomicU64::new(0);
    let interleaved = AtomicU64::new(0);
    let admitted: u64 = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                let (limiter, key, clock, interleaved) = (&limiter, &key, &clock, &interleaved);
                scope.spawn(move || {
                    let mut admitted = 0;
                    for _ in 0..MAX_REQUESTS {
                        if interleaved.load(Ordering::Relaxed) >= INTERLEAVED {
                            break;
                        }
                        let tick = clock.fetch_add(1, Ordering::Relaxed);
                        let now = Duration::from_nanos(tick * TICK_NANOS);
                        if limiter.check(key, now).is_allowed() {
                            admitted += 1;
                        }
                        if clock.load(Ordering::Relaxed) > tick + 1 {
                            // Another thread asked while this one was deciding.
                            interleaved.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    admitted
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap())
            .sum()
    });
    let elapsed = Duration::from_nanos((clock.into_inner() - 1) * TICK_NANOS);
    let most = u64::from(BURST) + elapsed.as_nanos() as u64 / INTERVAL_NANOS;
    assert!(
        admitted <= most,
        "{THREADS} threads asking for one key got {admitted} requests admitted in \
         {elapsed:?}; one every {:?} with bursts of {BURST} allows at most {most}. Two \
         threads read the same arrival time before either wrote the new one, and both \
         were admitted on it: write the new time only if it is still the one you read \
         (compare-and-swap)",
        Duration::from_nanos(INTERVAL_NANOS)
    );
}

#[test]
fn threads_meeting_a_new_key_at_once_share_its_burst() {
    let _cores = cores_to_itself();
    // Four threads send the first requests of the same new clients, in the same order
    // and at one instant, with a burst of 1: each client gets exactly one request
    // through. A thread that does not find a key and then inserts a fresh state for it
    // can overwrite the state another thread inserted in between, handing the client
    // a second burst.
    const THREADS: usize = 4;
    const CLIENTS: usize = 50_000;
    let limiter = KeyedLimiter::new(ms(1000), 1);
    let admitted: Vec<AtomicU64> = (0..CLIENTS).map(|_| AtomicU64::new(0)).collect();
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            let (limiter, admitted) = (&limiter, &admitted);
            scope.spawn(move || {
                for (client, count) in (0u64..).zip(admitted) {
                    if limiter.check(&client, ms(3)).is_allowed() {
                        count.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let twice = admitted
        .iter()
        .filter(|count| count.load(Ordering::Relaxed) > 1)
        .count();
    assert_eq!(
        twice, 0,
        "{twice} of {CLIENTS} new clients got more than one request through at one \
         instant with a burst of 1: two threads both missed the new key, and the second \
         to insert it replaced the state the first had just stored. Insert only if the \
         key is still absent (the map's entry API)"
    );
}

#[test]
fn idle_keys_are_evicted_so_memory_stays_bounded() {
    let _cores = cores_to_itself();
    // 200,000 clients, one new one every millisecond, each sending a single request.
    // A key is idle 10 ms after its request (one per 10 ms, burst 1): at most about
    // ten are active at any time, so the limiter must not keep the other 199,990.
    let limiter = KeyedLimiter::new(ms(10), 1);
    let mut most = 0;
    for client in 0..200_000u64 {
        assert!(
            limiter.check(&client, ms(client)).is_allowed(),
            "client {client}'s first request, at {client} ms, was refused"
        );
        if client % 1000 == 0 {
            most = most.max(limiter.len());
        }
    }
    most = most.max(limiter.len());
    assert!(
        most <= 10_000,
        "the limiter held {most} keys while only about 10 were active; evict keys whose \
         theoretical arrival time has passed"
    );
}

#[test]
fn active_keys_are_never_evicted() {
    let _cores = cores_to_itself();
    // 20,000 clients use their burst at the same instant; none is idle yet, so every
    // second request must still be refused, however large the map has grown.
    let limiter = KeyedLimiter::new(ms(1000), 1);
    for client in 0..20_000u64 {
        assert!(
            limiter.check(&client, ms(7)).is_allowed(),
            "client {client}'s first request was refused"
        );
    }
    let forgotten = (0..20_000u64)
        .filter(|client| limiter.check(client, ms(8)).is_allowed())
        .count();
    assert_eq!(
        forgotten, 0,
        "{forgotten} clients got a second request through 1 ms after their first; their \
         state was evicted while still active"
    );
}

#[test]
fn a_partly_used_burst_is_never_evicted() {
    let _cores = cores_to_itself();
    // 20,000 clients with a burst of 3 send 2 requests each at the same instant. Each
    // may still send one more, but the key is not idle: its theoretical arrival time
    // is after now, and forgetting it would hand the client a fresh burst of 3.
    let limiter = KeyedLimiter::new(ms(1000), 3);
    for client in 0..20_000u64 {
        for _ in 0..2 {
            assert!(
                limiter.check(&client, ms(7)).is_allowed(),
                "client {client}'s first two requests fit its burst of 3, but one was refused"
            );
        }
    }
    let overdrawn = (0..20_000u64)
        .filter(|client| {
            (0..3)
                .filter(|_| limiter.check(client, ms(8)).is_allowed())
                .count()
                > 1
        })
        .count();
    assert_eq!(
        overdrawn, 0,
        "{overdrawn} clients that had used 2 of a burst of 3 got more than one request \
         through 1 ms later; their state was evicted while their theoretical arrival \
         time was still ahead: only a key whose TAT is at or before now is idle"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(100))]

    #[test]
    fn decides_each_key_as_its_own_gcra_would(
        burst in 1u32..5,
        interval_ms in 1u64..30,
        traffic in proptest::collection::vec((0u64..3, 0u64..20), 1..150),
    ) {
        let keyed = KeyedLimiter::new(ms(interval_ms), burst);
        let mut alone: Vec<Gcra> = (0..3).map(|_| Gcra::new(ms(interval_ms), burst)).collect();
        let mut now = Duration::ZERO;
        for (n, (key, gap)) in traffic.into_iter().enumerate() {
            now += ms(gap);
            let expected = alone[key as usize].check(now);
            let got = keyed.check(&key, now);
            prop_assert_eq!(
                got, expected,
                "request {} for key {} at {:?}: the keyed limiter said {:?}, a GCRA of \
                 its own for that key {:?}",
                n + 1, key, now, got, expected
            );
        }
    }
}
