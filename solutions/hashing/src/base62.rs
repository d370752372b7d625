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
    let mut digits = Vec::new();
    let mut rest = n;
    loop {
        digits.push(ALPHABET[(rest % 62) as usize]);
        rest /= 62;
        if rest == 0 {
            break;
        }
    }
    digits
        .iter()
        .rev()
        .map(|&digit| char::from(digit))
        .collect()
}

/// `n` in base62, left-padded with `'0'` to at least `width` characters. A number
/// that needs more than `width` digits keeps all of them.
pub fn encode_padded(n: u64, width: usize) -> String {
    format!("{:0>width$}", encode(n))
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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "an empty string is not a base62 number"),
            DecodeError::InvalidDigit { found, index } => write!(
                f,
                "{found:?} at index {index} is not a base62 digit (0-9, A-Z, a-z)"
            ),
            DecodeError::Overflow => write!(f, "the number is larger than u64::MAX"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// The number that `s` writes in base62; leading zeros are allowed.
pub fn decode(s: &str) -> Result<u64, DecodeError> {
    if s.is_empty() {
        return Err(DecodeError::Empty);
    }
    // Every character is checked before any arithmetic, so a string with a bad
    // character is reported as such even when it is also too long.
    let digits = s
        .chars()
        .enumerate()
        .map(|(index, found)| digit_value(found).ok_or(DecodeError::InvalidDigit { found, index }))
        .collect::<Result<Vec<_>, _>>()?;
    digits
        .into_iter()
        .try_fold(0u64, |n, digit| n.checked_mul(62)?.checked_add(digit))
        .ok_or(DecodeError::Overflow)
}

fn digit_value(c: char) -> Option<u64> {
    let value = match c {
        '0'..='9' => c as u32 - '0' as u32,
        'A'..='Z' => c as u32 - 'A' as u32 + 10,
        'a'..='z' => c as u32 - 'a' as u32 + 36,
        _ => return None,
    };
    Some(u64::from(value))
}
