//! Exercise: cache-aside in front of a slow store, and the stale-set race.
//!
//! Cache-aside is the strategy the application runs itself: to read, look in the
//! cache; on a miss, load from the store and put the value in the cache. To write,
//! save to the store and then delete the key from the cache, so that the next read
//! loads the new value.
//!
//! It has a race. A reader misses and loads the old value; before it sets that value
//! in the cache, a writer saves a new value and deletes the key. The reader then sets
//! the old value, and the cache serves it until it is evicted or expires: a delete
//! that came too early to help. Memcache's answer is a lease: a miss hands the reader
//! a token, a delete cancels any outstanding token for that key, and a set with a
//! cancelled token is refused. [`LeaseCache`] is that cache, [`CacheAside`] the
//! application's side. Read "Cache-aside and leases" in `notes/caching.md`.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

/// The slow store behind the cache (a database). The checks' store counts calls.
pub trait Store {
    /// The stored value of `key`, if any.
    fn load(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`.
    fn save(&self, key: &str, value: &str);
}

/// A token from a miss, which allows one set of that key until a delete cancels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lease(u64);

/// What a look-up in the cache found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// The cached value.
    Hit(String),
    /// Nothing cached: load the value and set it with this lease.
    Miss(Lease),
}

/// A cache with memcache-style leases. Safe to share between threads.
#[derive(Debug, Default)]
pub struct LeaseCache {
    // Replace this with your fields, behind the mutex: each key's value and
    // outstanding lease, and a counter for lease tokens.
    slots: Mutex<()>,
}

impl LeaseCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The cached value of `key`, or on a miss a new lease for it. A new lease
    /// replaces any earlier one for the key.
    pub fn get(&self, key: &str) -> Lookup {
        todo!("a hit, or a fresh lease recorded for the key")
    }

    /// Caches `value` for `key` if `lease` is the key's current lease, and uses the
    /// lease up. Returns whether the value was stored; a lease cancelled by a
    /// delete (or replaced by a later miss) stores nothing.
    pub fn set(&self, key: &str, value: String, lease: Lease) -> bool {
        todo!("store only under the key's current lease, and use it up")
    }

    /// Removes `key`'s value and cancels its outstanding lease.
    pub fn delete(&self, key: &str) {
        todo!("remove the value and cancel the lease")
    }
}

/// Runs after a read has loaded from the store and before it sets the cache.
type AfterLoad<S> = Box<dyn Fn(&CacheAside<S>, &str) + Send + Sync>;

/// The application's side of cache-aside: a [`LeaseCache`] in front of a store.
pub struct CacheAside<S> {
    store: S,
    cache: LeaseCache,
    after_load: Option<AfterLoad<S>>,
}

impl<S: fmt::Debug> fmt::Debug for CacheAside<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CacheAside")
            .field("store", &self.store)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

impl<S: Store> CacheAside<S> {
    /// An empty cache in front of `store`.
    pub fn new(store: S) -> Self {
        Self {
            store,
            cache: LeaseCache::new(),
            after_load: None,
        }
    }

    /// The same, calling `after_load(self, key)` in every read that missed, after
    /// it loaded from the store and before it sets the cache. The checks use it to
    /// slip a writer into exactly that gap.
    pub fn with_hook(
        store: S,
        after_load: impl Fn(&CacheAside<S>, &str) + Send + Sync + 'static,
    ) -> Self {
        Self {
            after_load: Some(Box::new(after_load)),
            ..Self::new(store)
        }
    }

    /// The value of `key`: from the cache on a hit; on a miss, loaded from the
    /// store and set in the cache under the miss's lease.
    pub fn read(&self, key: &str) -> Option<String> {
        todo!("hit, or miss: load, run the hook, set under the lease")
    }

    /// Saves `value` to the store, then deletes `key` from the cache.
    pub fn write(&self, key: &str, value: &str) {
        todo!("save to the store, then delete from the cache")
    }

    /// The store behind the cache.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The cache itself.
    pub fn cache(&self) -> &LeaseCache {
        &self.cache
    }
}
