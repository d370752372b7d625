//! Exercise: HMAC-SHA256 (RFC 2104) from SHA-256, and a tag comparison that takes the same
//! time wherever the tags differ.
//!
//! `sha256(key || message)` is not a MAC: anyone who sees one tag can extend the
//! message and compute the new tag without the key. HMAC hashes twice, with the key
//! mixed in before and after the message, and that closes the door. Read "HMAC" in
//! `notes/security.md`.

use sha2::{Digest, Sha256};

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

/// HMAC-SHA256 of `message` under `key`, as RFC 2104 defines it over SHA-256's
/// 64-byte block. A key longer than a block is hashed first.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    todo!("two SHA-256 passes, the key padded to a block and mixed in with ipad and opad")
}

/// Whether `a` and `b` hold the same bytes. Read every byte whatever the contents,
/// so that neither the time taken nor the bytes read say where they differ.
/// Lengths are not secret: different lengths may be refused at once.
pub fn constant_time_eq<A, B>(a: &A, b: &B) -> bool
where
    A: ByteSource + ?Sized,
    B: ByteSource + ?Sized,
{
    todo!("gather the differences of every pair of bytes, decide once at the end")
}

/// Whether `tag` is the HMAC-SHA256 of `message` under `key`, compared in constant
/// time.
pub fn verify_hmac_sha256<T: ByteSource + ?Sized>(key: &[u8], message: &[u8], tag: &T) -> bool {
    todo!("recompute the tag and compare it with `constant_time_eq`")
}
