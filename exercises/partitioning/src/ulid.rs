//! Exercise: ULIDs, 128-bit ids that sort by time as text.
//!
//! A ULID is 48 bits of Unix milliseconds followed by 80 random bits, written as 26
//! characters of Crockford's base32, most significant first:
//!
//! ```text
//!  01ARZ3NDEK      TSV4RRFFQ69G5FAV
//!  time, 10 chars  randomness, 16 chars
//! ```
//!
//! 26 characters of 5 bits are 130 bits, two more than a ULID has, so the first
//! character is at most `7`. Text that sorts in byte order sorts by time, because the
//! time comes first and every character's order in the alphabet is its order in ASCII.
//! A monotonic generator makes the ids minted within one millisecond sort in the order
//! they were minted, by adding one to the last random part instead of drawing a new one.
//! Read "ULID" in `notes/partitioning.md`.

/// Crockford's base32 alphabet: the digits and the letters but I, L, O and U.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Why text is not a ULID, or why no ULID can be minted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UlidError {
    /// A ULID has 26 characters; the text had `found`.
    WrongLength { found: usize },
    /// The character at `index` (counting characters from 0) is not in the alphabet.
    BadCharacter { index: usize, found: char },
    /// The first character is above `7`: the text holds more than 128 bits.
    Overflow,
    /// A monotonic generator cannot add one to a random part that is all ones.
    RandomExhausted,
}

/// The 26-character, upper-case ULID of `unix_ms` and `random`.
///
/// # Panics
///
/// If `unix_ms` is 2^48 or more, or `random` is 2^80 or more.
pub fn ulid_encode(unix_ms: u64, random: u128) -> String {
    todo!("the time above the random part in one u128, then 5 bits per character from the top")
}

/// The time and the random part of a ULID. Lower case is accepted.
///
/// # Errors
///
/// `WrongLength` unless the text has 26 characters, then `BadCharacter` for the first
/// character outside the alphabet (I, L, O and U included), then `Overflow` if the
/// first character is above `7`.
pub fn ulid_decode(text: &str) -> Result<(u64, u128), UlidError> {
    todo!("check the length, then each character, then the first one")
}

/// Mints ULIDs that strictly increase, even within one millisecond.
#[derive(Debug, Clone, Default)]
pub struct MonotonicUlid {
    // The time and random part of the last ULID minted, if any.
}

impl MonotonicUlid {
    /// A generator that has minted nothing yet.
    pub fn new() -> Self {
        todo!("nothing minted yet")
    }

    /// The next ULID at `unix_ms`, with `random` as its random part when the
    /// millisecond is later than the last ULID's. At the same millisecond, or an
    /// earlier one (the clock went back), it keeps the last ULID's time and adds one
    /// to its random part, so the ULIDs strictly increase. A refused call changes
    /// nothing.
    ///
    /// # Errors
    ///
    /// `RandomExhausted` if the last random part was already 2^80 - 1.
    ///
    /// # Panics
    ///
    /// As `ulid_encode`, if `unix_ms` or `random` is too large.
    pub fn next(&mut self, unix_ms: u64, random: u128) -> Result<String, UlidError> {
        todo!("a later millisecond: the new random part; otherwise the last one plus one")
    }
}
