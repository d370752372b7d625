//! Exercise: one load per key, however many callers miss at once.
//!
//! When a popular key misses (it expired, or the cache restarted), every request for
//! it misses at the same moment, and each one goes to the store for the same value:
//! a stampede. Go's `singleflight` package fixes the in-process half of it: the first
//! caller for a key runs the load, and callers that arrive while it runs wait for it
//! and share its result. Once the load has finished, the key is forgotten, so the next
//! call loads again (caching the result is the cache's job, not this one's). That
//! holds even when a load panics: its key must not stay "in flight" for ever.
//! Different keys never wait for each other.
//! Read "Singleflight" in `notes/caching.md`.

use std::collections::HashMap;
use std::hash::Hash;
use std::marker::PhantomData;
use std::sync::{Arc, Condvar, Mutex};

/// Deduplicates concurrent loads of the same key. Must be `Send + Sync`, so that
/// threads can share one group through an `Arc`.
pub struct Group<K, V> {
    // Replace this with your fields: the loads in flight, by key, each one something
    // its waiters can block on until the value is there.
    calls: PhantomData<fn() -> (K, V)>,
}

impl<K: Hash + Eq + Clone + Send, V: Clone + Send> Default for Group<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Hash + Eq + Clone + Send, V: Clone + Send> Group<K, V> {
    /// A group with no load in flight.
    pub fn new() -> Self {
        todo!("no load in flight")
    }

    /// The value of `load()` for `key`. If a load for `key` is already running, waits
    /// for it and returns a clone of its value instead of loading again; otherwise
    /// runs `load` itself, while later callers for `key` wait.
    pub fn work(&self, key: K, load: impl FnOnce() -> V) -> V {
        todo!(
            "join the key's load in flight, or register one, run load unlocked, hand out the value"
        )
    }
}
