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
//! The paper computes the next bucket count in `f64`; this solution computes the
//! same quotient exactly in integers, which agrees with it on every published vector.

/// The bucket, in `0..buckets`, that `key` belongs to.
///
/// # Panics
///
/// If `buckets` is zero.
pub fn jump_hash(key: u64, buckets: u32) -> u32 {
    assert!(buckets > 0, "jump_hash needs at least one bucket");
    let buckets = u64::from(buckets);
    let mut key = key;
    // The bucket the key is in, and the bucket count at which it moves next.
    let mut bucket: u64 = 0;
    let mut next: u64 = 0;
    while next < buckets {
        bucket = next;
        // One step of a 64-bit linear congruential generator seeded with the key;
        // r = ((key >> 33) + 1) / 2^31 is in (0, 1].
        key = key.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(1);
        // The key stays while (bucket + 1) / j >= r, so it next moves at the largest
        // such j: (bucket + 1) / r, rounded down. (bucket + 1) < 2^32 and the shift
        // adds 31 bits, so the product fits in a u64.
        next = ((bucket + 1) << 31) / ((key >> 33) + 1);
    }
    bucket as u32
}
