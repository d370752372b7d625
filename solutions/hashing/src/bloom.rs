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
    assert!(
        fp_rate > 0.0 && fp_rate < 1.0,
        "a false-positive rate is strictly between 0 and 1, not {fp_rate}"
    );
    let bits = -(expected as f64) * fp_rate.ln() / (2f64.ln() * 2f64.ln());
    (bits.ceil() as u64).max(1)
}

/// The number of hash functions for `bits` bits and `expected` items:
/// `(m / n) ln 2`, rounded to the nearest whole number, and at least 1.
pub fn optimal_hashes(bits: u64, expected: u64) -> u32 {
    let hashes = bits as f64 / expected.max(1) as f64 * 2f64.ln();
    (hashes.round() as u32).max(1)
}

/// A Bloom filter over byte strings.
#[derive(Debug, Clone)]
pub struct BloomFilter {
    words: Vec<u64>,
    bits: u64,
    hashes: u32,
}

impl BloomFilter {
    /// An empty filter sized for `expected` items at false-positive rate `fp_rate`,
    /// with `optimal_bits` bits and `optimal_hashes` hashes.
    ///
    /// # Panics
    ///
    /// If `fp_rate` is not strictly between 0 and 1.
    pub fn new(expected: u64, fp_rate: f64) -> Self {
        let bits = optimal_bits(expected, fp_rate);
        Self {
            words: vec![0; bits.div_ceil(64) as usize],
            bits,
            hashes: optimal_hashes(bits, expected),
        }
    }

    /// Records `item`.
    pub fn insert(&mut self, item: &[u8]) {
        for bit in self.bit_indexes(item) {
            self.words[(bit / 64) as usize] |= 1 << (bit % 64);
        }
    }

    /// `false` if `item` was never inserted; `true` if it was, or by accident.
    pub fn contains(&self, item: &[u8]) -> bool {
        self.bit_indexes(item)
            .all(|bit| self.words[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }

    /// The filter's size in bits.
    pub fn bits(&self) -> u64 {
        self.bits
    }

    /// How many bits each item sets.
    pub fn hashes(&self) -> u32 {
        self.hashes
    }

    /// The false-positive rate to expect after `inserted` distinct items:
    /// `(1 - e^(-k n / m))^k`.
    pub fn expected_fp_rate(&self, inserted: u64) -> f64 {
        let k = f64::from(self.hashes);
        let fill = 1.0 - (-k * inserted as f64 / self.bits as f64).exp();
        fill.powf(k)
    }

    /// The `hashes` bit positions of `item`, by double hashing: `h1 + i * h2`,
    /// which behaves like `k` independent hashes (Kirsch and Mitzenmacher) for the
    /// cost of two. `h2` is odd, so the `k` sums differ modulo 2^64; reduced modulo
    /// `bits` two of them can still meet (all of them if `h2` is a multiple of `bits`),
    /// which is rare enough not to show in the false-positive rate.
    fn bit_indexes(&self, item: &[u8]) -> impl Iterator<Item = u64> + use<> {
        let h1 = hash64(item);
        let h2 = mix64(h1) | 1;
        let bits = self.bits;
        (0..u64::from(self.hashes)).map(move |i| h1.wrapping_add(i.wrapping_mul(h2)) % bits)
    }
}
