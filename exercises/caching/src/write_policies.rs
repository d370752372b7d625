//! Exercise: write-through, write-around and write-back over the same store.
//!
//! Reads work the same under all three: a hit is served from the cache, a miss loads
//! from the store and keeps a copy. Writes differ:
//!
//! - **write-through** saves to the store and keeps the new value in the cache: every
//!   write costs a store write, and the cache is never behind the store.
//! - **write-around** saves to the store and drops any cached copy: writes do not fill
//!   the cache with values nobody may read, and the next read misses.
//! - **write-back** (write-behind) keeps the new value in the cache only, marked
//!   dirty; the store gets it when the entry is evicted or on `flush`. Many writes to
//!   one key cost one store write, and a crash loses every dirty entry.
//!
//! The cache holds at most `capacity` entries and evicts the least recently used.
//! Read "Write policies" in `notes/caching.md`.

use std::collections::{BTreeMap, HashMap};

/// The slow store behind the cache: rows by key, and how many loads and saves it has
/// served.
#[derive(Debug, Clone, Default)]
pub struct Store {
    rows: HashMap<String, String>,
    reads: usize,
    writes: usize,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store holding `rows`.
    pub fn with(rows: &[(&str, &str)]) -> Self {
        Self {
            rows: rows
                .iter()
                .map(|(key, value)| (key.to_string(), value.to_string()))
                .collect(),
            ..Self::default()
        }
    }

    /// Loads `key`, counting one read.
    pub fn load(&mut self, key: &str) -> Option<String> {
        self.reads += 1;
        self.rows.get(key).cloned()
    }

    /// Saves `value` under `key`, counting one write.
    pub fn save(&mut self, key: &str, value: &str) {
        self.writes += 1;
        self.rows.insert(key.to_owned(), value.to_owned());
    }

    /// What the store holds for `key`, without counting a read.
    pub fn row(&self, key: &str) -> Option<&str> {
        self.rows.get(key).map(String::as_str)
    }

    /// How many loads the store has served.
    pub fn reads(&self) -> usize {
        self.reads
    }

    /// How many saves the store has served.
    pub fn writes(&self) -> usize {
        self.writes
    }
}

/// When a write reaches the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Store and cache together, on every write.
    WriteThrough,
    /// Store only; any cached copy is dropped.
    WriteAround,
    /// Cache only, marked dirty; the store on eviction or flush.
    WriteBack,
}

/// An LRU cache of `capacity` entries in front of a [`Store`], writing by `policy`.
#[derive(Debug)]
pub struct WriteCache {
    // Replace this with your fields: the policy, the capacity, the store, and the
    // entries (value, dirty or not) in an order of use you can evict from.
    store: Store,
}

impl WriteCache {
    /// An empty cache of at most `capacity` entries in front of `store`.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero.
    pub fn new(policy: Policy, capacity: usize, store: Store) -> Self {
        todo!("an empty cache; refuse a capacity of zero")
    }

    /// The value of `key`: from the cache on a hit, else loaded from the store and
    /// cached (clean), evicting the least recently used entry if the cache is full.
    pub fn read(&mut self, key: &str) -> Option<String> {
        todo!("hit, or load and cache it clean")
    }

    /// Writes `value` under `key` by the cache's policy.
    pub fn write(&mut self, key: &str, value: &str) {
        todo!("through: store and cache; around: store, drop the copy; back: cache, dirty")
    }

    /// Saves every dirty entry to the store; they are clean afterwards.
    pub fn flush(&mut self) {
        todo!("save each dirty entry once")
    }

    /// The process dies: the cache's memory is gone, and the store is left as it is.
    /// Returns the store, so that a check can see what survived.
    pub fn crash(self) -> Store {
        self.store
    }

    /// The store behind the cache.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// How many entries hold writes the store does not have yet.
    pub fn dirty(&self) -> usize {
        todo!("count the dirty entries")
    }
}
