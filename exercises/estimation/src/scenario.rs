//! Exercise: scenario.
//!
//! A whole estimate, from a file of assumptions to a report: read a scenario written in
//! YAML (requests, stored data, caches, servers, in the units a person writes), then
//! derive every figure with the earlier exercises, each with its formula and both its
//! exact and shortcut values. The three seed scenarios are in
//! `checks/estimation/scenarios/`, each beside the snapshot of its report (`.snap`).
//! Read "Scenario" in `notes/estimation.md`.

use std::fmt;

use serde::Deserialize;

use crate::Estimate;
use crate::bandwidth_and_cache::{bandwidth, cache_machines, hot_cache, reads_per_day};
use crate::rates::{DEFAULT_MONTH_DAYS, at_peak, per, per_second, shortcut_error};
use crate::servers::{capacity_per_server, servers_at_peak};
use crate::storage::{Retention, footprint, records_kept, stored};
use crate::units::{Bytes, Count, Period, Rate, Time};

/// The assumptions of one estimate, as a scenario file states them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// Days in a month, for rates given per month (30 unless the file says).
    #[serde(default = "default_month_days")]
    pub month_days: f64,
    /// How many times the average load the busiest time brings (2 unless the file says).
    #[serde(default = "default_peak_factor")]
    pub peak_factor: f64,
    #[serde(default)]
    pub requests: Vec<Requests>,
    #[serde(default)]
    pub storage: Vec<Dataset>,
    #[serde(default)]
    pub cache: Vec<Cache>,
    pub servers: Option<Servers>,
}

/// A stream of requests.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requests {
    pub name: String,
    pub rate: Rate,
    /// The rate at the busiest time, where it is known; otherwise `rate` times the
    /// scenario's peak factor.
    pub peak: Option<Rate>,
    /// Bytes each request brings in (an upload, a new record).
    pub bytes_in: Option<Bytes>,
    /// Bytes each request sends out (a page, a redirect).
    pub bytes_out: Option<Bytes>,
}

/// Data kept: either a `count` of records, or records arriving at a `rate`, kept for
/// `years` when given.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub name: String,
    pub count: Option<Count>,
    pub rate: Option<Rate>,
    pub size: Bytes,
    pub years: Option<u32>,
    /// Growth of `rate` each year, such as `10%`.
    pub yearly_growth: Option<Count>,
    #[serde(default = "one")]
    pub replicas: u32,
}

/// Memory for a cache: either the hot `hot_share` of a day of the request stream named
/// in `of`, or a `count` of items; `size` each. With `per_machine`, also the machines.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cache {
    pub name: String,
    pub of: Option<String>,
    pub hot_share: Option<Count>,
    pub count: Option<Count>,
    pub size: Bytes,
    pub per_machine: Option<Bytes>,
}

/// Application servers: worker threads each, the mean time a request holds a thread, and
/// how busy a server may run at peak (`70%` leaves 30% headroom).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Servers {
    pub threads: u32,
    pub latency: Time,
    #[serde(default = "full")]
    pub utilisation: Count,
}

fn default_month_days() -> f64 {
    DEFAULT_MONTH_DAYS
}

fn default_peak_factor() -> f64 {
    2.0
}

fn one() -> u32 {
    1
}

fn full() -> Count {
    Count(1.0)
}

/// A scenario that cannot be estimated, and where: the line of the file, when known.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// Reads a scenario, and checks what YAML cannot: each dataset has a `count` or a
    /// `rate` (not both), each cache a `count` or an `of` with a `hot_share`, `of` names
    /// a request stream, `month_days` is above 0, `peak_factor` at least 1 and
    /// `utilisation` above 0% and at most 100%.
    ///
    /// Every error has the line it is on: `serde_yaml`'s location for what it rejects
    /// itself (an unknown key, a bad unit), and for the rest the line of the entry's
    /// `name:` or of the key at fault. The message names the entry: "storage `songs`:
    /// give a `count` of records or the `rate` they arrive at".
    pub fn from_yaml(text: &str) -> Result<Scenario, ScenarioError> {
        todo!("serde_yaml::from_str, then the checks YAML cannot make; errors with the line")
    }

    /// The report: every figure the assumptions lead to, added with `Report::add` in
    /// the order below. The seed scenarios' reports are the snapshots in
    /// `checks/estimation/scenarios/`; rates, counts, sizes and times are written as
    /// their `Display` shows them, and a share such as 0.2 as `20%`.
    ///
    /// Traffic, for each request stream in the file's order: `<name>`, its rate per
    /// second (formula `<rate> ÷ s per <period>`), then `<name> at peak`: its `peak`
    /// rate per second with the same kind of formula, or the average times the
    /// scenario's peak factor (`× 2 (peak factor)`). Then, with two streams or more,
    /// `all requests` (`sum of the streams`) and `all requests at peak` (`sum of the
    /// streams at peak`).
    ///
    /// Bandwidth, for each stream with `bytes_in` or `bytes_out`: `<name> in` or
    /// `<name> out`, in bytes per second (`per second × <size>`).
    ///
    /// Storage, for each dataset: with a `count`, `<name>` (`<count> × <size>`); with a
    /// `rate`, `<name> per day` (`a day of <rate> × <size>`) and, with `years`, `<name>
    /// kept` (`<rate> for <years> years`, then `, growing 10% a year` if it grows) and
    /// `<name> on disk` (`kept × <size>`). Every size of stored data is followed by
    /// ` × 3 replicas` when there is more than one copy. Then, when there are two or
    /// more of them, `all new data per day` (`sum of the above per day`) and `all data
    /// stored` (`sum of the above on disk`, over the `count` and `on disk` figures).
    ///
    /// Cache, for each cache: with `of`, `<name> reads per day` (`a day of <rate>`) and
    /// `<name>` (`20% of reads per day × <size>`); with a `count`, `<name>` (`<count> ×
    /// <size>`); and with `per_machine`, `<name> machines` (`memory ÷ <per_machine>,
    /// rounded up`).
    ///
    /// Servers: `capacity per server` (`<threads> threads ÷ <latency>`), `servers for
    /// the average` (`requests ÷ capacity, rounded up`) and `servers at peak` (`peak
    /// requests ÷ (capacity × 70%), rounded up`).
    pub fn estimate(&self) -> Report {
        todo!("section by section, line by line, as the doc comment lists them")
    }
}

