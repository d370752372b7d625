//! Checks for `exercises/rate-limiting/src/keyed.rs`.

use std::sync::Barrier;
use std::time::Duration;

use proptest::prelude::*;
use rate_limiting::Limiter;
use rate_limiting::gcra::Gcra;
use rate_limiting::keyed::KeyedLimiter;

mod support;
use support::ms;

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
            total, 50,
            "key {key} admitted {total} requests across {THREADS} threads at one instant; \
             its burst is 50"
        );
    }
}

#[test]
fn idle_keys_are_evicted_so_memory_stays_bounded() {
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
