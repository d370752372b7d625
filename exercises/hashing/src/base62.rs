//! Exercise: base62, the alphabet of short URLs.
//!
//! Base62 writes a number with the 62 characters that are safe anywhere in a URL:
//! the digits, then the upper-case letters, then the lower-case letters, so digit
//! `d` is `ALPHABET[d]` (the common "standard" order; it is also ASCII order, so
//! padded codes sort like the numbers they stand for). Like decimal, the most
//! significant digit comes first and the shortest form has no leading zeros; a
//! padded form fills a fixed width with leading `'0'`s, which decode to the same
//! number. Read "Base62" in `notes/hashing.md`.

use std::fmt;

/// The 62 digits, in order of value.
pub const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `n` in base62, shortest form: `"0"` for zero, otherwise no leading zeros.
pub fn encode(n: u64) -> String {
    todo!("take digits with % 62 and / 62, least significant first, then reverse")
}

/// `n` in base62, left-padded with `'0'` to at least `width` characters. A number
/// that needs more than `width` digits keeps all of them.
pub fn encode_padded(n: u64, width: usize) -> String {
    todo!("pad the shortest form on the left")
}

/// Why a string is not a base62 number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The string has no characters.
    Empty,
    /// `found`, at character index `index`, is not one of the 62 digits.
    InvalidDigit { found: char, index: usize },
    /// The number is larger than `u64::MAX`.
    Overflow,
}

impl fmt::Display for DecodeError {
    /// Says which problem it is: the empty string, the bad character and its
    /// index, or that the number does not fit in a `u64`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!("one message per variant")
    }
}

impl std::error::Error for DecodeError {}

/// The number that `s` writes in base62; leading zeros are allowed.
///
/// A character outside the alphabet is reported as `InvalidDigit`, even if the
/// string is also too long; a number above `u64::MAX` as `Overflow`.
pub fn decode(s: &str) -> Result<u64, DecodeError> {
    todo!("check every character, then n = n * 62 + digit without overflowing")
}
