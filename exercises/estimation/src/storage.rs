//! Exercise: storage.
//!
//! How much disk a system needs: records times their size, kept for so many years,
//! with the write rate growing year on year and every byte stored on several replicas.
//! Read "Storage" in `notes/estimation.md`.

use crate::Estimate;
use crate::rates;
use crate::units::{Bytes, Period, Rate};

/// How long records are kept, and how fast their rate grows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Retention {
    /// Whole years of records kept.
    pub years: u32,
    /// How much the write rate grows each year: 0.1 means each year brings 10% more
    /// records than the one before. The first year runs at the rate as given.
    pub yearly_growth: f64,
}

/// The bytes `count` records of `size` take: the whole of "x million × y MB".
pub fn stored(count: f64, size: Bytes) -> Bytes {
    todo!("the bytes all the records take")
}

/// How many records arrive at `rate` over `keep`'s years, with its growth.
pub fn records_kept(rate: Rate, keep: Retention, month_days: f64) -> Estimate {
    todo!("a year of the rate, then each later year grown by the yearly growth")
}

/// The bytes `records` of `size` take on `replicas` copies.
pub fn footprint(records: Estimate, size: Bytes, replicas: u32) -> Estimate {
    todo!("every copy of every record")
}
