//! Checks for `exercises/security/src/jwt.rs`.

use proptest::prelude::*;
use rstest::rstest;
use security::{
    JwtError, base64url_decode, base64url_encode, hmac_sha256, sign_hs256, verify_hs256,
};

mod support;

/// RFC 7515 appendix A.1 (the same token is RFC 7519 section 3.1's example): its
/// header and payload have line breaks and spaces, and the signature is over that
/// text exactly.
const RFC7515_A1_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9\
    .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ\
    .dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7515_A1_PAYLOAD: &str =
    "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
const RFC7515_A1_EXP: u64 = 1_300_819_380;

fn rfc7515_a1_key() -> Vec<u8> {
    base64url_decode(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    )
    .expect("RFC 7515 A.1's key is base64url")
}

#[test]
fn verifies_rfc_7515_appendix_a1() {
    assert_eq!(
        verify_hs256(RFC7515_A1_TOKEN, &rfc7515_a1_key(), RFC7515_A1_EXP - 1),
        Ok(RFC7515_A1_PAYLOAD.to_owned()),
        "RFC 7515 A.1's token is genuine and, one second before its exp, current; the \
         payload comes back byte for byte, line breaks included. The signature is over \
         the header and payload text as they arrived, never a re-encoding of the JSON"
    );
}

#[test]
fn rfc_7515_appendix_a1_expires_at_its_exp() {
    assert_eq!(
        verify_hs256(RFC7515_A1_TOKEN, &rfc7515_a1_key(), RFC7515_A1_EXP),
        Err(JwtError::Expired),
        "RFC 7519 section 4.1.4: the token must not be accepted on or after exp; at \
         exactly exp ({RFC7515_A1_EXP}) it is expired"
    );
}

/// The example HS256 token that jwt.io shows, header `{"alg":"HS256","typ":"JWT"}`.
#[test]
fn signs_with_the_fixed_header_and_the_claims_as_given() {
    let claims = r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#;
    assert_eq!(
        sign_hs256(claims, b"your-256-bit-secret"),
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\
         .eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ\
         .SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "header {{\"alg\":\"HS256\",\"typ\":\"JWT\"}} and the claims in base64url without \
         padding, joined by a dot, then a dot and base64url(HMAC-SHA256(key, those two parts))"
    );
}

#[test]
fn a_signed_token_verifies_and_gives_the_claims_back() {
    let claims = r#"{"sub":"alice","exp":2000,"nbf":1000}"#;
    let token = sign_hs256(claims, b"k");
    assert_eq!(
        verify_hs256(&token, b"k", 1500),
        Ok(claims.to_owned()),
        "a token just signed, checked between nbf and exp, must verify"
    );
}

const KEY: &[u8] = b"the service's HS256 secret";

/// A token with any header, payload and signature, each given as raw bytes.
fn token(header: &str, payload: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        base64url_encode(header.as_bytes()),
        base64url_encode(payload.as_bytes()),
        base64url_encode(signature)
    )
}

/// A token with any header, correctly signed under `KEY`.
fn signed(header: &str, payload: &str) -> String {
    let input = format!(
        "{}.{}",
        base64url_encode(header.as_bytes()),
        base64url_encode(payload.as_bytes())
    );
    let signature = hmac_sha256(KEY, input.as_bytes());
    format!("{input}.{}", base64url_encode(&signature))
}

const HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

#[rstest]
#[case::two_parts("eyJhbGciOiJIUzI1NiJ9.e30")]
#[case::four_parts("eyJhbGciOiJIUzI1NiJ9.e30.AAAA.AAAA")]
#[case::empty("")]
#[case::padding_in_a_part("eyJhbGciOiJIUzI1NiJ9.e30=.AAAA")]
#[case::plain_base64_in_the_signature("eyJhbGciOiJIUzI1NiJ9.e30.A+/A")]
fn refuses_a_token_of_the_wrong_shape(#[case] token: &str) {
    assert_eq!(
        verify_hs256(token, KEY, 0),
        Err(JwtError::Malformed),
        "{token:?} is not three base64url parts"
    );
}

