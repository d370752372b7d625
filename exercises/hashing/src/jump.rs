//! Exercise: jump consistent hash (Lamping and Veach, 2014).
//!
//! Jump hash maps a 64-bit key to one of `buckets` buckets with no table at all:
//! a key "jumps" forward through bucket numbers, driven by a pseudo-random sequence
//! seeded with the key, and stops at the last jump below `buckets`. Growing from n
//! to n + 1 buckets moves a key only when its sequence jumps to bucket n, which
//! happens to 1/(n + 1) of the keys. The price: buckets are numbered 0..n and only
//! the last one can be removed. Read "Jump consistent hash" in `notes/hashing.md`.
//!
//! The paper's pseudo-random step is a linear congruential generator:
//! `key = key * 2862933555777941757 + 1` (wrapping). From the generator's top 31
//! bits it computes the next jump as
//! `(bucket + 1) * (2^31 as f64 / ((key >> 33) + 1) as f64)`, in `f64`, truncated.
//! Compute it in exactly that order: the published test vectors depend on the
//! floating-point rounding.

/// The bucket, in `0..buckets`, that `key` belongs to.
///
/// # Panics
///
/// If `buckets` is zero.
pub fn jump_hash(key: u64, buckets: u32) -> u32 {
    todo!("start at bucket -1, next 0; while next < buckets, step the generator and jump")
}
