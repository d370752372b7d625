//! Exercise: units.
//!
//! Estimates are written the way people speak: `500 TB`, `250M x 7`, `500M per month`,
//! `500 ms`. Read such text into numbers, and format numbers back into text a person
//! can read at a glance: three significant figures and the right unit. Read "Units"
//! in `notes/estimation.md`.
//!
//! Text that cannot be read is a `UnitError` that quotes it and says what would have
//! been understood, with examples: the person reading it has a scenario file open and
//! wants to fix the line, not to read the parser.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// Text that is not the quantity it should be, and what was expected instead.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitError {
    /// The text as it was given.
    pub input: String,
    /// What would have been understood, with examples: "a size such as `500 B`".
    pub expected: String,
}

impl fmt::Display for UnitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read `{}`: expected {}",
            self.input, self.expected
        )
    }
}

impl std::error::Error for UnitError {}

/// The SI byte units, each 1000 times the one before.
pub const SI: [(&str, f64); 6] = [
    ("B", 1.0),
    ("kB", 1e3),
    ("MB", 1e6),
    ("GB", 1e9),
    ("TB", 1e12),
    ("PB", 1e15),
];

/// The IEC byte units, each 1024 times the one before.
pub const IEC: [(&str, f64); 6] = [
    ("B", 1.0),
    ("KiB", 1024.0),
    ("MiB", 1_048_576.0),
    ("GiB", 1_073_741_824.0),
    ("TiB", 1_099_511_627_776.0),
    ("PiB", 1_125_899_906_842_624.0),
];

/// A number of bytes. Estimates are fractional (a sixth of a gigabyte is fine), so it
/// is an `f64`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Bytes(pub f64);

impl Bytes {
    /// In SI units with three significant figures: `15.2 TB`, `500 B`, `1 kB`.
    pub fn si(self) -> String {
        todo!(
            "format with three significant figures in the largest SI unit that keeps the number at least 1"
        )
    }

    /// In IEC units with three significant figures: `13.8 TiB`, `1 KiB`.
    pub fn iec(self) -> String {
        todo!("like `si`, with the IEC units")
    }
}

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!("the SI form, as `si` gives it")
    }
}

impl FromStr for Bytes {
    type Err = UnitError;

    /// `500 TB`, `5MB`, `1.5 KiB`, `3 KB` (`KB` is read as `kB`, as people write it).
    /// A lowercase `b` is a bit, so `300 Kb` is an error that says so; any other bad
    /// text is an error whose `expected` shows sizes that would have worked.
    fn from_str(text: &str) -> Result<Bytes, UnitError> {
        todo!("split the number from the unit, then look the unit up in SI and IEC")
    }
}

/// How many of something: `250M`, `1.5B`, `20%`, `250M x 7`. The suffixes are K
/// (thousand), M (million), B (billion) and T (trillion); `%` is a hundredth; factors
/// joined by `x` (or `×`) multiply.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Count(pub f64);

impl FromStr for Count {
    type Err = UnitError;

    fn from_str(text: &str) -> Result<Count, UnitError> {
        todo!("split on `x`, read each factor as a number and a suffix, multiply")
    }
}

impl fmt::Display for Count {
    /// Below 1,000 three significant figures (`193`, `11.6`); below a million the whole
    /// number with separators (`20,255`); above, three significant figures and a
    /// suffix (`30.4B`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!(
            "three significant figures below 1,000, the whole number with separators below a million, then a suffix"
        )
    }
}

/// The stretch of time a rate is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Second,
    Day,
    Month,
    Year,
}

impl FromStr for Period {
    type Err = UnitError;

    fn from_str(text: &str) -> Result<Period, UnitError> {
        todo!("match the words: second (s), day, month, year")
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Period::Second => "second",
            Period::Day => "day",
            Period::Month => "month",
            Period::Year => "year",
        })
    }
}

/// So many events per period: `500M per month`, `250M x 7 per day`, `100/s`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub count: f64,
    pub per: Period,
}

impl FromStr for Rate {
    type Err = UnitError;

    fn from_str(text: &str) -> Result<Rate, UnitError> {
        todo!("split at ` per ` or `/`: a count, then a period")
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!("the count as `Count` shows it, then `per` and the period")
    }
}

/// A span of time as people write it: `500 ms`, `0.5 s`, `150 µs`, `10 ns`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Time(pub Duration);

impl FromStr for Time {
    type Err = UnitError;

    fn from_str(text: &str) -> Result<Time, UnitError> {
        todo!("a number and one of ns, µs (or us), ms, s")
    }
}

impl fmt::Display for Time {
    /// Three significant figures in the largest unit that keeps the number at least 1.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!("three significant figures in s, ms, µs or ns")
    }
}
