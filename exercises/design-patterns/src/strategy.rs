//! Exercise: Strategy.
//!
//! The seed's load-balancing algorithms behind one trait, [`Balancer`]: round
//! robin, smooth weighted round robin (nginx's), least connections and source IP
//! hash. A [`LoadBalancer`] holds one as a `Box<dyn Balancer>` and can switch to
//! another while it runs, chosen by name as a configuration file would give it.
//! Read "Strategy" in `notes/design-patterns.md`.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// A backend server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    pub name: String,
    /// Its share of the traffic under weighted round robin; ignored by the others.
    pub weight: u32,
}

/// Picks the server for each request. Servers are known by their index.
pub trait Balancer {
    /// The server for a request from `client`, or `None` if there is none to pick.
    fn pick(&mut self, client: IpAddr) -> Option<usize>;

    /// The request that was sent to `server` has finished. Only balancers that
    /// count requests in flight care.
    fn finished(&mut self, _server: usize) {}
}

/// Each server in turn.
#[derive(Debug, Clone)]
pub struct RoundRobin {
    servers: usize,
    next: usize,
}

impl RoundRobin {
    pub fn new(servers: usize) -> Self {
        RoundRobin { servers, next: 0 }
    }
}

impl Balancer for RoundRobin {
    fn pick(&mut self, _client: IpAddr) -> Option<usize> {
        todo!()
    }
}

/// nginx's smooth weighted round robin: over every `sum of weights` picks each
/// server is picked `weight` times, spread out rather than in runs.
#[derive(Debug, Clone)]
pub struct SmoothWeighted {
    weights: Vec<i64>,
    current: Vec<i64>,
}

impl SmoothWeighted {
    pub fn new(weights: &[u32]) -> Self {
        SmoothWeighted {
            weights: weights.iter().map(|&weight| i64::from(weight)).collect(),
            current: vec![0; weights.len()],
        }
    }
}

impl Balancer for SmoothWeighted {
    /// Every server's current weight grows by its weight; the largest (the first
    /// of equals) is picked and set back by the sum of all weights.
    fn pick(&mut self, _client: IpAddr) -> Option<usize> {
        todo!("add each weight to its current weight; pick the largest; take the total off it")
    }
}

/// The server with the fewest requests in flight (the first of equals).
#[derive(Debug, Clone)]
pub struct LeastConnections {
    in_flight: Vec<u32>,
}

impl LeastConnections {
    pub fn new(servers: usize) -> Self {
        LeastConnections {
            in_flight: vec![0; servers],
        }
    }

    /// Requests in flight per server.
    pub fn in_flight(&self) -> &[u32] {
        &self.in_flight
    }
}

impl Balancer for LeastConnections {
    fn pick(&mut self, _client: IpAddr) -> Option<usize> {
        todo!()
    }

    fn finished(&mut self, server: usize) {
        todo!()
    }
}

/// The same client always to the same server: a hash of its address.
#[derive(Debug, Clone)]
pub struct IpHash {
    servers: usize,
}

impl IpHash {
    pub fn new(servers: usize) -> Self {
        IpHash { servers }
    }
}

impl Balancer for IpHash {
    fn pick(&mut self, client: IpAddr) -> Option<usize> {
        todo!(
            "hash the address's octets with a hash that is the same in every process; modulo the servers"
        )
    }
}

/// FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3): fixed for every
/// process and release, unlike std's `RandomState`, so that every balancer sends a
/// client to the same server. Any hash with that property will do.
fn fnv1a(bytes: &[u8]) -> u64 {
    todo!()
}

/// The algorithms, by the names a configuration file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    RoundRobin,
    WeightedRoundRobin,
    LeastConnections,
    IpHash,
}

impl Algorithm {
    pub const ALL: [Algorithm; 4] = [
        Algorithm::RoundRobin,
        Algorithm::WeightedRoundRobin,
        Algorithm::LeastConnections,
        Algorithm::IpHash,
    ];

    /// `round-robin`, `weighted-round-robin`, `least-connections`, `ip-hash`.
    pub fn name(self) -> &'static str {
        todo!()
    }

    /// A new balancer of this kind for `servers`.
    pub fn balancer(self, servers: &[Server]) -> Box<dyn Balancer> {
        todo!()
    }
}

/// An algorithm name nobody implements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAlgorithm {
    pub asked: String,
}

impl fmt::Display for UnknownAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}

impl std::error::Error for UnknownAlgorithm {}

impl FromStr for Algorithm {
    type Err = UnknownAlgorithm;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        todo!()
    }
}

/// Routes requests to servers with the algorithm of the moment.
pub struct LoadBalancer {
    servers: Vec<Server>,
    algorithm: Algorithm,
    balancer: Box<dyn Balancer>,
}

impl LoadBalancer {
    pub fn new(servers: Vec<Server>, algorithm: Algorithm) -> Self {
        todo!()
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// From now on, route with `algorithm`, starting afresh.
    pub fn switch(&mut self, algorithm: Algorithm) {
        todo!()
    }

    /// The name of the server for a request from `client`.
    pub fn route(&mut self, client: IpAddr) -> Option<&str> {
        todo!()
    }

    /// A request sent to the server named `server` has finished.
    pub fn finished(&mut self, server: &str) {
        todo!()
    }
}
