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
    todo!("the shard of `id`")
}

/// The shard, in `0..shards`, of `key`: `hash64(key) % shards`.
///
/// # Panics
///
/// If `shards` is zero.
pub fn shard_for(key: &[u8], shards: u32) -> u32 {
    todo!("the shard of `key`")
}

/// The fraction of `keys` whose shard changes when `shard_for` goes from `from` to
/// `to` shards; 0 for no keys.
pub fn moved_fraction<K: AsRef<[u8]>>(keys: &[K], from: u32, to: u32) -> f64 {
    todo!("measure it on `keys`")
}

/// The fraction of uniformly hashed keys expected to move from `n` to `n + 1`
/// shards.
pub fn expected_moved_fraction(n: u32) -> f64 {
    todo!("work it out; the measured fraction should agree")
}

/// The fraction of uniformly hashed keys expected to move from `from` to `to`
/// shards, for any two shard counts: adding one, doubling, shrinking.
///
/// # Panics
///
/// If either count is zero.
pub fn expected_moved_between(from: u32, to: u32) -> f64 {
    todo!("which hashes keep their shard, and how often does that pattern repeat?")
}
