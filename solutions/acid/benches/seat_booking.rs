//! The seed's three seat-booking strategies under the same concurrent workload:
//! 8 threads, each with its own connection to one SQLite file, each making 150
//! booking attempts of 1 to 4 adjacent seats chosen at random (seeded), all released
//! together by a barrier. Run once over 5,000 seats (few attempts collide) and once
//! over 300 (most do). Reported per strategy: attempts per second, how many won, and
//! the median and 99th-percentile time of one attempt, which is where contention shows.
//!
//! Run with `cargo bench -p acid --bench seat_booking` from `solutions/`.

use std::path::Path;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use acid::seat_booking::{BookingError, Strategy, book, connect, create};

const THREADS: usize = 8;
const ATTEMPTS: usize = 150;
const ROUNDS: usize = 3;

/// splitmix64: a small seeded generator, so every strategy sees the same bookings.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

struct Outcome {
    elapsed: Duration,
    wins: usize,
    latencies: Vec<Duration>,
}

fn run(dir: &Path, strategy: Strategy, seats: u32, round: usize) -> Outcome {
    let path = dir.join(format!("{strategy:?}-{seats}-{round}.db"));
    let _ = std::fs::remove_file(&path);
    create(&mut connect(&path).expect("connect"), seats).expect("create");
    let barrier = Arc::new(Barrier::new(THREADS + 1));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let (barrier, path) = (Arc::clone(&barrier), path.clone());
            thread::spawn(move || {
                let mut connection = connect(&path).expect("connect");
                let mut state = (t as u64 + 1) * 7_919;
                let bookings: Vec<(u32, u32)> = (0..ATTEMPTS)
                    .map(|_| {
                        let length = 1 + (splitmix(&mut state) % 4) as u32;
                        let first =
                            1 + (splitmix(&mut state) % u64::from(seats - length + 1)) as u32;
                        (first, first + length - 1)
                    })
                    .collect();
                barrier.wait();
                let mut wins = 0;
                let mut latencies = Vec::with_capacity(ATTEMPTS);
                for (first, last) in bookings {
                    let start = Instant::now();
                    match book(&mut connection, strategy, first..=last, t as i64) {
                        Ok(()) => wins += 1,
                        Err(BookingError::Unavailable) => {}
                        Err(error) => panic!("{strategy:?}: {error}"),
                    }
                    latencies.push(start.elapsed());
                }
                (wins, latencies)
            })
        })
        .collect();
    barrier.wait();
    let start = Instant::now();
    let mut outcome = Outcome {
        elapsed: Duration::ZERO,
        wins: 0,
        latencies: Vec::new(),
    };
    for handle in handles {
        let (wins, latencies) = handle.join().expect("a booking thread panicked");
        outcome.wins += wins;
        outcome.latencies.extend(latencies);
    }
    outcome.elapsed = start.elapsed();
    outcome
}

fn main() {
    let dir = std::env::temp_dir().join(format!("acid-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a scratch folder");
    println!(
        "{THREADS} threads x {ATTEMPTS} attempts of 1-4 seats; best of {ROUNDS} rounds by throughput\n"
    );
    println!(
        "{:>6}  {:<18} {:>10} {:>7} {:>9} {:>9}",
        "seats", "strategy", "attempts/s", "won", "p50", "p99"
    );
    for seats in [5_000, 300] {
        for strategy in [
            Strategy::Pessimistic,
            Strategy::ConditionalUpdate,
            Strategy::UniqueConstraint,
        ] {
            let best = (0..ROUNDS)
                .map(|round| run(&dir, strategy, seats, round))
                .min_by_key(|outcome| outcome.elapsed)
                .expect("at least one round");
            let mut latencies = best.latencies;
            latencies.sort_unstable();
            let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize];
            let attempts = THREADS * ATTEMPTS;
            println!(
                "{seats:>6}  {:<18} {:>10.0} {:>7} {:>7.2}ms {:>7.2}ms",
                format!("{strategy:?}"),
                attempts as f64 / best.elapsed.as_secs_f64(),
                best.wins,
                at(0.5).as_secs_f64() * 1e3,
                at(0.99).as_secs_f64() * 1e3,
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
