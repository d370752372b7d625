//! Checks for `exercises/partitioning/src/ulid.rs`.

use partitioning::ulid::{MonotonicUlid, UlidError};
use partitioning::{ulid_decode, ulid_encode};
use proptest::prelude::*;
use rstest::rstest;

mod support;
use support::proptest_config;

const MAX_TIME: u64 = (1 << 48) - 1;
const MAX_RANDOM: u128 = (1 << 80) - 1;

/// The example at the top of the ULID specification (github.com/ulid/spec).
const SPEC_EXAMPLE: &str = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
/// Its time, 2016-07-30 23:54:10.259 UTC, and its random part.
const SPEC_MS: u64 = 1_469_922_850_259;
const SPEC_RANDOM: u128 = 0xd676_4c61_efb9_9302_bd5b;

#[test]
fn encodes_the_specifications_example() {
    assert_eq!(
        ulid_encode(SPEC_MS, SPEC_RANDOM),
        SPEC_EXAMPLE,
        "time {SPEC_MS} ms with random part {SPEC_RANDOM:#x}, written as 26 base32 characters \
         most significant first, is the spec's example"
    );
}

#[test]
fn decodes_the_specifications_example() {
    assert_eq!(
        ulid_decode(SPEC_EXAMPLE),
        Ok((SPEC_MS, SPEC_RANDOM)),
        "the spec's example {SPEC_EXAMPLE}: its first 10 characters are the time, \
         2016-07-30 23:54:10.259 UTC, the last 16 the 80 random bits"
    );
}

#[rstest]
#[case::zero(0, 0, "00000000000000000000000000")]
#[case::one_ms(1, 0, "00000000010000000000000000")]
#[case::random_one(0, 1, "00000000000000000000000001")]
#[case::random_32(0, 32, "00000000000000000000000010")]
#[case::largest(MAX_TIME, MAX_RANDOM, "7ZZZZZZZZZZZZZZZZZZZZZZZZZ")]
fn encodes_the_boundaries(#[case] ms: u64, #[case] random: u128, #[case] text: &str) {
    assert_eq!(
        ulid_encode(ms, random),
        text,
        "time {ms}, random {random:#x}: the time takes the first 10 characters, the random \
         part the last 16, each character 5 bits, most significant first"
    );
    assert_eq!(
        ulid_decode(text),
        Ok((ms, random)),
        "{text} decodes back to ({ms}, {random:#x})"
    );
}

/// The number whose base32 digits, most significant first, are `digits`.
fn from_digits(digits: impl IntoIterator<Item = u128>) -> u128 {
    digits
        .into_iter()
        .fold(0, |value, digit| value << 5 | digit)
}

#[test]
fn writes_each_value_with_its_own_character() {
    let ms = from_digits(0..10) as u64;
    let random = from_digits(10..26);
    assert_eq!(
        ulid_encode(ms, random),
        "0123456789ABCDEFGHJKMNPQRS",
        "digit values 0 to 25 in order: the characters are 0123456789ABCDEFGHJKMNPQRS, \
         Crockford's alphabet skipping I and L"
    );
    assert_eq!(
        ulid_encode(0, from_digits(16..32)),
        "0000000000GHJKMNPQRSTVWXYZ",
        "digit values 16 to 31: the characters are GHJKMNPQRSTVWXYZ, skipping I, L, O and U"
    );
    assert_eq!(
        ulid_decode("0123456789abcdefghjkmnpqrs"),
        Ok((ms, from_digits(10..26))),
        "0123456789abcdefghjkmnpqrs decodes each character to its place in the alphabet"
    );
}

#[test]
fn accepts_lower_case() {
    assert_eq!(
        ulid_decode(&SPEC_EXAMPLE.to_lowercase()),
        Ok((SPEC_MS, SPEC_RANDOM)),
        "ULIDs are case-insensitive: the spec's example in lower case decodes the same"
    );
}