#[rstest]
#[case::header_not_json("not json", "{}")]
#[case::header_an_array(r#"["HS256"]"#, "{}")]
#[case::payload_a_string(HS256, r#""alice""#)]
#[case::payload_truncated(HS256, r#"{"sub":"alice""#)]
fn refuses_a_header_or_payload_that_is_not_a_json_object(
    #[case] header: &str,
    #[case] payload: &str,
) {
    assert_eq!(
        verify_hs256(&signed(header, payload), KEY, 0),
        Err(JwtError::Malformed),
        "header {header:?}, payload {payload:?}: both must be JSON objects"
    );
}

/// RFC 7519 section 6.1's unsecured JWT: `alg` is `none` and the signature empty.
#[test]
fn refuses_rfc_7519s_unsecured_token() {
    let unsecured = "eyJhbGciOiJub25lIn0\
        .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";
    assert_eq!(
        verify_hs256(unsecured, KEY, 0),
        Err(JwtError::UnsupportedAlgorithm),
        "a token whose header says alg \"none\" carries no signature at all: a verifier \
         that lets the token choose its algorithm accepts anything anyone writes"
    );
}

#[rstest]
#[case::none_in_capitals(r#"{"alg":"NONE"}"#)]
#[case::none_capitalised(r#"{"alg":"None"}"#)]
#[case::lower_case_hs256(r#"{"alg":"hs256"}"#)]
#[case::hs512(r#"{"alg":"HS512"}"#)]
#[case::rs256_the_algorithm_confusion(r#"{"alg":"RS256"}"#)]
#[case::no_alg(r#"{"typ":"JWT"}"#)]
#[case::alg_not_a_string(r#"{"alg":256}"#)]
fn refuses_every_algorithm_but_hs256(#[case] header: &str) {
    let payload = r#"{"sub":"mallory"}"#;
    for token in [token(header, payload, b""), signed(header, payload)] {
        assert_eq!(
            verify_hs256(&token, KEY, 0),
            Err(JwtError::UnsupportedAlgorithm),
            "header {header:?}: the verifier knows its algorithm, HS256 exactly, and must not \
             take another from the token, even one signed with the right key"
        );
    }
}

#[test]
fn refuses_a_token_signed_with_another_key() {
    let forged = sign_hs256(
        r#"{"sub":"mallory","admin":true}"#,
        b"a key mallory guessed",
    );
    assert_eq!(
        verify_hs256(&forged, KEY, 0),
        Err(JwtError::BadSignature),
        "signed with another key: the signature must not match"
    );
}

