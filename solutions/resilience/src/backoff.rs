//! Exercise: capped exponential backoff, its three jitters, and why jitter matters.
//!
//! A client whose request failed waits before it tries again, longer after each
//! failure: `base × 2^attempt`, never more than `cap`. Jitter draws the wait at
//! random so that clients that failed together do not retry together. The four
//! formulas are those of the AWS Architecture Blog's "Exponential Backoff And
//! Jitter"; `attempt` counts from 0 and `random` is a uniform draw in [0, 1).
//! `load_per_tick` then simulates a herd of clients retrying against one server.
//! Read "Backoff" in `notes/resilience.md`.

use std::time::Duration;

/// `min(cap, base × 2^attempt)`, for any `attempt` without overflow or panic.
pub fn capped(attempt: u32, base: Duration, cap: Duration) -> Duration {
    if base.is_zero() {
        return Duration::ZERO;
    }
    // 2^attempt does not fit a u32 from attempt 32 on, and base × 2^attempt may not
    // fit a Duration well before that: either way the cap wins.
    1u32.checked_shl(attempt)
        .and_then(|factor| base.checked_mul(factor))
        .map_or(cap, |wait| wait.min(cap))
}

/// Full jitter: a wait drawn uniformly from `[0, capped)`.
pub fn full_jitter(attempt: u32, base: Duration, cap: Duration, random: f64) -> Duration {
    capped(attempt, base, cap).mul_f64(random)
}

/// Equal jitter: half the capped wait for sure, the other half drawn at random.
pub fn equal_jitter(attempt: u32, base: Duration, cap: Duration, random: f64) -> Duration {
    let half = capped(attempt, base, cap) / 2;
    half + half.mul_f64(random)
}

/// Decorrelated jitter: `min(cap, base + (3 × previous − base) × random)`, a wait
/// drawn between `base` and three times the previous one. The first call passes
/// `previous = base`.
pub fn decorrelated_jitter(
    previous: Duration,
    base: Duration,
    cap: Duration,
    random: f64,
) -> Duration {
    let upper = previous.saturating_mul(3);
    let spread = upper.saturating_sub(base);
    base.saturating_add(spread.mul_f64(random)).min(cap)
}

/// How a client chooses its wait after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jitter {
    /// `capped`: no randomness at all.
    None,
    /// `full_jitter`.
    Full,
    /// `equal_jitter`.
    Equal,
    /// `decorrelated_jitter`, each client starting from `previous = base`.
    Decorrelated,
}

/// A herd of clients that all send a request at tick 0 to one server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Herd {
    /// How many clients there are; each wants one request served.
    pub clients: usize,
    /// How many requests the server serves in one tick; the rest fail.
    pub capacity: usize,
    /// The backoff's base wait.
    pub base: Duration,
    /// The backoff's cap.
    pub cap: Duration,
    /// How long one tick lasts.
    pub tick: Duration,
    /// How many ticks to simulate, from tick 0.
    pub ticks: usize,
}

/// One client's retry state.
#[derive(Debug, Clone, Copy)]
struct Client {
    failures: u32,
    previous: Duration,
}

/// The number of requests that reach the server in each tick, `herd.ticks` of them.
///
/// Every client sends at tick 0. In each tick the server takes the requests that
/// arrive in client order (client 0 first) and serves the first `capacity`; a
/// served client is done. Every other request fails, and its client waits: after
/// its k-th failure (k from 1) the wait for `attempt = k − 1` under `jitter`, each
/// failing client drawing one `random()` in client order (`Jitter::None` draws
/// none). A client that failed at tick t and waits `d` retries at tick
/// `t + 1 + d / tick`, whole ticks rounded down. Retries due after the last tick
/// are not counted.
pub fn load_per_tick(herd: &Herd, jitter: Jitter, random: &mut impl FnMut() -> f64) -> Vec<usize> {
    let mut clients = vec![
        Client {
            failures: 0,
            previous: herd.base,
        };
        herd.clients
    ];
    // Who arrives at each tick.
    let mut arrivals: Vec<Vec<usize>> = vec![Vec::new(); herd.ticks];
    if let Some(first) = arrivals.first_mut() {
        first.extend(0..herd.clients);
    }
    let tick_nanos = herd.tick.as_nanos();
    let mut load = Vec::with_capacity(herd.ticks);
    for t in 0..herd.ticks {
        let mut arriving = std::mem::take(&mut arrivals[t]);
        arriving.sort_unstable();
        load.push(arriving.len());
        for &id in arriving.iter().skip(herd.capacity) {
            let client = &mut clients[id];
            let attempt = client.failures;
            client.failures += 1;
            let wait = match jitter {
                Jitter::None => capped(attempt, herd.base, herd.cap),
                Jitter::Full => full_jitter(attempt, herd.base, herd.cap, random()),
                Jitter::Equal => equal_jitter(attempt, herd.base, herd.cap, random()),
                Jitter::Decorrelated => {
                    decorrelated_jitter(client.previous, herd.base, herd.cap, random())
                }
            };
            client.previous = wait;
            let later = usize::try_from(wait.as_nanos() / tick_nanos).unwrap_or(usize::MAX);
            let due = t.saturating_add(1).saturating_add(later);
            if let Some(slot) = arrivals.get_mut(due) {
                slot.push(id);
            }
        }
    }
    load
}
