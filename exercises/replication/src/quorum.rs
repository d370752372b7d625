//! Exercise: quorum.
//!
//! A leaderless store in the style of Dynamo and Cassandra: one value replicated on
//! `n` home nodes, a write acknowledged by `w` of them, a read answered by `r`. The
//! network between the client's coordinator and the nodes is simulated, and the
//! checks control it: each node's round-trip time, nodes cut off by a crash or a
//! partition, messages dropped. Build the write, the read with read repair, the
//! sloppy quorum that borrows fallback nodes, and the hinted handoff that gives
//! their writes back. Read "Quorum" in `notes/replication.md`.

/// A value with the version the coordinator gave its write; a higher version is a
/// later write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Versioned {
    pub version: u64,
    pub value: i64,
}

/// The network as seen from the coordinator. Given: the checks drive it.
#[derive(Clone, Debug)]
pub struct Network {
    round_trip_ms: Vec<u64>,
    cut_off: Vec<bool>,
    drop_next: Vec<u32>,
}

impl Network {
    /// `nodes` nodes, each `round_trip_ms` away, all reachable.
    pub fn new(nodes: usize, round_trip_ms: u64) -> Self {
        Self {
            round_trip_ms: vec![round_trip_ms; nodes],
            cut_off: vec![false; nodes],
            drop_next: vec![0; nodes],
        }
    }

    /// How many nodes there are.
    pub fn nodes(&self) -> usize {
        self.round_trip_ms.len()
    }

    /// Sets the round trip to `node`: a request there and its answer back.
    pub fn set_round_trip(&mut self, node: usize, ms: u64) {
        self.round_trip_ms[node] = ms;
    }

    /// The round trip to `node`.
    pub fn round_trip(&self, node: usize) -> u64 {
        self.round_trip_ms[node]
    }

    /// Cuts `node` off from the coordinator: it crashed, or a partition lies between
    /// them. It keeps what it stored.
    pub fn cut_off(&mut self, node: usize) {
        self.cut_off[node] = true;
    }

    /// Reconnects `node`.
    pub fn reconnect(&mut self, node: usize) {
        self.cut_off[node] = false;
    }

    /// Drops the next `count` requests to `node`.
    pub fn drop_next(&mut self, node: usize, count: u32) {
        self.drop_next[node] += count;
    }

    /// Sends one request to `node`: whether it arrives (and its answer comes back).
    pub fn send(&mut self, node: usize) -> bool {
        if self.cut_off[node] {
            return false;
        }
        if self.drop_next[node] > 0 {
            self.drop_next[node] -= 1;
            return false;
        }
        true
    }
}

/// How the store replicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Home nodes of the value: nodes `0..n`. Nodes from `n` on are fallbacks.
    pub n: usize,
    /// Acknowledgements a write waits for.
    pub w: usize,
    /// Answers a read waits for.
    pub r: usize,
    /// A sloppy quorum counts fallback nodes when home nodes are unreachable.
    pub sloppy: bool,
}

/// Not enough nodes answered to make the quorum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable {
    /// How many did.
    pub answered: usize,
}

/// A write a fallback node holds for a home node it stood in for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hint {
    pub home: usize,
    pub write: Versioned,
}

/// The store: what each node holds, and the coordinator's next version.
#[derive(Clone, Debug)]
pub struct Cluster {
    config: Config,
    stored: Vec<Option<Versioned>>,
    hints: Vec<Vec<Hint>>,
    next_version: u64,
}

impl Cluster {
    /// A store over `nodes` nodes (at least `config.n`), none holding a value.
    pub fn new(config: Config, nodes: usize) -> Self {
        assert!(nodes >= config.n, "the n home nodes are among the nodes");
        Self {
            config,
            stored: vec![None; nodes],
            hints: vec![Vec::new(); nodes],
            next_version: 1,
        }
    }

    /// What `node` holds.
    pub fn stored(&self, node: usize) -> Option<Versioned> {
        self.stored[node]
    }

    /// The hints `node` holds for others.
    pub fn hints(&self, node: usize) -> &[Hint] {
        &self.hints[node]
    }

    /// Writes `value` with the next version to every node reached (for a sloppy
    /// quorum, a home node the network does not reach is stood in for by the next
    /// fallback from `n` on that it does reach, which keeps a [`Hint`]), and returns
    /// how long the client waited: the round trip of the `w`-th fastest
    /// acknowledgement. Fewer than `w` acknowledgements make the write fail, though
    /// the nodes it reached keep it.
    pub fn write(&mut self, net: &mut Network, value: i64) -> Result<u64, Unavailable> {
        todo!("send to the home nodes (and fallbacks if sloppy); count the acknowledgements")
    }

    /// Reads the value: the latest version among the `r` fastest answers, and how
    /// long the client waited (the `r`-th fastest round trip). Those of the `r` that
    /// answered with an older version (or none) are repaired with the latest. A read
    /// asks the nodes a write would; answers with equal round trips count in node
    /// order. Every request to a node is one [`Network::send`].
    pub fn read(&mut self, net: &mut Network) -> Result<(Option<i64>, u64), Unavailable> {
        todo!("the r fastest answers, the highest version among them, and repair")
    }

    /// Hinted handoff: each fallback sends the writes it holds for home nodes the
    /// network now reaches, and forgets those hints.
    pub fn hand_off(&mut self, net: &mut Network) {
        todo!()
    }
}
