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
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{PoisonError, RwLock};
use std::time::Duration;

use crate::Decision;
use crate::gcra::Gcra;

/// Independent locks, so threads serving different keys rarely meet.
const SHARDS: usize = 32;
/// A shard is swept for idle keys when it has grown to twice its size after the
/// last sweep, and never below this size: sweeping costs O(keys), so it must be rare.
const MIN_SWEEP: usize = 64;

/// One GCRA limiter per key, behind `&self`.
#[derive(Debug)]
pub struct KeyedLimiter<K> {
    emission_interval: Duration,
    tolerance: Duration,
    shards: Box<[RwLock<Shard<K>>]>,
    hasher: RandomState,
}

#[derive(Debug)]
struct Shard<K> {
    /// Each key's theoretical arrival time in nanoseconds; an absent key is idle.
    /// Known keys are decided under the shared read lock with a compare-and-swap on
    /// their own atomic, so threads asking about one hot key do not queue on a mutex.
    tats: HashMap<K, AtomicU64>,
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
                RwLock::new(Shard {
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
        let shard = &self.shards[self.hasher.hash_one(key) as usize % self.shards.len()];
        // The maps stay consistent whatever panics (every update is one insert or
        // one atomic store), so a poisoned lock is safe to keep using.
        if let Some(tat) = shard
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .tats
            .get(key)
        {
            return self.decide(tat, now);
        }
        let mut shard = shard.write().unwrap_or_else(PoisonError::into_inner);
        if shard.tats.len() >= shard.sweep_at {
            // Idle keys decide exactly as absent ones: dropping them changes nothing.
            let now_nanos = nanos(now);
            shard
                .tats
                .retain(|_, tat| tat.load(Ordering::Relaxed) > now_nanos);
            shard.sweep_at = (shard.tats.len() * 2).max(MIN_SWEEP);
        }
        // Another thread may have inserted the key between the two locks.
        let tat = shard
            .tats
            .entry(key.clone())
            .or_insert_with(|| AtomicU64::new(0));
        self.decide(tat, now)
    }

    /// GCRA on one key's atomic TAT: admit only if the TAT it decided from is still
    /// the stored one, so two threads never both take the last of a burst.
    fn decide(&self, tat: &AtomicU64, now: Duration) -> Decision {
        let mut seen = tat.load(Ordering::Acquire);
        loop {
            let (decision, next) = Gcra::decide(
                Duration::from_nanos(seen),
                now,
                self.emission_interval,
                self.tolerance,
            );
            if !decision.is_allowed() {
                return decision;
            }
            match tat.compare_exchange_weak(seen, nanos(next), Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => return decision,
                Err(current) => seen = current,
            }
        }
    }

    /// How many keys the limiter holds state for right now.
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|shard| {
                shard
                    .read()
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

/// Nanoseconds since the epoch as stored in a key's atomic: 584 years fit in a u64.
fn nanos(time: Duration) -> u64 {
    u64::try_from(time.as_nanos()).unwrap_or(u64::MAX)
}
