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
        todo!("the length in bits")
    }

    /// The digest's length in bytes.
    pub fn bytes(self) -> usize {
        todo!("the length in bytes")
    }

    /// The digest's length written in hex.
    pub fn hex_chars(self) -> usize {
        todo!("the length in hex characters")
    }

    /// The digest of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        todo!("the digest of `data`")
    }

    /// The digest of `data`, in lower-case hex.
    pub fn hex_digest(self, data: &[u8]) -> String {
        todo!("the digest of `data`, in hex")
    }
}

/// `bytes` in lower-case hex, two characters per byte, high half first.
pub fn to_hex(bytes: &[u8]) -> String {
    todo!("`bytes` in hex")
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
        todo!("say what is wrong with the string")
    }
}

impl std::error::Error for HexError {}

/// The bytes that `hex` encodes; upper- and lower-case digits are both accepted.
///
/// A character that is not a hex digit is reported as `InvalidDigit` even when
/// the length is also odd.
pub fn from_hex(hex: &str) -> Result<Vec<u8>, HexError> {
    todo!("the bytes `hex` encodes, or why it encodes none")
}

/// How many bits differ between two equally long digests.
///
/// # Panics
///
/// If `a` and `b` differ in length.
pub fn differing_bits(a: &[u8], b: &[u8]) -> u32 {
    todo!("the number of differing bits")
}
