//! Checks for `exercises/partitioning/src/uuid_v7.rs`.

use partitioning::uuid_v7;
use partitioning::uuid_v7::{LeafPages, format_uuid, uuid_v4_bits, uuid_v7_bits};
use proptest::prelude::*;

mod support;
use support::{SplitMix, proptest_config};

/// RFC 9562, appendix A.6: 2022-02-22 14:22:22.00 -05:00, rand_a 0xCC3,
/// rand_b 0x18C4DC0C0C07398F.
const RFC_MS: u64 = 0x017F_22E2_79B0;
const RFC_RAND_A: u16 = 0xCC3;
const RFC_RAND_B: u64 = 0x18C4_DC0C_0C07_398F;
const RFC_UUID: &str = "017f22e2-79b0-7cc3-98c4-dc0c0c07398f";

#[test]
fn builds_the_example_of_rfc_9562() {
    assert_eq!(
        RFC_MS, 1_645_557_742_000,
        "the RFC's time is 1645557742000 ms"
    );
    assert_eq!(
        uuid_v7(RFC_MS, RFC_RAND_A, RFC_RAND_B),
        RFC_UUID,
        "RFC 9562's example: 48 bits of time 017f22e279b0, version 7, rand_a cc3, variant \
         0b10 then rand_b 18c4dc0c0c07398f (so 98c4...), in lower-case 8-4-4-4-12 hex"
    );
    assert_eq!(
        uuid_v7_bits(RFC_MS, RFC_RAND_A, RFC_RAND_B),
        0x017f_22e2_79b0_7cc3_98c4_dc0c_0c07_398f,
        "uuid_v7_bits is the same UUID as a number"
    );
}

#[test]
fn uses_only_the_low_12_bits_of_rand_a_and_the_low_62_of_rand_b() {
    assert_eq!(
        uuid_v7(
            RFC_MS,
            RFC_RAND_A | 0xF000,
            RFC_RAND_B | 0xC000_0000_0000_0000
        ),
        RFC_UUID,
        "rand_a has 12 bits and rand_b 62: the bits above them must not spill into the \
         version or the variant"
    );
}

#[test]
fn formats_a_uuid_as_8_4_4_4_12_lower_case_hex() {
    assert_eq!(
        format_uuid(0),
        "00000000-0000-0000-0000-000000000000",
        "zero keeps every digit"
    );
    assert_eq!(
        format_uuid(u128::MAX),
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "hex digits are lower case"
    );
    assert_eq!(
        format_uuid(0x0123_4567_89ab_cdef_0011_2233_4455_6677),
        "01234567-89ab-cdef-0011-223344556677",
        "the groups are 8, 4, 4, 4 and 12 digits, most significant first"
    );
}

