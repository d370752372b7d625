//! Exercise: rates.
//!
//! "500M new URLs a month" means little until it is a number of requests per second.
//! Convert rates between periods twice over: exactly (86,400 seconds a day, 365 days a
//! year) and with the whiteboard shortcut (a day is about 10^5 seconds, a year twelve
//! months), and say how far apart the two are. Read "Rates" in `notes/estimation.md`.

use crate::Estimate;
use crate::units::{Period, Rate};

/// Seconds in a day.
pub const SECONDS_PER_DAY: f64 = 86_400.0;

/// The shortcut's day: 10^5 seconds, 15.7% longer than a real one.
pub const SHORTCUT_SECONDS_PER_DAY: f64 = 100_000.0;

/// Days in a year, when counted exactly.
pub const DAYS_PER_YEAR: f64 = 365.0;

/// How long a month is when a scenario does not say: 30 days.
pub const DEFAULT_MONTH_DAYS: f64 = 30.0;

/// How many seconds `period` lasts, when a month is `month_days` days long. The
/// shortcut counts a day as 10^5 seconds and a year as twelve months.
pub fn seconds_in(period: Period, month_days: f64) -> Estimate {
    todo!("each period's length in seconds, exactly and by the shortcut")
}

/// `rate` as events per second.
pub fn per_second(rate: Rate, month_days: f64) -> Estimate {
    todo!("`per` with a second as the target")
}

/// `rate` as events per `period`: the count times how many of the rate's periods fit
/// into `period`.
pub fn per(rate: Rate, period: Period, month_days: f64) -> Estimate {
    todo!("how many of the rate's periods fit into `period`, each way")
}

/// How far the shortcut is from the exact figure, as a fraction of the exact one:
/// -0.136 means 13.6% too low.
pub fn shortcut_error(figure: Estimate) -> f64 {
    todo!("the gap between the two figures, relative to the exact one")
}

/// The rate at the busiest time, when it runs `peak_factor` times the average.
pub fn at_peak(average: Estimate, peak_factor: f64) -> Estimate {
    todo!("the average times the factor, both ways")
}
