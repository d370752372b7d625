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
    data.iter().fold(OFFSET_BASIS, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// The splitmix64 finalizer: a bijection on `u64` in which every input bit
/// affects every output bit with probability close to one half.
///
/// Three rounds of "XOR the value with itself shifted right, then multiply":
/// shift by 30 and multiply by `0xbf58476d1ce4e5b9`; shift by 27 and multiply by
/// `0x94d049bb133111eb`; shift by 31 and stop. Multiplications wrap.
pub fn mix64(x: u64) -> u64 {
    let x = (x ^ (x >> 30)).wrapping_mul(MIX_FIRST);
    let x = (x ^ (x >> 27)).wrapping_mul(MIX_SECOND);
    x ^ (x >> 31)
}

const MIX_FIRST: u64 = 0xbf58_476d_1ce4_e5b9;
const MIX_SECOND: u64 = 0x94d0_49bb_1331_11eb;
const MIX_FIRST_INVERSE: u64 = inverse_mod_2_64(MIX_FIRST);
const MIX_SECOND_INVERSE: u64 = inverse_mod_2_64(MIX_SECOND);

/// The course's 64-bit hash for placing keys: FNV-1a, then `mix64`.
pub fn hash64(data: &[u8]) -> u64 {
    mix64(fnv1a_64(data))
}

/// The inverse of `mix64`: `unmix64(mix64(x)) == x` for every `x`.
///
/// Undo `mix64`'s steps in reverse order. A multiplication by an odd constant is
/// undone by multiplying by its inverse modulo 2^64; `x ^ (x >> s)` is undone by
/// recovering `x` from its top bits down. Work out why each step can be undone;
/// the notes and the hints explain it.
pub fn unmix64(y: u64) -> u64 {
    let x = undo_xor_shift(y, 31);
    let x = undo_xor_shift(x.wrapping_mul(MIX_SECOND_INVERSE), 27);
    undo_xor_shift(x.wrapping_mul(MIX_FIRST_INVERSE), 30)
}

/// The `x` with `x ^ (x >> shift) == y`, for `shift` in `1..64`.
///
/// The top `shift` bits of `y` are those of `x`; each pass recovers the next
/// `shift` bits from the ones already known.
fn undo_xor_shift(y: u64, shift: u32) -> u64 {
    let mut x = y;
    let mut known = shift;
    while known < 64 {
        x = y ^ (x >> shift);
        known += shift;
    }
    x
}

/// The `d` with `odd * d == 1` modulo 2^64, by Newton's iteration: `d = odd` is
/// right in the low 3 bits, and each round doubles the bits that are right.
const fn inverse_mod_2_64(odd: u64) -> u64 {
    let mut inverse = odd;
    let mut round = 0;
    while round < 5 {
        inverse = inverse.wrapping_mul(2u64.wrapping_sub(odd.wrapping_mul(inverse)));
        round += 1;
    }
    inverse
}
