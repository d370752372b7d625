//! HS256 JSON Web Tokens (RFC 7519, signed as RFC 7515's compact JWS): signing, and
//! a verifier that trusts nothing in a token until its signature is proven.
//!
//! Read "JWT" in `notes/security.md`.

use serde_json::{Map, Value};

use crate::base64url::{base64url_decode, base64url_encode};
use crate::hmac::{hmac_sha256, verify_hmac_sha256};

/// The one header this module writes.
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

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

/// A compact JWS over `claims_json` as given, with the header
/// `{"alg":"HS256","typ":"JWT"}` and an HMAC-SHA256 signature under `key`.
pub fn sign_hs256(claims_json: &str, key: &[u8]) -> String {
    let signing_input = format!(
        "{}.{}",
        base64url_encode(HEADER.as_bytes()),
        base64url_encode(claims_json.as_bytes())
    );
    let signature = hmac_sha256(key, signing_input.as_bytes());
    format!("{signing_input}.{}", base64url_encode(&signature))
}

/// The payload of an HS256 `token` as text, once the token is proven genuine and
/// current at `now_unix`.
///
/// In order, returning the first failure: the shape, the algorithm, the signature
/// (compared in constant time), then `exp` and `nbf` if present. Nothing in the
/// payload is believed before the signature has been checked.
pub fn verify_hs256(token: &str, key: &[u8], now_unix: u64) -> Result<String, JwtError> {
    let mut parts = token.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };
    let header = json_object(header_b64)?;
    let payload_bytes = base64url_decode(payload_b64).map_err(|_| JwtError::Malformed)?;
    let payload = parse_object(&payload_bytes)?;
    let signature = base64url_decode(signature_b64).map_err(|_| JwtError::Malformed)?;

    if header.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err(JwtError::UnsupportedAlgorithm);
    }

    // The signature covers the text as it arrived, not a re-encoding of what it says.
    let signing_input = &token[..header_b64.len() + 1 + payload_b64.len()];
    if !verify_hmac_sha256(key, signing_input.as_bytes(), signature.as_slice()) {
        return Err(JwtError::BadSignature);
    }

    if let Some(exp) = numeric_date(&payload, "exp")?
        && now_unix as f64 >= exp
    {
        return Err(JwtError::Expired);
    }
    if let Some(nbf) = numeric_date(&payload, "nbf")?
        && (now_unix as f64) < nbf
    {
        return Err(JwtError::NotYetValid);
    }
    String::from_utf8(payload_bytes).map_err(|_| JwtError::Malformed)
}

/// A base64url part decoded and parsed as a JSON object.
fn json_object(part: &str) -> Result<Map<String, Value>, JwtError> {
    parse_object(&base64url_decode(part).map_err(|_| JwtError::Malformed)?)
}

fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, JwtError> {
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(object)) => Ok(object),
        _ => Err(JwtError::Malformed),
    }
}

/// A NumericDate claim (RFC 7519 section 2: seconds since the epoch, possibly with a
/// fraction), if present. Present but not a number is malformed: a claim that
/// cannot be read must not be taken as absent.
fn numeric_date(claims: &Map<String, Value>, name: &str) -> Result<Option<f64>, JwtError> {
    claims
        .get(name)
        .map(|value| value.as_f64().ok_or(JwtError::Malformed))
        .transpose()
}
