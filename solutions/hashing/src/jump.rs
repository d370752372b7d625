//! Exercise: jump consistent hash (Lamping and Veach, 2014).
//!
//! Jump hash maps a 64-bit key to one of `buckets` buckets with no table at all:
//! a key "jumps" forward through bucket numbers, driven by a pseudo-random sequence
//! seeded with the key, and stops at the last jump below `buckets`. Growing from n
//! to n + 1 buckets moves a key only when its sequence jumps to bucket n, which
//! happens to 1/(n + 1) of the keys. The price: buckets are numbered 0..n and only
//! the last one can be removed. Read "Jump consistent hash" in `notes/hashing.md`.

/// The bucket, in `0..buckets`, that `key` belongs to.
///
/// # Panics
///
/// If `buckets` is zero.
pub fn jump_hash(key: u64, buckets: u32) -> u32 {
    assert!(buckets > 0, "jump_hash needs at least one bucket");
    let mut key = key;
    let mut bucket: i64 = -1;
    let mut next: i64 = 0;
    while next < i64::from(buckets) {
        bucket = next;
        // One step of a 64-bit linear congruential generator seeded with the key.
        key = key.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(1);
        // The next bucket this key jumps to: (bucket + 1) / r, for r in (0, 1] taken
        // from the generator's top 31 bits. Written as the paper writes it, so the
        // floating-point rounding, and with it every published vector, agrees.
        let inverse_r = (1u64 << 31) as f64 / ((key >> 33) + 1) as f64;
        next = ((bucket + 1) as f64 * inverse_r) as i64;
    }
    bucket as u32
}
