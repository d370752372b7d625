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
    todo!("the smaller of cap and base × 2^attempt, without overflowing")
}

/// Full jitter: a wait drawn uniformly from `[0, capped)`.
pub fn full_jitter(attempt: u32, base: Duration, cap: Duration, random: f64) -> Duration {
    todo!("capped, scaled by random")
}

/// Equal jitter: half the capped wait for sure, the other half drawn at random.
pub fn equal_jitter(attempt: u32, base: Duration, cap: Duration, random: f64) -> Duration {
    todo!("half of capped, plus the other half scaled by random")
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
    todo!("between base and three times previous, at most cap")
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
    todo!("simulate the herd tick by tick")
}