/// The parts of a report, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Traffic,
    Bandwidth,
    Storage,
    Cache,
    Servers,
}

/// What a figure counts, which decides how it is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A number of things: `30.4B`.
    Count,
    /// Events per second: `20,255/s`.
    PerSecond,
    /// A size: `15.2 TB`.
    Bytes,
    /// A bandwidth: `9.65 MB/s`.
    BytesPerSecond,
    /// Whole machines: `579`.
    Machines,
}

impl Unit {
    /// `value` printed in this unit.
    pub fn show(self, value: f64) -> String {
        match self {
            Unit::Count | Unit::Machines => Count(value).to_string(),
            Unit::PerSecond => format!("{}/s", Count(value)),
            Unit::Bytes => Bytes(value).si(),
            Unit::BytesPerSecond => format!("{}/s", Bytes(value).si()),
        }
    }
}

/// One derived figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub section: Section,
    pub name: String,
    pub formula: String,
    pub value: Estimate,
    pub unit: Unit,
}

/// Every figure derived from a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: String,
    pub month_days: f64,
    pub lines: Vec<Line>,
}

impl Report {
    /// An empty report for `scenario`.
    pub fn new(scenario: &Scenario) -> Report {
        Report {
            title: scenario.name.clone(),
            month_days: scenario.month_days,
            lines: Vec::new(),
        }
    }

    /// Adds a figure at the end.
    pub fn add(
        &mut self,
        section: Section,
        name: impl Into<String>,
        formula: impl Into<String>,
        value: Estimate,
        unit: Unit,
    ) {
        self.lines.push(Line {
            section,
            name: name.into(),
            formula: formula.into(),
            value,
            unit,
        });
    }

    /// The figure called `name`, if there is one.
    pub fn line(&self, name: &str) -> Option<&Line> {
        self.lines.iter().find(|line| line.name == name)
    }
}

impl fmt::Display for Report {
    /// A table a section at a time: name, formula, exact, shortcut, and how far the
    /// shortcut is off where it differs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = |column: fn(&Line) -> usize| self.lines.iter().map(column).max().unwrap_or(0);
        let name_width = width(|line| line.name.chars().count());
        let formula_width = width(|line| line.formula.chars().count());
        let exact: Vec<String> = self
            .lines
            .iter()
            .map(|line| line.unit.show(line.value.exact))
            .collect();
        let shortcut: Vec<String> = self
            .lines
            .iter()
            .map(|line| line.unit.show(line.value.shortcut))
            .collect();
        let value_width = exact
            .iter()
            .chain(&shortcut)
            .map(|text| text.chars().count())
            .max()
            .unwrap_or(0)
            .max("shortcut".len());

        writeln!(f, "{}", self.title)?;
        writeln!(
            f,
            "{} days a month; exact: 86,400 s a day, 365 days a year; shortcut: 10^5 s a day, 12 months a year",
            Count(self.month_days)
        )?;
        let mut section = None;
        for (index, line) in self.lines.iter().enumerate() {
            if section != Some(line.section) {
                section = Some(line.section);
                writeln!(f)?;
                writeln!(
                    f,
                    "{:<indent$}  {:>value_width$}  {:>value_width$}  off by",
                    format!("{:?}", line.section),
                    "exact",
                    "shortcut",
                    indent = name_width + formula_width + 4,
                )?;
            }
            let off = if exact[index] == shortcut[index] {
                String::new()
            } else {
                format!("{:+.1}%", shortcut_error(line.value) * 100.0)
            };
            let pad = |text: &str, width: usize| {
                format!(
                    "{text}{}",
                    " ".repeat(width.saturating_sub(text.chars().count()))
                )
            };
            let row = format!(
                "  {}  {}  {:>value_width$}  {:>value_width$}  {off}",
                pad(&line.name, name_width),
                pad(&line.formula, formula_width),
                exact[index],
                shortcut[index],
            );
            writeln!(f, "{}", row.trim_end())?;
        }
        Ok(())
    }
}
