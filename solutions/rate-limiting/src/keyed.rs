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

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, RandomState};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::Decision;
use crate::gcra::Gcra;

/// Independent locks, so threads serving different keys rarely wait for each other.
const SHARDS: usize = 32;
/// A shard is swept for idle keys when it has grown to twice its size after the
/// last sweep, and never below this size: sweeping costs O(keys), so it must be rare.
const MIN_SWEEP: usize = 64;

/// One GCRA limiter per key, behind `&self`.
#[derive(Debug)]
pub struct KeyedLimiter<K> {
    emission_interval: Duration,
    tolerance: Duration,
    shards: Box<[Mutex<Shard<K>>]>,
    hasher: RandomState,
}

#[derive(Debug)]
struct Shard<K> {
    /// Each key's theoretical arrival time; an absent key is idle (as if it were 0).
    tats: HashMap<K, Duration>,
    /// The size at which this shard is next swept.
    sweep_at: usize,
}

impl<K: Hash + Eq + Clone> KeyedLimiter<K> {
    /// Admits one request per `emission_interval` for each key, with bursts of up to
    /// `burst`: the decisions of `Gcra::new(emission_interval, burst)`, key by key.
    ///
    /// # Panics
    ///
    /// If `emission_interval` is zero or `burst` is zero.
    pub fn new(emission_interval: Duration, burst: u32) -> Self {
        assert!(
            !emission_interval.is_zero(),
            "GCRA needs a non-zero emission interval"
        );
        assert!(burst > 0, "GCRA must admit a burst of at least one request");
        let shards = (0..SHARDS)
            .map(|_| {
                Mutex::new(Shard {
                    tats: HashMap::new(),
                    sweep_at: MIN_SWEEP,
                })
            })
            .collect();
        Self {
            emission_interval,
            tolerance: emission_interval * (burst - 1),
            shards,
            hasher: RandomState::new(),
        }
    }

    /// Decides the request for `key` at `now`.
    pub fn check(&self, key: &K, now: Duration) -> Decision {
        let index = self.hasher.hash_one(key) as usize % self.shards.len();
        // The map is consistent after any panic (every update is one insert), so a
        // poisoned lock is safe to keep using.
        let mut shard = self.shards[index]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let stored = shard.tats.get(key).copied().unwrap_or_default();
        let (decision, tat) = Gcra::decide(stored, now, self.emission_interval, self.tolerance);
        if decision.is_allowed() {
            match shard.tats.get_mut(key) {
                Some(slot) => *slot = tat,
                None => {
                    shard.tats.insert(key.clone(), tat);
                }
            }
            if shard.tats.len() >= shard.sweep_at {
                shard.tats.retain(|_, tat| *tat > now);
                shard.sweep_at = (shard.tats.len() * 2).max(MIN_SWEEP);
            }
        }
        decision
    }

    /// How many keys the limiter holds state for right now.
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|shard| {
                shard
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .tats
                    .len()
            })
            .sum()
    }

    /// Whether the limiter holds no state at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
