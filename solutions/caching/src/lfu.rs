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
use std::mem;

/// No slot: the end of a list.
const NIL: u32 = u32::MAX;

/// One entry in the arena, linked to its neighbours in its use count's list.
#[derive(Debug)]
struct Slot<K, V> {
    key: K,
    value: V,
    uses: u64,
    /// The next more recently used slot with the same count, or `NIL`.
    prev: u32,
    /// The next less recently used slot with the same count, or `NIL`.
    next: u32,
}

/// The ends of one use count's list: most recently used at the head.
#[derive(Debug, Clone, Copy)]
struct List {
    head: u32,
    tail: u32,
}

/// A cache of at most `capacity` entries that evicts the least frequently used,
/// the least recently used of those first.
#[derive(Debug)]
pub struct LfuCache<K, V> {
    index: HashMap<K, u32>,
    slots: Vec<Slot<K, V>>,
    /// One list per use count that has entries; an emptied list is removed.
    lists: HashMap<u64, List>,
    /// The lowest use count of any entry (meaningful while the cache is not empty).
    min_uses: u64,
    capacity: usize,
}

impl<K: Hash + Eq + Clone, V> LfuCache<K, V> {
    /// An empty cache that holds at most `capacity` entries.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero, or too large for a slot number (`u32`).
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "an LFU cache needs room for one entry");
        assert!(capacity < NIL as usize, "at most {} entries", NIL - 1);
        Self {
            index: HashMap::new(),
            slots: Vec::new(),
            lists: HashMap::new(),
            min_uses: 0,
            capacity,
        }
    }

    /// The value of `key`, counting one more use of it.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        let slot = *self.index.get(key)?;
        self.use_once(slot);
        Some(&self.slots[slot as usize].value)
    }

    /// Inserts `key` with `value`.
    ///
    /// A present key gets the new value and one more use, and its old pair is
    /// returned. A new key starts at one use; if the cache was full, the least
    /// frequently used entry (the least recently used among equals) is evicted first
    /// and returned. Otherwise `None`.
    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        if let Some(&slot) = self.index.get(&key) {
            self.use_once(slot);
            let old = mem::replace(&mut self.slots[slot as usize].value, value);
            return Some((key, old));
        }
        let (slot, evicted) = if self.slots.len() < self.capacity {
            self.slots.push(Slot {
                key: key.clone(),
                value,
                uses: 1,
                prev: NIL,
                next: NIL,
            });
            (self.slots.len() as u32 - 1, None)
        } else {
            // Full: the tail of the lowest count's list gives up its slot.
            let slot = self.lists[&self.min_uses].tail;
            self.unlink(slot);
            let entry = &mut self.slots[slot as usize];
            entry.uses = 1;
            let old_key = mem::replace(&mut entry.key, key.clone());
            let old_value = mem::replace(&mut entry.value, value);
            self.index.remove(&old_key);
            (slot, Some((old_key, old_value)))
        };
        self.index.insert(key, slot);
        self.push_front(slot);
        self.min_uses = 1;
        evicted
    }

    /// How many entries the cache holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the cache holds no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves `slot` from its count's list to the head of the next count's list.
    fn use_once(&mut self, slot: u32) {
        let uses = self.slots[slot as usize].uses;
        self.unlink(slot);
        if self.min_uses == uses && !self.lists.contains_key(&uses) {
            self.min_uses = uses + 1;
        }
        self.slots[slot as usize].uses = uses + 1;
        self.push_front(slot);
    }

    /// Takes `slot` out of its count's list, dropping the list if it empties.
    fn unlink(&mut self, slot: u32) {
        let Slot {
            uses, prev, next, ..
        } = self.slots[slot as usize];
        let list = self.lists.get_mut(&uses).expect("a slot is in its list");
        match prev {
            NIL => list.head = next,
            prev => self.slots[prev as usize].next = next,
        }
        match next {
            NIL => list.tail = prev,
            next => self.slots[next as usize].prev = prev,
        }
        if list.head == NIL {
            self.lists.remove(&uses);
        }
    }

    /// Links `slot` at the head of its count's list, as its most recently used.
    fn push_front(&mut self, slot: u32) {
        let uses = self.slots[slot as usize].uses;
        let list = self.lists.entry(uses).or_insert(List {
            head: NIL,
            tail: NIL,
        });
        let old_head = list.head;
        list.head = slot;
        if old_head == NIL {
            list.tail = slot;
        }
        let entry = &mut self.slots[slot as usize];
        entry.prev = NIL;
        entry.next = old_head;
        if old_head != NIL {
            self.slots[old_head as usize].prev = slot;
        }
    }
}
