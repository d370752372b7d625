//! Exercise: probabilistic early refresh (XFetch).
//!
//! A hot key's entry expires, every reader misses at once, and all of them recompute
//! it: the stampede. XFetch (Vattani, Chierichetti and Lowenstein, "Optimal
//! Probabilistic Cache Stampede Prevention", VLDB 2015) has each reader, on a hit,
//! toss a coin that comes up "refresh now" more and more often as the expiry nears.
//! One reader almost surely refreshes a little before the expiry, and the entry never
//! disappears while it is hot. No lock, no coordination between readers.
//!
//! The coin: refresh when `now - delta * beta * ln(random) >= expiry`, where `delta`
//! is how long the last recompute took, `beta` tunes how early (1 is the paper's
//! default; above 1 is earlier), and `random` is uniform in (0, 1]. Since `ln(random)`
//! is at most 0, the left side is `now` pushed forward by a random gap, mostly about
//! `delta * beta` and occasionally much more. Read "Early expiry" in
//! `notes/caching.md`.

use std::time::Duration;

/// Whether a reader at time `now` should recompute an entry that expires at `expiry`
/// and took `delta` to compute, given `beta` and a uniform draw `random` in (0, 1].
pub fn should_refresh(
    now: Duration,
    expiry: Duration,
    delta: Duration,
    beta: f64,
    random: f64,
) -> bool {
    let gap = -delta.as_secs_f64() * beta * random.ln();
    now.as_secs_f64() + gap >= expiry.as_secs_f64()
}
