//! Checks for `exercises/caching/src/lfu.rs`.
//!
//! LeetCode 460's example, the rules one at a time, a model that counts uses and
//! searches (slow, obviously right), and a cache large enough that searching for the
//! lowest count cannot keep up.

use caching::LfuCache;
use proptest::prelude::*;

mod support;

#[test]
fn leetcode_460_example() {
    let mut cache = LfuCache::new(2);
    assert_eq!(cache.put(1, 1), None);
    assert_eq!(cache.put(2, 2), None);
    assert_eq!(cache.get(&1), Some(&1));
    assert_eq!(
        cache.put(3, 3),
        Some((2, 2)),
        "key 1 has two uses, key 2 one: putting key 3 must evict key 2"
    );
    assert_eq!(cache.get(&2), None, "key 2 was evicted");
    assert_eq!(cache.get(&3), Some(&3));
    assert_eq!(
        cache.put(4, 4),
        Some((1, 1)),
        "keys 1 and 3 both have two uses and key 1 was used less recently: it goes"
    );
    assert_eq!(cache.get(&1), None, "key 1 was evicted");
    assert_eq!(cache.get(&3), Some(&3));
    assert_eq!(cache.get(&4), Some(&4));
    assert_eq!(cache.len(), 2);
}

#[test]
fn among_equal_counts_the_least_recently_used_goes() {
    let mut cache = LfuCache::new(3);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.put("c", 3);
    cache.get(&"b");
    cache.get(&"a");
    cache.get(&"c");
    // All have two uses; the order of their last uses is b, a, c.
    assert_eq!(
        cache.put("d", 4),
        Some(("b", 2)),
        "a, b and c all have two uses; b's last use is the oldest, so b goes"
    );
}

#[test]
fn replacing_a_value_counts_as_a_use() {
    let mut cache = LfuCache::new(2);
    cache.put("a", 1);
    cache.put("b", 2);
    assert_eq!(
        cache.put("a", 10),
        Some(("a", 1)),
        "put returns the old pair"
    );
    assert_eq!(
        cache.put("c", 3),
        Some(("b", 2)),
        "replacing a's value was a second use of a, so b (one use) must go"
    );
    assert_eq!(cache.get(&"a"), Some(&10));
}

#[test]
fn a_new_key_starts_at_one_use_and_is_the_first_to_go() {
    let mut cache = LfuCache::new(2);
    cache.put("hot", 0);
    for _ in 0..5 {
        cache.get(&"hot");
    }
    cache.put("new", 1);
    assert_eq!(
        cache.put("newer", 2),
        Some(("new", 1)),
        "`new` has one use and `hot` six: the newcomer goes, even though hot was used longer ago"
    );
    assert_eq!(
        cache.put("newest", 3),
        Some(("newer", 2)),
        "after an insert the lowest count is one again, whatever it was before"
    );
}

#[test]
fn the_lowest_count_moves_up_when_its_last_entry_is_used() {
    let mut cache = LfuCache::new(2);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.get(&"a");
    cache.get(&"b");
    cache.get(&"b");
    // a has two uses, b three: nothing has one use any more.
    assert_eq!(
        cache.put("c", 3),
        Some(("a", 1)),
        "a (two uses) is the least frequently used once b has three"
    );
}

#[test]
fn a_cache_of_one_keeps_the_last_key() {
    let mut cache = LfuCache::new(1);
    assert!(cache.is_empty(), "a new cache holds nothing");
    cache.put("a", 1);
    cache.get(&"a");
    assert_eq!(
        cache.put("b", 2),
        Some(("a", 1)),
        "a full cache of one must make room for a new key, however often the old one was used"
    );
    assert_eq!(cache.get(&"b"), Some(&2));
    assert_eq!(cache.len(), 1);
    assert!(!cache.is_empty(), "a cache holding a key is not empty");
}

#[test]
#[should_panic(expected = "room for one entry")]
fn a_capacity_of_zero_is_refused() {
    let _ = LfuCache::<u32, u32>::new(0);
}

#[test]
fn every_operation_takes_constant_time() {
    support::constant_time_per_entry(
        "finding the least frequently used searches the entries (O(n) each), where one \
         list per use count and the lowest count kept up to date are O(1)",
        |entries| {
            let mut cache = LfuCache::new(entries as usize);
            for key in 0..entries {
                cache.put(key, key);
                cache.get(&key);
            }
            // Every older key has two uses; each new key has one and is the next to go.
            for key in 0..entries {
                let evicted = cache.put(entries + key, key);
                let expected = if key == 0 {
                    Some((0, 0))
                } else {
                    Some((entries + key - 1, key - 1))
                };
                assert_eq!(
                    evicted, expected,
                    "the newest key (one use) must be the one evicted"
                );
            }
            assert_eq!(cache.len(), entries as usize);
        },
    );
}

#[derive(Debug, Clone)]
enum Op {
    Get(u8),
    Put(u8, u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..8u8).prop_map(Op::Get),
        (0..8u8, any::<u16>()).prop_map(|(k, v)| Op::Put(k, v)),
    ]
}

/// The model: every entry with its use count and the time of its last use.
struct Model {
    entries: Vec<(u8, u16, u64, u64)>,
    capacity: usize,
    clock: u64,
}

impl Model {
    fn touch(&mut self, key: u8) -> Option<usize> {
        self.clock += 1;
        let at = self.entries.iter().position(|e| e.0 == key)?;
        self.entries[at].2 += 1;
        self.entries[at].3 = self.clock;
        Some(at)
    }

    fn get(&mut self, key: u8) -> Option<u16> {
        self.touch(key).map(|at| self.entries[at].1)
    }

    fn put(&mut self, key: u8, value: u16) -> Option<(u8, u16)> {
        if let Some(at) = self.touch(key) {
            let old = self.entries[at].1;
            self.entries[at].1 = value;
            return Some((key, old));
        }
        let mut evicted = None;
        if self.entries.len() == self.capacity {
            let at = (0..self.entries.len())
                .min_by_key(|&i| (self.entries[i].2, self.entries[i].3))
                .unwrap();
            let (k, v, _, _) = self.entries.remove(at);
            evicted = Some((k, v));
        }
        self.entries.push((key, value, 1, self.clock));
        evicted
    }
}

proptest! {
    #![proptest_config(support::proptest_config(256))]

    #[test]
    fn behaves_like_counting_every_use(
        capacity in 1..6usize,
        ops in proptest::collection::vec(op(), 1..60),
    ) {
        let mut cache = LfuCache::new(capacity);
        let mut model = Model { entries: Vec::new(), capacity, clock: 0 };
        for (step, op) in ops.iter().enumerate() {
            match *op {
                Op::Get(key) => prop_assert_eq!(
                    cache.get(&key).copied(), model.get(key),
                    "step {}: get({}) with capacity {}", step, key, capacity
                ),
                Op::Put(key, value) => prop_assert_eq!(
                    cache.put(key, value), model.put(key, value),
                    "step {}: put({}, {}) with capacity {} returned the wrong pair (the old \
                     pair, else the least frequently used, least recently used among \
                     equals, else None)",
                    step, key, value, capacity
                ),
            }
            prop_assert_eq!(cache.len(), model.entries.len(), "step {}: len", step);
        }
    }
}
