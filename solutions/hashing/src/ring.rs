//! Exercise: a consistent-hash ring with virtual nodes.
//!
//! Picture the 2^64 hash values as a circle. Each node is placed on it at many
//! points, its virtual nodes: node `"a"` with 3 virtual nodes sits at the hashes of
//! `"a#0"`, `"a#1"` and `"a#2"`. A key belongs to the first point at or after its
//! own hash, going round past the top back to 0. Adding a node takes over only the
//! arcs just before its points; removing one hands only its arcs to the next points.
//! Many points per node even out the arcs' lengths, so each node's share is close
//! to 1/N. Points and keys are placed with a hash (by default `hash64`); when two
//! points land on one value, the node whose name sorts first holds it, so the ring
//! depends only on which nodes are in it, never on the order they joined.
//! Read "A ring with virtual nodes" in `notes/hashing.md`.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::fnv::hash64;

/// A consistent-hash ring: nodes by name, each at `vnodes_per_node` points.
#[derive(Debug, Clone)]
pub struct Ring {
    vnodes_per_node: u32,
    hash: fn(&[u8]) -> u64,
    nodes: BTreeSet<Arc<str>>,
    /// Every point, sorted by position and then by node name.
    points: Vec<(u64, Arc<str>)>,
}

impl Ring {
    /// An empty ring that places points and keys with `hash64`.
    ///
    /// # Panics
    ///
    /// If `vnodes_per_node` is zero.
    pub fn new(vnodes_per_node: u32) -> Self {
        Self::with_hash(vnodes_per_node, hash64)
    }

    /// An empty ring that places points and keys with `hash`.
    ///
    /// # Panics
    ///
    /// If `vnodes_per_node` is zero.
    pub fn with_hash(vnodes_per_node: u32, hash: fn(&[u8]) -> u64) -> Self {
        assert!(
            vnodes_per_node > 0,
            "a node needs at least one point on the ring"
        );
        Self {
            vnodes_per_node,
            hash,
            nodes: BTreeSet::new(),
            points: Vec::new(),
        }
    }

    /// Puts `node` on the ring at its `vnodes_per_node` points. Adding a node that
    /// is already on the ring changes nothing.
    pub fn add(&mut self, node: &str) {
        if self.contains(node) {
            return;
        }
        let name: Arc<str> = Arc::from(node);
        self.nodes.insert(Arc::clone(&name));
        let mut new_points: Vec<_> = (0..self.vnodes_per_node)
            .map(|i| {
                (
                    (self.hash)(vnode_label(node, i).as_bytes()),
                    Arc::clone(&name),
                )
            })
            .collect();
        new_points.sort_unstable();
        self.points.extend(new_points);
        // Two sorted runs: the stable sort finds them and merges in linear time.
        self.points.sort();
    }

    /// Takes `node` and all its points off the ring; an absent node changes nothing.
    pub fn remove(&mut self, node: &str) {
        if !self.nodes.remove(node) {
            return;
        }
        self.points.retain(|(_, owner)| &**owner != node);
    }

    /// The node that `key` belongs to: the owner of the first point at or after
    /// the key's hash, wrapping round to the first point. `None` on an empty ring.
    pub fn node_for(&self, key: &[u8]) -> Option<&str> {
        let position = (self.hash)(key);
        let after = self.points.partition_point(|(point, _)| *point < position);
        let (_, owner) = self.points.get(after).or_else(|| self.points.first())?;
        Some(owner)
    }

    /// Whether `node` is on the ring.
    pub fn contains(&self, node: &str) -> bool {
        self.nodes.contains(node)
    }

    /// The nodes on the ring, in name order.
    pub fn nodes(&self) -> Vec<&str> {
        self.nodes.iter().map(|node| &**node).collect()
    }

    /// Every point on the ring with its node, in ring order from position 0.
    pub fn points(&self) -> Vec<(u64, &str)> {
        self.points
            .iter()
            .map(|(point, owner)| (*point, &**owner))
            .collect()
    }
}

/// The label hashed to place virtual node `i` of `node`: `"{node}#{i}"`.
pub fn vnode_label(node: &str, i: u32) -> String {
    format!("{node}#{i}")
}
