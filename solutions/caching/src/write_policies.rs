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

/// A cached value and whether the store has it yet.
#[derive(Debug)]
struct Entry {
    value: String,
    dirty: bool,
    /// The tick of the last use: the entry's key in `by_use`.
    used: u64,
}

/// An LRU cache of `capacity` entries in front of a [`Store`], writing by `policy`.
#[derive(Debug)]
pub struct WriteCache {
    policy: Policy,
    capacity: usize,
    store: Store,
    entries: HashMap<String, Entry>,
    /// Keys by the tick of their last use: the first is the least recently used.
    by_use: BTreeMap<u64, String>,
    tick: u64,
}

impl WriteCache {
    /// An empty cache of at most `capacity` entries in front of `store`.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero.
    pub fn new(policy: Policy, capacity: usize, store: Store) -> Self {
        assert!(capacity > 0, "a cache needs room for one entry");
        Self {
            policy,
            capacity,
            store,
            entries: HashMap::new(),
            by_use: BTreeMap::new(),
            tick: 0,
        }
    }

    /// The value of `key`: from the cache on a hit, else loaded from the store and
    /// cached (clean), evicting the least recently used entry if the cache is full.
    pub fn read(&mut self, key: &str) -> Option<String> {
        if let Some(value) = self.touch(key) {
            return Some(value.to_owned());
        }
        let value = self.store.load(key)?;
        self.insert(key, value.clone(), false);
        Some(value)
    }

    /// Writes `value` under `key` by the cache's policy.
    pub fn write(&mut self, key: &str, value: &str) {
        match self.policy {
            Policy::WriteThrough => {
                self.store.save(key, value);
                self.insert(key, value.to_owned(), false);
            }
            Policy::WriteAround => {
                self.store.save(key, value);
                if let Some(entry) = self.entries.remove(key) {
                    self.by_use.remove(&entry.used);
                }
            }
            Policy::WriteBack => self.insert(key, value.to_owned(), true),
        }
    }

    /// Saves every dirty entry to the store; they are clean afterwards.
    pub fn flush(&mut self) {
        for (key, entry) in &mut self.entries {
            if entry.dirty {
                self.store.save(key, &entry.value);
                entry.dirty = false;
            }
        }
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
        self.entries.values().filter(|entry| entry.dirty).count()
    }

    /// The cached value of `key`, marked as the most recently used.
    fn touch(&mut self, key: &str) -> Option<&str> {
        let entry = self.entries.get_mut(key)?;
        self.tick += 1;
        self.by_use.remove(&entry.used);
        self.by_use.insert(self.tick, key.to_owned());
        entry.used = self.tick;
        Some(&entry.value)
    }

    /// Caches `value` under `key` as the most recently used entry, dirty or clean,
    /// first evicting (and saving, if dirty) the least recently used when full.
    fn insert(&mut self, key: &str, value: String, dirty: bool) {
        self.tick += 1;
        if let Some(entry) = self.entries.get_mut(key) {
            self.by_use.remove(&entry.used);
            entry.value = value;
            entry.dirty |= dirty;
            entry.used = self.tick;
        } else {
            if self.entries.len() == self.capacity {
                self.evict();
            }
            let used = self.tick;
            self.entries
                .insert(key.to_owned(), Entry { value, dirty, used });
        }
        self.by_use.insert(self.tick, key.to_owned());
    }

    /// Drops the least recently used entry, saving it first if it is dirty.
    fn evict(&mut self) {
        let Some((_, key)) = self.by_use.pop_first() else {
            return;
        };
        let entry = self.entries.remove(&key).expect("indexed keys are cached");
        if entry.dirty {
            self.store.save(&key, &entry.value);
        }
    }
}
