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
use std::marker::PhantomData;
use std::time::Duration;

/// A cache of at most `capacity` entries, each living `ttl` from its last put.
#[derive(Debug)]
pub struct TtlCache<K, V> {
    // Replace this with your fields: the entries with their expiry times, a way to
    // find an expired entry and the least recently used one without searching,
    // the capacity and the time to live.
    entries: PhantomData<(K, V)>,
}

impl<K: Hash + Eq + Clone, V> TtlCache<K, V> {
    /// An empty cache of at most `capacity` entries that live `ttl` each.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero, saying that the cache needs room for one entry.
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        todo!("an empty cache; refuse a capacity of zero")
    }

    /// Puts `key` with `value` at time `now`; the entry lives until `now + ttl`
    /// (excluded) and becomes the most recently used. Putting a present key replaces
    /// its value and restarts its life. A new key in a full cache evicts an expired
    /// entry if there is one, else the least recently used.
    pub fn put(&mut self, key: K, value: V, now: Duration) {
        todo!(
            "replace and restart, or make room (expired first, then least recently used) and insert"
        )
    }

    /// The value of `key` at time `now`, if it is there and has not expired. It
    /// becomes the most recently used; its expiry does not move.
    pub fn get(&mut self, key: &K, now: Duration) -> Option<&V> {
        todo!("None if absent or expired; else mark it used, keep its expiry")
    }

    /// How many entries are live (not expired) at time `now`.
    pub fn len(&self, now: Duration) -> usize {
        todo!("count the entries that have not expired at now")
    }
}
