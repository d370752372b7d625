//! Exercise: FNV-1a, 64 bits, by hand; and a finalizer that mixes its output.
//!
//! FNV-1a starts from a fixed offset basis and, for each byte, XORs the byte into
//! the low bits and multiplies by a fixed prime (wrapping, modulo 2^64). It is short,
//! fast on short keys, and good enough for hash tables, but its last bytes only
//! reach the high bits through one multiplication, so inputs that differ only at
//! the end land close together. `mix64`, the finalizer of splitmix64, spreads every
//! input bit over every output bit; `hash64` chains the two and is the hash the
//! rest of this topic places keys with. Every step of `mix64` can be undone, which
//! is why it loses nothing: `unmix64` proves it by undoing them.
//! Read "FNV-1a" in `notes/hashing.md`.

/// Where every FNV-1a 64-bit hash starts.
pub const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// The 64-bit FNV prime, 2^40 + 2^8 + 0xb3.
pub const PRIME: u64 = 0x0000_0100_0000_01b3;

/// The FNV-1a 64-bit hash of `data`.
pub fn fnv1a_64(data: &[u8]) -> u64 {
    todo!("FNV-1a of `data`")
}

/// The splitmix64 finalizer: a bijection on `u64` in which every input bit
/// affects every output bit with probability close to one half.
///
/// Three rounds of "XOR the value with itself shifted right, then multiply":
/// shift by 30 and multiply by `0xbf58476d1ce4e5b9`; shift by 27 and multiply by
/// `0x94d049bb133111eb`; shift by 31 and stop. Multiplications wrap.
pub fn mix64(x: u64) -> u64 {
    todo!("the three rounds above")
}

/// The course's 64-bit hash for placing keys: FNV-1a, then `mix64`.
pub fn hash64(data: &[u8]) -> u64 {
    todo!("the course's hash of `data`")
}

/// The inverse of `mix64`: `unmix64(mix64(x)) == x` for every `x`.
///
/// Undo `mix64`'s steps in reverse order. A multiplication by an odd constant is
/// undone by multiplying by its inverse modulo 2^64; `x ^ (x >> s)` is undone by
/// recovering `x` from its top bits down. Work out why each step can be undone;
/// the notes and the hints explain it.
pub fn unmix64(y: u64) -> u64 {
    todo!("undo the rounds of mix64, last first")
}
