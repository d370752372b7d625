//! Exercise: deadlines across a call chain, and hedged requests.
//!
//! A user's request has one budget of time. A deadline is that budget fixed as a
//! moment, `at`, and passed unchanged down the chain of calls it causes: each hop
//! gets only what is left, and a hop that finds the time gone does no work for a
//! caller that has already given up. A timeout per hop, by contrast, restarts the
//! clock at each hop.
//!
//! A hedged request fights the slow tail instead: if the reply has not come within
//! `hedge_after` (typically the 95th percentile of latency), send the same request
//! again to another replica and take whichever reply comes first. It costs an extra
//! request for each request slower than `hedge_after`.
//! Read "Timeouts and deadlines" in `notes/resilience.md`.

use std::time::Duration;

/// The moment by which a request must be answered, on the caller's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Deadline {
    /// The moment itself.
    pub at: Duration,
}

impl Deadline {
    /// The deadline `budget` from `now`.
    pub fn after(now: Duration, budget: Duration) -> Self {
        Self { at: now + budget }
    }

    /// The time left at `now`; zero once the deadline has passed.
    pub fn remaining(&self, now: Duration) -> Duration {
        self.at.saturating_sub(now)
    }

    /// Whether the deadline has passed at `now` (at `at` itself no time is left).
    pub fn is_expired(&self, now: Duration) -> bool {
        now >= self.at
    }
}

/// How a chain of calls ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainOutcome {
    /// Every hop did its work; the last finished `at`.
    Completed { at: Duration },
    /// Hop number `hop` (from 0) ran out of time and gave up.
    DeadlineExceeded { hop: usize },
}

/// A chain's outcome and what it cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainRun {
    /// How it ended.
    pub outcome: ChainOutcome,
    /// The work all hops did together, useful or not.
    pub work_done: Duration,
}

/// Runs a chain of calls that starts at `now` under `deadline`: hop 0 does
/// `hops[0]` of work and then calls hop 1, and so on (calls and replies take no
/// time).
///
/// Each hop gets the caller's deadline, not a fresh budget. A hop that receives a
/// call at or after the deadline does no work; one whose work would run past the
/// deadline works until the deadline and gives up. Either way the chain ends with
/// `DeadlineExceeded` at that hop.
pub fn call_chain(now: Duration, deadline: Deadline, hops: &[Duration]) -> ChainRun {
    let mut t = now;
    let mut work_done = Duration::ZERO;
    for (hop, &work) in hops.iter().enumerate() {
        let left = deadline.remaining(t);
        if work > left {
            return ChainRun {
                outcome: ChainOutcome::DeadlineExceeded { hop },
                work_done: work_done + left,
            };
        }
        t += work;
        work_done += work;
    }
    ChainRun {
        outcome: ChainOutcome::Completed { at: t },
        work_done,
    }
}

/// The `p`-th percentile of `samples` by nearest rank: the smallest sample that at
/// least `p` percent of the samples are at or below, i.e. the one at rank
/// `ceil(p / 100 × n)` (from 1) in sorted order, and the smallest for any `p` that
/// makes the rank 0.
///
/// # Panics
///
/// If `samples` is empty or `p` is outside `[0, 100]`.
pub fn percentile(samples: &[Duration], p: f64) -> Duration {
    assert!(!samples.is_empty(), "no samples, no percentile");
    assert!(
        (0.0..=100.0).contains(&p),
        "a percentile lies in [0, 100], not {p}"
    );
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// One hedged request's latency and how many requests it sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hedged {
    /// When the first reply came, from the first send.
    pub latency: Duration,
    /// 1, or 2 if the hedge was sent.
    pub requests: u32,
}

/// A request whose first copy would take `primary` and whose hedge, if sent, would
/// take `backup`. The hedge goes out only if no reply has come by `hedge_after`
/// (a reply exactly at `hedge_after` is in time); the first reply wins.
pub fn hedge(primary: Duration, backup: Duration, hedge_after: Duration) -> Hedged {
    if primary <= hedge_after {
        Hedged {
            latency: primary,
            requests: 1,
        }
    } else {
        Hedged {
            latency: primary.min(hedge_after + backup),
            requests: 2,
        }
    }
}
