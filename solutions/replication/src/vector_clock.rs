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
        Self::default()
    }

    /// Counts one more event of `node`.
    pub fn increment(&mut self, node: &str) {
        *self.counters.entry(node.to_owned()).or_insert(0) += 1;
    }

    /// Takes in everything `other` has seen: each node's counter becomes the larger
    /// of the two.
    pub fn merge(&mut self, other: &VectorClock) {
        for (node, &count) in &other.counters {
            let mine = self.counters.entry(node.clone()).or_insert(0);
            *mine = (*mine).max(count);
        }
    }

    /// How many events of `node` this clock has seen (0 for a node never seen).
    pub fn get(&self, node: &str) -> u64 {
        self.counters.get(node).copied().unwrap_or(0)
    }

    /// Whether neither clock is at most the other: the events they stamp are
    /// concurrent.
    pub fn concurrent_with(&self, other: &VectorClock) -> bool {
        self.partial_cmp(other).is_none()
    }

    /// Whether every counter of `self` is at most the same counter of `other`.
    fn at_most(&self, other: &VectorClock) -> bool {
        self.counters
            .iter()
            .all(|(node, &count)| count <= other.get(node))
    }
}

/// A clock from `(node, counter)` pairs, as Dynamo's paper writes them:
/// `[("Sx", 2), ("Sy", 1)]`. A node listed twice keeps its larger counter.
impl<'a> FromIterator<(&'a str, u64)> for VectorClock {
    fn from_iter<I: IntoIterator<Item = (&'a str, u64)>>(entries: I) -> Self {
        let mut clock = VectorClock::new();
        for (node, count) in entries {
            let entry = clock.counters.entry(node.to_owned()).or_insert(0);
            *entry = (*entry).max(count);
        }
        clock
    }
}

impl PartialEq for VectorClock {
    /// Equal when every node's counter is the same, a missing entry counting as 0.
    fn eq(&self, other: &Self) -> bool {
        self.at_most(other) && other.at_most(self)
    }
}

impl Eq for VectorClock {}

impl PartialOrd for VectorClock {
    /// `a <= b` when every counter of `a` is at most `b`'s; `None` when each clock
    /// has a counter larger than the other's (the clocks are concurrent).
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match (self.at_most(other), other.at_most(self)) {
            (true, true) => Some(Ordering::Equal),
            (true, false) => Some(Ordering::Less),
            (false, true) => Some(Ordering::Greater),
            (false, false) => None,
        }
    }
}

/// The vector clock of every event of `trace` (see
/// [`timestamps`](crate::lamport_clock::timestamps) for what a trace is), one `Vec`
/// per process. Process `p` is the node named `p{p}` (`"p0"`, `"p1"`, ...): a
/// local event or a send increments its own counter; a receive merges the clock
/// its message carries, then increments its own counter.
pub fn vector_stamps(trace: &[Vec<Event>]) -> Vec<Vec<VectorClock>> {
    let names: Vec<String> = (0..trace.len()).map(|p| format!("p{p}")).collect();
    let mut sent = BTreeMap::new();
    let mut clocks = vec![VectorClock::new(); trace.len()];
    let mut stamps: Vec<Vec<VectorClock>> = trace.iter().map(|_| Vec::new()).collect();
    let total: usize = trace.iter().map(Vec::len).sum();
    let mut done = 0;
    while done < total {
        let before = done;
        for (process, events) in trace.iter().enumerate() {
            while let Some(event) = events.get(stamps[process].len()) {
                let clock = &mut clocks[process];
                if let Event::Receive { msg } = *event {
                    // A receive waits until its message has been sent.
                    match sent.get(&msg) {
                        Some(carried) => clock.merge(carried),
                        None => break,
                    }
                }
                clock.increment(&names[process]);
                if let Event::Send { msg } = *event {
                    sent.insert(msg, clock.clone());
                }
                stamps[process].push(clock.clone());
                done += 1;
            }
        }
        assert!(done > before, "the trace has a cycle of messages");
    }
    stamps
}

/// The indices of the `versions` that no other version supersedes: a clock is
/// dropped when another is strictly greater, or is equal to it and comes earlier
/// (a duplicate). Concurrent versions are all kept, in their original order.
pub fn latest(versions: &[VectorClock]) -> Vec<usize> {
    (0..versions.len())
        .filter(|&i| {
            versions
                .iter()
                .enumerate()
                .all(|(j, other)| !(other > &versions[i] || (j < i && other == &versions[i])))
        })
        .collect()
}
