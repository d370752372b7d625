//! Checks for `exercises/hashing/src/bloom.rs`.

use hashing::bloom::{BloomFilter, optimal_bits, optimal_hashes};
use proptest::prelude::*;
use rstest::rstest;

mod support;

#[rstest]
#[case::one_percent(1_000_000, 0.01, 9_585_059, 7)]
#[case::a_tenth_of_a_percent(1_000_000, 0.001, 14_377_588, 10)]
#[case::ten_percent(1_000, 0.1, 4_793, 3)]
fn sizes_the_filter_from_a_count_and_a_rate(
    #[case] expected: u64,
    #[case] fp_rate: f64,
    #[case] bits: u64,
    #[case] hashes: u32,
) {
    assert_eq!(
        optimal_bits(expected, fp_rate),
        bits,
        "{expected} items at {fp_rate}: -n ln p / (ln 2)^2 = {bits} bits, rounded up"
    );
    assert_eq!(
        optimal_hashes(bits, expected),
        hashes,
        "{bits} bits for {expected} items: (m / n) ln 2 rounds to {hashes} hashes"
    );
    let filter = BloomFilter::new(expected, fp_rate);
    assert_eq!(
        (filter.bits(), filter.hashes()),
        (bits, hashes),
        "BloomFilter::new({expected}, {fp_rate}) should have optimal_bits bits and \
         optimal_hashes hashes, as (bits, hashes)"
    );
}

#[test]
fn a_filter_never_uses_fewer_than_one_bit_or_hash() {
    assert_eq!(
        optimal_bits(0, 0.5),
        1,
        "a filter for no items still has one bit"
    );
    assert_eq!(
        optimal_hashes(1, 1_000),
        1,
        "1 bit for 1,000 items rounds to 0 hashes, but an item sets at least one bit"
    );
}

#[rstest]
#[case(0.0)]
#[case(1.0)]
#[case(-0.5)]
#[case(f64::NAN)]
fn a_rate_outside_zero_to_one_is_refused(#[case] fp_rate: f64) {
    assert!(optimal_bits(100, 0.5) > 0, "a rate of 0.5 is fine");
    let result = std::panic::catch_unwind(|| optimal_bits(100, fp_rate));
    assert!(
        result.is_err(),
        "optimal_bits(100, {fp_rate}) should panic: no filter has that rate"
    );
}

#[test]
fn an_empty_filter_contains_nothing() {
    let filter = BloomFilter::new(100, 0.01);
    assert!(
        !filter.contains(b"anything"),
        "nothing was inserted, yet \"anything\" is reported present"
    );
    assert!(
        !filter.contains(b""),
        "nothing was inserted, yet the empty item is reported present"
    );
}

#[test]
fn the_expected_rate_follows_the_formula() {
    let filter = BloomFilter::new(10_000, 0.01);
    let (m, k) = (filter.bits() as f64, f64::from(filter.hashes()));
    for n in [0u64, 1_000, 10_000, 20_000] {
        let formula = (1.0 - (-k * n as f64 / m).exp()).powf(k);
        assert!(
            (filter.expected_fp_rate(n) - formula).abs() < 1e-12,
            "after {n} items: (1 - e^(-kn/m))^k = {formula}"
        );
    }
    assert!(
        (filter.expected_fp_rate(10_000) - 0.01).abs() < 0.0005,
        "a filter sized for 10,000 items at 1% should expect about 1% at 10,000 items"
    );
}

#[test]
fn the_measured_false_positive_rate_is_near_the_formula() {
    let mut filter = BloomFilter::new(10_000, 0.01);
    for i in 0..10_000 {
        filter.insert(format!("member-{i}").as_bytes());
    }
    let probes = 100_000;
    let false_positives = (0..probes)
        .filter(|i| filter.contains(format!("stranger-{i}").as_bytes()))
        .count();
    let measured = false_positives as f64 / f64::from(probes);
    let expected = filter.expected_fp_rate(10_000);
    assert!(
        (measured - expected).abs() < expected * 0.2,
        "{false_positives} of {probes} strangers were reported present: {:.3}%, but the \
         formula expects {:.3}%. Are the {} bit positions of an item independent of each other?",
        measured * 100.0,
        expected * 100.0,
        filter.hashes()
    );
}

proptest! {
    #![proptest_config(support::proptest_config(64))]

    #[test]
    fn never_forgets_an_item(
        items in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..24), 1..300)
    ) {
        // Sized for a tenth of what it gets, so it is crowded: still no false negatives.
        let mut filter = BloomFilter::new(items.len() as u64 / 10 + 1, 0.05);
        for item in &items {
            filter.insert(item);
        }
        for item in &items {
            prop_assert!(filter.contains(item), "{:?} was inserted but is reported absent", item);
        }
    }
}
