//! Checks for `exercises/caching/src/ttl.rs`.
//!
//! Time is a number of seconds the checks pass in. The rules one at a time, then a
//! model that keeps every entry with its expiry and last use and searches.

use std::time::Duration;

use caching::TtlCache;
use proptest::prelude::*;

mod support;

fn at(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

#[test]
fn an_entry_lives_until_its_time_to_live_is_up_and_not_a_moment_longer() {
    let mut cache = TtlCache::new(4, at(10));
    cache.put("session", 1, at(100));
    assert_eq!(cache.get(&"session", at(100)), Some(&1));
    assert_eq!(
        cache.get(&"session", at(109)),
        Some(&1),
        "put at 100 s with a 10 s TTL, the entry is still live at 109 s"
    );
    assert_eq!(
        cache.get(&"session", at(110)),
        None,
        "put at 100 s with a 10 s TTL, the entry is gone at 110 s (it lives while now < 110 s)"
    );
    assert_eq!(cache.get(&"other", at(100)), None);
}

#[test]
fn reading_does_not_extend_the_life() {
    let mut cache = TtlCache::new(4, at(10));
    cache.put("price", 7, at(0));
    for second in 1..10 {
        assert_eq!(cache.get(&"price", at(second)), Some(&7));
    }
    assert_eq!(
        cache.get(&"price", at(10)),
        None,
        "read every second, the entry put at 0 s must still expire at 10 s: a get does not restart its life"
    );
}

#[test]
fn putting_again_restarts_the_life() {
    let mut cache = TtlCache::new(4, at(10));
    cache.put("price", 7, at(0));
    cache.put("price", 8, at(6));
    assert_eq!(
        cache.get(&"price", at(12)),
        Some(&8),
        "put again at 6 s, the entry lives until 16 s, not 10 s"
    );
    assert_eq!(cache.get(&"price", at(16)), None);
    assert_eq!(cache.len(at(12)), 1, "one key put twice is one entry");
}

#[test]
fn len_counts_only_live_entries() {
    let mut cache = TtlCache::new(4, at(10));
    cache.put("a", 1, at(0));
    cache.put("b", 2, at(5));
    assert_eq!(cache.len(at(9)), 2);
    assert_eq!(
        cache.len(at(10)),
        1,
        "at 10 s the entry put at 0 s has expired: only one entry is live"
    );
    assert_eq!(cache.len(at(15)), 0, "at 15 s both have expired");
}

#[test]
fn a_full_cache_evicts_an_expired_entry_before_the_least_recently_used() {
    let mut cache = TtlCache::new(2, at(10));
    cache.put("a", 1, at(0));
    cache.put("b", 2, at(5));
    assert_eq!(cache.get(&"a", at(9)), Some(&1)); // a is now the most recently used
    // At 12 s, a has expired (it lived until 10 s) and b is live until 15 s.
    cache.put("c", 3, at(12));
    assert_eq!(
        cache.get(&"b", at(12)),
        Some(&2),
        "b was evicted while the expired a was kept: a full cache must evict an expired \
         entry first, even one used more recently"
    );
    assert_eq!(cache.get(&"c", at(12)), Some(&3));
}

#[test]
fn with_nothing_expired_the_least_recently_used_goes() {
    let mut cache = TtlCache::new(2, at(100));
    cache.put("a", 1, at(0));
    cache.put("b", 2, at(1));
    assert_eq!(cache.get(&"a", at(2)), Some(&1));
    cache.put("c", 3, at(3));
    assert_eq!(
        cache.get(&"b", at(3)),
        None,
        "nothing has expired and b is the least recently used: b must go"
    );
    assert_eq!(
        cache.get(&"a", at(3)),
        Some(&1),
        "a was used at 2 s and must stay"
    );
    assert_eq!(cache.get(&"c", at(3)), Some(&3));
}

#[test]
fn replacing_a_key_in_a_full_cache_evicts_nothing() {
    let mut cache = TtlCache::new(2, at(100));
    cache.put("a", 1, at(0));
    cache.put("b", 2, at(1));
    cache.put("a", 3, at(2));
    assert_eq!(
        cache.len(at(2)),
        2,
        "putting a present key replaces it; nothing else may go"
    );
    assert_eq!(cache.get(&"b", at(2)), Some(&2));
}

#[test]
#[should_panic(expected = "room for one entry")]
fn a_capacity_of_zero_is_refused() {
    let _ = TtlCache::<u32, u32>::new(0, at(1));
}

#[derive(Debug, Clone)]
enum Op {
    Get(u8),
    Put(u8, u16),
    Len,
}

fn op() -> impl Strategy<Value = (u8, Op)> {
    // Each step first lets 0 to 4 seconds pass.
    (
        0..5u8,
        prop_oneof![
            (0..6u8).prop_map(Op::Get),
            (0..6u8, any::<u16>()).prop_map(|(k, v)| Op::Put(k, v)),
            Just(Op::Len),
        ],
    )
}

/// The model: every entry with its value, expiry and last use, searched each time.
struct Model {
    entries: Vec<(u8, u16, Duration, u64)>,
    capacity: usize,
    ttl: Duration,
    clock: u64,
}

impl Model {
    fn get(&mut self, key: u8, now: Duration) -> Option<u16> {
        self.clock += 1;
        let entry = self.entries.iter_mut().find(|e| e.0 == key && now < e.2)?;
        entry.3 = self.clock;
        Some(entry.1)
    }

    fn put(&mut self, key: u8, value: u16, now: Duration) {
        self.clock += 1;
        let fresh = (key, value, now + self.ttl, self.clock);
        if let Some(entry) = self.entries.iter_mut().find(|e| e.0 == key) {
            *entry = fresh;
            return;
        }
        if self.entries.len() == self.capacity {
            let victim = match self.entries.iter().position(|e| now >= e.2) {
                Some(expired) => expired,
                None => (0..self.entries.len())
                    .min_by_key(|&i| self.entries[i].3)
                    .unwrap(),
            };
            self.entries.remove(victim);
        }
        self.entries.push(fresh);
    }

    fn len(&self, now: Duration) -> usize {
        self.entries.iter().filter(|e| now < e.2).count()
    }
}

proptest! {
    #![proptest_config(support::proptest_config(256))]

    #[test]
    fn behaves_like_searching_every_entry(
        capacity in 1..5usize,
        ttl in 1..8u64,
        ops in proptest::collection::vec(op(), 1..60),
    ) {
        let mut cache = TtlCache::new(capacity, at(ttl));
        let mut model = Model { entries: Vec::new(), capacity, ttl: at(ttl), clock: 0 };
        let mut now = at(0);
        for (step, (pause, op)) in ops.iter().enumerate() {
            now += at(u64::from(*pause));
            match *op {
                Op::Get(key) => prop_assert_eq!(
                    cache.get(&key, now).copied(), model.get(key, now),
                    "step {} at {:?}: get({}) with capacity {} and a {} s TTL",
                    step, now, key, capacity, ttl
                ),
                Op::Put(key, value) => {
                    cache.put(key, value, now);
                    model.put(key, value, now);
                }
                Op::Len => prop_assert_eq!(
                    cache.len(now), model.len(now),
                    "step {} at {:?}: len (live entries) with capacity {} and a {} s TTL",
                    step, now, capacity, ttl
                ),
            }
        }
    }
}
