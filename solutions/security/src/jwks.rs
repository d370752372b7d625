//! RS256 tokens verified with keys from a JWKS document, the way an API checks
//! Cognito's tokens: keys chosen by `kid`, cached with a time to live, and an unknown
//! `kid` refetched at most once per interval.
//!
//! Read "JWKS" in `notes/security.md`.

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
    let canonical = format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#);
    base64url_encode(&Sha256::digest(canonical.as_bytes()))
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
    let set: Value = serde_json::from_str(document).ok()?;
    let keys = set.get("keys")?.as_array()?;
    let text = |key: &Value, name: &str| key.get(name).and_then(Value::as_str).map(str::to_owned);
    let mut usable = HashMap::new();
    for key in keys {
        if text(key, "kty").as_deref() != Some("RSA")
            || text(key, "use").is_some_and(|u| u != "sig")
            || text(key, "alg").is_some_and(|a| a != "RS256")
        {
            continue;
        }
        let (Some(n), Some(e)) = (text(key, "n"), text(key, "e")) else {
            continue;
        };
        let Some(public_key) = rsa_public_key(&n, &e) else {
            continue;
        };
        let kid = text(key, "kid").unwrap_or_else(|| jwk_thumbprint_rsa(&n, &e));
        usable.insert(kid, public_key);
    }
    Some(usable)
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
        let stale = self
            .fetched_at
            .is_none_or(|at| now_unix >= at.saturating_add(self.ttl_secs));
        if stale || !self.keys.contains_key(kid) {
            self.refresh(now_unix);
        }
        self.keys.get(kid)
    }

    /// The `kid`s the cache holds now, sorted.
    pub fn kids(&self) -> Vec<&str> {
        let mut kids: Vec<&str> = self.keys.keys().map(String::as_str).collect();
        kids.sort_unstable();
        kids
    }

    /// Fetches the set again unless a fetch was tried less than the refetch interval
    /// ago. A failed fetch keeps the keys already held.
    fn refresh(&mut self, now_unix: u64) {
        let allowed = self
            .tried_at
            .is_none_or(|at| now_unix >= at.saturating_add(self.refetch_interval_secs));
        if !allowed {
            return;
        }
        self.tried_at = Some(now_unix);
        if let Some(keys) = self.source.fetch().as_deref().and_then(parse_jwks) {
            self.keys = keys;
            self.fetched_at = Some(now_unix);
        }
    }
}

/// A token's three parts, its header and its payload, checked for shape.
struct Parts<'a> {
    signing_input: &'a str,
    header: Map<String, Value>,
    payload: Map<String, Value>,
    payload_text: String,
    signature: Vec<u8>,
}

fn split(token: &str) -> Result<Parts<'_>, Rs256Error> {
    let malformed = |_| Rs256Error::Malformed;
    let (signing_input, signature) = token.rsplit_once('.').ok_or(Rs256Error::Malformed)?;
    let (header, payload) = signing_input.split_once('.').ok_or(Rs256Error::Malformed)?;
    if payload.contains('.') {
        return Err(Rs256Error::Malformed);
    }
    let object = |part: &str| -> Result<(Map<String, Value>, Vec<u8>), Rs256Error> {
        let bytes = base64url_decode(part).map_err(malformed)?;
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(object)) => Ok((object, bytes)),
            _ => Err(Rs256Error::Malformed),
        }
    };
    let (header, _) = object(header)?;
    let (payload, payload_bytes) = object(payload)?;
    Ok(Parts {
        signing_input,
        header,
        payload,
        payload_text: String::from_utf8(payload_bytes).map_err(|_| Rs256Error::Malformed)?,
        signature: base64url_decode(signature).map_err(malformed)?,
    })
}

fn check_alg(parts: &Parts<'_>) -> Result<(), Rs256Error> {
    match parts.header.get("alg").and_then(Value::as_str) {
        Some("RS256") => Ok(()),
        _ => Err(Rs256Error::UnsupportedAlgorithm),
    }
}

/// The signature, then `exp` and `nbf`.
fn check_signature_and_claims(
    parts: Parts<'_>,
    key: &PublicKey,
    now_unix: u64,
) -> Result<String, Rs256Error> {
    let verifier = VerifyingKey::<Sha256>::new(key.clone());
    let signature =
        Signature::try_from(parts.signature.as_slice()).map_err(|_| Rs256Error::BadSignature)?;
    verifier
        .verify(parts.signing_input.as_bytes(), &signature)
        .map_err(|_| Rs256Error::BadSignature)?;
    let time = |name: &str| {
        parts
            .payload
            .get(name)
            .map(|v| v.as_f64().ok_or(Rs256Error::Malformed))
            .transpose()
    };
    if let Some(exp) = time("exp")?
        && now_unix as f64 >= exp
    {
        return Err(Rs256Error::Expired);
    }
    if let Some(nbf) = time("nbf")?
        && (now_unix as f64) < nbf
    {
        return Err(Rs256Error::NotYetValid);
    }
    Ok(parts.payload_text)
}

/// The payload of an RS256 `token` verified with one known `key`: shape, `alg`
/// exactly `"RS256"`, the signature, then `exp` and `nbf`.
pub fn verify_rs256_with_key(
    token: &str,
    key: &PublicKey,
    now_unix: u64,
) -> Result<String, Rs256Error> {
    let parts = split(token)?;
    check_alg(&parts)?;
    check_signature_and_claims(parts, key, now_unix)
}

/// The payload of an RS256 `token`, verified with the key its header's `kid` names,
/// from `keys`. A token without a `kid` names no key.
pub fn verify_rs256<S: JwksSource>(
    token: &str,
    keys: &mut KeyCache<S>,
    now_unix: u64,
) -> Result<String, Rs256Error> {
    let parts = split(token)?;
    check_alg(&parts)?;
    let kid = parts
        .header
        .get("kid")
        .and_then(Value::as_str)
        .ok_or(Rs256Error::UnknownKey)?
        .to_owned();
    let key = keys
        .key(&kid, now_unix)
        .ok_or(Rs256Error::UnknownKey)?
        .clone();
    check_signature_and_claims(parts, &key, now_unix)
}
