//! Exercise: a Bloom filter sized from a count and a false-positive rate.
//!
//! A Bloom filter answers "have I seen this?" in a fixed number of bits: "no" for
//! certain, or "probably". Each item sets `k` bits chosen by hashing; an item is
//! reported present when all of its `k` bits are set, which can happen by accident
//! once other items have set them. For `n` items and a false-positive rate `p`, the
//! best size is `m = -n ln p / (ln 2)^2` bits with `k = (m / n) ln 2` hashes, and
//! after `n` insertions the rate is about `(1 - e^(-k n / m))^k`.
//! Read "Bloom filters" in `notes/hashing.md`.

use crate::fnv::{hash64, mix64};

/// The number of bits for `expected` items at false-positive rate `fp_rate`:
/// `-n ln p / (ln 2)^2`, rounded up, and at least 1.
///
/// # Panics
///
/// If `fp_rate` is not strictly between 0 and 1.
pub fn optimal_bits(expected: u64, fp_rate: f64) -> u64 {
    todo!("-n ln p / (ln 2)^2, rounded up, at least 1")
}

/// The number of hash functions for `bits` bits and `expected` items:
/// `(m / n) ln 2`, rounded to the nearest whole number, and at least 1.
pub fn optimal_hashes(bits: u64, expected: u64) -> u32 {
    todo!("(m / n) ln 2, rounded, at least 1")
}

/// A Bloom filter over byte strings.
#[derive(Debug, Clone)]
pub struct BloomFilter {
    // The bits, packed 64 to a word; the size in bits; the number of hashes.
}

impl BloomFilter {
    /// An empty filter sized for `expected` items at false-positive rate `fp_rate`,
    /// with `optimal_bits` bits and `optimal_hashes` hashes.
    ///
    /// # Panics
    ///
    /// If `fp_rate` is not strictly between 0 and 1.
    pub fn new(expected: u64, fp_rate: f64) -> Self {
        todo!("size it with the two functions above; every bit starts clear")
    }

    /// Records `item`.
    ///
    /// An item's `k` bit positions come from two hashes by double hashing:
    /// `h1 = hash64(item)`, `h2 = mix64(h1) | 1` (odd: the `k` sums `h1 + i * h2`
    /// then differ modulo 2^64, though two positions can still meet after `% bits`),
    /// and position `i` is `(h1 + i * h2) % bits`, wrapping. Kirsch and Mitzenmacher
    /// showed this is as good as `k` independent hashes.
    pub fn insert(&mut self, item: &[u8]) {
        todo!("set each of the item's bits")
    }

    /// `false` if `item` was never inserted; `true` if it was, or by accident.
    pub fn contains(&self, item: &[u8]) -> bool {
        todo!("all of the item's bits set?")
    }

    /// The filter's size in bits.
    pub fn bits(&self) -> u64 {
        todo!("the size in bits")
    }

    /// How many bits each item sets.
    pub fn hashes(&self) -> u32 {
        todo!("bits set per item")
    }

    /// The false-positive rate to expect after `inserted` distinct items:
    /// `(1 - e^(-k n / m))^k`.
    pub fn expected_fp_rate(&self, inserted: u64) -> f64 {
        todo!("(1 - e^(-k n / m))^k")
    }
}
