//! Checks for `exercises/security/src/base64url.rs`.

use proptest::prelude::*;
use rstest::rstest;
use security::{DecodeError, base64url_decode, base64url_encode};

mod support;

/// RFC 4648 section 10's test vectors, with the `=` padding taken off as section 5
/// and RFC 7515 section 2 allow; and RFC 7515 appendix C's example, whose bytes
/// need both characters that differ from plain base64.
#[rstest]
#[case::rfc4648_empty(b"", "")]
#[case::rfc4648_f(b"f", "Zg")]
#[case::rfc4648_fo(b"fo", "Zm8")]
#[case::rfc4648_foo(b"foo", "Zm9v")]
#[case::rfc4648_foob(b"foob", "Zm9vYg")]
#[case::rfc4648_fooba(b"fooba", "Zm9vYmE")]
#[case::rfc4648_foobar(b"foobar", "Zm9vYmFy")]
#[case::rfc7515_appendix_c(&[3, 236, 255, 224, 193], "A-z_4ME")]
#[case::the_two_url_safe_characters(&[0xfb, 0xff], "-_8")]
#[case::every_bit_set(&[0xff, 0xff, 0xff], "____")]
fn encodes_the_rfcs_examples(#[case] bytes: &[u8], #[case] text: &str) {
    assert_eq!(
        base64url_encode(bytes),
        text,
        "base64url_encode({bytes:?}): six bits per character from A-Z a-z 0-9 - _, \
         most significant first, no `=` padding"
    );
    assert_eq!(
        base64url_decode(text),
        Ok(bytes.to_vec()),
        "base64url_decode({text:?}) should give back the bytes {bytes:?}"
    );
}

#[test]
fn uses_minus_and_underscore_where_base64_has_plus_and_slash() {
    let text = base64url_encode(&[0xfb, 0xef, 0xbe, 0xff]);
    assert!(
        !text.contains('+') && !text.contains('/'),
        "{text:?} has `+` or `/`, which mean something in a URL: base64url uses `-` for 62 \
         and `_` for 63"
    );
    assert_eq!(text, "----_w", "62 is `-`, 63 is `_`");
}

#[test]
fn never_pads() {
    for length in 0..10 {
        let text = base64url_encode(&vec![0xa5; length]);
        assert!(
            !text.contains('='),
            "{length} bytes encoded as {text:?}: base64url in tokens carries no `=` padding"
        );
        assert_eq!(
            text.len(),
            (length * 4).div_ceil(3),
            "{length} bytes need exactly ceil({length} x 8 / 6) characters, got {text:?}"
        );
    }
}

#[rstest]
#[case::padding_after_two("Zg==", DecodeError::Padding { index: 2 })]
#[case::padding_after_three("Zm8=", DecodeError::Padding { index: 3 })]
#[case::plus_from_plain_base64("-+8", DecodeError::InvalidCharacter { index: 1, byte: b'+' })]
#[case::slash_from_plain_base64("Zm9/", DecodeError::InvalidCharacter { index: 3, byte: b'/' })]
#[case::a_space("Zm9v Yg", DecodeError::InvalidCharacter { index: 4, byte: b' ' })]
#[case::a_line_break("Zm9v\nYg", DecodeError::InvalidCharacter { index: 4, byte: b'\n' })]
#[case::a_dot_from_a_jwt("Zm9v.Yg", DecodeError::InvalidCharacter { index: 4, byte: b'.' })]
#[case::one_character("Z", DecodeError::InvalidLength { length: 1 })]
#[case::five_characters("Zm9vY", DecodeError::InvalidLength { length: 5 })]
fn refuses_what_it_did_not_produce(#[case] text: &str, #[case] error: DecodeError) {
    assert_eq!(
        base64url_decode(text),
        Err(error),
        "base64url_decode({text:?}) must be refused: strict decoding accepts only the \
         alphabet A-Z a-z 0-9 - _, no `=`, and no length of 1 mod 4"
    );
}

#[test]
fn refuses_a_non_ascii_character() {
    assert!(
        matches!(
            base64url_decode("Zm9vé"),
            Err(DecodeError::InvalidCharacter { index: 4, .. })
        ),
        "\"Zm9vé\": `é` is two bytes of UTF-8, neither in the alphabet; got {:?}",
        base64url_decode("Zm9vé")
    );
}

/// RFC 4648 section 3.5: "Zh" and "Zg" would both decode to "f" if the two bits
/// below the byte were ignored. A strict decoder refuses the one the encoder never
/// writes, so a token has one spelling and a signature over the text cannot be
/// matched by a second spelling of the same bytes.
#[rstest]
#[case::one_byte_with_a_stray_bit("Zh", "Zg")]
#[case::one_byte_with_the_lowest_stray_bit("Zm", "Zg")]
#[case::two_bytes_with_a_stray_bit("Zm9", "Zm8")]
#[case::after_a_whole_group("Zm9vZm9", "Zm9vZm8")]
fn refuses_stray_bits_in_the_last_character(#[case] text: &str, #[case] canonical: &str) {
    assert_eq!(
        base64url_decode(text),
        Err(DecodeError::NonCanonical),
        "{text:?}: its last character sets bits past the last whole byte, which the \
         encoder leaves zero; only {canonical:?} encodes those bytes, so {text:?} must be \
         refused"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(256))]

    #[test]
    fn decoding_an_encoding_gives_the_bytes_back(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let text = base64url_encode(&bytes);
        prop_assert_eq!(
            base64url_decode(&text),
            Ok(bytes.clone()),
            "base64url_decode(base64url_encode({:?})) = decode({:?}) should be the bytes",
            bytes,
            text
        );
    }

    #[test]
    fn a_text_that_decodes_is_the_one_encoding_of_its_bytes(text in "[A-Za-z0-9_-]{0,12}") {
        if let Ok(bytes) = base64url_decode(&text) {
            prop_assert_eq!(
                base64url_encode(&bytes),
                text.clone(),
                "{:?} decoded to {:?}, which encodes differently: two texts for the same \
                 bytes means a decoder that ignored stray bits",
                text,
                bytes
            );
        }
    }
}

#[test]
fn errors_say_what_is_wrong_and_where() {
    for (error, words) in [
        (DecodeError::Padding { index: 2 }, ["padding", "2"]),
        (
            DecodeError::InvalidCharacter {
                index: 4,
                byte: b'+',
            },
            ["0x2b", "4"],
        ),
        (
            DecodeError::InvalidLength { length: 5 },
            ["5", "characters"],
        ),
        (DecodeError::NonCanonical, ["unused bits", "last character"]),
    ] {
        let message = error.to_string();
        for word in words {
            assert!(
                message.contains(word),
                "{error:?} reads {message:?}, which should mention {word:?}"
            );
        }
    }
}
