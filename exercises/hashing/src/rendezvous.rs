//! Exercise: rendezvous hashing, also called highest random weight.
//!
//! Every node scores every key with a hash of the pair; the key goes to the node
//! with the highest score. Adding a node moves only the keys it now outscores the
//! others on; removing one moves only its own keys, each to its second-best node.
//! No ring, no virtual nodes, balance as good as the hash; the price is a look-up
//! that scores all N nodes. Read "Rendezvous hashing" in `notes/hashing.md`.

use crate::fnv::{hash64, mix64};

/// The score of `key` on `node`, from `node`'s and `key`'s `hash64`es:
/// `mix64(hash64(node) ^ hash64(key))`.
pub fn score(node: &str, key: &[u8]) -> u64 {
    todo!("mix64 of the XOR of the two hash64s")
}

fn score_from_hashes(node_hash: u64, key_hash: u64) -> u64 {
    mix64(node_hash ^ key_hash)
}

/// Nodes that keys are spread over by highest score.
#[derive(Debug, Clone, Default)]
pub struct Rendezvous {
    // The nodes; hashing each name once, when it is added, saves work on every look-up.
}

impl Rendezvous {
    /// No nodes yet.
    pub fn new() -> Self {
        todo!("no nodes")
    }

    /// Adds `node`; adding one that is present changes nothing.
    pub fn add(&mut self, node: &str) {
        todo!("only if absent")
    }

    /// Removes `node`; removing an absent one changes nothing.
    pub fn remove(&mut self, node: &str) {
        todo!("drop it if present")
    }

    /// The node with the highest `score` for `key`; on equal scores, the node whose
    /// name sorts first. `None` when there are no nodes.
    pub fn node_for(&self, key: &[u8]) -> Option<&str> {
        todo!("the highest score; the name that sorts first on a tie")
    }

    /// How many nodes there are.
    pub fn len(&self) -> usize {
        todo!("how many nodes")
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        todo!("no nodes?")
    }
}
