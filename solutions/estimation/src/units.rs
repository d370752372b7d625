//! Exercise: units.
//!
//! Estimates are written the way people speak: `500 TB`, `250M x 7`, `500M per month`,
//! `500 ms`. The reading of counts, rates and times is done for you below; what is
//! left is the part about units themselves: which unit a size is in (SI or IEC, bytes
//! or bits), and printing a figure back so a person reads it at a glance, at three
//! significant figures in the right unit. Read "Units" in `notes/estimation.md`.
//!
//! Yours to write: `in_units`, `Bytes::from_str` and `Count`'s `Display`. Everything
//! else in this file is given and already works.

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

/// `value` (in the base unit: bytes, seconds) to three significant figures, in the
/// largest of `units` in which it is at least 1 *once rounded*: 999.7 bytes is `1 kB`,
/// not `1000 B`, 1024 bytes is `1 KiB` in IEC units and `1.02 kB` in SI, and anything
/// below the smallest unit stays in it (`0 B`). `units` run smallest first, each a name
/// and how many base units it holds, as `SI` and `IEC` do.
pub fn in_units(value: f64, units: &[(&str, f64)]) -> String {
    let (unit, scale) = units
        .iter()
        .rev()
        .find(|(_, scale)| round_significant(value / scale).abs() >= 1.0)
        .copied()
        .unwrap_or(units[0]);
    format!("{} {unit}", significant(value / scale))
}

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
        in_units(self.0, &SI)
    }

    /// In IEC units with three significant figures: `13.8 TiB`, `1 KiB`.
    pub fn iec(self) -> String {
        in_units(self.0, &IEC)
    }
}

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.si())
    }
}

impl FromStr for Bytes {
    type Err = UnitError;

    /// `500 TB`, `5MB`, `1.5 KiB`, `3 KB` (`KB` is read as `kB`, as people write it).
    /// A lowercase `b` is a bit, so `300 Kb` is an error that says so; any other bad
    /// text is an error whose `expected` shows sizes that would have worked.
    fn from_str(text: &str) -> Result<Bytes, UnitError> {
        const EXPECTED: &str = "a size such as `500 B`, `5 MB` or `2 GiB` \
            (units B, kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)";
        let error = |expected: &str| UnitError {
            input: text.to_owned(),
            expected: expected.to_owned(),
        };
        let (number, unit) = split_number(text).ok_or_else(|| error(EXPECTED))?;
        let unit = if unit == "KB" { "kB" } else { unit };
        let scale = SI
            .iter()
            .chain(&IEC)
            .find(|(name, _)| *name == unit)
            .map(|(_, scale)| *scale);
        match scale {
            Some(scale) => Ok(Bytes(number * scale)),
            None if unit.ends_with('b') => Err(error(
                "a size in bytes such as `300 KB`; a lowercase `b` is a bit, and sizes here are in bytes",
            )),
            None => Err(error(EXPECTED)),
        }
    }
}

/// How many of something: `250M`, `1.5B`, `20%`, `250M x 7`. The suffixes are K
/// (thousand), M (million), B (billion) and T (trillion); `%` is a hundredth; factors
/// joined by `x` (or `×`) multiply.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Count(pub f64);

const COUNT_SUFFIXES: [(&str, f64); 5] =
    [("", 1.0), ("K", 1e3), ("M", 1e6), ("B", 1e9), ("T", 1e12)];

impl FromStr for Count {
    type Err = UnitError;

    fn from_str(text: &str) -> Result<Count, UnitError> {
        let mut product = 1.0;
        for factor in text.split(['x', '×']) {
            let (number, suffix) = split_number(factor).ok_or_else(|| UnitError {
                input: text.to_owned(),
                expected: "a count such as `500`, `250M`, `1.5B` or `20%`, \
                    or several joined by `x`, such as `250M x 7`"
                    .to_owned(),
            })?;
            let scale = match suffix {
                "%" => 0.01,
                _ => COUNT_SUFFIXES
                    .iter()
                    .find(|(name, _)| *name == suffix)
                    .map(|(_, scale)| *scale)
                    .ok_or_else(|| UnitError {
                        input: text.to_owned(),
                        expected: format!(
                            "a count with a suffix of K, M, B, T or %, not `{suffix}`"
                        ),
                    })?,
            };
            product *= number * scale;
        }
        Ok(Count(product))
    }
}

