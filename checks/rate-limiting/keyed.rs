//! Checks for `exercises/rate-limiting/src/keyed.rs`.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Barrier, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use proptest::prelude::*;
use rate_limiting::Limiter;
use rate_limiting::gcra::Gcra;
use rate_limiting::keyed::KeyedLimiter;

mod support;
use support::ms;

/// Threads race only while they run on different cores at the same moment. The
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
    assert_eq!(limiter.len(), 2);
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
fn threads_racing_on_one_key_share_its_burst_and_never_exceed_it() {
    let _cores = cores_to_itself();
    // Round after round, four threads are released at the same moment and each asks
    // for the same key BURST times at the same instant, when the key has exactly its
    // burst left: BURST admissions in total, however they interleave. An answer that
    // reads the key's arrival time, decides, then writes the new one lets two threads
    // read the same old time and both be admitted on it: the check-then-act race.
    // Only a compare-and-swap (or a lock around the read and the write) closes it.
    //
    // Threads interleave only while two of them run on different cores at once, which
    // a busy machine grants now and then. So the rounds go on until CONTENDED of them
    // have seen two threads or more admitted in the same round, proof that they really
    // did race for the key, or until MAX_ROUNDS.
    const THREADS: u64 = 4;
    const BURST: u32 = 32;
    const CONTENDED: u32 = 50;
    const MAX_ROUNDS: u64 = 3_000;
    let interval = ms(1);
    let limiter = KeyedLimiter::new(interval, BURST);
    let key = "busy client".to_string();
    // The key exists before the race, as a busy client's key does.
    limiter.check(&key, Duration::ZERO);
    let barrier = SpinBarrier::new(THREADS);
    let rounds: Vec<Round> = (0..MAX_ROUNDS).map(|_| Round::default()).collect();
    let played = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                let (limiter, barrier, key, rounds) = (&limiter, &barrier, &key, &rounds);
                scope.spawn(move || {
                    let _breaks = barrier.broken_if_this_thread_panics();
                    let mut contended = 0;
                    for (n, round) in (0..).zip(rounds) {
                        barrier.wait(2 * n + 1);
                        // A whole burst's time after the last round, the key is idle again.
                        let now = interval * BURST * (n as u32 + 1);
                        let admitted = (0..BURST)
                            .filter(|_| limiter.check(key, now).is_allowed())
                            .count() as u32;
                        round.admitted.fetch_add(admitted, Ordering::AcqRel);
                        if admitted > 0 {
                            round.threads_admitted.fetch_add(1, Ordering::AcqRel);
                        }
                        // Every thread reads the finished round, so all stop together.
                        barrier.wait(2 * n + 2);
                        if round.threads_admitted.load(Ordering::Acquire) > 1 {
                            contended += 1;
                            if contended == CONTENDED {
                                return n + 1;
                            }
                        }
                    }
                    MAX_ROUNDS
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap())
            .max()
            .unwrap_or_default()
    });
    for (n, round) in (1..=played).zip(&rounds) {
        let admitted = round.admitted.load(Ordering::Acquire);
        assert!(
            admitted <= BURST,
            "an idle key with a burst of {BURST} admitted {admitted} requests when \
             {THREADS} threads asked for it at the same instant (round {n}): two threads \
             read the same arrival time before either wrote the new one, and both were \
             admitted on it. Write the new time only if it is still the one you read \
             (compare-and-swap)"
        );
        assert_eq!(
            admitted,
            BURST,
            "an idle key with a burst of {BURST} admitted only {admitted} requests when \
             {THREADS} threads asked for it {} times at the same instant (round {n})",
            THREADS as u32 * BURST
        );
    }
}

/// What the threads got in one round of the race.
#[derive(Default)]
struct Round {
    admitted: AtomicU32,
    threads_admitted: AtomicU32,
}

/// A barrier that spins rather than sleeps, so the threads leave it within
/// nanoseconds of each other.
struct SpinBarrier {
    threads: u64,
    arrived: AtomicU64,
    /// Set when a thread panics, so the others stop waiting for it.
    broken: AtomicBool,
}

impl SpinBarrier {
    fn new(threads: u64) -> Self {
        Self {
            threads,
            arrived: AtomicU64::new(0),
            broken: AtomicBool::new(false),
        }
    }

    /// Waits at the barrier for the `n`th time (counting from 1) until every thread
    /// has arrived there.
    fn wait(&self, n: u64) {
        self.arrived.fetch_add(1, Ordering::AcqRel);
        let mut spins = 0u32;
        while self.arrived.load(Ordering::Acquire) < n * self.threads {
            assert!(
                !self.broken.load(Ordering::Acquire),
                "another racing thread panicked; its message is above"
            );
            spins += 1;
            if spins.is_multiple_of(1024) {
                // Fewer cores than threads: let the others run.
                std::thread::yield_now();
            } else {
                std::hint::spin_loop();
            }
        }
    }

    /// A guard that breaks the barrier if the thread holding it panics.
    fn broken_if_this_thread_panics(&self) -> impl Drop + '_ {
        struct Breaks<'a>(&'a AtomicBool);
        impl Drop for Breaks<'_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.store(true, Ordering::Release);
                }
            }
        }
        Breaks(&self.broken)
    }
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
        assert!(limiter.check(&client, ms(client)).is_allowed());
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
        assert!(limiter.check(&client, ms(7)).is_allowed());
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
            assert!(limiter.check(&client, ms(7)).is_allowed());
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
