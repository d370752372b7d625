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
    let mut cache = LruCache::new(capacity);
    let hits = trace
        .iter()
        .filter(|&&key| {
            let hit = cache.get(&key).is_some();
            if !hit {
                cache.put(key, ());
            }
            hit
        })
        .count();
    ratio(hits, trace.len())
}

/// The same for an LFU cache.
pub fn lfu_hit_ratio(trace: &[u64], capacity: usize) -> f64 {
    let mut cache = LfuCache::new(capacity);
    let hits = trace
        .iter()
        .filter(|&&key| {
            let hit = cache.get(&key).is_some();
            if !hit {
                cache.put(key, ());
            }
            hit
        })
        .count();
    ratio(hits, trace.len())
}

/// The same for a TTL cache whose entries live `ttl`, request `i` at `i` ms.
pub fn ttl_hit_ratio(trace: &[u64], capacity: usize, ttl: Duration) -> f64 {
    let mut cache = TtlCache::new(capacity, ttl);
    let hits = trace
        .iter()
        .zip(0u64..)
        .filter(|&(&key, i)| {
            let now = Duration::from_millis(i);
            let hit = cache.get(&key, now).is_some();
            if !hit {
                cache.put(key, (), now);
            }
            hit
        })
        .count();
    ratio(hits, trace.len())
}

/// `hits / requests`, 0 for no requests.
fn ratio(hits: usize, requests: usize) -> f64 {
    if requests == 0 {
        0.0
    } else {
        hits as f64 / requests as f64
    }
}

/// How many different keys `trace` asks for.
pub fn distinct_keys(trace: &[u64]) -> usize {
    trace.iter().collect::<HashSet<_>>().len()
}

/// The cache size the 80/20 rule suggests: 20% of the distinct keys, rounded up.
pub fn pareto_capacity(trace: &[u64]) -> usize {
    distinct_keys(trace).div_ceil(5)
}

/// The share of requests that go to the `top` most requested keys.
pub fn share_of_top(trace: &[u64], top: usize) -> f64 {
    let mut counts: HashMap<u64, usize> = HashMap::new();
    for &key in trace {
        *counts.entry(key).or_default() += 1;
    }
    let mut counts: Vec<usize> = counts.into_values().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    ratio(counts.iter().take(top).sum(), trace.len())
}

/// The smallest LRU capacity whose hit ratio on `trace` reaches `target`, or `None`
/// if even a cache holding every distinct key falls short. (LRU's hit ratio never
/// falls as the capacity grows, so a binary search finds it.)
pub fn capacity_for(trace: &[u64], target: f64) -> Option<usize> {
    let (mut low, mut high) = (1, distinct_keys(trace).max(1));
    if lru_hit_ratio(trace, high) < target {
        return None;
    }
    while low < high {
        let middle = low + (high - low) / 2;
        if lru_hit_ratio(trace, middle) >= target {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    Some(low)
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
    let mut out = String::new();
    let keys = distinct_keys(trace);
    let _ = writeln!(out, "{} requests for {} distinct keys", trace.len(), keys);
    let _ = writeln!(out);
    let ttl_column = format!("TTL {} s", ttl.as_secs_f64());
    let _ = writeln!(
        out,
        "{:>8}  {:>6}  {:>6}  {:>8}",
        "capacity", "LRU", "LFU", ttl_column
    );
    for &capacity in capacities {
        let _ = writeln!(
            out,
            "{:>8}  {:>5.1}%  {:>5.1}%  {:>7.1}%",
            capacity,
            100.0 * lru_hit_ratio(trace, capacity),
            100.0 * lfu_hit_ratio(trace, capacity),
            100.0 * ttl_hit_ratio(trace, capacity, ttl),
        );
    }
    let pareto = pareto_capacity(trace);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "80/20 rule: cache the hottest 20% of keys, {pareto} entries; they draw {:.1}% of requests",
        100.0 * share_of_top(trace, pareto)
    );
    let _ = writeln!(
        out,
        "  an LRU cache of {pareto} entries hits {:.1}%",
        100.0 * lru_hit_ratio(trace, pareto)
    );
    match capacity_for(trace, 0.8) {
        Some(needed) => {
            let _ = writeln!(out, "  an 80% hit ratio with LRU needs {needed} entries");
        }
        None => {
            let _ = writeln!(out, "  no LRU cache reaches an 80% hit ratio on this trace");
        }
    }
    out
}
