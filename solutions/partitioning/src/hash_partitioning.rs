//! Exercise: partitions by hash, and what adding a node costs.
//!
//! Two ways to place keys on N nodes by a hash of the key:
//!
//! - **mod N**: node = hash % N. When N changes, a key stays only if both remainders
//!   agree: almost every key moves.
//! - **a fixed number of partitions**: partition = hash % P, with P fixed for good
//!   (say 256, many more than there will ever be nodes), and a table saying which node
//!   owns each partition. A new node takes whole partitions from the others, just
//!   enough to even things out; the keys of the partitions it takes move, no others.
//!
//! `key_hash` is given. Read "Hash partitioning" in `notes/partitioning.md`.

/// A 64-bit hash of `key` (FNV-1a, then a finalizer that spreads every input bit over
/// the whole word), good for placing keys. Given, not part of the exercise.
pub fn key_hash(key: &[u8]) -> u64 {
    let fnv = key.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let x = (fnv ^ (fnv >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The node of `key` among `nodes`, by `key_hash(key) % nodes`.
///
/// # Panics
///
/// If `nodes` is zero.
pub fn mod_n_node(key: &[u8], nodes: u32) -> u32 {
    assert!(nodes > 0, "there must be at least one node");
    (key_hash(key) % u64::from(nodes)) as u32
}

/// How many of `keys` are on a different node `after` than `before`.
pub fn count_moved<K: AsRef<[u8]>>(
    keys: &[K],
    before: impl Fn(&[u8]) -> u32,
    after: impl Fn(&[u8]) -> u32,
) -> usize {
    keys.iter()
        .map(AsRef::as_ref)
        .filter(|&key| before(key) != after(key))
        .count()
}

/// One partition handed from one node to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub partition: u32,
    pub from: u32,
    pub to: u32,
}

/// A fixed number of partitions, each owned by one of the nodes `0..nodes`.
#[derive(Debug, Clone)]
pub struct FixedPartitions {
    /// The owner of each partition, indexed by partition.
    owners: Vec<u32>,
    nodes: u32,
}

impl FixedPartitions {
    /// `partitions` partitions dealt round the nodes: partition `p` to node `p % nodes`.
    ///
    /// # Panics
    ///
    /// If `nodes` is zero or there are fewer partitions than nodes.
    pub fn new(partitions: u32, nodes: u32) -> Self {
        assert!(nodes > 0, "there must be at least one node");
        assert!(
            partitions >= nodes,
            "every node needs at least one partition"
        );
        FixedPartitions {
            owners: (0..partitions).map(|p| p % nodes).collect(),
            nodes,
        }
    }

    /// How many partitions there are; it never changes.
    pub fn partitions(&self) -> u32 {
        self.owners.len() as u32
    }

    /// How many nodes there are.
    pub fn nodes(&self) -> u32 {
        self.nodes
    }

    /// The partition of `key`: `key_hash(key) % partitions`, whatever the nodes.
    pub fn partition_of(&self, key: &[u8]) -> u32 {
        (key_hash(key) % u64::from(self.partitions())) as u32
    }

    /// The node that owns `partition`.
    pub fn owner(&self, partition: u32) -> u32 {
        self.owners[partition as usize]
    }

    /// The node that holds `key`: the owner of its partition.
    pub fn node_of(&self, key: &[u8]) -> u32 {
        self.owner(self.partition_of(key))
    }

    /// The partitions `node` owns, in increasing order.
    pub fn partitions_of(&self, node: u32) -> Vec<u32> {
        (0..self.partitions())
            .filter(|&p| self.owner(p) == node)
            .collect()
    }

    /// Adds node number `nodes` and hands it `partitions / (nodes + 1)` partitions (the
    /// new count, rounded down), one at a time, each from the node that owns the most
    /// (the lowest-numbered of equals), which gives up its highest-numbered partition.
    /// Returns the moves in the order they were made.
    pub fn add_node(&mut self) -> Vec<Move> {
        let new = self.nodes;
        self.nodes += 1;
        let mut counts = vec![0u32; self.nodes as usize];
        for &owner in &self.owners {
            counts[owner as usize] += 1;
        }
        let share = self.partitions() / self.nodes;
        let mut moves = Vec::with_capacity(share as usize);
        while counts[new as usize] < share {
            let from = (0..new)
                .max_by_key(|&node| (counts[node as usize], std::cmp::Reverse(node)))
                .expect("a node is being added to at least one other");
            let partition =
                self.owners
                    .iter()
                    .rposition(|&owner| owner == from)
                    .expect("the node with the most partitions owns one") as u32;
            self.owners[partition as usize] = new;
            counts[from as usize] -= 1;
            counts[new as usize] += 1;
            moves.push(Move {
                partition,
                from,
                to: new,
            });
        }
        moves
    }
}
