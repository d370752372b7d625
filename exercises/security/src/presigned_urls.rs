//! Exercise: presigned upload URLs: the service signs, with HMAC-SHA256, a path, an expiry and
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
    todo!("split on /, decode each segment, refuse dot segments, encode again")
}

/// What the signature covers: the method, the canonical path and the signed
/// parameters in name order.
fn string_to_sign(path: &str, expires_at: u64, max_bytes: u64) -> String {
    todo!("the method, the canonical path, the signed parameters in name order")
}

/// A URL (path and query) that lets its holder `PUT` at most `max_bytes` bytes to
/// `path` until `expires_at`.
///
/// # Panics
/// If `path` is not a valid path (see [`canonical_path`]).
pub fn presign_upload(secret: &[u8], path: &str, expires_at: u64, max_bytes: u64) -> String {
    todo!("canonical path, HMAC of the string to sign, the query")
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
    todo!("parse strictly, rebuild the string to sign, the signature, then expiry and size")
}

fn percent_decode(text: &str) -> Result<Vec<u8>, UrlError> {
    todo!("%XX to a byte, anything else as it is")
}

fn percent_encode(bytes: &[u8]) -> String {
    todo!("unreserved bytes bare, the rest %XX in upper case")
}
