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
    let nanos: f64 = steps
        .iter()
        .map(|&(operation, times)| operation.nanos() * f64::from(times))
        .sum();
    Duration::from_secs_f64(nanos / 1e9)
}

/// Little's law: the requests in flight at once, on average, when `arrivals_per_second`
/// arrive and each takes `latency` on average (the mean, not a percentile).
pub fn in_flight(arrivals_per_second: f64, latency: Duration) -> f64 {
    arrivals_per_second * latency.as_secs_f64()
}

/// The most requests per second a server with `threads` workers can finish when each
/// request holds a thread for `latency` on average.
pub fn capacity_per_server(threads: u32, latency: Duration) -> f64 {
    f64::from(threads) / latency.as_secs_f64()
}

/// Servers of `capacity` requests per second needed for `load` requests per second,
/// each run at no more than `utilisation` (0.7 leaves 30% headroom) of its capacity.
pub fn servers_needed(load: f64, capacity: f64, utilisation: f64) -> u64 {
    whole(load / (capacity * utilisation))
}

/// Servers for the peak: `average` load times `peak_factor`, with `utilisation`.
pub fn servers_at_peak(
    average: Estimate,
    peak_factor: f64,
    capacity: f64,
    utilisation: f64,
) -> Estimate {
    (average * peak_factor).map(|load| servers_needed(load, capacity, utilisation) as f64)
}

/// The whole number of machines `fraction` rounds up to. A hair above a whole number
/// is float noise (20,000 a second on one thread at 3 ms, run at 60%, comes out as
/// 100.00000000000001), not a machine more.
fn whole(fraction: f64) -> u64 {
    (fraction * (1.0 - 1e-12)).ceil() as u64
}

/// The mean time a request spends in a server that is busy `utilisation` of the time,
/// waiting plus being served, for one queue with random arrivals and service times
/// (M/M/1): `service / (1 - utilisation)`. `None` at 100% busy or more, where the queue
/// grows without end.
pub fn time_in_system(service: Duration, utilisation: f64) -> Option<Duration> {
    (utilisation < 1.0).then(|| service.div_f64(1.0 - utilisation))
}
