//! Helpers the resilience checks share: time in milliseconds, a seeded source of
//! uniform draws, and text charts.
#![allow(dead_code, unused_imports)] // Each check file uses a different part of it.

use std::time::Duration;

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A seeded source of uniform draws in [0, 1) (SplitMix64), so that every run of
/// a check sees the same "random" numbers.
pub struct Draws(u64);

impl Draws {
    pub fn seeded(seed: u64) -> Self {
        Draws(seed)
    }

    pub fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Whether two waits agree to within a microsecond (the formulas go through
/// floating point, which may round the last nanoseconds either way).
pub fn close(a: Duration, b: Duration) -> bool {
    a.abs_diff(b) <= Duration::from_micros(1)
}

/// One line per value: its label, a bar of `#` scaled so that `full` fills
/// `width` characters (rounded up, so any non-zero value shows), and the value.
pub fn bar_chart(rows: &[(String, usize)], full: usize, width: usize) -> String {
    rows.iter()
        .map(|(label, value)| {
            let len = if full == 0 {
                0
            } else {
                (value * width).div_ceil(full)
            };
            format!("{label} | {:<width$} {value}\n", "#".repeat(len))
                .trim_end()
                .to_string()
                + "\n"
        })
        .collect()
}
