//! Base64url: RFC 4648 section 5's URL-safe alphabet, without padding, decoded strictly.
//!
//! Tokens, JWTs and PKCE challenges carry bytes as text in URLs and headers. Every
//! three bytes become four characters of six bits each; a last group of one or two
//! bytes becomes two or three characters, with no `=` padding. Decoding accepts
//! exactly what encoding produces and nothing else, so one byte string has one
//! text form. Read "Base64url" in `notes/security.md`.

use std::fmt;

/// The 64 characters in order: the value of a character is its index.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a text is not base64url.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// An `=` at byte `index`: base64url as used in tokens carries no padding.
    Padding { index: usize },
    /// A byte outside `A-Z a-z 0-9 - _` at `index` (`+` and `/` included).
    InvalidCharacter { index: usize, byte: u8 },
    /// A length of 1 mod 4: one character holds six bits, not a whole byte.
    InvalidLength { length: usize },
    /// The last character has bits set below the last whole byte: some other
    /// text is the one encoding of these bytes.
    NonCanonical,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Padding { index } => write!(f, "padding `=` at byte {index}"),
            DecodeError::InvalidCharacter { index, byte } => {
                write!(
                    f,
                    "byte {byte:#04x} at {index} is not in the base64url alphabet"
                )
            }
            DecodeError::InvalidLength { length } => {
                write!(f, "{length} characters is one too many for whole bytes")
            }
            DecodeError::NonCanonical => write!(f, "unused bits in the last character are set"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Encodes `bytes` in base64url without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        // One byte needs two characters, two need three, three need four.
        for i in 0..=chunk.len() {
            let sextet = (group >> (18 - 6 * i)) & 0x3f;
            text.push(char::from(ALPHABET[sextet as usize]));
        }
    }
    text
}

/// Decodes base64url text without padding, refusing anything `base64url_encode`
/// would not have produced.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    let input = text.as_bytes();
    if input.len() % 4 == 1 {
        return Err(DecodeError::InvalidLength {
            length: input.len(),
        });
    }
    let mut bytes = Vec::with_capacity(input.len() / 4 * 3 + 2);
    for (group_index, group) in input.chunks(4).enumerate() {
        let mut bits = 0u32;
        for (i, &byte) in group.iter().enumerate() {
            let index = group_index * 4 + i;
            let value = match byte {
                b'A'..=b'Z' => byte - b'A',
                b'a'..=b'z' => byte - b'a' + 26,
                b'0'..=b'9' => byte - b'0' + 52,
                b'-' => 62,
                b'_' => 63,
                b'=' => return Err(DecodeError::Padding { index }),
                _ => return Err(DecodeError::InvalidCharacter { index, byte }),
            };
            bits |= u32::from(value) << (18 - 6 * i);
        }
        // Two characters carry one byte, three carry two, four carry three.
        let whole = group.len() - 1;
        let unused = bits & (0x00ff_ffff >> (8 * whole));
        if unused != 0 {
            return Err(DecodeError::NonCanonical);
        }
        bytes.extend((0..whole).map(|i| (bits >> (16 - 8 * i)) as u8));
    }
    Ok(bytes)
}
