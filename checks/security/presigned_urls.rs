//! Checks for `exercises/security/src/presigned_urls.rs`.

use rstest::rstest;
use security::{UrlError, canonical_path, presign_upload, verify_upload};

mod support;

const SECRET: &[u8] = b"the upload service's signing key";
const PATH: &str = "/uploads/alice/video-42.mp4";
const EXPIRES: u64 = 1_700_000_900;
const NOW: u64 = 1_700_000_000;
const MAX: u64 = 50_000_000;

fn url() -> String {
    presign_upload(SECRET, PATH, EXPIRES, MAX)
}

/// The URL with one query parameter's value replaced.
fn with_param(url: &str, name: &str, value: &str) -> String {
    let (path, query) = url.split_once('?').unwrap();
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((n, _)) if n == name => format!("{n}={value}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{path}?{}", query.join("&"))
}

#[test]
fn a_presigned_url_lets_its_holder_upload() {
    let url = url();
    assert!(
        url.starts_with(
            "/uploads/alice/video-42.mp4?expires=1700000900&max_bytes=50000000&signature="
        ),
        "{url:?}: the path, then expires, max_bytes and signature in the query"
    );
    assert_eq!(
        verify_upload(SECRET, &url, NOW, 1_000_000),
        Ok(PATH.to_owned()),
        "a 1 MB upload within the limit, before the expiry, with the URL as signed"
    );
}

#[rstest]
#[case::a_larger_size_limit("max_bytes", "5000000000")]
#[case::a_later_expiry("expires", "1900000000")]
#[case::a_changed_signature("signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
fn refuses_a_url_whose_parameters_were_changed(#[case] name: &str, #[case] value: &str) {
    let tampered = with_param(&url(), name, value);
    assert_eq!(
        verify_upload(SECRET, &tampered, NOW, 1_000),
        Err(UrlError::BadSignature),
        "{name} changed to {value}: the signature must cover the expiry and the size limit, \
         not just the path, or the holder of a URL rewrites its limits"
    );
}

#[test]
fn refuses_the_signature_on_another_path() {
    let url = url();
    let (_, query) = url.split_once('?').unwrap();
    let moved = format!("/uploads/bob/video-42.mp4?{query}");
    assert_eq!(
        verify_upload(SECRET, &moved, NOW, 1_000),
        Err(UrlError::BadSignature),
        "alice's signature moved onto bob's path"
    );
}

#[test]
fn parameter_order_does_not_matter() {
    let url = url();
    let (path, query) = url.split_once('?').unwrap();
    let mut params: Vec<&str> = query.split('&').collect();
    params.reverse();
    let reordered = format!("{path}?{}", params.join("&"));
    assert_eq!(
        verify_upload(SECRET, &reordered, NOW, 1_000),
        Ok(PATH.to_owned()),
        "{reordered:?} has the same parameters in another order, as a client library may \
         write them: the signature covers the parameters sorted by name, not the query text"
    );
}

#[rstest]
#[case::a_space_encoded("/uploads/my video.mp4", "/uploads/my%20video.mp4")]
#[case::lower_case_hex("/uploads/a%2fb.mp4", "/uploads/a%2Fb.mp4")]
#[case::an_encoded_unreserved_character("/uploads/%7Ealice/v.mp4", "/uploads/~alice/v.mp4")]
#[case::utf8("/uploads/vidéo.mp4", "/uploads/vid%C3%A9o.mp4")]
#[case::already_canonical("/uploads/a-b_c.d~e", "/uploads/a-b_c.d~e")]
fn canonicalises_paths(#[case] path: &str, #[case] canonical: &str) {
    assert_eq!(
        canonical_path(path),
        Ok(canonical.to_owned()),
        "{path:?}: each segment percent-decoded, then encoded again with only A-Z a-z 0-9 \
         - . _ ~ left bare and every other byte as upper-case %XX"
    );
}

#[test]
fn a_url_written_with_other_escapes_for_the_same_path_verifies() {
    let url = presign_upload(SECRET, "/uploads/~alice/my video.mp4", EXPIRES, MAX);
    let (_, query) = url.split_once('?').unwrap();
    let respelled = format!("/uploads/%7ealice/my%20video.mp4?{query}");
    assert_eq!(
        verify_upload(SECRET, &respelled, NOW, 1_000),
        Ok("/uploads/~alice/my%20video.mp4".to_owned()),
        "the same object path spelled with other escapes must verify: both sides sign the \
         canonical form, never the text as it arrived"
    );
}