#[test]
fn refuses_any_changed_byte_of_the_payload() {
    let genuine = sign_hs256(r#"{"sub":"alice","role":"viewer"}"#, KEY);
    let parts: Vec<&str> = genuine.split('.').collect();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        base64url_encode(br#"{"sub":"alice","role":"admin"}"#),
        parts[2]
    );
    assert_eq!(
        verify_hs256(&tampered, KEY, 0),
        Err(JwtError::BadSignature),
        "the payload was changed from role viewer to admin and the old signature kept"
    );
}

#[test]
fn refuses_an_empty_or_cut_signature() {
    let genuine = sign_hs256(r#"{"sub":"alice"}"#, KEY);
    let (input, signature) = genuine.rsplit_once('.').unwrap();
    for cut in ["", &signature[..4], &signature[..40]] {
        let token = format!("{input}.{cut}");
        assert_eq!(
            verify_hs256(&token, KEY, 0),
            Err(JwtError::BadSignature),
            "signature {cut:?}, whole base64url groups of the real one: only all 32 bytes verify"
        );
    }
}

#[test]
fn checks_the_signature_before_believing_any_claim() {
    let forged = token(HS256, r#"{"sub":"alice","exp":100,"nbf":50}"#, &[0; 32]);
    for now in [10, 75, 200] {
        assert_eq!(
            verify_hs256(&forged, KEY, now),
            Err(JwtError::BadSignature),
            "a forged token at time {now}: its exp and nbf are the forger's words, so \
             answering Expired or NotYetValid before the signature is checked acts on \
             claims nobody vouched for"
        );
    }
}

#[test]
fn checks_the_algorithm_before_the_signature() {
    let confused = token(r#"{"alg":"none"}"#, r#"{"sub":"alice"}"#, &[0; 32]);
    assert_eq!(
        verify_hs256(&confused, KEY, 0),
        Err(JwtError::UnsupportedAlgorithm),
        "alg none with a bad signature: the algorithm is checked first"
    );
}

#[rstest]
#[case::a_second_before_exp(1_999, Ok(()))]
#[case::at_exp(2_000, Err(JwtError::Expired))]
#[case::long_after_exp(9_999, Err(JwtError::Expired))]
#[case::a_second_before_nbf(999, Err(JwtError::NotYetValid))]
#[case::at_nbf(1_000, Ok(()))]
fn takes_exp_as_the_first_invalid_second_and_nbf_as_the_first_valid_one(
    #[case] now: u64,
    #[case] verdict: Result<(), JwtError>,
) {
    let token = sign_hs256(r#"{"nbf":1000,"exp":2000}"#, KEY);
    assert_eq!(
        verify_hs256(&token, KEY, now).map(|_| ()),
        verdict,
        "nbf 1000, exp 2000, now {now}: valid from nbf inclusive until exp exclusive \
         (RFC 7519 sections 4.1.4 and 4.1.5)"
    );
}

#[test]
fn reports_expiry_before_not_yet_valid() {
    let token = sign_hs256(r#"{"nbf":3000,"exp":2000}"#, KEY);
    assert_eq!(
        verify_hs256(&token, KEY, 2500),
        Err(JwtError::Expired),
        "exp has passed and nbf has not come: exp is checked first"
    );
}

#[rstest]
#[case::no_time_claims(r#"{"sub":"alice"}"#)]
#[case::a_fractional_exp(r#"{"exp":1000.5}"#)]
fn a_token_without_or_with_fractional_times(#[case] claims: &str) {
    assert_eq!(
        verify_hs256(&sign_hs256(claims, KEY), KEY, 1000),
        Ok(claims.to_owned()),
        "{claims:?} at time 1000: exp and nbf are optional, and a NumericDate may have a \
         fraction (RFC 7519 section 2)"
    );
}

#[rstest]
#[case::exp_as_text(r#"{"exp":"2000"}"#)]
#[case::nbf_as_null(r#"{"nbf":null}"#)]
fn refuses_a_time_claim_that_is_not_a_number(#[case] claims: &str) {
    assert_eq!(
        verify_hs256(&sign_hs256(claims, KEY), KEY, 1000),
        Err(JwtError::Malformed),
        "{claims:?}: a time claim that cannot be read must not count as absent"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(64))]

    #[test]
    fn whatever_is_signed_verifies_and_comes_back_unchanged(
        subject in "[a-z]{0,12}",
        exp in 1u64..u64::from(u32::MAX),
        key in prop::collection::vec(any::<u8>(), 0..80),
    ) {
        let claims = format!(r#"{{"sub":"{subject}","exp":{exp}}}"#);
        let token = sign_hs256(&claims, &key);
        prop_assert_eq!(
            verify_hs256(&token, &key, exp - 1),
            Ok(claims.clone()),
            "a token just signed must verify one second before its exp, payload unchanged"
        );
    }

    #[test]
    fn any_changed_character_of_the_signature_is_refused(
        key in prop::collection::vec(any::<u8>(), 1..40),
        position in 0usize..40,
    ) {
        let token = sign_hs256(r#"{"sub":"alice"}"#, &key);
        let (input, signature) = token.rsplit_once('.').unwrap();
        let mut chars: Vec<char> = signature.chars().collect();
        chars[position] = if chars[position] == 'A' { 'B' } else { 'A' };
        let tampered = format!("{input}.{}", chars.into_iter().collect::<String>());
        prop_assert_eq!(
            verify_hs256(&tampered, &key, 0),
            Err(JwtError::BadSignature),
            "signature character {} changed", position
        );
    }
}
