//! Decisions per second of the reference `KeyedLimiter` (sharded GCRA) and of the
//! `governor` crate's keyed limiter (GCRA over a `DashMap`), on the same workloads:
//! one hot key, or 10,000 keys in turn; 1 and 2 threads. Both read the same
//! monotonic clock, `quanta`, on every decision, so the figures compare the limiters
//! and not two clocks (`Instant::now` costs about twice as much as `quanta` here).
//!
//! Run with `cargo bench -p rate-limiting --bench keyed` from `solutions/`.

use std::hint::black_box;
use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use governor::{Quota, RateLimiter};
use rate_limiting::keyed::KeyedLimiter;

const DECISIONS_PER_THREAD: u64 = 2_000_000;
const INTERVAL: Duration = Duration::from_micros(1);
const BURST: u32 = 1_000;

/// Runs `decide(key)` on `threads` threads and returns decisions per second.
fn measure(threads: u64, keys: u64, decide: impl Fn(u64) -> bool + Sync) -> f64 {
    let started = Instant::now();
    std::thread::scope(|scope| {
        for thread in 0..threads {
            let decide = &decide;
            scope.spawn(move || {
                let mut admitted = 0u64;
                for i in 0..DECISIONS_PER_THREAD {
                    admitted += u64::from(decide((i + thread * 7919) % keys));
                }
                black_box(admitted)
            });
        }
    });
    (threads * DECISIONS_PER_THREAD) as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    println!(
        "| workload | threads | reference (M decisions/s) | governor (M decisions/s) | reference / governor |"
    );
    println!("| --- | --- | --- | --- | --- |");
    for (workload, keys) in [("one hot key", 1), ("10,000 keys", 10_000)] {
        for threads in [1, 2] {
            let ours = {
                let limiter = KeyedLimiter::new(INTERVAL, BURST);
                let clock = quanta::Clock::new();
                let epoch = clock.now();
                measure(threads, keys, |key| {
                    limiter.check(&key, clock.now() - epoch).is_allowed()
                })
            };
            let theirs = {
                let burst = NonZeroU32::new(BURST).expect("non-zero burst");
                let quota = Quota::with_period(INTERVAL)
                    .expect("non-zero period")
                    .allow_burst(burst);
                let limiter = RateLimiter::dashmap(quota);
                measure(threads, keys, |key| limiter.check_key(&key).is_ok())
            };
            println!(
                "| {workload} | {threads} | {:.1} | {:.1} | {:.2} |",
                ours / 1e6,
                theirs / 1e6,
                ours / theirs
            );
        }
    }
}