#[test]
fn a_version_4_uuid_keeps_its_random_bits_but_the_version_and_variant() {
    assert_eq!(
        format_uuid(uuid_v4_bits(u128::MAX)),
        "ffffffff-ffff-4fff-bfff-ffffffffffff",
        "all ones but the version nibble 4 and the variant bits 10"
    );
    assert_eq!(
        format_uuid(uuid_v4_bits(0)),
        "00000000-0000-4000-8000-000000000000",
        "all zeros but the version nibble 4 and the variant bits 10"
    );
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn every_uuid_v7_has_the_layout_of_rfc_9562(
        ms in 0u64..(1 << 48),
        rand_a: u16,
        rand_b: u64,
    ) {
        let text = uuid_v7(ms, rand_a, rand_b);
        let groups: Vec<&str> = text.split('-').collect();
        let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        prop_assert_eq!(lens, vec![8, 4, 4, 4, 12], "{} should be 8-4-4-4-12", &text);
        prop_assert!(
            text.chars().all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)),
            "{} should be lower-case hex", &text
        );
        prop_assert_eq!(
            u64::from_str_radix(&format!("{}{}", groups[0], groups[1]), 16).ok(),
            Some(ms),
            "the first 12 hex digits of {} are the milliseconds, {}", &text, ms
        );
        prop_assert_eq!(&groups[2][..1], "7", "{}: the version digit is 7", &text);
        prop_assert!(
            "89ab".contains(&groups[3][..1]),
            "{}: the variant bits 10 make the 17th digit 8, 9, a or b", &text
        );
        prop_assert_eq!(
            u16::from_str_radix(&groups[2][1..], 16).ok(),
            Some(rand_a & 0xfff),
            "{}: digits 14 to 16 are the low 12 bits of rand_a", &text
        );
    }

    #[test]
    fn a_later_millisecond_sorts_later_whatever_the_random_bits(
        a in 0u64..(1 << 48),
        b in 0u64..(1 << 48),
        rand: (u16, u64, u16, u64),
    ) {
        prop_assume!(a != b);
        let (text_a, text_b) = (uuid_v7(a, rand.0, rand.1), uuid_v7(b, rand.2, rand.3));
        prop_assert_eq!(
            text_a.cmp(&text_b),
            a.cmp(&b),
            "{} ({} ms) and {} ({} ms) should sort by time, as text and as numbers",
            &text_a, a, &text_b, b
        );
    }
}

#[test]
fn keys_inserted_in_order_fill_every_page() {
    let mut leaves = LeafPages::new(10);
    assert!(leaves.is_empty(), "new leaf pages hold no key");
    assert_eq!(leaves.pages(), 1, "new leaf pages are one empty page");
    leaves.insert(1);
    assert!(!leaves.is_empty(), "after one insert the pages hold a key");
    for key in 2..=1000u128 {
        leaves.insert(key);
    }
    assert_eq!(leaves.len(), 1000, "1000 keys inserted");
    assert_eq!(
        leaves.page_lens(),
        vec![10; 100],
        "keys that always arrive at the top end leave each page full as the next one \
         starts: 100 pages of 10, not pages split in half"
    );
    assert_eq!(
        leaves.splits(),
        99,
        "each of the 99 new pages came from one split"
    );
    assert_eq!(
        leaves.last_page_inserts(),
        1000,
        "every key in increasing order goes into the last page"
    );
    assert!(
        (leaves.fill() - 1.0).abs() < 1e-12,
        "the pages are 100% full, not {}",
        leaves.fill()
    );
}

#[test]
fn a_key_in_the_middle_of_a_full_page_splits_it_in_half() {
    let mut leaves = LeafPages::new(4);
    for key in [10, 20, 30, 40, 50] {
        leaves.insert(key);
    }
    assert_eq!(
        leaves.page_lens(),
        vec![4, 1],
        "five increasing keys in pages of four: 10 20 30 40 | 50"
    );
    leaves.insert(25);
    assert_eq!(
        leaves.page_lens(),
        vec![2, 3, 1],
        "25 overflows the first page, which is not the last: it splits in half, \
         10 20 | 25 30 40 | 50"
    );
    assert_eq!(
        leaves.keys(),
        vec![10, 20, 25, 30, 40, 50],
        "the keys stay in order across pages"
    );
    leaves.insert(5);
    leaves.insert(15);
    assert_eq!(
        leaves.page_lens(),
        vec![4, 3, 1],
        "5 and 15 go to the first page, whose range holds them"
    );
    leaves.insert(1);
    assert_eq!(
        leaves.page_lens(),
        vec![2, 3, 3, 1],
        "1 overflows the first page again: in half, 1 5 | 10 15 20"
    );
    assert_eq!(leaves.splits(), 3, "three pages overflowed");
    assert_eq!(
        leaves.keys(),
        vec![1, 5, 10, 15, 20, 25, 30, 40, 50],
        "every key, in order"
    );
}

