//! Exercise: HS256 JSON Web Tokens (RFC 7519, signed as RFC 7515's compact JWS):
//! signing, and a verifier that trusts nothing in a token until its signature is
//! proven.
//!
//! A token is `base64url(header) . base64url(payload) . base64url(signature)`, the
//! signature being HMAC-SHA256 of the first two parts' text, dot included. Use the
//! `base64url` and `hmac` exercises' functions, and `serde_json` to read the JSON.
//! Read "JWT" in `notes/security.md`.

use serde_json::{Map, Value};

use crate::base64url::{base64url_decode, base64url_encode};
use crate::hmac::{hmac_sha256, verify_hmac_sha256};

/// Why a token was refused, in the order the checks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtError {
    /// Not three base64url parts, or a header or payload that is not a JSON object.
    Malformed,
    /// The header's `alg` is not exactly `"HS256"` (`"none"` included).
    UnsupportedAlgorithm,
    /// The signature is not the HMAC-SHA256 of the token's first two parts.
    BadSignature,
    /// `now_unix >= exp`.
    Expired,
    /// `now_unix < nbf`.
    NotYetValid,
}

/// A compact JWS over `claims_json` exactly as given, with the header
/// `{"alg":"HS256","typ":"JWT"}` (those bytes) and an HMAC-SHA256 signature under
/// `key`.
pub fn sign_hs256(claims_json: &str, key: &[u8]) -> String {
    todo!("header and claims in base64url, joined by a dot, then the dot and the signature")
}

/// The payload of an HS256 `token` as text, once the token is proven genuine and
/// current at `now_unix`.
///
/// Check in this order and return the first failure: the shape (three base64url
/// parts; header and payload JSON objects) else `Malformed`; the header's `alg` is
/// exactly `"HS256"` else `UnsupportedAlgorithm`; the signature, in constant time,
/// else `BadSignature`; then `exp`, if present, and `nbf`, if present. A claim that
/// is present but not a number is `Malformed`.
pub fn verify_hs256(token: &str, key: &[u8], now_unix: u64) -> Result<String, JwtError> {
    todo!("shape, algorithm, signature, and only then the claims")
}
