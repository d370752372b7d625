//! Presigned upload URLs: the service signs, with HMAC-SHA256, a path, an expiry and
//! a size limit; the storage side checks the signature over a canonical form of the
//! URL before it accepts a byte.
//!
//! Read "Presigned upload URLs" in `notes/security.md`.

use crate::base64url::{base64url_decode, base64url_encode};
use crate::hmac::{hmac_sha256, verify_hmac_sha256};

/// Why the storage side refused an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlError {
    /// Not a path and a query of exactly `expires`, `max_bytes` and `signature`,
    /// each once; or a bad percent-escape; or a `.` or `..` path segment.
    Malformed,
    /// The signature does not cover this path, expiry and size limit.
    BadSignature,
    /// `now_unix >= expires`.
    Expired,
    /// The upload is larger than `max_bytes`.
    TooLarge,
}

/// A path in canonical form: split on `/`, each segment percent-decoded, then
/// percent-encoded again with RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`)
/// left as they are and every other byte as `%XX` in upper case. So `%7e` becomes
/// `~` and `%2f` becomes `%2F`, which stays distinct from the separator `/`.
pub fn canonical_path(path: &str) -> Result<String, UrlError> {
    if !path.starts_with('/') {
        return Err(UrlError::Malformed);
    }
    let segments = path
        .split('/')
        .skip(1)
        .map(|segment| {
            let decoded = percent_decode(segment)?;
            if decoded == b"." || decoded == b".." {
                return Err(UrlError::Malformed);
            }
            Ok(percent_encode(&decoded))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(format!("/{}", segments.join("/")))
}

/// What the signature covers: the method, the canonical path and the signed
/// parameters in name order.
fn string_to_sign(path: &str, expires_at: u64, max_bytes: u64) -> String {
    format!("PUT\n{path}\nexpires={expires_at}&max_bytes={max_bytes}")
}

/// A URL (path and query) that lets its holder `PUT` at most `max_bytes` bytes to
/// `path` until `expires_at`.
///
/// # Panics
/// If `path` is not a valid path (see [`canonical_path`]).
pub fn presign_upload(secret: &[u8], path: &str, expires_at: u64, max_bytes: u64) -> String {
    let path = canonical_path(path).expect("a path to presign");
    let signature = hmac_sha256(
        secret,
        string_to_sign(&path, expires_at, max_bytes).as_bytes(),
    );
    format!(
        "{path}?expires={expires_at}&max_bytes={max_bytes}&signature={}",
        base64url_encode(&signature)
    )
}

/// The storage side's check of an upload of `content_length` bytes to `url` at
/// `now_unix`: the shape, the signature over the canonical form, then the expiry,
/// then the size. Returns the canonical path to store the object at.
pub fn verify_upload(
    secret: &[u8],
    url: &str,
    now_unix: u64,
    content_length: u64,
) -> Result<String, UrlError> {
    let (path, query) = url.split_once('?').ok_or(UrlError::Malformed)?;
    let path = canonical_path(path)?;
    let (mut expires, mut max_bytes, mut signature) = (None, None, None);
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').ok_or(UrlError::Malformed)?;
        let slot = match name {
            "expires" => &mut expires,
            "max_bytes" => &mut max_bytes,
            "signature" => &mut signature,
            _ => return Err(UrlError::Malformed),
        };
        // A parameter given twice is refused: the signer and the storage might each
        // read a different one.
        if slot.replace(value).is_some() {
            return Err(UrlError::Malformed);
        }
    }
    let number = |value: Option<&str>| -> Result<u64, UrlError> {
        let value = value.ok_or(UrlError::Malformed)?;
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(UrlError::Malformed);
        }
        value.parse().map_err(|_| UrlError::Malformed)
    };
    let expires = number(expires)?;
    let max_bytes = number(max_bytes)?;
    let signature =
        base64url_decode(signature.ok_or(UrlError::Malformed)?).map_err(|_| UrlError::Malformed)?;

    let signed = string_to_sign(&path, expires, max_bytes);
    if !verify_hmac_sha256(secret, signed.as_bytes(), signature.as_slice()) {
        return Err(UrlError::BadSignature);
    }
    if now_unix >= expires {
        return Err(UrlError::Expired);
    }
    if content_length > max_bytes {
        return Err(UrlError::TooLarge);
    }
    Ok(path)
}

fn percent_decode(text: &str) -> Result<Vec<u8>, UrlError> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(UrlError::Malformed)?;
            let hex = std::str::from_utf8(hex).map_err(|_| UrlError::Malformed)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(UrlError::Malformed);
            }
            decoded.push(u8::from_str_radix(hex, 16).map_err(|_| UrlError::Malformed)?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    Ok(decoded)
}

fn percent_encode(bytes: &[u8]) -> String {
    let mut encoded = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    encoded
}