#[test]
fn a_key_below_every_other_goes_into_the_first_page() {
    let mut leaves = LeafPages::new(2);
    for key in [50, 60, 70, 80] {
        leaves.insert(key);
    }
    assert_eq!(leaves.page_lens(), vec![2, 2], "50 60 | 70 80");
    leaves.insert(10);
    assert_eq!(
        leaves.keys(),
        vec![10, 50, 60, 70, 80],
        "a key smaller than every page's first key belongs to the first page"
    );
    assert_eq!(
        leaves.last_page_inserts(),
        4,
        "50 and 60 (when one page was all there was), 70 and 80 went into the last page; \
         10 went into the first"
    );
}

#[test]
fn a_full_last_page_stays_full_and_passes_its_largest_key_on() {
    let mut leaves = LeafPages::new(4);
    for key in [10, 20, 30, 40, 35] {
        leaves.insert(key);
    }
    assert_eq!(
        leaves.keys(),
        vec![10, 20, 30, 35, 40],
        "the keys stay in order"
    );
    assert_eq!(
        leaves.page_lens(),
        vec![4, 1],
        "the last page overflows with 10 20 30 35 40: it keeps four keys and 40 starts the \
         new last page, since the keys to come are most likely above them all"
    );
}

/// Inserts `count` keys made by `key` (given a random source and the index) and
/// returns the leaves, with pages of 64 keys.
fn load(count: usize, mut key: impl FnMut(&mut SplitMix, usize) -> u128) -> LeafPages {
    let mut random = SplitMix(7);
    let mut leaves = LeafPages::new(64);
    for i in 0..count {
        leaves.insert(key(&mut random, i));
    }
    leaves
}

const START_MS: u64 = 1_700_000_000_000;

#[test]
fn uuid_v7_keys_fill_the_pages_and_uuid_v4_keys_leave_them_a_third_empty() {
    let count = 20_000;
    let v7 = load(count, |random, i| {
        let r = random.next_u64();
        uuid_v7_bits(START_MS + i as u64, r as u16, r >> 2)
    });
    let v4 = load(count, |random, _| uuid_v4_bits(random.next_u128()));
    assert!(
        v7.fill() > 0.99,
        "20,000 UUIDv7 keys, one per millisecond, arrive in order: the pages should be full, \
         but they are {:.0}% full in {} pages",
        v7.fill() * 100.0,
        v7.pages()
    );
    assert!(
        (0.6..0.8).contains(&v4.fill()),
        "20,000 UUIDv4 keys land anywhere: pages split in half and refill at random, ending \
         about 69% (ln 2) full; measured {:.0}% in {} pages",
        v4.fill() * 100.0,
        v4.pages()
    );
    assert!(
        v4.pages() * 10 > v7.pages() * 13,
        "the same 20,000 keys need {} pages as UUIDv4 and {} as UUIDv7: random keys take \
         about 45% more room",
        v4.pages(),
        v7.pages()
    );
}

#[test]
fn uuid_v7_keys_write_to_one_page_and_uuid_v4_keys_to_any() {
    let count = 20_000;
    let v7 = load(count, |random, i| {
        let r = random.next_u64();
        uuid_v7_bits(START_MS + (i / 8) as u64, r as u16, r >> 2)
    });
    let v4 = load(count, |random, _| uuid_v4_bits(random.next_u128()));
    assert!(
        v7.last_page_inserts() * 100 > count * 95,
        "UUIDv7 keys, 8 per millisecond, should nearly all go into the last page (the one \
         that stays in memory); {} of {count} did",
        v7.last_page_inserts()
    );
    assert!(
        v4.last_page_inserts() * 100 < count * 5,
        "UUIDv4 keys go to any page at random, rarely the last; {} of {count} did",
        v4.last_page_inserts()
    );
    assert!(
        v7.fill() > 0.85,
        "8 UUIDv7 keys per millisecond arrive nearly in order (random within their \
         millisecond): the pages should stay mostly full, not {:.0}%",
        v7.fill() * 100.0
    );
}
