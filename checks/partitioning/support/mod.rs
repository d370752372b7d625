//! Helpers the partitioning checks share.
#![allow(dead_code, unused_imports)] // Each check file uses a different part of it.

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

/// `count` keys that look like real ones: `user-0`, `user-1`, ...
pub fn keys(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("user-{i}")).collect()
}

/// A small deterministic random source (SplitMix64), so that a check's "random"
/// values are the same on every run.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn next_u128(&mut self) -> u128 {
        u128::from(self.next_u64()) << 64 | u128::from(self.next_u64())
    }
}