#[rstest]
#[case::too_short("01ARZ3NDEKTSV4RRFFQ69G5FA", 25)]
#[case::too_long("01ARZ3NDEKTSV4RRFFQ69G5FAVX", 27)]
#[case::empty("", 0)]
#[case::a_uuid("017f22e2-79b0-7cc3-98c4-dc0c0c07398f", 36)]
fn rejects_a_wrong_length(#[case] text: &str, #[case] found: usize) {
    assert_eq!(
        ulid_decode(text),
        Err(UlidError::WrongLength { found }),
        "{text:?} has {found} characters; a ULID has 26"
    );
}

#[test]
fn counts_characters_not_bytes() {
    let text = "01ARZ3NDEKTSV4RRFFQ69G5FAé";
    assert_eq!(
        ulid_decode(text),
        Err(UlidError::BadCharacter {
            index: 25,
            found: 'é'
        }),
        "{text:?} has 26 characters (27 bytes): its last character is not base32"
    );
}

#[rstest]
#[case::letter_i('I')]
#[case::letter_l('L')]
#[case::letter_o('O')]
#[case::letter_u('U')]
#[case::lower_i('i')]
#[case::lower_l('l')]
#[case::lower_o('o')]
#[case::lower_u('u')]
#[case::hyphen('-')]
#[case::space(' ')]
fn rejects_characters_outside_the_alphabet(#[case] bad: char) {
    let text = format!("01ARZ3NDEK{bad}SV4RRFFQ69G5FAV");
    assert_eq!(
        ulid_decode(&text),
        Err(UlidError::BadCharacter {
            index: 10,
            found: bad
        }),
        "{text:?}: {bad:?} is not in Crockford's alphabet 0123456789ABCDEFGHJKMNPQRSTVWXYZ \
         (no I, L, O or U, in either case); a ULID decoder rejects it rather than guess"
    );
}

#[rstest]
#[case::eight("8ZZZZZZZZZZZZZZZZZZZZZZZZZ")]
#[case::z("Z0000000000000000000000000")]
#[case::lower_z("z0000000000000000000000000")]
fn rejects_a_first_character_above_7(#[case] text: &str) {
    assert_eq!(
        ulid_decode(text),
        Err(UlidError::Overflow),
        "{text}: 26 characters carry 130 bits and a ULID has 128, so the first character \
         is at most 7 (7ZZZZZZZZZZZZZZZZZZZZZZZZZ is the largest ULID)"
    );
}

#[test]
fn reports_a_bad_character_before_an_overflow() {
    assert_eq!(
        ulid_decode("8ZZZZZZZZZZZZZZZZZZZZZZZZU"),
        Err(UlidError::BadCharacter {
            index: 25,
            found: 'U'
        }),
        "a text with a bad character is not base32 at all: say so before saying it is too large"
    );
}

#[test]
#[should_panic(expected = "48 bits")]
fn refuses_to_encode_a_time_past_48_bits() {
    ulid_encode(1 << 48, 0);
}

#[test]
#[should_panic(expected = "80 bits")]
fn refuses_to_encode_a_random_part_past_80_bits() {
    ulid_encode(0, 1 << 80);
}

#[test]
fn the_monotonic_generator_adds_one_within_a_millisecond() {
    // The spec's monotonicity example: the same millisecond, one added with carry.
    let (ms, random) =
        ulid_decode("01BX5ZZKBKACTAV9WEVGEMMVRZ").expect("the spec's example decodes");
    let mut generator = MonotonicUlid::new();
    let first = generator
        .next(ms, random)
        .expect("the first ULID of a generator");
    assert_eq!(
        first, "01BX5ZZKBKACTAV9WEVGEMMVRZ",
        "the first ULID uses the random part it is given"
    );
    let second = generator
        .next(ms, 12345)
        .expect("a second ULID in the same millisecond");
    assert_eq!(
        second, "01BX5ZZKBKACTAV9WEVGEMMVS0",
        "in the same millisecond the random part is the last one plus one (Z + 1 carries: \
         ...RZ becomes ...S0), not the new random value, which might sort lower"
    );
}

