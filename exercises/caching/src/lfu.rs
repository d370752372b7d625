//! Exercise: a least-frequently-used cache with O(1) `get` and `put`.
//!
//! LFU evicts the entry used the fewest times, betting that popularity lasts. Every
//! entry counts its uses: a new key starts at one, and each `get` or replacing `put`
//! adds one. When several entries share the lowest count, the least recently used of
//! them goes (LeetCode 460's rules).
//!
//! Constant time again, which rules out searching for the lowest count: keep one list
//! per count, each in order of use, and remember which count is currently the lowest.
//! A use moves an entry from its count's list to the head of the next count's list.
//! Read "LFU" in `notes/caching.md`.

use std::collections::HashMap;
use std::hash::Hash;
use std::marker::PhantomData;

/// A cache of at most `capacity` entries that evicts the least frequently used,
/// the least recently used of those first.
#[derive(Debug)]
pub struct LfuCache<K, V> {
    // Replace this with your fields: a map from key to entry, the entries (with their
    // use counts), one list per use count, the lowest count, the capacity.
    entries: PhantomData<(K, V)>,
}

impl<K: Hash + Eq + Clone, V> LfuCache<K, V> {
    /// An empty cache that holds at most `capacity` entries.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero, saying that the cache needs room for one entry.
    pub fn new(capacity: usize) -> Self {
        todo!("empty lists; refuse a capacity of zero")
    }

    /// The value of `key`, counting one more use of it.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        todo!("find the entry and move it up one count")
    }

    /// Inserts `key` with `value`.
    ///
    /// A present key gets the new value and one more use, and its old pair is
    /// returned. A new key starts at one use; if the cache was full, the least
    /// frequently used entry (the least recently used among equals) is evicted first
    /// and returned. Otherwise `None`.
    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        todo!(
            "replace and count a use, or evict from the lowest count's list, then insert at count 1"
        )
    }

    /// How many entries the cache holds.
    pub fn len(&self) -> usize {
        todo!("the number of entries")
    }

    /// Whether the cache holds no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
