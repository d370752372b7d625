//! HKDF (RFC 5869) with SHA-256, and the TLS 1.3 key schedule (RFC 8446 section 7.1)
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
    hmac_sha256(salt, ikm)
}

/// HKDF-Expand: `length` bytes from the pseudorandom key `prk`, bound to `info`.
/// `T(i) = HMAC(prk, T(i-1) || info || i)`, counted from 1, with `T(0)` empty.
///
/// # Panics
/// If `length` is more than 255 × 32 bytes, the most RFC 5869 allows.
pub fn hkdf_expand(prk: &[u8], info: &[u8], length: usize) -> Vec<u8> {
    assert!(
        length <= 255 * HASH_LEN,
        "HKDF-Expand gives at most 255 blocks"
    );
    let mut okm = Vec::with_capacity(length.next_multiple_of(HASH_LEN));
    let mut block: Vec<u8> = Vec::new();
    for counter in 1..=length.div_ceil(HASH_LEN) {
        let mut message = block;
        message.extend_from_slice(info);
        message.push(u8::try_from(counter).expect("at most 255 blocks"));
        block = hmac_sha256(prk, &message).to_vec();
        okm.extend_from_slice(&block);
    }
    okm.truncate(length);
    okm
}

/// TLS 1.3's HKDF-Expand-Label: `info` is the length as a big-endian u16, then
/// `"tls13 " + label` with a one-byte length prefix, then `context` with a one-byte
/// length prefix.
pub fn hkdf_expand_label(secret: &[u8], label: &str, context: &[u8], length: u16) -> Vec<u8> {
    let full_label = format!("tls13 {label}");
    let mut info = Vec::with_capacity(4 + full_label.len() + context.len());
    info.extend_from_slice(&length.to_be_bytes());
    info.push(u8::try_from(full_label.len()).expect("a label of at most 255 bytes"));
    info.extend_from_slice(full_label.as_bytes());
    info.push(u8::try_from(context.len()).expect("a context of at most 255 bytes"));
    info.extend_from_slice(context);
    hkdf_expand(secret, &info, usize::from(length))
}

/// Derive-Secret with the transcript already hashed: `HKDF-Expand-Label(secret,
/// label, transcript_hash, 32)`.
pub fn derive_secret(secret: &[u8], label: &str, transcript_hash: &[u8]) -> [u8; 32] {
    hkdf_expand_label(secret, label, transcript_hash, HASH_LEN as u16)
        .try_into()
        .expect("asked for 32 bytes")
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
    let zeros = [0u8; HASH_LEN];
    let empty_hash = Sha256::digest([]);
    let early_secret = hkdf_extract(&zeros, psk.unwrap_or(&zeros));
    let handshake_secret = hkdf_extract(
        &derive_secret(&early_secret, "derived", &empty_hash),
        shared_secret,
    );
    let master_secret = hkdf_extract(
        &derive_secret(&handshake_secret, "derived", &empty_hash),
        &zeros,
    );
    HandshakeSecrets {
        early_secret,
        handshake_secret,
        client_handshake_traffic_secret: derive_secret(
            &handshake_secret,
            "c hs traffic",
            hello_hash,
        ),
        server_handshake_traffic_secret: derive_secret(
            &handshake_secret,
            "s hs traffic",
            hello_hash,
        ),
        master_secret,
    }
}

/// The AES-128-GCM write key and IV of a traffic secret (RFC 8446 section 7.3).
pub fn traffic_key_and_iv(traffic_secret: &[u8]) -> ([u8; 16], [u8; 12]) {
    let key = hkdf_expand_label(traffic_secret, "key", &[], 16);
    let iv = hkdf_expand_label(traffic_secret, "iv", &[], 12);
    (
        key.try_into().expect("asked for 16 bytes"),
        iv.try_into().expect("asked for 12 bytes"),
    )
}
