//! Exercise: vector clock.
//!
//! A vector clock keeps one counter per node, so that comparing two clocks says
//! whether one event happened before the other, or whether they are concurrent,
//! which a single Lamport number cannot. Build the clock, its merge and its
//! comparison, stamp a message trace with it, and keep every version that no other
//! version supersedes. Read "Vector clock" in `notes/replication.md`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::lamport_clock::Event;

/// A vector clock: how many events of each node the holder has seen.
///
/// A node without an entry counts as 0, whether the entry is missing or holds 0.
#[derive(Clone, Debug, Default)]
pub struct VectorClock {
    counters: BTreeMap<String, u64>,
}

impl VectorClock {
    /// A clock that has seen no event of any node.
    pub fn new() -> Self {
        todo!("a clock that has seen no event")
    }

    /// Counts one more event of `node`.
    pub fn increment(&mut self, node: &str) {
        todo!()
    }

    /// Takes in everything `other` has seen: each node's counter becomes the larger
    /// of the two.
    pub fn merge(&mut self, other: &VectorClock) {
        todo!("each node's counter: the larger of the two")
    }

    /// How many events of `node` this clock has seen (0 for a node never seen).
    pub fn get(&self, node: &str) -> u64 {
        todo!()
    }

    /// Whether neither clock is at most the other: the events they stamp are
    /// concurrent.
    pub fn concurrent_with(&self, other: &VectorClock) -> bool {
        todo!()
    }
}

/// A clock from `(node, counter)` pairs, as Dynamo's paper writes them:
/// `[("Sx", 2), ("Sy", 1)]`. A node listed twice keeps its larger counter.
impl<'a> FromIterator<(&'a str, u64)> for VectorClock {
    fn from_iter<I: IntoIterator<Item = (&'a str, u64)>>(entries: I) -> Self {
        todo!()
    }
}

impl PartialEq for VectorClock {
    /// Equal when every node's counter is the same, a missing entry counting as 0.
    fn eq(&self, other: &Self) -> bool {
        todo!("a missing entry counts as 0")
    }
}

impl Eq for VectorClock {}

impl PartialOrd for VectorClock {
    /// `a <= b` when every counter of `a` is at most `b`'s; `None` when each clock
    /// has a counter larger than the other's (the clocks are concurrent).
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        todo!("which of the two clocks is at most the other, if either")
    }
}

/// The vector clock of every event of `trace` (see
/// [`timestamps`](crate::lamport_clock::timestamps) for what a trace is), one `Vec`
/// per process. Process `p` is the node named `p{p}` (`"p0"`, `"p1"`, ...): a
/// local event or a send increments its own counter; a receive merges the clock
/// its message carries, then increments its own counter.
pub fn vector_stamps(trace: &[Vec<Event>]) -> Vec<Vec<VectorClock>> {
    todo!("as `lamport_clock::timestamps`, with a vector clock per process")
}

/// The indices of the `versions` that no other version supersedes: a clock is
/// dropped when another is strictly greater, or is equal to it and comes earlier
/// (a duplicate). Concurrent versions are all kept, in their original order.
pub fn latest(versions: &[VectorClock]) -> Vec<usize> {
    todo!()
}
