//! Exercise: `hash mod N` sharding, and what it costs to add a shard.
//!
//! The simplest way to spread keys over N shards is `hash(key) % N`. It balances
//! well and needs no table, but the shard depends on N itself: a key keeps its
//! shard only when its two remainders agree. How often is that? Measure it, then
//! work out the exact fraction for any two shard counts, and see why adding one
//! shard moves nearly everything while doubling moves half. Read "Modulo sharding"
//! in `notes/hashing.md`.

use crate::fnv::hash64;

/// The shard, in `0..shards`, of a numeric id: `id % shards`, as in a table of users.
///
/// # Panics
///
/// If `shards` is zero.
pub fn shard_of_id(id: u64, shards: u32) -> u32 {
    assert!(shards > 0, "there must be at least one shard");
    (id % u64::from(shards)) as u32
}

/// The shard, in `0..shards`, of `key`: `hash64(key) % shards`.
///
/// # Panics
///
/// If `shards` is zero.
pub fn shard_for(key: &[u8], shards: u32) -> u32 {
    shard_of_id(hash64(key), shards)
}

/// The fraction of `keys` whose shard changes when `shard_for` goes from `from` to
/// `to` shards; 0 for no keys.
pub fn moved_fraction<K: AsRef<[u8]>>(keys: &[K], from: u32, to: u32) -> f64 {
    if keys.is_empty() {
        return 0.0;
    }
    let moved = keys
        .iter()
        .filter(|key| shard_for(key.as_ref(), from) != shard_for(key.as_ref(), to))
        .count();
    moved as f64 / keys.len() as f64
}

/// The fraction of uniformly hashed keys expected to move from `n` to `n + 1`
/// shards.
pub fn expected_moved_fraction(n: u32) -> f64 {
    f64::from(n) / f64::from(n + 1)
}

/// The fraction of uniformly hashed keys expected to move from `from` to `to`
/// shards, for any two shard counts: adding one, doubling, shrinking.
///
/// A key stays when `h % from == h % to`. Both remainders start over together
/// every `lcm(from, to)` hashes, and in each such run exactly one `h` has both
/// remainders equal to `r`, for each `r` below both counts: `min(from, to)` stay.
///
/// # Panics
///
/// If either count is zero.
pub fn expected_moved_between(from: u32, to: u32) -> f64 {
    assert!(from > 0 && to > 0, "there must be at least one shard");
    let (from, to) = (u64::from(from), u64::from(to));
    let lcm = from / gcd(from, to) * to;
    1.0 - from.min(to) as f64 / lcm as f64
}

/// The greatest common divisor, by Euclid's algorithm.
fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}
