//! Exercise: Strategy.
//!
//! The seed's load-balancing algorithms behind one trait, [`Balancer`]: the static
//! ones (round robin, smooth weighted round robin as nginx does it, source IP hash)
//! and the dynamic ones that look at the servers' state (least connections,
//! weighted least connections, least response time). A [`LoadBalancer`] holds one
//! as a `Box<dyn Balancer>` and can switch to another while it runs, chosen by name
//! as a configuration file would give it. The servers' state, what is in flight
//! and how fast each has answered, belongs to the load balancer, not to the
//! strategy of the moment, so a switch keeps it.
//! Read "Strategy" in `notes/design-patterns.md`.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;
use std::time::Duration;

/// A backend server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    pub name: String,
    /// Its share of the traffic under the weighted algorithms; ignored by the others.
    pub weight: u32,
}

/// What the load balancer knows of one server when a balancer picks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Load {
    /// Requests sent to it that have not finished.
    pub in_flight: u32,
    /// The mean time its finished requests took; `None` before the first finishes.
    pub mean_response: Option<Duration>,
}

/// Picks the server for each request. Servers are known by their index.
pub trait Balancer {
    /// The server for a request from `client`, given each server's load (one entry
    /// per server, by index), or `None` if there is none to pick.
    fn pick(&mut self, client: IpAddr, load: &[Load]) -> Option<usize>;
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
    fn pick(&mut self, _client: IpAddr, _load: &[Load]) -> Option<usize> {
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
    fn pick(&mut self, _client: IpAddr, _load: &[Load]) -> Option<usize> {
        todo!("add each weight to its current weight; pick the largest; take the total off it")
    }
}

/// The server with the fewest requests in flight (the first of equals).
#[derive(Debug, Clone, Copy, Default)]
pub struct LeastConnections;

impl Balancer for LeastConnections {
    fn pick(&mut self, _client: IpAddr, load: &[Load]) -> Option<usize> {
        todo!("the first server with the fewest in flight")
    }
}

/// The server with the fewest requests in flight for its weight (the first of
/// equals): a server of weight 2 is as busy with two requests as one of weight 1
/// is with one. A server of weight 0 is never picked.
#[derive(Debug, Clone)]
pub struct WeightedLeastConnections {
    weights: Vec<u32>,
}

impl WeightedLeastConnections {
    pub fn new(weights: &[u32]) -> Self {
        WeightedLeastConnections {
            weights: weights.to_vec(),
        }
    }
}

impl Balancer for WeightedLeastConnections {
    fn pick(&mut self, _client: IpAddr, load: &[Load]) -> Option<usize> {
        todo!("in flight per unit of weight, compared without dividing; never a server of weight 0")
    }
}

/// The server that should finish a new request soonest: its mean response time
/// times the requests it would then have (those in flight, plus this one). A
/// server with no finished request yet is taken to be as fast as the fastest
/// measured one, so it gets tried without being flooded. Ties go to the fewest in
/// flight, then to the first.
#[derive(Debug, Clone, Copy, Default)]
pub struct LeastResponseTime;

impl Balancer for LeastResponseTime {
    fn pick(&mut self, _client: IpAddr, load: &[Load]) -> Option<usize> {
        todo!(
            "mean response time x (in flight + 1); unmeasured servers count as the fastest measured"
        )
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
    fn pick(&mut self, client: IpAddr, _load: &[Load]) -> Option<usize> {
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
    WeightedLeastConnections,
    LeastResponseTime,
}

impl Algorithm {
    pub const ALL: [Algorithm; 6] = [
        Algorithm::RoundRobin,
        Algorithm::WeightedRoundRobin,
        Algorithm::LeastConnections,
        Algorithm::IpHash,
        Algorithm::WeightedLeastConnections,
        Algorithm::LeastResponseTime,
    ];

    /// `round-robin`, `weighted-round-robin`, `least-connections`, `ip-hash`,
    /// `weighted-least-connections`, `least-response-time`.
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

/// Routes requests to servers with the algorithm of the moment, and keeps what
/// every algorithm may need to know of the servers.
pub struct LoadBalancer {
    servers: Vec<Server>,
    algorithm: Algorithm,
    balancer: Box<dyn Balancer>,
    load: Vec<Load>,
    /// Per server: the time its finished requests took, and how many there were.
    answered: Vec<(Duration, u32)>,
}

impl LoadBalancer {
    pub fn new(servers: Vec<Server>, algorithm: Algorithm) -> Self {
        todo!("the algorithm's balancer, and every server idle and not yet measured")
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// Each server's load, by index.
    pub fn load(&self) -> &[Load] {
        &self.load
    }

    /// From now on, route with `algorithm`. The new balancer starts afresh, but
    /// the requests in flight and the response times are the servers', and stay.
    pub fn switch(&mut self, algorithm: Algorithm) {
        todo!("a new balancer; the servers' load stays as it is")
    }

    /// The name of the server for a request from `client`, which is now in flight.
    pub fn route(&mut self, client: IpAddr) -> Option<&str> {
        todo!()
    }

    /// A request sent to the server named `server` has finished after `took`.
    /// A server with nothing in flight, or a name not known, changes nothing.
    pub fn finished(&mut self, server: &str, took: Duration) {
        todo!()
    }
}
