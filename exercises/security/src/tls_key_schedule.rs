//! Exercise: HKDF (RFC 5869) with SHA-256, and the TLS 1.3 key schedule (RFC 8446 section 7.1)
//! from the key exchange's shared secret to the handshake traffic secrets and keys.
//!
//! Read "TLS 1.3's key schedule" in `notes/security.md`.

use sha2::{Digest, Sha256};

use crate::hmac::hmac_sha256;

/// SHA-256's output length, `Hash.length` in the RFCs.
const HASH_LEN: usize = 32;

/// HKDF-Extract: concentrates the entropy of `ikm` into a pseudorandom key,
/// `HMAC-SHA256(salt, ikm)`. An empty salt acts as 32 zero bytes.
pub fn hkdf_extract(salt: &[u8], ikm: &[u8]) -> [u8; 32] {
    todo!("one HMAC: which argument is the key?")
}

/// HKDF-Expand: `length` bytes from the pseudorandom key `prk`, bound to `info`.
/// `T(i) = HMAC(prk, T(i-1) || info || i)`, counted from 1, with `T(0)` empty.
///
/// # Panics
/// If `length` is more than 255 × 32 bytes, the most RFC 5869 allows.
pub fn hkdf_expand(prk: &[u8], info: &[u8], length: usize) -> Vec<u8> {
    todo!("chain the blocks, counting from 1")
}

/// TLS 1.3's HKDF-Expand-Label: `info` is the length as a big-endian u16, then
/// `"tls13 " + label` with a one-byte length prefix, then `context` with a one-byte
/// length prefix.
pub fn hkdf_expand_label(secret: &[u8], label: &str, context: &[u8], length: u16) -> Vec<u8> {
    todo!("build the info, then expand")
}

/// Derive-Secret with the transcript already hashed: `HKDF-Expand-Label(secret,
/// label, transcript_hash, 32)`.
pub fn derive_secret(secret: &[u8], label: &str, transcript_hash: &[u8]) -> [u8; 32] {
    todo!("HKDF-Expand-Label to 32 bytes")
}

/// The secrets of a TLS 1.3 handshake, as far as the handshake traffic secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandshakeSecrets {
    pub early_secret: [u8; 32],
    pub handshake_secret: [u8; 32],
    pub client_handshake_traffic_secret: [u8; 32],
    pub server_handshake_traffic_secret: [u8; 32],
    pub master_secret: [u8; 32],
}

/// The key schedule for a full handshake with (EC)DHE: `psk` is `None` without a
/// pre-shared key (then 32 zero bytes), `shared_secret` is the key exchange's output,
/// and `hello_hash` is SHA-256 of the ClientHello and ServerHello messages.
pub fn handshake_secrets(
    psk: Option<&[u8]>,
    shared_secret: &[u8],
    hello_hash: &[u8],
) -> HandshakeSecrets {
    todo!("extract, derive, extract, derive")
}

/// The AES-128-GCM write key and IV of a traffic secret (RFC 8446 section 7.3).
pub fn traffic_key_and_iv(traffic_secret: &[u8]) -> ([u8; 16], [u8; 12]) {
    todo!("two expansions with an empty context")
}