#[test]
fn the_monotonic_generator_takes_new_randomness_in_a_new_millisecond() {
    let mut generator = MonotonicUlid::new();
    generator.next(1000, 500).expect("the first ULID");
    let next = generator
        .next(1001, 7)
        .expect("a ULID in the next millisecond");
    assert_eq!(
        ulid_decode(&next),
        Ok((1001, 7)),
        "a later millisecond sorts higher on its own: it uses the new random part as given"
    );
}

#[test]
fn the_monotonic_generator_keeps_its_time_when_the_clock_goes_back() {
    let mut generator = MonotonicUlid::new();
    generator.next(5000, 41).expect("the first ULID");
    let next = generator
        .next(4000, 3)
        .expect("a ULID with a clock that went back");
    assert_eq!(
        ulid_decode(&next),
        Ok((5000, 42)),
        "the clock read 4000 ms after a ULID at 5000 ms: keep 5000 ms and add one to the \
         random part, so the new ULID still sorts after the last"
    );
}

#[test]
fn the_monotonic_generator_refuses_when_the_random_part_is_all_ones() {
    let mut generator = MonotonicUlid::new();
    let last = generator.next(9000, MAX_RANDOM).expect("the first ULID");
    assert_eq!(
        last, "00000008S8ZZZZZZZZZZZZZZZZ",
        "time 9000 (8 S 8: 8 × 1024 + 25 × 32 + 8), random part all ones"
    );
    assert_eq!(
        generator.next(9000, 0),
        Err(UlidError::RandomExhausted),
        "the random part 2^80 - 1 has no successor in 80 bits; carrying into the time would \
         mint a ULID of millisecond 9001 from millisecond 9000"
    );
    assert_eq!(
        generator.next(9000, 0),
        Err(UlidError::RandomExhausted),
        "a refused call changes nothing: the next call in that millisecond is refused too"
    );
    let later = generator
        .next(9001, 5)
        .expect("the next millisecond starts afresh");
    assert_eq!(
        ulid_decode(&later),
        Ok((9001, 5)),
        "millisecond 9001 takes its random part as given"
    );
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn decoding_undoes_encoding(ms in 0..=MAX_TIME, random in 0..=MAX_RANDOM, lower: bool) {
        let text = ulid_encode(ms, random);
        prop_assert_eq!(text.len(), 26, "{} should have 26 characters", &text);
        prop_assert!(
            text.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()),
            "{} should be upper case", &text
        );
        let input = if lower { text.to_lowercase() } else { text.clone() };
        prop_assert_eq!(
            ulid_decode(&input),
            Ok((ms, random)),
            "{} was encoded from ({}, {:#x})", &input, ms, random
        );
    }

    #[test]
    fn text_order_is_time_then_randomness(
        a in (0..=MAX_TIME, 0..=MAX_RANDOM),
        b in (0..=MAX_TIME, 0..=MAX_RANDOM),
    ) {
        let (text_a, text_b) = (ulid_encode(a.0, a.1), ulid_encode(b.0, b.1));
        prop_assert_eq!(
            text_a.cmp(&text_b),
            a.cmp(&b),
            "{} and {} should sort as their (time, random) pairs {:?} and {:?} do",
            &text_a, &text_b, a, b
        );
    }

    #[test]
    fn a_monotonic_generator_mints_strictly_increasing_text(
        steps in proptest::collection::vec((0u64..3, 0..MAX_RANDOM / 2, any::<bool>()), 1..100),
    ) {
        let mut generator = MonotonicUlid::new();
        let mut now = 1_700_000_000_000u64;
        let mut last = String::new();
        for (step, random, back) in steps {
            now = if back { now - step } else { now + step };
            let text = generator.next(now, random).expect("random parts this small never run out");
            prop_assert!(
                text > last,
                "{} minted at {} ms does not sort after the previous ULID {}",
                &text, now, &last
            );
            last = text;
        }
    }
}
