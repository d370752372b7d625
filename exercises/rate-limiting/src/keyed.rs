//! Exercise: a keyed limiter shared by many threads.
//!
//! A service limits each client separately: by user, IP address or API key. This
//! limiter keeps one GCRA state (one theoretical arrival time) per key and is shared
//! by every thread that serves requests, so `check` takes `&self`. Two rules:
//!
//! - **Safe under concurrency.** Many threads may call `check` at once, for the same
//!   key or different ones; together they must never get more admissions for a key
//!   than one thread alone would.
//! - **Bounded memory.** A key whose theoretical arrival time is at or before `now` is
//!   idle: forgetting it changes no decision. Evict such keys as you go, so that a
//!   million clients who each came once do not stay in memory forever.
//!
//! Read "Keyed limiter" in `notes/rate-limiting.md`.

use std::hash::Hash;
use std::marker::PhantomData;
use std::time::Duration;

use crate::Decision;

/// One GCRA limiter per key, behind `&self`.
#[derive(Debug)]
pub struct KeyedLimiter<K> {
    // Replace this marker with your fields.
    keys: PhantomData<K>,
}

impl<K: Hash + Eq + Clone> KeyedLimiter<K> {
    /// Admits one request per `emission_interval` for each key, with bursts of up to
    /// `burst`: the decisions of `Gcra::new(emission_interval, burst)`, key by key.
    ///
    /// # Panics
    ///
    /// If `emission_interval` is zero or `burst` is zero.
    pub fn new(emission_interval: Duration, burst: u32) -> Self {
        todo!("no keys yet")
    }

    /// Decides the request for `key` at `now`.
    pub fn check(&self, key: &K, now: Duration) -> Decision {
        todo!("find the key's state, decide as GCRA does, store the result")
    }

    /// How many keys the limiter holds state for right now.
    pub fn len(&self) -> usize {
        todo!("count the stored keys")
    }

    /// Whether the limiter holds no state at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
