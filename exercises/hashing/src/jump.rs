//! Exercise: jump consistent hash (Lamping and Veach, 2014).
//!
//! Jump hash maps a 64-bit key to one of `buckets` buckets with no table at all.
//! Growing from n to n + 1 buckets must move exactly 1/(n + 1) of the keys, all
//! into the new bucket n; the notes show why, and how one random number per move
//! decides at once how long a key stays where it is. Your job is to turn that
//! argument into a loop of moves. Read "Jump consistent hash" in `notes/hashing.md`.
//!
//! The random numbers must be the paper's, or the published vectors will not
//! match. Every key starts in bucket 0. Each time you work out a key's next move,
//! the first one from bucket 0 included, first step a 64-bit linear congruential
//! generator seeded with the key, `key = key * 2862933555777941757 + 1` (wrapping),
//! and take `r = ((key >> 33) + 1) / 2^31`, a number in (0, 1].

/// The bucket, in `0..buckets`, that `key` belongs to.
///
/// # Panics
///
/// If `buckets` is zero.
pub fn jump_hash(key: u64, buckets: u32) -> u32 {
    todo!("move the key from bucket to bucket until the next move is past the last bucket")
}
