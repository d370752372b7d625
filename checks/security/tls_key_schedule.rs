//! Checks for `exercises/security/src/tls_key_schedule.rs`.

use proptest::prelude::*;
use rstest::rstest;
use security::{
    derive_secret, handshake_secrets, hkdf_expand, hkdf_expand_label, hkdf_extract,
    traffic_key_and_iv,
};
use support::{hex, to_hex};

mod support;

/// RFC 5869 appendix A, test cases 1 to 3 (the SHA-256 ones).
#[rstest]
#[case::rfc5869_test_case_1(
    "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
    "000102030405060708090a0b0c",
    "f0f1f2f3f4f5f6f7f8f9",
    42,
    "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
    "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
)]
#[case::rfc5869_test_case_2_longer_inputs(
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\
     202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\
     404142434445464748494a4b4c4d4e4f",
    "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f\
     808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\
     a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
    "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf\
     d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef\
     f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
    82,
    "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
    "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c\
     59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71\
     cc30c58179ec3e87c14c01d5c1f3434f1d87"
)]
#[case::rfc5869_test_case_3_no_salt_no_info(
    "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
    "",
    "",
    42,
    "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
    "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
)]
fn matches_rfc_5869(
    #[case] ikm: &str,
    #[case] salt: &str,
    #[case] info: &str,
    #[case] length: usize,
    #[case] prk: &str,
    #[case] okm: &str,
) {
    let extracted = hkdf_extract(&hex(salt), &hex(ikm));
    assert_eq!(
        to_hex(&extracted),
        to_hex(&hex(prk)),
        "HKDF-Extract is HMAC-SHA256 with the salt as the key and the input keying \
         material as the message"
    );
    assert_eq!(
        to_hex(&hkdf_expand(&extracted, &hex(info), length)),
        to_hex(&hex(okm)),
        "HKDF-Expand to {length} bytes: T(i) = HMAC(PRK, T(i-1) || info || i) with i from \
         1, the blocks concatenated and cut"
    );
}

#[test]
fn expand_label_lays_out_its_info_as_rfc_8446_says() {
    // HKDF-Expand-Label(secret, "key", "", 16) is HKDF-Expand with this info:
    // 00 10 | 09 "tls13 key" | 00
    let secret = [7u8; 32];
    let mut info = vec![0x00, 0x10, 9];
    info.extend_from_slice(b"tls13 key");
    info.push(0);
    assert_eq!(
        to_hex(&hkdf_expand_label(&secret, "key", &[], 16)),
        to_hex(&hkdf_expand(&secret, &info, 16)),
        "the info is the length as two big-endian bytes, then \"tls13 \" + label with a \
         one-byte length, then the context with a one-byte length"
    );
}

/// RFC 8448 section 3, "Simple 1-RTT Handshake": the server's trace of the key
/// schedule, from no PSK and the x25519 shared secret.
const SHARED_SECRET: &str = "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d";
/// SHA-256 of the ClientHello and ServerHello in that trace.
const HELLO_HASH: &str = "860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8";

#[test]
fn reproduces_rfc_8448s_early_and_derived_secrets() {
    let zeros = [0u8; 32];
    let early = hkdf_extract(&zeros, &zeros);
    assert_eq!(
        to_hex(&early),
        "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a",
        "RFC 8448 section 3: the early secret is HKDF-Extract(0, 0) without a PSK"
    );
    let empty_hash = hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_eq!(
        to_hex(&derive_secret(&early, "derived", &empty_hash)),
        "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba",
        "RFC 8448 section 3: Derive-Secret(early secret, \"derived\", SHA-256 of nothing)"
    );
}

#[test]
fn reproduces_rfc_8448s_handshake_traffic_secrets() {
    let secrets = handshake_secrets(None, &hex(SHARED_SECRET), &hex(HELLO_HASH));
    let expected = [
        (
            "early secret",
            secrets.early_secret,
            "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a",
        ),
        (
            "handshake secret",
            secrets.handshake_secret,
            "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac",
        ),
        (
            "client handshake traffic secret",
            secrets.client_handshake_traffic_secret,
            "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21",
        ),
        (
            "server handshake traffic secret",
            secrets.server_handshake_traffic_secret,
            "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38",
        ),
        (
            "master secret",
            secrets.master_secret,
            "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919",
        ),
    ];
    for (name, got, want) in expected {
        assert_eq!(
            to_hex(&got),
            want,
            "RFC 8448 section 3's {name}: Extract with the previous stage's \
             Derive-Secret(.., \"derived\", SHA-256 of nothing) as the salt, traffic \
             secrets by Derive-Secret over the hello messages' hash"
        );
    }
}

#[test]
fn reproduces_rfc_8448s_handshake_keys() {
    let secrets = handshake_secrets(None, &hex(SHARED_SECRET), &hex(HELLO_HASH));
    let (key, iv) = traffic_key_and_iv(&secrets.server_handshake_traffic_secret);
    assert_eq!(
        (to_hex(&key), to_hex(&iv)),
        (
            "3fce516009c21727d0f2e4e86ee403bc".to_owned(),
            "5d313eb2671276ee13000b30".to_owned()
        ),
        "RFC 8448 section 3: the server's handshake write key (16 bytes, label \"key\") and \
         IV (12 bytes, label \"iv\"), each with an empty context"
    );
    let (key, iv) = traffic_key_and_iv(&secrets.client_handshake_traffic_secret);
    assert_eq!(
        (to_hex(&key), to_hex(&iv)),
        (
            "dbfaa693d1762c5b666af5d950258d01".to_owned(),
            "5bd3c71b836e0b76bb73265f".to_owned()
        ),
        "RFC 8448 section 3: the client's handshake write key and IV"
    );
}

#[test]
fn a_pre_shared_key_changes_every_secret() {
    let with_psk = handshake_secrets(Some(&[9; 32]), &hex(SHARED_SECRET), &hex(HELLO_HASH));
    let without = handshake_secrets(None, &hex(SHARED_SECRET), &hex(HELLO_HASH));
    assert_ne!(
        with_psk.early_secret, without.early_secret,
        "the PSK is the early secret's input keying material"
    );
    assert_ne!(
        with_psk.server_handshake_traffic_secret, without.server_handshake_traffic_secret,
        "every later secret depends on the early secret"
    );
}

#[test]
fn expand_allows_exactly_255_blocks() {
    let prk = [1u8; 32];
    assert_eq!(
        hkdf_expand(&prk, b"", 255 * 32).len(),
        255 * 32,
        "255 blocks is the most RFC 5869 allows"
    );
    let refused = std::panic::catch_unwind(|| hkdf_expand(&prk, b"", 255 * 32 + 1));
    assert!(
        refused.is_err(),
        "more than 255 x 32 bytes must be refused: the block counter is one byte"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(64))]

    #[test]
    fn a_shorter_expansion_is_a_prefix_of_a_longer_one(
        info in prop::collection::vec(any::<u8>(), 0..40),
        short in 0usize..100,
        extra in 0usize..100,
    ) {
        let prk = hkdf_extract(b"salt", b"input keying material");
        let long = hkdf_expand(&prk, &info, short + extra);
        prop_assert_eq!(
            &hkdf_expand(&prk, &info, short)[..],
            &long[..short],
            "HKDF-Expand to {} bytes should be the first {} of {} bytes", short, short, short + extra
        );
    }
}
