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
    score_from_hashes(hash64(node.as_bytes()), hash64(key))
}

fn score_from_hashes(node_hash: u64, key_hash: u64) -> u64 {
    mix64(node_hash ^ key_hash)
}

/// Nodes that keys are spread over by highest score.
#[derive(Debug, Clone, Default)]
pub struct Rendezvous {
    /// Each node with its name's hash, computed once; the order does not matter.
    nodes: Vec<(String, u64)>,
}

impl Rendezvous {
    /// No nodes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `node`; adding one that is present changes nothing.
    pub fn add(&mut self, node: &str) {
        if !self.nodes.iter().any(|(name, _)| name == node) {
            self.nodes.push((node.to_owned(), hash64(node.as_bytes())));
        }
    }

    /// Removes `node`; removing an absent one changes nothing.
    pub fn remove(&mut self, node: &str) {
        self.nodes.retain(|(name, _)| name != node);
    }

    /// The node with the highest `score` for `key`; on equal scores, the node whose
    /// name sorts first. `None` when there are no nodes.
    pub fn node_for(&self, key: &[u8]) -> Option<&str> {
        let key_hash = hash64(key);
        self.nodes
            .iter()
            .max_by(|(a, a_hash), (b, b_hash)| {
                score_from_hashes(*a_hash, key_hash)
                    .cmp(&score_from_hashes(*b_hash, key_hash))
                    .then_with(|| b.cmp(a))
            })
            .map(|(name, _)| name.as_str())
    }

    /// How many nodes there are.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}
