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
        if self.servers == 0 {
            return None;
        }
        let picked = self.next;
        self.next = (self.next + 1) % self.servers;
        Some(picked)
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
        let total: i64 = self.weights.iter().sum();
        if total == 0 {
            return None;
        }
        for (current, weight) in self.current.iter_mut().zip(&self.weights) {
            *current += weight;
        }
        let picked = (0..self.current.len())
            .filter(|&server| self.weights[server] > 0)
            .max_by_key(|&server| (self.current[server], std::cmp::Reverse(server)))?;
        self.current[picked] -= total;
        Some(picked)
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
        let picked = (0..self.in_flight.len()).min_by_key(|&server| self.in_flight[server])?;
        self.in_flight[picked] += 1;
        Some(picked)
    }

    fn finished(&mut self, server: usize) {
        if let Some(count) = self.in_flight.get_mut(server) {
            *count = count.saturating_sub(1);
        }
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
        if self.servers == 0 {
            return None;
        }
        let octets = match client {
            IpAddr::V4(address) => address.octets().to_vec(),
            IpAddr::V6(address) => address.octets().to_vec(),
        };
        Some((fnv1a(&octets) % self.servers as u64) as usize)
    }
}

/// FNV-1a: fixed for every process and release, unlike std's `RandomState`, so
/// that every balancer sends a client to the same server.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
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
        match self {
            Algorithm::RoundRobin => "round-robin",
            Algorithm::WeightedRoundRobin => "weighted-round-robin",
            Algorithm::LeastConnections => "least-connections",
            Algorithm::IpHash => "ip-hash",
        }
    }

    /// A new balancer of this kind for `servers`.
    pub fn balancer(self, servers: &[Server]) -> Box<dyn Balancer> {
        match self {
            Algorithm::RoundRobin => Box::new(RoundRobin::new(servers.len())),
            Algorithm::WeightedRoundRobin => {
                let weights: Vec<u32> = servers.iter().map(|server| server.weight).collect();
                Box::new(SmoothWeighted::new(&weights))
            }
            Algorithm::LeastConnections => Box::new(LeastConnections::new(servers.len())),
            Algorithm::IpHash => Box::new(IpHash::new(servers.len())),
        }
    }
}

/// An algorithm name nobody implements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAlgorithm {
    pub asked: String,
}

impl fmt::Display for UnknownAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Algorithm::ALL.iter().map(|a| a.name()).collect();
        write!(
            f,
            "no load-balancing algorithm {:?}; the algorithms are: {}",
            self.asked,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownAlgorithm {}

impl FromStr for Algorithm {
    type Err = UnknownAlgorithm;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Algorithm::ALL
            .into_iter()
            .find(|algorithm| algorithm.name() == name.trim())
            .ok_or_else(|| UnknownAlgorithm {
                asked: name.to_owned(),
            })
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
        let balancer = algorithm.balancer(&servers);
        LoadBalancer {
            servers,
            algorithm,
            balancer,
        }
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// From now on, route with `algorithm`, starting afresh.
    pub fn switch(&mut self, algorithm: Algorithm) {
        self.balancer = algorithm.balancer(&self.servers);
        self.algorithm = algorithm;
    }

    /// The name of the server for a request from `client`.
    pub fn route(&mut self, client: IpAddr) -> Option<&str> {
        let picked = self.balancer.pick(client)?;
        Some(&self.servers[picked].name)
    }

    /// A request sent to the server named `server` has finished.
    pub fn finished(&mut self, server: &str) {
        if let Some(index) = self.servers.iter().position(|s| s.name == server) {
            self.balancer.finished(index);
        }
    }
}
