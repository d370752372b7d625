//! Exercise: hex by hand, and three cryptographic digests side by side.
//!
//! A digest is a fixed-size fingerprint of any input: MD5 gives 128 bits, SHA-1
//! 160 and SHA-256 256. Bytes are usually shown in hexadecimal, two characters per
//! byte (one per 4-bit half), so an MD5 digest is 32 hex characters and a SHA-1
//! digest 40. Compute the digests with the `md-5`, `sha1` and `sha2` crates; write
//! the hex encoding and decoding yourself. Read "Digests" in `notes/hashing.md`.

use std::fmt;

use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// A digest algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Md5,
    Sha1,
    Sha256,
}

impl Algorithm {
    /// Every algorithm, shortest digest first.
    pub const ALL: [Algorithm; 3] = [Algorithm::Md5, Algorithm::Sha1, Algorithm::Sha256];

    /// The digest's length in bits.
    pub fn bits(self) -> usize {
        match self {
            Algorithm::Md5 => 128,
            Algorithm::Sha1 => 160,
            Algorithm::Sha256 => 256,
        }
    }

    /// The digest's length in bytes.
    pub fn bytes(self) -> usize {
        self.bits() / 8
    }

    /// The digest's length written in hex.
    pub fn hex_chars(self) -> usize {
        self.bytes() * 2
    }

    /// The digest of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Algorithm::Md5 => Md5::digest(data).to_vec(),
            Algorithm::Sha1 => Sha1::digest(data).to_vec(),
            Algorithm::Sha256 => Sha256::digest(data).to_vec(),
        }
    }

    /// The digest of `data`, in lower-case hex.
    pub fn hex_digest(self, data: &[u8]) -> String {
        to_hex(&self.digest(data))
    }
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// `bytes` in lower-case hex, two characters per byte, high half first.
pub fn to_hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        hex.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(HEX_DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

/// Why a string is not hex-encoded bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HexError {
    /// Bytes take two characters each; this string has `len`, an odd number.
    OddLength { len: usize },
    /// `found`, at character index `index`, is not a hex digit.
    InvalidDigit { found: char, index: usize },
}

impl fmt::Display for HexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HexError::OddLength { len } => write!(
                f,
                "{len} hex characters cannot be whole bytes: each byte takes two"
            ),
            HexError::InvalidDigit { found, index } => {
                write!(
                    f,
                    "{found:?} at index {index} is not a hex digit (0-9, a-f)"
                )
            }
        }
    }
}

impl std::error::Error for HexError {}

/// The bytes that `hex` encodes; upper- and lower-case digits are both accepted.
///
/// A character that is not a hex digit is reported as `InvalidDigit` even when
/// the length is also odd.
pub fn from_hex(hex: &str) -> Result<Vec<u8>, HexError> {
    let nibbles = hex
        .chars()
        .enumerate()
        .map(|(index, found)| {
            found
                .to_digit(16)
                .map(|nibble| nibble as u8)
                .ok_or(HexError::InvalidDigit { found, index })
        })
        .collect::<Result<Vec<u8>, _>>()?;
    if nibbles.len() % 2 != 0 {
        return Err(HexError::OddLength { len: nibbles.len() });
    }
    Ok(nibbles
        .chunks_exact(2)
        .map(|pair| (pair[0] << 4) | pair[1])
        .collect())
}

/// How many bits differ between two equally long digests.
///
/// # Panics
///
/// If `a` and `b` differ in length.
pub fn differing_bits(a: &[u8], b: &[u8]) -> u32 {
    assert_eq!(
        a.len(),
        b.len(),
        "only digests of one length compare bit by bit"
    );
    a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
}
