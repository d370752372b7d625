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
    fn pick(&mut self, _client: IpAddr, _load: &[Load]) -> Option<usize> {
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
#[derive(Debug, Clone, Copy, Default)]
pub struct LeastConnections;

impl Balancer for LeastConnections {
    fn pick(&mut self, _client: IpAddr, load: &[Load]) -> Option<usize> {
        (0..load.len()).min_by_key(|&server| load[server].in_flight)
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
        // in_flight / weight compared without division: a/w < b/v is a*v < b*w.
        let busier = |a: usize, b: usize| {
            let a_share = u64::from(load[a].in_flight) * u64::from(self.weights[b]);
            let b_share = u64::from(load[b].in_flight) * u64::from(self.weights[a]);
            a_share.cmp(&b_share)
        };
        (0..load.len().min(self.weights.len()))
            .filter(|&server| self.weights[server] > 0)
            .min_by(|&a, &b| busier(a, b))
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
        let fastest = load
            .iter()
            .filter_map(|server| server.mean_response)
            .min()
            .unwrap_or(Duration::ZERO);
        let expected = |server: &Load| {
            server.mean_response.unwrap_or(fastest) * server.in_flight.saturating_add(1)
        };
        (0..load.len()).min_by(|&a, &b| {
            expected(&load[a])
                .cmp(&expected(&load[b]))
                .then(load[a].in_flight.cmp(&load[b].in_flight))
        })
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
        match self {
            Algorithm::RoundRobin => "round-robin",
            Algorithm::WeightedRoundRobin => "weighted-round-robin",
            Algorithm::LeastConnections => "least-connections",
            Algorithm::IpHash => "ip-hash",
            Algorithm::WeightedLeastConnections => "weighted-least-connections",
            Algorithm::LeastResponseTime => "least-response-time",
        }
    }

    /// A new balancer of this kind for `servers`.
    pub fn balancer(self, servers: &[Server]) -> Box<dyn Balancer> {
        let weights = || -> Vec<u32> { servers.iter().map(|server| server.weight).collect() };
        match self {
            Algorithm::RoundRobin => Box::new(RoundRobin::new(servers.len())),
            Algorithm::WeightedRoundRobin => Box::new(SmoothWeighted::new(&weights())),
            Algorithm::LeastConnections => Box::new(LeastConnections),
            Algorithm::IpHash => Box::new(IpHash::new(servers.len())),
            Algorithm::WeightedLeastConnections => {
                Box::new(WeightedLeastConnections::new(&weights()))
            }
            Algorithm::LeastResponseTime => Box::new(LeastResponseTime),
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
        let balancer = algorithm.balancer(&servers);
        let count = servers.len();
        LoadBalancer {
            servers,
            algorithm,
            balancer,
            load: vec![Load::default(); count],
            answered: vec![(Duration::ZERO, 0); count],
        }
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
        self.balancer = algorithm.balancer(&self.servers);
        self.algorithm = algorithm;
    }

    /// The name of the server for a request from `client`, which is now in flight.
    pub fn route(&mut self, client: IpAddr) -> Option<&str> {
        let picked = self.balancer.pick(client, &self.load)?;
        self.load[picked].in_flight += 1;
        Some(&self.servers[picked].name)
    }

    /// A request sent to the server named `server` has finished after `took`.
    /// A server with nothing in flight, or a name not known, changes nothing.
    pub fn finished(&mut self, server: &str, took: Duration) {
        let Some(index) = self.servers.iter().position(|s| s.name == server) else {
            return;
        };
        let load = &mut self.load[index];
        if load.in_flight == 0 {
            return;
        }
        load.in_flight -= 1;
        let (total, count) = &mut self.answered[index];
        *total += took;
        *count += 1;
        load.mean_response = Some(*total / *count);
    }
}
