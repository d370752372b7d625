//! Exercise: servers.
//!
//! A server with 50 threads that each take 500 ms per request serves at most 100
//! requests a second: Little's law, read backwards. From that capacity, count the
//! servers the peak needs while leaving headroom. Read "Servers" in
//! `notes/estimation.md`.

use std::time::Duration;

use crate::Estimate;

/// Little's law: the requests in flight at once when `arrivals_per_second` arrive
/// and each takes `latency`.
pub fn in_flight(arrivals_per_second: f64, latency: Duration) -> f64 {
    todo!("Little's law: L = λ W")
}

/// The most requests per second a server with `threads` workers can finish when each
/// request holds a thread for `latency`.
pub fn capacity_per_server(threads: u32, latency: Duration) -> f64 {
    todo!("Little's law the other way round: λ = L / W")
}

/// Servers of `capacity` requests per second needed for `load` requests per second,
/// each run at no more than `utilisation` (0.7 leaves 30% headroom) of its capacity.
pub fn servers_needed(load: f64, capacity: f64, utilisation: f64) -> u64 {
    todo!("load over usable capacity per server, rounded up to a whole server")
}

/// Servers for the peak: `average` load times `peak_factor`, with `utilisation`.
pub fn servers_at_peak(
    average: Estimate,
    peak_factor: f64,
    capacity: f64,
    utilisation: f64,
) -> Estimate {
    todo!("the peak load, then `servers_needed` for each of exact and shortcut")
}
