//! Checks for `exercises/hashing/src/base62.rs`.

use hashing::base62::{DecodeError, decode, encode, encode_padded};
use proptest::prelude::*;
use rstest::rstest;

mod support;

#[rstest]
#[case::zero_is_one_digit(0, "0")]
#[case::the_last_decimal_digit(9, "9")]
#[case::upper_case_comes_after_the_digits(10, "A")]
#[case::lower_case_comes_last(36, "a")]
#[case::the_largest_digit(61, "z")]
#[case::sixty_two_takes_two_digits(62, "10")]
#[case::two_sixty_twos_and_one(125, "21")]
#[case::the_largest_two_digit_number(3_843, "zz")]
#[case::from_the_base62_crate_docs(1_337, "LZ")]
#[case::a_billion_and_more(1_234_567_890, "1LY7VK")]
#[case::the_largest_seven_character_code(3_521_614_606_207, "zzzzzzz")]
#[case::the_largest_u64(u64::MAX, "LygHa16AHYF")]
fn encodes_and_decodes_known_values(#[case] n: u64, #[case] text: &str) {
    assert_eq!(
        encode(n),
        text,
        "encode({n}): base62 digits are 0-9, then A-Z from 10, then a-z from 36, most \
         significant first, and zero is \"0\""
    );
    assert_eq!(decode(text), Ok(n), "decode({text:?}) should give back {n}");
}

#[rstest]
#[case::pads_with_zeros(7, 3, "007")]
#[case::pads_a_short_code_to_seven(1_337, 7, "00000LZ")]
#[case::never_cuts_a_long_number(1_234_567_890, 2, "1LY7VK")]
#[case::zero_padded(0, 4, "0000")]
fn pads_to_a_fixed_width(#[case] n: u64, #[case] width: usize, #[case] expected: &str) {
    assert_eq!(
        encode_padded(n, width),
        expected,
        "encode_padded({n}, {width})"
    );
}

#[test]
fn decode_accepts_leading_zeros() {
    assert_eq!(
        decode("00000LZ"),
        Ok(1_337),
        "\"LZ\" is 21 x 62 + 35 = 1,337, and leading zeros add nothing"
    );
    assert_eq!(
        decode("0000000000000000000001"),
        Ok(1),
        "22 characters, but the number is 1: leading zeros cannot overflow"
    );
}

#[rstest]
#[case::nothing("", DecodeError::Empty)]
#[case::a_dash("ab-c", DecodeError::InvalidDigit { found: '-', index: 2 })]
#[case::a_url_character("abc/", DecodeError::InvalidDigit { found: '/', index: 3 })]
#[case::a_letter_outside_ascii("é1", DecodeError::InvalidDigit { found: 'é', index: 0 })]
#[case::one_past_u64_max("LygHa16AHYG", DecodeError::Overflow)]
#[case::twelve_digits("zzzzzzzzzzzz", DecodeError::Overflow)]
#[case::a_bad_digit_wins_over_overflow("zzzzzzzzzzzz!", DecodeError::InvalidDigit { found: '!', index: 12 })]
fn decode_says_why_it_rejects(#[case] text: &str, #[case] expected: DecodeError) {
    assert_eq!(
        decode(text),
        Err(expected.clone()),
        "decode({text:?}) should fail with: {expected} (every character is checked \
         before any arithmetic, and a number past u64::MAX is an overflow, never wrapped)"
    );
    let message = expected.to_string();
    let names_the_problem = match &expected {
        DecodeError::Empty => message.contains("empty"),
        DecodeError::InvalidDigit { found, index } => {
            message.contains(*found) && message.contains(&index.to_string())
        }
        DecodeError::Overflow => message.contains("u64"),
    };
    assert!(
        names_the_problem,
        "the message {message:?} should say what is wrong: the empty string, the bad \
         character and its index, or that the number does not fit in a u64"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(512))]

    #[test]
    fn every_number_round_trips(n: u64) {
        let text = encode(n);
        prop_assert_eq!(decode(&text), Ok(n), "encode({}) = {:?}", n, text);
        prop_assert!(n == 0 || !text.starts_with('0'), "encode({}) = {:?} has a leading zero", n, text);
        prop_assert!(text.len() <= 11, "encode({}) = {:?}: no u64 needs more than 11 digits", n, text);
    }

    #[test]
    fn padded_codes_sort_like_their_numbers(a: u64, b: u64) {
        let (pa, pb) = (encode_padded(a, 11), encode_padded(b, 11));
        prop_assert_eq!(
            pa.cmp(&pb),
            a.cmp(&b),
            "{} -> {:?}, {} -> {:?}: the alphabet is in ASCII order, so padded codes sort as numbers do",
            a, pa, b, pb
        );
        prop_assert_eq!(decode(&pa), Ok(a));
    }
}
