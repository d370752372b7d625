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
        todo!()
    }

    /// Replica `replica` adds `item`, with a tag no other add has.
    pub fn add(&mut self, replica: &str, item: T) {
        todo!("a tag no other add of any replica has")
    }

    /// Removes `item` as far as this replica knows it: the tags of it seen here.
    /// An add this replica has not seen is untouched and keeps the item in the set.
    pub fn remove(&mut self, item: &T) {
        todo!("remember what was removed, or a merge brings it back")
    }

    /// Whether `item` is in the set.
    pub fn contains(&self, item: &T) -> bool {
        todo!()
    }

    /// The items in the set, sorted, each once.
    pub fn items(&self) -> Vec<T> {
        todo!()
    }

    /// Takes in another replica's state: every tag either side added, less every tag
    /// either side removed.
    pub fn merge(&mut self, other: &Self) {
        todo!()
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
        todo!()
    }

    /// Replica `replica` writes `value` at `timestamp`. The write takes effect only
    /// if it beats the current one: a later timestamp, or the same timestamp from a
    /// greater replica name.
    pub fn set(&mut self, value: T, timestamp: u64, replica: &str) {
        todo!("compare (timestamp, replica) with the current write's")
    }

    /// The value of the winning write, if any.
    pub fn get(&self) -> Option<&T> {
        todo!()
    }

    /// Takes in another replica's state: the winning write of the two.
    pub fn merge(&mut self, other: &Self) {
        todo!()
    }
}
