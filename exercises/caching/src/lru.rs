//! Exercise: a least-recently-used cache with O(1) `get` and `put`.
//!
//! A cache holds at most `capacity` entries. When it is full and a new key arrives,
//! one entry must go: LRU evicts the one whose last use is oldest, betting that what
//! was used recently will be used again soon. Both `get` and `put` count as a use;
//! `peek` looks without touching.
//!
//! Every operation must take constant time, whatever the capacity: no scan over the
//! entries to find the oldest. The classic shape is a hash map from key to entry plus
//! a doubly linked list of the entries in order of use, most recent at the head. In
//! Rust, link the entries by index into a `Vec` (an arena) rather than by pointer:
//! `prev` and `next` are slot numbers, and an evicted entry's slot is reused.
//! Read "LRU" in `notes/caching.md`.

use std::collections::HashMap;
use std::hash::Hash;
use std::marker::PhantomData;

/// A cache of at most `capacity` entries that evicts the least recently used.
#[derive(Debug)]
pub struct LruCache<K, V> {
    // Replace this with your fields: a map from key to slot, the slots (key, value,
    // previous and next slot), the most and least recently used slots, the capacity.
    entries: PhantomData<(K, V)>,
}

impl<K: Hash + Eq + Clone, V> LruCache<K, V> {
    /// An empty cache that holds at most `capacity` entries.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero, saying that the cache needs room for one entry.
    pub fn new(capacity: usize) -> Self {
        todo!("an empty map and arena; refuse a capacity of zero")
    }

    /// The value of `key`, which becomes the most recently used entry.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        todo!("find the slot, move it to the head of the list")
    }

    /// The value of `key`, leaving the order of use as it is.
    pub fn peek(&self, key: &K) -> Option<&V> {
        todo!("find the slot; touch nothing")
    }

    /// Inserts `key` with `value` as the most recently used entry.
    ///
    /// Returns the old pair when `key` was present (its value is replaced), else the
    /// least recently used pair when the cache was full and had to evict it, else
    /// `None`.
    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        todo!("replace in place, or evict the tail when full, then link at the head")
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
