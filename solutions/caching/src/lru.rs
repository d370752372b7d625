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
use std::mem;

/// No slot: the end of the list.
const NIL: u32 = u32::MAX;

/// One entry in the arena, linked to its neighbours in order of use.
#[derive(Debug)]
struct Slot<K, V> {
    key: K,
    value: V,
    /// The next more recently used slot, or `NIL` at the head.
    prev: u32,
    /// The next less recently used slot, or `NIL` at the tail.
    next: u32,
}

/// A cache of at most `capacity` entries that evicts the least recently used.
#[derive(Debug)]
pub struct LruCache<K, V> {
    /// Where each key's slot is.
    index: HashMap<K, u32>,
    /// The entries; never longer than `capacity`, so slots are reused, not freed.
    slots: Vec<Slot<K, V>>,
    /// The most recently used slot.
    head: u32,
    /// The least recently used slot: the next to go.
    tail: u32,
    capacity: usize,
}

impl<K: Hash + Eq + Clone, V> LruCache<K, V> {
    /// An empty cache that holds at most `capacity` entries.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero, or too large for a slot number (`u32`).
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "an LRU cache needs room for one entry");
        assert!(capacity < NIL as usize, "at most {} entries", NIL - 1);
        Self {
            index: HashMap::new(),
            slots: Vec::new(),
            head: NIL,
            tail: NIL,
            capacity,
        }
    }

    /// The value of `key`, which becomes the most recently used entry.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        let slot = *self.index.get(key)?;
        self.unlink(slot);
        self.push_front(slot);
        Some(&self.slots[slot as usize].value)
    }

    /// The value of `key`, leaving the order of use as it is.
    pub fn peek(&self, key: &K) -> Option<&V> {
        let slot = *self.index.get(key)?;
        Some(&self.slots[slot as usize].value)
    }

    /// Inserts `key` with `value` as the most recently used entry.
    ///
    /// Returns the old pair when `key` was present (its value is replaced), else the
    /// least recently used pair when the cache was full and had to evict it, else
    /// `None`.
    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        if let Some(&slot) = self.index.get(&key) {
            self.unlink(slot);
            self.push_front(slot);
            let old = mem::replace(&mut self.slots[slot as usize].value, value);
            return Some((key, old));
        }
        if self.slots.len() < self.capacity {
            let slot = self.slots.len() as u32;
            self.slots.push(Slot {
                key: key.clone(),
                value,
                prev: NIL,
                next: NIL,
            });
            self.index.insert(key, slot);
            self.push_front(slot);
            return None;
        }
        // Full: the tail's slot takes the new entry.
        let slot = self.tail;
        self.unlink(slot);
        let entry = &mut self.slots[slot as usize];
        let old_key = mem::replace(&mut entry.key, key.clone());
        let old_value = mem::replace(&mut entry.value, value);
        self.index.remove(&old_key);
        self.index.insert(key, slot);
        self.push_front(slot);
        Some((old_key, old_value))
    }

    /// How many entries the cache holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the cache holds no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes `slot` out of the list, joining its neighbours.
    fn unlink(&mut self, slot: u32) {
        let Slot { prev, next, .. } = self.slots[slot as usize];
        match prev {
            NIL => self.head = next,
            prev => self.slots[prev as usize].next = next,
        }
        match next {
            NIL => self.tail = prev,
            next => self.slots[next as usize].prev = prev,
        }
    }

    /// Links `slot` in at the head, as the most recently used.
    fn push_front(&mut self, slot: u32) {
        let old_head = self.head;
        let entry = &mut self.slots[slot as usize];
        entry.prev = NIL;
        entry.next = old_head;
        match old_head {
            NIL => self.tail = slot,
            old_head => self.slots[old_head as usize].prev = slot,
        }
        self.head = slot;
    }
}
