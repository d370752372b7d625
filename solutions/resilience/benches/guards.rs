//! What the guards cost on a call's hot path: each is measured as the time per
//! guarded call, with the call itself doing nothing, so the figure is pure overhead.
//!
//! - backoff: `capped` and `full_jitter` for attempts 0 to 15;
//! - retry throttle: one failure and one success recorded;
//! - circuit breaker: `try_call` and `record` on a closed breaker with a window of
//!   100 (resilience4j's default), one call in ten failing;
//! - bulkhead: taking and dropping a permit, on one thread, then on two threads
//!   sharing one bulkhead (the atomic's cache line moves between cores).
//!
//! Run with `cargo bench -p resilience --bench guards` from `solutions/`.

use std::hint::black_box;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use resilience::{BreakerConfig, Bulkhead, CircuitBreaker, RetryThrottle, capped, full_jitter};

const CALLS: u32 = 10_000_000;
const ROUNDS: usize = 5;

/// The best of `ROUNDS` runs of `CALLS` calls of `body`, in nanoseconds per call.
fn per_call(mut body: impl FnMut(u32)) -> f64 {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for i in 0..CALLS {
                body(black_box(i));
            }
            start.elapsed().as_nanos() as f64 / f64::from(CALLS)
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let base = Duration::from_millis(100);
    let cap = Duration::from_secs(20);
    let backoff = per_call(|i| {
        black_box(capped(i % 16, base, cap));
        black_box(full_jitter(i % 16, base, cap, f64::from(i % 1000) / 1000.0));
    });

    let mut throttle = RetryThrottle::new(10, 0.1);
    let retry = per_call(|_| {
        black_box(throttle.on_failure());
        throttle.on_success();
    });

    let mut breaker = CircuitBreaker::new(BreakerConfig {
        failure_rate_threshold: 50.0,
        window: 100,
        minimum_calls: 100,
        open_for: Duration::from_secs(60),
        half_open_calls: 10,
    });
    let now = Duration::ZERO;
    let breaker_cost = per_call(|i| {
        if breaker.try_call(now) {
            breaker.record(now, i % 10 != 0);
        }
    });

    let bulkhead = Bulkhead::new(25);
    let single = per_call(|_| {
        black_box(bulkhead.try_acquire());
    });

    let shared = Arc::new(Bulkhead::new(25));
    let barrier = Arc::new(Barrier::new(2));
    let other = {
        let (shared, barrier) = (Arc::clone(&shared), Arc::clone(&barrier));
        thread::spawn(move || {
            barrier.wait();
            per_call(|_| {
                black_box(shared.try_acquire());
            })
        })
    };
    barrier.wait();
    let contended = per_call(|_| {
        black_box(shared.try_acquire());
    });
    let contended = (contended + other.join().expect("the second thread finishes")) / 2.0;

    println!("guard                                      ns per call");
    println!("capped + full_jitter                       {backoff:>8.1}");
    println!("retry throttle: failure + success          {retry:>8.1}");
    println!("circuit breaker, closed, window 100        {breaker_cost:>8.1}");
    println!("bulkhead permit, one thread                {single:>8.1}");
    println!("bulkhead permit, two threads, one bulkhead {contended:>8.1}");
}
