//! Exercise: a cache whose entries expire.
//!
//! Some data is only good for a while: a session, a DNS answer, a price. Each entry
//! here lives for `ttl` from the moment it was put: it is there while
//! `now < put_time + ttl` and gone from `now >= put_time + ttl`. Reading an entry does
//! not extend its life; putting the key again starts a new one.
//!
//! The cache also has a capacity. When it is full and a new key arrives, an expired
//! entry is the first to go (it is worthless already); only if none has expired does
//! the least recently used live entry go.
//!
//! Time is passed in (`now`, a `Duration` since any fixed start), so that the checks
//! can say exactly when things happen. Read "TTL" in `notes/caching.md`.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::time::Duration;

/// One entry: its value, when it expires, and the ticks of its put and last use.
#[derive(Debug)]
struct Entry<V> {
    value: V,
    expires_at: Duration,
    /// The tick of the put that started this life: with `expires_at`, its key in
    /// the expiry index.
    put: u64,
    used: u64,
}

impl<V> Entry<V> {
    fn expiry_key(&self) -> (Duration, u64) {
        (self.expires_at, self.put)
    }
}

/// A cache of at most `capacity` entries, each living `ttl` from its last put.
///
/// Two ordered indexes find the victims in O(log n): entries by expiry time (the
/// first one is expired if any is) and by last use (the first one is the least
/// recently used). Ticks, not times, order the uses, so two uses at the same `now`
/// still have an order.
#[derive(Debug)]
pub struct TtlCache<K, V> {
    entries: HashMap<K, Entry<V>>,
    /// (expiry, tick of the put) to key; the tick keeps equal expiries apart.
    by_expiry: BTreeMap<(Duration, u64), K>,
    /// Tick of the last use to key.
    by_use: BTreeMap<u64, K>,
    /// Counts uses; every put and get takes the next tick.
    tick: u64,
    capacity: usize,
    ttl: Duration,
}

impl<K: Hash + Eq + Clone, V> TtlCache<K, V> {
    /// An empty cache of at most `capacity` entries that live `ttl` each.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero, saying that the cache needs room for one entry.
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        assert!(capacity > 0, "a TTL cache needs room for one entry");
        Self {
            entries: HashMap::new(),
            by_expiry: BTreeMap::new(),
            by_use: BTreeMap::new(),
            tick: 0,
            capacity,
            ttl,
        }
    }

    /// Puts `key` with `value` at time `now`; the entry lives until `now + ttl`
    /// (excluded) and becomes the most recently used. Putting a present key replaces
    /// its value and restarts its life. A new key in a full cache evicts an expired
    /// entry if there is one, else the least recently used.
    pub fn put(&mut self, key: K, value: V, now: Duration) {
        self.tick += 1;
        let expires_at = now + self.ttl;
        let entry = Entry {
            value,
            expires_at,
            put: self.tick,
            used: self.tick,
        };
        if let Some(old) = self.entries.get_mut(&key) {
            self.by_expiry.remove(&old.expiry_key());
            self.by_use.remove(&old.used);
            *old = entry;
        } else {
            if self.entries.len() == self.capacity {
                self.evict(now);
            }
            self.entries.insert(key.clone(), entry);
        }
        self.by_expiry.insert((expires_at, self.tick), key.clone());
        self.by_use.insert(self.tick, key);
    }

    /// The value of `key` at time `now`, if it is there and has not expired. It
    /// becomes the most recently used; its expiry does not move.
    pub fn get(&mut self, key: &K, now: Duration) -> Option<&V> {
        self.tick += 1;
        let entry = self.entries.get_mut(key)?;
        if now >= entry.expires_at {
            return None;
        }
        self.by_use.remove(&entry.used);
        entry.used = self.tick;
        self.by_use.insert(self.tick, key.clone());
        Some(&entry.value)
    }

    /// How many entries are live (not expired) at time `now`.
    pub fn len(&self, now: Duration) -> usize {
        self.entries
            .values()
            .filter(|entry| now < entry.expires_at)
            .count()
    }

    /// Removes one entry to make room: the one that expires first if it has expired
    /// at `now`, else the least recently used.
    fn evict(&mut self, now: Duration) {
        let expired = self
            .by_expiry
            .first_key_value()
            .filter(|((expires_at, _), _)| now >= *expires_at)
            .map(|(_, key)| key.clone());
        let victim = match expired {
            Some(key) => key,
            None => match self.by_use.first_key_value() {
                Some((_, key)) => key.clone(),
                None => return,
            },
        };
        let entry = self
            .entries
            .remove(&victim)
            .expect("indexed keys are present");
        self.by_use.remove(&entry.used);
        self.by_expiry.remove(&entry.expiry_key());
    }
}
