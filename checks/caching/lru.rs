//! Checks for `exercises/caching/src/lru.rs`.
//!
//! The published examples first (LeetCode 146, the `lru` crate's documentation), then
//! the cache against a model that is obviously right and obviously slow (a list in
//! order of use), then a cache large enough that a scan per operation cannot keep up.

use std::collections::VecDeque;

use caching::LruCache;
use proptest::prelude::*;

mod support;

#[test]
fn leetcode_146_example() {
    // LRUCache(2); put(1,1); put(2,2); get(1); put(3,3); get(2); put(4,4); get(1); get(3); get(4)
    let mut cache = LruCache::new(2);
    assert_eq!(cache.put(1, 1), None);
    assert_eq!(cache.put(2, 2), None);
    assert_eq!(cache.get(&1), Some(&1));
    assert_eq!(
        cache.put(3, 3),
        Some((2, 2)),
        "get(1) made key 1 the most recently used, so putting key 3 must evict key 2"
    );
    assert_eq!(cache.get(&2), None, "key 2 was evicted");
    assert_eq!(
        cache.put(4, 4),
        Some((1, 1)),
        "key 1 was used before key 3, so putting key 4 must evict key 1"
    );
    assert_eq!(cache.get(&1), None, "key 1 was evicted");
    assert_eq!(cache.get(&3), Some(&3));
    assert_eq!(cache.get(&4), Some(&4));
    assert_eq!(cache.len(), 2);
}

#[test]
fn the_lru_crates_push_example() {
    let mut cache = LruCache::new(2);
    assert_eq!(cache.put(1, "a"), None);
    assert_eq!(cache.put(2, "b"), None);
    assert_eq!(
        cache.put(2, "beta"),
        Some((2, "b")),
        "putting a present key returns its old pair"
    );
    assert_eq!(
        cache.put(3, "alpha"),
        Some((1, "a")),
        "replacing key 2 used it, so key 1 is the least recently used and goes"
    );
    assert_eq!(cache.get(&1), None);
    assert_eq!(cache.get(&2), Some(&"beta"));
    assert_eq!(cache.get(&3), Some(&"alpha"));
}

#[test]
fn the_lru_crates_front_page_example() {
    let mut cache = LruCache::new(2);
    cache.put("apple", 3);
    cache.put("banana", 2);
    assert_eq!(cache.get(&"apple"), Some(&3));
    assert_eq!(cache.get(&"banana"), Some(&2));
    assert_eq!(cache.get(&"pear"), None);
    assert_eq!(cache.put("banana", 4), Some(("banana", 2)));
    assert_eq!(
        cache.put("pear", 5),
        Some(("apple", 3)),
        "apple was used before banana, so pear evicts apple"
    );
    assert_eq!(cache.get(&"pear"), Some(&5));
    assert_eq!(cache.get(&"banana"), Some(&4));
    assert_eq!(cache.get(&"apple"), None);
}

#[test]
fn replacing_a_present_key_in_a_full_cache_evicts_nothing() {
    let mut cache = LruCache::new(2);
    cache.put("a", 1);
    cache.put("b", 2);
    assert_eq!(
        cache.put("a", 10),
        Some(("a", 1)),
        "key a was present: put returns its old pair, and evicts nothing"
    );
    assert_eq!(cache.len(), 2);
    assert_eq!(
        cache.peek(&"b"),
        Some(&2),
        "key b was evicted by a put that only replaced key a's value"
    );
}

#[test]
fn peek_does_not_change_the_order_of_use() {
    let mut cache = LruCache::new(2);
    cache.put("a", 1);
    cache.put("b", 2);
    assert_eq!(cache.peek(&"a"), Some(&1));
    assert_eq!(cache.peek(&"z"), None);
    assert_eq!(
        cache.put("c", 3),
        Some(("a", 1)),
        "peek(a) must not count as a use: a is still the least recently used"
    );
}

#[test]
fn a_cache_of_one_keeps_the_last_key() {
    let mut cache = LruCache::new(1);
    assert!(cache.is_empty(), "a new cache holds nothing");
    assert_eq!(cache.put("a", 1), None);
    assert_eq!(cache.put("b", 2), Some(("a", 1)));
    assert_eq!(cache.put("b", 3), Some(("b", 2)));
    assert_eq!(cache.get(&"b"), Some(&3));
    assert_eq!(cache.len(), 1);
    assert!(!cache.is_empty(), "a cache holding a key is not empty");
}

