//! Exercise: gossip.
//!
//! Anti-entropy by gossip: replicas of a G-Counter that each count on their own and,
//! every round, push their state to a few peers picked at random, which merge it.
//! No replica talks to all the others, yet every increment reaches every replica in
//! a number of rounds that grows with the logarithm of the cluster's size. The
//! network drops messages and can be partitioned, from a seed the checks choose.
//! Build the round, the convergence test and the count of rounds. Read "Gossip" in
//! `notes/replication.md`.

use crate::GCounter;

/// A small deterministic random number generator (xorshift64*). Given.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (any value; 0 is replaced by a fixed non-zero one).
    pub fn new(seed: u64) -> Self {
        Self(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// Replicas of a G-Counter and the network between them.
#[derive(Clone, Debug)]
pub struct Gossip {
    replicas: Vec<GCounter>,
    rng: Rng,
    drop_per_mille: u64,
    /// Which side of a partition each replica is on (all `false` when healed).
    side: Vec<bool>,
}

impl Gossip {
    /// `replicas` replicas named `r0`, `r1`, ..., none having counted anything, on a
    /// network that loses nothing; `seed` drives every random choice.
    pub fn new(replicas: usize, seed: u64) -> Self {
        Self {
            replicas: vec![GCounter::new(); replicas],
            rng: Rng::new(seed),
            drop_per_mille: 0,
            side: vec![false; replicas],
        }
    }

    /// Replica `i`'s state.
    pub fn replica(&self, i: usize) -> &GCounter {
        &self.replicas[i]
    }

    /// Replica `i` counts `by` more, under its own name `r{i}`.
    pub fn increment(&mut self, i: usize, by: u64) {
        self.replicas[i].increment(&format!("r{i}"), by);
    }

    /// Each message is lost with probability `per_mille` / 1000.
    pub fn set_drop_per_mille(&mut self, per_mille: u64) {
        self.drop_per_mille = per_mille;
    }

    /// Cuts the replicas in `side` off from all the others.
    pub fn partition(&mut self, side: &[usize]) {
        for &i in side {
            self.side[i] = true;
        }
    }

    /// Heals every partition.
    pub fn heal(&mut self) {
        self.side.fill(false);
    }

    /// A random replica other than `i`.
    pub fn random_peer(&mut self, i: usize) -> usize {
        let n = self.replicas.len() as u64;
        assert!(n > 1, "a replica needs a peer to gossip with");
        let pick = self.rng.below(n - 1) as usize;
        if pick >= i { pick + 1 } else { pick }
    }

    /// Sends one message from `from` to `to`: whether it arrives (same side of any
    /// partition, and not dropped).
    pub fn deliver(&mut self, from: usize, to: usize) -> bool {
        self.side[from] == self.side[to] && self.rng.below(1000) >= self.drop_per_mille
    }

    /// One round: every replica, in order, pushes the state it had at the start of
    /// the round to `fanout` peers picked with [`Gossip::random_peer`] (a peer may be
    /// picked twice); each message that [`Gossip::deliver`] lets through is merged
    /// by its receiver.
    pub fn round(&mut self, fanout: usize) {
        todo!("push a snapshot of each replica's state to its peers")
    }

    /// Whether every replica holds the same state.
    pub fn converged(&self) -> bool {
        todo!()
    }

    /// Runs rounds of `fanout` until the replicas converge, and returns how many it
    /// took (0 if they already agree), or `None` if they still differ after
    /// `max_rounds`.
    pub fn rounds_until_converged(&mut self, fanout: usize, max_rounds: usize) -> Option<usize> {
        todo!()
    }
}
