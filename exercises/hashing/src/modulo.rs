//! Exercise: `hash mod N` sharding, and what it costs to add a shard.
//!
//! The simplest way to spread keys over N shards is `hash(key) % N`. It balances
//! well and needs no table, but the shard depends on N itself: going from N to
//! N + 1 shards keeps a key in place only when both remainders agree, which is
//! true for 1 key in N + 1. Nearly everything moves. Read "Modulo sharding" in
//! `notes/hashing.md`.

use crate::fnv::hash64;

/// The shard, in `0..shards`, of a numeric id: `id % shards`, as in a table of users.
///
/// # Panics
///
/// If `shards` is zero.
pub fn shard_of_id(id: u64, shards: u32) -> u32 {
    todo!("the remainder")
}

/// The shard, in `0..shards`, of `key`: `hash64(key) % shards`.
///
/// # Panics
///
/// If `shards` is zero.
pub fn shard_for(key: &[u8], shards: u32) -> u32 {
    todo!("hash the key, then as for an id")
}

/// The fraction of `keys` whose shard changes when `shard_for` goes from `from` to
/// `to` shards; 0 for no keys.
pub fn moved_fraction<K: AsRef<[u8]>>(keys: &[K], from: u32, to: u32) -> f64 {
    todo!("count the keys whose two shards differ")
}

/// The fraction of uniformly hashed keys expected to move from `n` to `n + 1`
/// shards: all but the 1 in n + 1 whose two remainders agree.
pub fn expected_moved_fraction(n: u32) -> f64 {
    todo!("n out of n + 1")
}
