//! Exercise: counters.
//!
//! Two state-based CRDTs (conflict-free replicated data types): a grow-only counter
//! and a counter that also goes down. Every replica counts on its own, with no
//! coordination, and any two replicas' states merge into one that counts every
//! increment once, however often and in whatever order the states are exchanged.
//! Read "Counters" in `notes/replication.md`.

use std::collections::BTreeMap;

/// A grow-only counter (G-Counter): one count per replica, each changed only by
/// its own replica; the value is their sum.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GCounter {
    counts: BTreeMap<String, u64>,
}

impl GCounter {
    /// A counter at 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replica `replica` counts `by` more.
    pub fn increment(&mut self, replica: &str, by: u64) {
        *self.counts.entry(replica.to_owned()).or_insert(0) += by;
    }

    /// Everything every replica has counted.
    pub fn value(&self) -> u64 {
        self.counts.values().sum()
    }

    /// Takes in another replica's state: each replica's count becomes the larger of
    /// the two, since a count only grows and the larger one has seen more.
    pub fn merge(&mut self, other: &Self) {
        for (replica, &count) in &other.counts {
            let mine = self.counts.entry(replica.clone()).or_insert(0);
            *mine = (*mine).max(count);
        }
    }
}

/// A counter that goes up and down (PN-Counter): a G-Counter of increments and
/// another of decrements; the value is the difference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PnCounter {
    increments: GCounter,
    decrements: GCounter,
}

impl PnCounter {
    /// A counter at 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replica `replica` counts `by` up.
    pub fn increment(&mut self, replica: &str, by: u64) {
        self.increments.increment(replica, by);
    }

    /// Replica `replica` counts `by` down.
    pub fn decrement(&mut self, replica: &str, by: u64) {
        self.decrements.increment(replica, by);
    }

    /// The increments minus the decrements, which may be below zero.
    pub fn value(&self) -> i64 {
        // Counts beyond i64's range are not this exercise's concern.
        self.increments.value() as i64 - self.decrements.value() as i64
    }

    /// Takes in another replica's state, each half on its own.
    pub fn merge(&mut self, other: &Self) {
        self.increments.merge(&other.increments);
        self.decrements.merge(&other.decrements);
    }
}
