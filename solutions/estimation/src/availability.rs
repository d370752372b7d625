//! Exercise: availability.
//!
//! "Four nines" is a budget of downtime: about 53 minutes a year. Turn nines into that
//! budget for a year, a month or a day, and work out the availability of a system from
//! its parts: parts that must all be up (a chain of calls), and redundant replicas of
//! which any one is enough. Read "Availability" in `notes/estimation.md`.

use std::time::Duration;

use crate::rates::{DEFAULT_MONTH_DAYS, seconds_in};
use crate::units::Period;

/// The availability with `nines` nines: 2 is 99%, 3 is 99.9%, 5 is 99.999%.
pub fn from_nines(nines: u32) -> f64 {
    1.0 - 10f64.powi(-(nines as i32))
}

/// The time a system that is up `availability` of the time (0.999 for 99.9%) is down
/// in one `period`: a year of 365 days, a month of 30 days, a day of 86,400 s, as the
/// rest of this topic counts them.
pub fn downtime(availability: f64, period: Period) -> Duration {
    let seconds = seconds_in(period, DEFAULT_MONTH_DAYS).exact;
    Duration::from_secs_f64(seconds * (1.0 - availability))
}

/// The availability of a system that is up only while every one of `parts` is up, each
/// failing independently of the others: a load balancer in front of a server in front
/// of a database. A system of no parts is always up.
pub fn serial(parts: &[f64]) -> f64 {
    parts.iter().product()
}

/// The availability of `replicas` of which any one is enough, each failing
/// independently: the system is down only while all of them are down together. No
/// replicas at all are never up.
pub fn parallel(replicas: &[f64]) -> f64 {
    1.0 - replicas
        .iter()
        .map(|availability| 1.0 - availability)
        .product::<f64>()
}