#[test]
fn an_encoded_slash_is_not_a_path_separator() {
    let url = presign_upload(SECRET, "/uploads/alice%2Fbob.mp4", EXPIRES, MAX);
    let (_, query) = url.split_once('?').unwrap();
    let split = format!("/uploads/alice/bob.mp4?{query}");
    assert_eq!(
        verify_upload(SECRET, &split, NOW, 1_000),
        Err(UrlError::BadSignature),
        "a URL signed for the one object \"alice%2Fbob.mp4\" used for \"alice/bob.mp4\", in \
         alice's folder: decode each segment after splitting on `/`, not the whole path \
         before"
    );
}

#[rstest]
#[case::dot_dot("/uploads/alice/../bob/v.mp4")]
#[case::encoded_dot_dot("/uploads/alice/%2E%2E/bob/v.mp4")]
#[case::dot("/uploads/./v.mp4")]
#[case::a_broken_escape("/uploads/v%2.mp4")]
#[case::not_hex("/uploads/v%zz.mp4")]
#[case::relative("uploads/v.mp4")]
fn refuses_paths_that_could_mean_another_object(#[case] path: &str) {
    assert_eq!(
        canonical_path(path),
        Err(UrlError::Malformed),
        "{path:?}: dot segments and broken escapes are refused, not resolved"
    );
    let url = format!("{path}?expires={EXPIRES}&max_bytes={MAX}&signature=AAAA");
    assert_eq!(
        verify_upload(SECRET, &url, NOW, 1),
        Err(UrlError::Malformed),
        "{url:?} is malformed"
    );
}

#[rstest]
#[case::a_second_size_limit("&max_bytes=5000000000")]
#[case::a_second_expiry("&expires=1900000000")]
#[case::an_unknown_parameter("&acl=public-read")]
fn refuses_repeated_or_unknown_parameters(#[case] extra: &str) {
    let polluted = format!("{}{extra}", url());
    assert_eq!(
        verify_upload(SECRET, &polluted, NOW, 1_000),
        Err(UrlError::Malformed),
        "{extra:?} appended: a parameter given twice lets the signature check read one \
         value and the storage another; a parameter nobody signed has no business there"
    );
}

#[rstest]
#[case::no_query("/uploads/v.mp4")]
#[case::no_signature("/uploads/v.mp4?expires=1&max_bytes=1")]
#[case::a_negative_size("/uploads/v.mp4?expires=1&max_bytes=-1&signature=AAAA")]
#[case::a_size_with_a_plus("/uploads/v.mp4?expires=1&max_bytes=+1&signature=AAAA")]
fn refuses_a_url_without_its_parts(#[case] url: &str) {
    assert_eq!(
        verify_upload(SECRET, url, NOW, 1),
        Err(UrlError::Malformed),
        "{url:?}"
    );
}

#[test]
fn expires_at_the_second_it_says() {
    let url = url();
    assert!(
        verify_upload(SECRET, &url, EXPIRES - 1, 1).is_ok(),
        "one second before the expiry"
    );
    assert_eq!(
        verify_upload(SECRET, &url, EXPIRES, 1),
        Err(UrlError::Expired),
        "at {EXPIRES}, the URL's expiry, it is no longer valid"
    );
}

#[test]
fn checks_the_signature_before_the_expiry() {
    let forged = with_param(&with_param(&url(), "expires", "100"), "max_bytes", "1");
    assert_eq!(
        verify_upload(SECRET, &forged, NOW, 1),
        Err(UrlError::BadSignature),
        "an expired URL with a forged signature: the signature is checked first, and the \
         expiry means something only once it is known to be the signer's"
    );
}

#[test]
fn enforces_the_size_limit() {
    let url = url();
    assert!(
        verify_upload(SECRET, &url, NOW, MAX).is_ok(),
        "exactly max_bytes is allowed"
    );
    assert_eq!(
        verify_upload(SECRET, &url, NOW, MAX + 1),
        Err(UrlError::TooLarge),
        "one byte over max_bytes ({MAX}) must be refused"
    );
}

#[test]
fn another_services_key_cannot_sign() {
    let url = presign_upload(b"some other key", PATH, EXPIRES, MAX);
    assert_eq!(
        verify_upload(SECRET, &url, NOW, 1),
        Err(UrlError::BadSignature),
        "signed with another key"
    );
}
