//! Exercise: servers.
//!
//! How long a request holds a worker follows from what it does, priced with the
//! latency table: a round trip to a cache, a random SSD read. A server with 50 threads
//! that each hold a request 500 ms on average serves at most 100 requests a second:
//! Little's law, read backwards. From that capacity, count the servers the peak needs
//! while leaving headroom, and see why: a queue's delay grows as 1 / (1 - utilisation).
//! Read "Servers" in `notes/estimation.md`.

use std::time::Duration;

use crate::Estimate;
use crate::latency_numbers::Operation;

/// How long one request holds a worker when it does `steps` one after another, each an
/// operation of the latency table and how many times it runs.
pub fn service_time(steps: &[(Operation, u32)]) -> Duration {
    todo!("price each step with the latency table")
}

/// Little's law: the requests in flight at once, on average, when `arrivals_per_second`
/// arrive and each takes `latency` on average (the mean, not a percentile).
pub fn in_flight(arrivals_per_second: f64, latency: Duration) -> f64 {
    todo!("Little's law")
}

/// The most requests per second a server with `threads` workers can finish when each
/// request holds a thread for `latency` on average.
pub fn capacity_per_server(threads: u32, latency: Duration) -> f64 {
    todo!("Little's law, solved for the rate")
}

/// Servers of `capacity` requests per second needed for `load` requests per second,
/// each run at no more than `utilisation` (0.7 leaves 30% headroom) of its capacity.
pub fn servers_needed(load: f64, capacity: f64, utilisation: f64) -> u64 {
    todo!("whole servers, each taking only its usable share of the load")
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

/// The mean time a request spends in a server that is busy `utilisation` of the time,
/// waiting plus being served, for one queue with random arrivals and service times
/// (M/M/1). `None` at 100% busy or more, where the queue grows without end. The notes
/// give the formula.
pub fn time_in_system(service: Duration, utilisation: f64) -> Option<Duration> {
    todo!("the service time, stretched by how busy the server is")
}
