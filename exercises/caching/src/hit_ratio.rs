//! Exercise: what each eviction policy buys, measured on a replayed trace.
//!
//! A trace is the list of keys a cache was asked for, in order. Real traces are
//! skewed: a few keys draw most requests. [`zipf_trace`] (given) makes a seeded one
//! where the key of rank `r` (from 1) is drawn with weight `1 / r`, Zipf's law, the
//! shape web, video and URL-shortener traffic roughly follows.
//!
//! Replay it through your `LruCache`, `LfuCache` and `TtlCache` of equal size: each
//! request is a `get`; a miss `put`s the key (as a cache-aside read would); the hit
//! ratio is hits over requests, cold misses included. For the TTL cache, request `i`
//! happens at `i` milliseconds (a thousand requests a second).
//!
//! Then size the cache two ways: the study notes' 80/20 rule (cache the hottest 20%
//! of the keys), and what the trace actually needs for a target hit ratio.
//! Read "Hit ratio" in `notes/caching.md`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::time::Duration;

use crate::{LfuCache, LruCache, TtlCache};

/// `length` keys drawn from `0..keys` with Zipf weights (key `k` has weight
/// `1 / (k + 1)`: key 0 is the hottest), from a seeded generator: the same arguments
/// always give the same trace.
pub fn zipf_trace(keys: u64, length: usize, seed: u64) -> Vec<u64> {
    assert!(keys > 0, "a trace needs at least one key");
    let mut cumulative = Vec::with_capacity(keys as usize);
    let mut total = 0.0;
    for k in 0..keys {
        total += 1.0 / (k + 1) as f64;
        cumulative.push(total);
    }
    let mut state = seed;
    (0..length)
        .map(|_| {
            let draw = splitmix64(&mut state) as f64 / u64::MAX as f64 * total;
            cumulative
                .partition_point(|&c| c < draw)
                .min(keys as usize - 1) as u64
        })
        .collect()
}

/// The next number of the SplitMix64 sequence that `state` is at.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The share of `trace` that an LRU cache of `capacity` entries serves from memory.
pub fn lru_hit_ratio(trace: &[u64], capacity: usize) -> f64 {
    todo!("get each key; put it on a miss; hits over requests")
}

/// The same for an LFU cache.
pub fn lfu_hit_ratio(trace: &[u64], capacity: usize) -> f64 {
    todo!("the same with an LfuCache")
}

/// The same for a TTL cache whose entries live `ttl`, request `i` at `i` ms.
pub fn ttl_hit_ratio(trace: &[u64], capacity: usize, ttl: Duration) -> f64 {
    todo!("the same with a TtlCache, request i at i ms")
}

/// How many different keys `trace` asks for.
pub fn distinct_keys(trace: &[u64]) -> usize {
    todo!("how many different keys")
}

/// The cache size the 80/20 rule suggests: 20% of the distinct keys, rounded up.
pub fn pareto_capacity(trace: &[u64]) -> usize {
    todo!("a fifth of the distinct keys, rounded up")
}

/// The share of requests that go to the `top` most requested keys.
pub fn share_of_top(trace: &[u64], top: usize) -> f64 {
    todo!("count each key, sort the counts, sum the top ones")
}

/// The smallest LRU capacity whose hit ratio on `trace` reaches `target`, or `None`
/// if even a cache holding every distinct key falls short. (LRU's hit ratio never
/// falls as the capacity grows, so a binary search finds it.)
pub fn capacity_for(trace: &[u64], target: f64) -> Option<usize> {
    todo!("binary search on the capacity")
}

/// The report: hit ratios of the three policies at each of `capacities`, then the
/// 80/20 rule's size against what the trace needs for an 80% hit ratio. The checks
/// compare it with `checks/caching/snapshots/`; its shape, line by line:
///
/// ```text
/// 5000 requests for 457 distinct keys
///
/// capacity     LRU     LFU   TTL 1 s
///       10   25.8%   41.4%     25.8%
///
/// 80/20 rule: cache the hottest 20% of keys, 92 entries; they draw 76.5% of requests
///   an LRU cache of 92 entries hits 64.4%
///   an 80% hit ratio with LRU needs 194 entries
/// ```
///
/// The header is `{:>8}  {:>6}  {:>6}  {:>8}` of "capacity", "LRU", "LFU" and
/// `format!("TTL {} s", ttl.as_secs_f64())`; each row is
/// `{:>8}  {:>5.1}%  {:>5.1}%  {:>7.1}%` with the ratios as percentages. When no
/// capacity reaches 80%, the last line reads
/// "  no LRU cache reaches an 80% hit ratio on this trace".
pub fn report(trace: &[u64], capacities: &[usize], ttl: Duration) -> String {
    todo!("the table, then the 80/20 lines (see the snapshot)")
}
