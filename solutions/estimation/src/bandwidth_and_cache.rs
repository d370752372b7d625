//! Exercise: bandwidth and cache.
//!
//! Every request carries bytes in (an upload, a new record) or out (a page, a
//! redirect): rate times size is the bandwidth. And most reads go to a few hot items:
//! keep those in memory and most requests never reach the database. The hot share of
//! a day's *reads* bounds that memory from above (a hot item read many times is stored
//! once). Read "Bandwidth and cache" in `notes/estimation.md`.

use crate::Estimate;
use crate::rates;
use crate::units::{Bytes, Period, Rate};

/// Bytes per second for `requests_per_second`, each carrying `size`.
pub fn bandwidth(requests_per_second: Estimate, size: Bytes) -> Estimate {
    requests_per_second * size.0
}

/// Bytes per second as bits per second, the unit network links are sold in.
pub fn bits_per_second(bytes_per_second: f64) -> f64 {
    bytes_per_second * 8.0
}

/// How many of `reads` arrive in a day.
pub fn reads_per_day(reads: Rate, month_days: f64) -> Estimate {
    rates::per(reads, Period::Day, month_days)
}

/// At most the memory to cache the hot `hot_share` (0.2 for the 80/20 rule) of a day's
/// `reads`, each item `size` bytes: an upper bound, reached only if no item is read twice
/// in the day.
pub fn hot_cache(reads: Rate, hot_share: f64, size: Bytes, month_days: f64) -> Estimate {
    reads_per_day(reads, month_days) * (hot_share * size.0)
}

/// Cache machines of `per_machine` memory each that hold `cache` between them.
pub fn cache_machines(cache: Bytes, per_machine: Bytes) -> u64 {
    (cache.0 / per_machine.0).ceil() as u64
}
