//! Exercise: sets and registers.
//!
//! Two more state-based CRDTs. An observed-remove set (OR-Set), where a remove
//! takes away only the adds its replica has seen, so an add concurrent with a
//! remove wins; and a last-writer-wins register, which keeps the write with the
//! highest timestamp and silently drops every other. Read "Sets and registers" in
//! `notes/replication.md`.

use std::collections::{BTreeMap, BTreeSet};

use crate::VectorClock;

/// An add's unique tag: the replica that made it and that replica's count of adds.
type Tag = (String, u64);

/// An observed-remove set. Each add is tagged uniquely; an item is in the set while
/// some tag of it has not been removed. A remove records the tags it removes
/// (tombstones), so that merging a state from before the remove does not bring
/// them back.
#[derive(Clone, Debug)]
pub struct OrSet<T: Clone + Ord> {
    /// The live tags of each item in the set.
    live: BTreeMap<T, BTreeSet<Tag>>,
    /// Every tag removed so far.
    removed: BTreeSet<Tag>,
    /// How many adds each replica has made, to tag the next one.
    adds: VectorClock,
}

impl<T: Clone + Ord> Default for OrSet<T> {
    fn default() -> Self {
        Self {
            live: BTreeMap::new(),
            removed: BTreeSet::new(),
            adds: VectorClock::new(),
        }
    }
}

impl<T: Clone + Ord> OrSet<T> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replica `replica` adds `item`, with a tag no other add has.
    pub fn add(&mut self, replica: &str, item: T) {
        self.adds.increment(replica);
        let tag = (replica.to_owned(), self.adds.get(replica));
        self.live.entry(item).or_default().insert(tag);
    }

    /// Removes `item` as far as this replica knows it: the tags of it seen here.
    /// An add this replica has not seen is untouched and keeps the item in the set.
    pub fn remove(&mut self, item: &T) {
        if let Some(tags) = self.live.remove(item) {
            self.removed.extend(tags);
        }
    }

    /// Whether `item` is in the set.
    pub fn contains(&self, item: &T) -> bool {
        self.live.contains_key(item)
    }

    /// The items in the set, sorted, each once.
    pub fn items(&self) -> Vec<T> {
        self.live.keys().cloned().collect()
    }

    /// Takes in another replica's state: every tag either side added, less every tag
    /// either side removed.
    pub fn merge(&mut self, other: &Self) {
        self.removed.extend(other.removed.iter().cloned());
        for (item, tags) in &other.live {
            self.live
                .entry(item.clone())
                .or_default()
                .extend(tags.iter().cloned());
        }
        let removed = &self.removed;
        self.live.retain(|_, tags| {
            tags.retain(|tag| !removed.contains(tag));
            !tags.is_empty()
        });
        self.adds.merge(&other.adds);
    }
}

/// A last-writer-wins register: holds the value of the write with the highest
/// timestamp, equal timestamps going to the greater replica name.
#[derive(Clone, Debug)]
pub struct LwwRegister<T: Clone> {
    /// The winning write so far: its value, timestamp and replica.
    current: Option<(T, u64, String)>,
}

impl<T: Clone> Default for LwwRegister<T> {
    fn default() -> Self {
        Self { current: None }
    }
}

impl<T: Clone> LwwRegister<T> {
    /// A register no one has written.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replica `replica` writes `value` at `timestamp`. The write takes effect only
    /// if it beats the current one: a later timestamp, or the same timestamp from a
    /// greater replica name.
    pub fn set(&mut self, value: T, timestamp: u64, replica: &str) {
        if self.beaten_by(timestamp, replica) {
            self.current = Some((value, timestamp, replica.to_owned()));
        }
    }

    /// The value of the winning write, if any.
    pub fn get(&self) -> Option<&T> {
        self.current.as_ref().map(|(value, _, _)| value)
    }

    /// Takes in another replica's state: the winning write of the two.
    pub fn merge(&mut self, other: &Self) {
        if let Some((value, timestamp, replica)) = &other.current
            && self.beaten_by(*timestamp, replica)
        {
            self.current = Some((value.clone(), *timestamp, replica.clone()));
        }
    }

    /// Whether a write at `timestamp` by `replica` beats the current one.
    fn beaten_by(&self, timestamp: u64, replica: &str) -> bool {
        match &self.current {
            None => true,
            Some((_, current, by)) => (timestamp, replica) > (*current, by.as_str()),
        }
    }
}