impl fmt::Display for Count {
    /// Below 1,000 three significant figures (`193`, `11.6`); below a million the whole
    /// number with separators (`20,255`); above, three significant figures and a
    /// suffix (`30.4B`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        if value.abs() < 999.5 {
            return f.write_str(&significant(value));
        }
        if value.abs() < 999_999.5 {
            return f.write_str(&with_separators(value.round()));
        }
        let rounded = round_significant(value);
        let (suffix, scale) = COUNT_SUFFIXES[2..]
            .iter()
            .rev()
            .find(|(_, scale)| rounded.abs() >= *scale)
            .copied()
            .unwrap_or(COUNT_SUFFIXES[2]);
        write!(f, "{}{suffix}", significant(rounded / scale))
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
        match text.trim() {
            "s" | "sec" | "second" => Ok(Period::Second),
            "d" | "day" => Ok(Period::Day),
            "month" => Ok(Period::Month),
            "y" | "year" => Ok(Period::Year),
            _ => Err(UnitError {
                input: text.to_owned(),
                expected: "a period: second (s), day, month or year".to_owned(),
            }),
        }
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
        let (count, per) = text
            .rsplit_once(" per ")
            .or_else(|| text.rsplit_once('/'))
            .ok_or_else(|| UnitError {
                input: text.to_owned(),
                expected: "a rate such as `500M per month`, `250M x 7 per day` or `100/s`"
                    .to_owned(),
            })?;
        Ok(Rate {
            count: count.parse::<Count>()?.0,
            per: per.parse()?,
        })
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} per {}", Count(self.count), self.per)
    }
}

/// A span of time as people write it: `500 ms`, `0.5 s`, `150 µs`, `10 ns`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Time(pub Duration);

/// Time units, smallest first; `us` is read as `µs`, and `µs` is what is written.
const TIME_UNITS: [(&str, f64); 5] = [
    ("ns", 1e-9),
    ("us", 1e-6),
    ("µs", 1e-6),
    ("ms", 1e-3),
    ("s", 1.0),
];

impl FromStr for Time {
    type Err = UnitError;

    fn from_str(text: &str) -> Result<Time, UnitError> {
        let seconds = split_number(text).and_then(|(number, unit)| {
            let (_, scale) = TIME_UNITS.iter().find(|(name, _)| *name == unit)?;
            Duration::try_from_secs_f64(number * scale).ok()
        });
        seconds.map(Time).ok_or_else(|| UnitError {
            input: text.to_owned(),
            expected: "a time such as `500 ms`, `0.5 s`, `150 µs` or `10 ns`".to_owned(),
        })
    }
}

impl fmt::Display for Time {
    /// Three significant figures in the largest unit that keeps the number at least 1.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&in_units(self.0.as_secs_f64(), &TIME_UNITS))
    }
}

/// Splits `1.5 KiB` into 1.5 and `KiB`: a finite, non-negative number (`,` and `_` may
/// group its digits), optional spaces, and whatever follows.
fn split_number(text: &str) -> Option<(f64, &str)> {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '_')))
        .unwrap_or(text.len());
    let digits: String = text[..end]
        .chars()
        .filter(|c| !matches!(c, ',' | '_'))
        .collect();
    let number: f64 = digits.parse().ok()?;
    Some((number, text[end..].trim_start()))
}

/// `value` rounded to three significant figures.
fn round_significant(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(2 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

/// `value` to three significant figures, without trailing zeros: `15.2`, `500`, `0.5`.
fn significant(value: f64) -> String {
    let rounded = round_significant(value);
    if rounded == 0.0 {
        return "0".to_owned();
    }
    let decimals = (2 - rounded.abs().log10().floor() as i32).max(0) as usize;
    let text = format!("{rounded:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A whole number with a comma between each group of three digits: `20,255`.
fn with_separators(whole: f64) -> String {
    let digits = format!("{:.0}", whole.abs());
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if whole < 0.0 {
        grouped.insert(0, '-');
    }
    grouped
}
