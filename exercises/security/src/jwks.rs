//! Exercise: RS256 tokens verified with keys from a JWKS document, the way an API checks
//! Cognito's tokens: keys chosen by `kid`, cached with a time to live, and an unknown
//! `kid` refetched at most once per interval.
//!
//! Verify signatures with the `rsa` crate: `rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key)`
//! and `Verifier::verify(&verifying_key, message, &signature)`, the signature made with
//! `Signature::try_from(bytes)`. Read "JWKS" in `notes/security.md`.

use std::collections::HashMap;

use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier;
use rsa::{BoxedUint, PublicKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::base64url::{base64url_decode, base64url_encode};

/// The RFC 7638 thumbprint of an RSA public key: base64url of the SHA-256 of
/// `{"e":"<e>","kty":"RSA","n":"<n>"}`, the required members in lexicographic order,
/// with no spaces. `n` and `e` are the key's base64url members as published.
pub fn jwk_thumbprint_rsa(n: &str, e: &str) -> String {
    todo!("the required members in lexicographic order, no spaces, hashed")
}

/// Why an RS256 token was refused, in the order the checks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rs256Error {
    /// Not three base64url parts, or a header or payload that is not a JSON object,
    /// or a time claim that is not a number.
    Malformed,
    /// The header's `alg` is not exactly `"RS256"`.
    UnsupportedAlgorithm,
    /// No key with the token's `kid`, even after the refetch allowed.
    UnknownKey,
    /// The signature does not verify under the key.
    BadSignature,
    /// `now_unix >= exp`.
    Expired,
    /// `now_unix < nbf`.
    NotYetValid,
}

/// An RSA public key from its base64url JWK members, if they make a usable key
/// (2048 bits or more).
pub fn rsa_public_key(n: &str, e: &str) -> Option<PublicKey> {
    let n = base64url_decode(n).ok()?;
    let e = base64url_decode(e).ok()?;
    PublicKey::new(
        BoxedUint::from_be_slice_vartime(&n),
        BoxedUint::from_be_slice_vartime(&e),
    )
    .ok()
}

/// The usable signing keys of a JWKS document, by `kid`: RSA keys for signatures
/// (`use` absent or `"sig"`, `alg` absent or `"RS256"`). A key without a `kid` is
/// filed under its RFC 7638 thumbprint. `None` if the document is not a key set.
pub fn parse_jwks(document: &str) -> Option<HashMap<String, PublicKey>> {
    todo!("the RSA signing keys, by kid or else by thumbprint")
}

/// Where the key set comes from: the identity provider's `/.well-known/jwks.json`.
pub trait JwksSource {
    /// The key set document, or `None` if the provider could not be reached.
    fn fetch(&mut self) -> Option<String>;
}

/// The identity provider's keys, fetched when first needed, kept for `ttl_secs`,
/// and fetched again early for an unknown `kid`, but never more often than once per
/// `refetch_interval_secs`.
pub struct KeyCache<S> {
    source: S,
    ttl_secs: u64,
    refetch_interval_secs: u64,
    keys: HashMap<String, PublicKey>,
    /// When the keys were last fetched successfully.
    fetched_at: Option<u64>,
    /// When a fetch was last tried, whatever came of it.
    tried_at: Option<u64>,
}

impl<S: JwksSource> KeyCache<S> {
    /// An empty cache over `source`.
    pub fn new(source: S, ttl_secs: u64, refetch_interval_secs: u64) -> Self {
        KeyCache {
            source,
            ttl_secs,
            refetch_interval_secs,
            keys: HashMap::new(),
            fetched_at: None,
            tried_at: None,
        }
    }

    /// The key for `kid` at `now_unix`, fetching the set if it is stale or does not
    /// know `kid`, as far as the refetch interval allows.
    pub fn key(&mut self, kid: &str, now_unix: u64) -> Option<&PublicKey> {
        todo!("fetch if stale or if the kid is unknown, within the refetch interval")
    }

    /// The `kid`s the cache holds now, sorted.
    pub fn kids(&self) -> Vec<&str> {
        todo!("the kids held, sorted")
    }

    /// Fetches the set again unless a fetch was tried less than the refetch interval
    /// ago. A failed fetch keeps the keys already held.
    fn refresh(&mut self, now_unix: u64) {
        todo!("at most one try per interval; a failed fetch keeps the keys")
    }
}

/// The payload of an RS256 `token` verified with one known `key`: shape, `alg`
/// exactly `"RS256"`, the signature, then `exp` and `nbf`.
pub fn verify_rs256_with_key(
    token: &str,
    key: &PublicKey,
    now_unix: u64,
) -> Result<String, Rs256Error> {
    todo!("shape, alg RS256, the signature, then exp and nbf")
}

/// The payload of an RS256 `token`, verified with the key its header's `kid` names,
/// from `keys`. A token without a `kid` names no key.
pub fn verify_rs256<S: JwksSource>(
    token: &str,
    keys: &mut KeyCache<S>,
    now_unix: u64,
) -> Result<String, Rs256Error> {
    todo!("the key by the header's kid, then as verify_rs256_with_key")
}
