//! Exercise: base64url, RFC 4648 section 5's URL-safe alphabet, without padding,
//! decoded strictly.
//!
//! Tokens, JWTs and PKCE challenges carry bytes as text in URLs and headers. Every
//! three bytes become four characters of six bits each; a last group of one or two
//! bytes becomes two or three characters, with no `=` padding. Decoding accepts
//! exactly what encoding produces and nothing else, so one byte string has one
//! text form. Read "Base64url" in `notes/security.md`.

use std::fmt;

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

/// Encodes `bytes` in base64url without padding: `[0xfb, 0xff]` is `"-_8"`.
pub fn base64url_encode(bytes: &[u8]) -> String {
    todo!("six bits per character, from the alphabet `A-Z a-z 0-9 - _`")
}

/// Decodes base64url text without padding. Refuse `=`, any character outside the
/// alphabet, a length of 1 mod 4, and a last character whose unused low bits are
/// not zero: accept exactly the texts `base64url_encode` produces.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    todo!("each character back to six bits, whole bytes out, every doubt refused")
}
