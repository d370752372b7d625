//! Back-of-the-envelope estimation: sizes and rates as people write them, turned into
//! requests per second, storage, bandwidth, cache memory and servers, each computed
//! exactly and with the shortcut side by side. The concepts are in
//! `notes/estimation.md`.

pub mod availability;
pub mod bandwidth_and_cache;
pub mod latency_numbers;
pub mod rates;
pub mod scenario;
pub mod servers;
pub mod storage;
pub mod units;

use std::ops::{Add, Mul};

/// One figure computed two ways: `exact`, with 86,400 seconds in a day and 365 days
/// in a year, and `shortcut`, with a day of 10^5 seconds and a year of twelve months,
/// the way it is done on a whiteboard. Figures that never pass through seconds or
/// years come out the same both ways.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub exact: f64,
    pub shortcut: f64,
}

impl Estimate {
    /// A figure that both ways agree on.
    pub fn same(value: f64) -> Estimate {
        Estimate {
            exact: value,
            shortcut: value,
        }
    }

    /// Applies `f` to both figures.
    pub fn map(self, f: impl Fn(f64) -> f64) -> Estimate {
        Estimate {
            exact: f(self.exact),
            shortcut: f(self.shortcut),
        }
    }
}

impl Add for Estimate {
    type Output = Estimate;

    fn add(self, other: Estimate) -> Estimate {
        Estimate {
            exact: self.exact + other.exact,
            shortcut: self.shortcut + other.shortcut,
        }
    }
}

impl Mul<f64> for Estimate {
    type Output = Estimate;

    fn mul(self, factor: f64) -> Estimate {
        self.map(|value| value * factor)
    }
}

impl std::iter::Sum for Estimate {
    fn sum<I: Iterator<Item = Estimate>>(figures: I) -> Estimate {
        figures.fold(Estimate::same(0.0), Add::add)
    }
}

/// Scenario files write quantities as text (`500 B`, `250M x 7 per day`) or as bare
/// numbers (`50`); both are read through the quantity's `FromStr`, so a bad quantity
/// is reported by `serde_yaml` with its line and column.
mod yaml {
    use std::str::FromStr;

    use serde::de::{Deserialize, Deserializer, Error};

    use crate::units::{Bytes, Count, Rate, Time, UnitError};

    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Written {
        Text(String),
        Number(f64),
    }

    fn read<'de, D, T>(deserializer: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: FromStr<Err = UnitError>,
    {
        let text = match Written::deserialize(deserializer)? {
            Written::Text(text) => text,
            Written::Number(number) => number.to_string(),
        };
        text.parse().map_err(D::Error::custom)
    }

    macro_rules! read_from_text {
        ($($quantity:ty),*) => {$(
            impl<'de> Deserialize<'de> for $quantity {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    read(deserializer)
                }
            }
        )*};
    }

    read_from_text!(Bytes, Count, Rate, Time);
}
