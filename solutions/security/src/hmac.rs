//! HMAC-SHA256 (RFC 2104) from SHA-256, and a tag comparison that takes the same
//! time wherever the tags differ.
//!
//! `sha256(key || message)` is not a MAC: anyone who sees one tag can extend the
//! message and compute the new tag without the key. HMAC hashes twice, with the key
//! mixed in before and after the message, and that closes the door. Read "HMAC" in
//! `notes/security.md`.

use sha2::{Digest, Sha256};

/// SHA-256 works on 64-byte blocks; HMAC pads or hashes the key to one block.
const BLOCK: usize = 64;
/// The inner and outer pads of RFC 2104 section 2.
const IPAD: u8 = 0x36;
const OPAD: u8 = 0x5c;

/// Something to read bytes from one at a time: a slice, or, in the checks, a tag
/// that counts which of its bytes were read.
pub trait ByteSource {
    /// How many bytes there are.
    fn len(&self) -> usize;
    /// The byte at `index`, which is less than `len()`.
    fn byte_at(&self, index: usize) -> u8;
    /// Whether there are no bytes.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl ByteSource for [u8] {
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }
    fn byte_at(&self, index: usize) -> u8 {
        self[index]
    }
}

impl<const N: usize> ByteSource for [u8; N] {
    fn len(&self) -> usize {
        N
    }
    fn byte_at(&self, index: usize) -> u8 {
        self[index]
    }
}

/// HMAC-SHA256 of `message` under `key`: `H((K ^ opad) || H((K ^ ipad) || message))`,
/// where `K` is the key padded with zeros to 64 bytes, or its SHA-256 digest padded
/// so if the key is longer than 64 bytes.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let inner = Sha256::new()
        .chain_update(block.map(|b| b ^ IPAD))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(block.map(|b| b ^ OPAD))
        .chain_update(inner)
        .finalize()
        .into()
}

/// Whether `a` and `b` hold the same bytes, reading every byte whatever the
/// contents, so the time taken says nothing about where they differ. Lengths are
/// not secret: different lengths are unequal at once.
pub fn constant_time_eq<A, B>(a: &A, b: &B) -> bool
where
    A: ByteSource + ?Sized,
    B: ByteSource + ?Sized,
{
    if a.len() != b.len() {
        return false;
    }
    let difference = (0..a.len()).fold(0u8, |acc, i| acc | (a.byte_at(i) ^ b.byte_at(i)));
    // `black_box` keeps the optimiser from turning the fold back into an early exit.
    std::hint::black_box(difference) == 0
}

/// Whether `tag` is the HMAC-SHA256 of `message` under `key`, compared in constant
/// time.
pub fn verify_hmac_sha256<T: ByteSource + ?Sized>(key: &[u8], message: &[u8], tag: &T) -> bool {
    constant_time_eq(&hmac_sha256(key, message), tag)
}
