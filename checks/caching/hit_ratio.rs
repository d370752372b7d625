//! Checks for `exercises/caching/src/hit_ratio.rs`.
//!
//! Small traces worked by hand for each policy, then the seeded Zipf trace's report
//! as a snapshot: the table a capacity planner would read.

use std::time::Duration;

use caching::hit_ratio::{
    capacity_for, distinct_keys, lfu_hit_ratio, lru_hit_ratio, pareto_capacity, report,
    share_of_top, ttl_hit_ratio, zipf_trace,
};

/// The trace the report replays: 500 keys, 5,000 requests, seed 22.
fn trace() -> Vec<u64> {
    zipf_trace(500, 5_000, 22)
}

#[test]
fn lru_counts_every_request_cold_misses_included() {
    // Capacity 2: 1 miss, 1 hit, 2 miss, 3 miss (evicts 1, the least recent), 1 miss.
    let ratio = lru_hit_ratio(&[1, 1, 2, 3, 1], 2);
    assert!(
        (ratio - 1.0 / 5.0).abs() < 1e-12,
        "LRU of 2 on 1 1 2 3 1 hits once in five requests (the first sight of each key is \
         a miss too), not {ratio}"
    );
}

#[test]
fn lfu_keeps_the_key_used_twice() {
    // Capacity 2: 1 miss, 1 hit (two uses), 2 miss, 3 miss (evicts 2, one use), 1 hit.
    let ratio = lfu_hit_ratio(&[1, 1, 2, 3, 1], 2);
    assert!(
        (ratio - 2.0 / 5.0).abs() < 1e-12,
        "LFU of 2 on 1 1 2 3 1 keeps key 1 (two uses) and hits twice in five, not {ratio}"
    );
}

#[test]
fn the_ttl_cache_sees_one_request_per_millisecond() {
    // TTL 2 ms, request i at i ms: 1 at 0 ms miss (lives until 2 ms), 2 at 1 ms miss,
    // 1 at 2 ms miss (expired), 1 at 3 ms hit.
    let ratio = ttl_hit_ratio(&[1, 2, 1, 1], 8, Duration::from_millis(2));
    assert!(
        (ratio - 1.0 / 4.0).abs() < 1e-12,
        "with a 2 ms TTL and one request a millisecond, 1 2 1 1 hits once: the request \
         at 2 ms finds the entry put at 0 ms expired (got {ratio})"
    );
}

#[test]
fn the_80_20_rule_takes_a_fifth_of_the_distinct_keys() {
    let trace = [5, 5, 5, 5, 7, 7, 9, 11, 13, 15, 17];
    assert_eq!(distinct_keys(&trace), 7);
    assert_eq!(
        pareto_capacity(&trace),
        2,
        "7 distinct keys: the 80/20 rule caches a fifth of them, rounded up, 2 (a fifth of \
         the keys, not of the 11 requests)"
    );
    let share = share_of_top(&trace, 2);
    assert!(
        (share - 6.0 / 11.0).abs() < 1e-12,
        "the top 2 keys (5 four times, 7 twice) draw 6 of 11 requests, not {share}"
    );
}

#[test]
fn capacity_for_is_the_smallest_that_reaches_the_target() {
    let trace = trace();
    let needed = capacity_for(&trace, 0.5).expect("half the requests are within reach");
    assert!(
        lru_hit_ratio(&trace, needed) >= 0.5,
        "an LRU cache of {needed} entries should reach a 50% hit ratio"
    );
    assert!(
        lru_hit_ratio(&trace, needed - 1) < 0.5,
        "{} entries already reach 50%, so {needed} is not the smallest",
        needed - 1
    );
    assert_eq!(
        capacity_for(&[1, 2, 1, 2, 3, 1, 2, 3], 0.25),
        Some(2),
        "an LRU cache of 2 hits 2 of these 8 requests, exactly 25%: reaching the target is \
         enough, so 2 entries are the answer"
    );
    assert_eq!(
        capacity_for(&[1, 1], 0.5),
        Some(1),
        "one key asked twice: a cache of one entry hits half the requests, exactly the \
         target, so the answer is 1 (reaching the target at the largest size counts too)"
    );
    assert_eq!(
        capacity_for(&[1, 2, 3, 4], 0.5),
        None,
        "four different keys, each asked once, can never hit: no capacity reaches 50%"
    );
}

#[test]
fn the_report_on_a_zipf_trace() {
    let trace = trace();
    insta::assert_snapshot!(report(&trace, &[10, 25, 50, 100], Duration::from_secs(1)));
}
