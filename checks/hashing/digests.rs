//! Checks for `exercises/hashing/src/digests.rs`.

use hashing::digests::{Algorithm, HexError, differing_bits, from_hex, to_hex};
use proptest::prelude::*;
use rstest::rstest;

mod support;

#[rstest]
#[case::md5(Algorithm::Md5, 128, 16, 32)]
#[case::sha1(Algorithm::Sha1, 160, 20, 40)]
#[case::sha256(Algorithm::Sha256, 256, 32, 64)]
fn knows_each_digests_length_in_bits_bytes_and_hex(
    #[case] algorithm: Algorithm,
    #[case] bits: usize,
    #[case] bytes: usize,
    #[case] hex_chars: usize,
) {
    assert_eq!(
        algorithm.bits(),
        bits,
        "{algorithm:?} digests are {bits} bits"
    );
    assert_eq!(
        algorithm.bytes(),
        bytes,
        "{bits} bits are {bytes} bytes, 8 bits each"
    );
    assert_eq!(
        algorithm.hex_chars(),
        hex_chars,
        "{bytes} bytes take {hex_chars} hex characters, two per byte"
    );
}

// Published vectors: RFC 1321 (MD5), FIPS 180 (SHA-1, SHA-256), and the pangram
// that every hash library tests against.
#[rstest]
#[case::md5_of_nothing(Algorithm::Md5, "", "d41d8cd98f00b204e9800998ecf8427e")]
#[case::md5_of_abc(Algorithm::Md5, "abc", "900150983cd24fb0d6963f7d28e17f72")]
#[case::md5_of_the_fox(
    Algorithm::Md5,
    "The quick brown fox jumps over the lazy dog",
    "9e107d9d372bb6826bd81d3542a419d6"
)]
#[case::sha1_of_nothing(Algorithm::Sha1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
#[case::sha1_of_abc(Algorithm::Sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
#[case::sha256_of_nothing(
    Algorithm::Sha256,
    "",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)]
#[case::sha256_of_abc(
    Algorithm::Sha256,
    "abc",
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
)]
fn matches_the_published_digests(
    #[case] algorithm: Algorithm,
    #[case] input: &str,
    #[case] expected: &str,
) {
    let got = algorithm.hex_digest(input.as_bytes());
    assert_eq!(
        got, expected,
        "{algorithm:?} of {input:?}, in lower-case hex as published"
    );
}

#[test]
fn hex_writes_the_high_half_of_each_byte_first() {
    assert_eq!(to_hex(&[]), "", "no bytes, no hex");
    assert_eq!(
        to_hex(&[0x00, 0x0f, 0xa0, 0xff]),
        "000fa0ff",
        "each byte is two lower-case hex digits, its high four bits first: \
         0x0f is \"0f\", 0xa0 is \"a0\""
    );
    assert_eq!(to_hex(&[0x4b]), "4b", "0x4b is 0100 1011: '4' then 'b'");
}

#[test]
fn hex_decodes_either_case() {
    assert_eq!(from_hex("000FA0ff"), Ok(vec![0x00, 0x0f, 0xa0, 0xff]));
    assert_eq!(from_hex(""), Ok(vec![]));
}

#[rstest]
#[case::an_odd_length("abc", HexError::OddLength { len: 3 })]
#[case::a_letter_past_f("0g", HexError::InvalidDigit { found: 'g', index: 1 })]
#[case::a_space("ab cd", HexError::InvalidDigit { found: ' ', index: 2 })]
#[case::a_bad_digit_is_reported_before_the_length("xyz", HexError::InvalidDigit { found: 'x', index: 0 })]
fn hex_rejects_what_is_not_whole_bytes(#[case] input: &str, #[case] expected: HexError) {
    assert_eq!(
        from_hex(input),
        Err(expected.clone()),
        "from_hex({input:?}) should fail with {expected}; a bad character is \
         reported before an odd length"
    );
    let message = expected.to_string();
    assert!(
        match &expected {
            HexError::OddLength { len } => message.contains(&len.to_string()),
            HexError::InvalidDigit { found, index } =>
                message.contains(*found) && message.contains(&index.to_string()),
        },
        "the message {message:?} should say what is wrong and where"
    );
}

#[test]
fn a_one_character_change_flips_about_half_the_bits() {
    // The avalanche effect: 100 URLs that differ from their neighbour in one
    // character; on average each digest changes in about half of its bits.
    for algorithm in Algorithm::ALL {
        let flipped: u32 = (0..100)
            .map(|i| {
                let a = algorithm.digest(format!("https://example.com/{i}").as_bytes());
                let b = algorithm.digest(format!("https://example.com/{}", i + 1).as_bytes());
                differing_bits(&a, &b)
            })
            .sum();
        let fraction = f64::from(flipped) / (100.0 * algorithm.bits() as f64);
        assert!(
            (0.45..=0.55).contains(&fraction),
            "{algorithm:?}: neighbouring URLs differed in {:.1}% of the bits on average; \
             expected about 50%",
            fraction * 100.0
        );
    }
}

#[test]
fn differing_bits_counts_bits_not_bytes() {
    assert_eq!(
        differing_bits(&[0b1010_0000, 0xff], &[0b0110_0000, 0xff]),
        2,
        "1010_0000 and 0110_0000 differ in two bits of one byte"
    );
    assert_eq!(
        differing_bits(&[0x00; 4], &[0xff; 4]),
        32,
        "four bytes of 0x00 and 0xff differ in all 32 bits"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(256))]

    #[test]
    fn hex_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let hex = to_hex(&bytes);
        prop_assert_eq!(hex.len(), bytes.len() * 2, "two hex characters per byte");
        prop_assert_eq!(from_hex(&hex), Ok(bytes), "from_hex(to_hex(bytes)) should give the bytes back; to_hex gave {:?}", hex);
    }

    #[test]
    fn every_digest_has_its_fixed_length(data in proptest::collection::vec(any::<u8>(), 0..200)) {
        for algorithm in Algorithm::ALL {
            prop_assert_eq!(algorithm.digest(&data).len(), algorithm.bytes(), "{:?}", algorithm);
            prop_assert_eq!(algorithm.hex_digest(&data).len(), algorithm.hex_chars(), "{:?}", algorithm);
        }
    }
}
