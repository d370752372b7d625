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
    // The number of virtual nodes per node, the hash, the nodes, and every point
    // (position and node), sorted so a look-up can binary-search.
}

impl Ring {
    /// An empty ring that places points and keys with `hash64`.
    ///
    /// # Panics
    ///
    /// If `vnodes_per_node` is zero.
    pub fn new(vnodes_per_node: u32) -> Self {
        todo!("a ring placed with hash64")
    }

    /// An empty ring that places points and keys with `hash`.
    ///
    /// # Panics
    ///
    /// If `vnodes_per_node` is zero.
    pub fn with_hash(vnodes_per_node: u32, hash: fn(&[u8]) -> u64) -> Self {
        todo!("an empty ring")
    }

    /// Puts `node` on the ring at its `vnodes_per_node` points. Adding a node that
    /// is already on the ring changes nothing.
    pub fn add(&mut self, node: &str) {
        todo!("one point per virtual node, kept sorted; nothing if already present")
    }

    /// Takes `node` and all its points off the ring; an absent node changes nothing.
    pub fn remove(&mut self, node: &str) {
        todo!("drop every point of the node")
    }

    /// The node that `key` belongs to: the owner of the first point at or after
    /// the key's hash, wrapping round to the first point. `None` on an empty ring.
    pub fn node_for(&self, key: &[u8]) -> Option<&str> {
        todo!("the first point at or after hash(key); wrap to the first point")
    }

    /// Whether `node` is on the ring.
    pub fn contains(&self, node: &str) -> bool {
        todo!("is the node on the ring?")
    }

    /// The nodes on the ring, in name order.
    pub fn nodes(&self) -> Vec<&str> {
        todo!("the nodes, in name order")
    }

    /// Every point on the ring with its node, in ring order from position 0.
    pub fn points(&self) -> Vec<(u64, &str)> {
        todo!("(position, node) pairs, in ring order")
    }
}

/// The label hashed to place virtual node `i` of `node`: `"{node}#{i}"`.
pub fn vnode_label(node: &str, i: u32) -> String {
    todo!("the node, a #, then i")
}