#[test]
#[should_panic(expected = "room for one entry")]
fn a_capacity_of_zero_is_refused() {
    let _ = LruCache::<u32, u32>::new(0);
}

#[test]
fn keys_and_values_need_no_more_than_the_issue_asks() {
    // K: Hash + Eq + Clone, V: anything, even a type that is neither Clone nor Debug.
    struct Opaque(u8);
    let mut cache = LruCache::new(2);
    cache.put(String::from("a"), Opaque(1));
    assert_eq!(cache.get(&String::from("a")).map(|v| v.0), Some(1));
}

#[test]
fn every_operation_takes_constant_time() {
    support::constant_time_per_entry(
        "get or put scans the entries (O(n) each), where a map plus a linked list is O(1)",
        |entries| {
            let mut cache = LruCache::new(entries as usize);
            for key in 0..entries {
                cache.put(key, key);
            }
            for key in 0..entries {
                // Every put evicts the oldest key, and every get finds the newest.
                assert_eq!(
                    cache.put(entries + key, key),
                    Some((key, key)),
                    "a put into the full cache must evict the least recently used key"
                );
                assert_eq!(cache.get(&(entries + key)), Some(&key));
                assert_eq!(cache.peek(&key), None);
            }
            assert_eq!(cache.len(), entries as usize);
        },
    );
}

/// One step of a random workload on a few keys, so that hits, misses, replacements
/// and evictions all happen often.
#[derive(Debug, Clone)]
enum Op {
    Get(u8),
    Peek(u8),
    Put(u8, u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..8u8).prop_map(Op::Get),
        (0..8u8).prop_map(Op::Peek),
        (0..8u8, any::<u16>()).prop_map(|(k, v)| Op::Put(k, v)),
    ]
}

/// The model: the entries in order of use, least recent first.
struct Model {
    entries: VecDeque<(u8, u16)>,
    capacity: usize,
}

impl Model {
    fn position(&self, key: u8) -> Option<usize> {
        self.entries.iter().position(|&(k, _)| k == key)
    }

    fn get(&mut self, key: u8) -> Option<u16> {
        let at = self.position(key)?;
        let entry = self.entries.remove(at).unwrap();
        self.entries.push_back(entry);
        Some(entry.1)
    }

    fn put(&mut self, key: u8, value: u16) -> Option<(u8, u16)> {
        if let Some(at) = self.position(key) {
            let old = self.entries.remove(at).unwrap();
            self.entries.push_back((key, value));
            return Some(old);
        }
        let evicted = if self.entries.len() == self.capacity {
            self.entries.pop_front()
        } else {
            None
        };
        self.entries.push_back((key, value));
        evicted
    }
}

proptest! {
    #![proptest_config(support::proptest_config(256))]

    #[test]
    fn behaves_like_a_list_in_order_of_use(
        capacity in 1..6usize,
        ops in proptest::collection::vec(op(), 1..60),
    ) {
        let mut cache = LruCache::new(capacity);
        let mut model = Model { entries: VecDeque::new(), capacity };
        for (step, op) in ops.iter().enumerate() {
            match *op {
                Op::Get(key) => prop_assert_eq!(
                    cache.get(&key).copied(), model.get(key),
                    "step {}: get({}) with capacity {}", step, key, capacity
                ),
                Op::Peek(key) => prop_assert_eq!(
                    cache.peek(&key).copied(),
                    model.position(key).map(|at| model.entries[at].1),
                    "step {}: peek({}) with capacity {}", step, key, capacity
                ),
                Op::Put(key, value) => prop_assert_eq!(
                    cache.put(key, value), model.put(key, value),
                    "step {}: put({}, {}) with capacity {} returned the wrong pair \
                     (the old pair, else the least recently used evicted, else None)",
                    step, key, value, capacity
                ),
            }
            prop_assert_eq!(cache.len(), model.entries.len(), "step {}: len", step);
        }
    }
}
