//! Checks for `exercises/hashing/src/fnv.rs`.

use hashing::fnv::{fnv1a_64, hash64, mix64, unmix64};
use proptest::prelude::*;
use rstest::rstest;

mod support;
use support::covered_arc;

// Vectors from the FNV reference test suite (Fowler, Noll and Vo).
#[rstest]
#[case::empty_input_is_the_offset_basis(b"", 0xcbf2_9ce4_8422_2325)]
#[case::one_byte(b"a", 0xaf63_dc4c_8601_ec8c)]
#[case::six_bytes(b"foobar", 0x8594_4171_f739_67e8)]
fn matches_the_published_fnv1a_vectors(#[case] input: &[u8], #[case] expected: u64) {
    let got = fnv1a_64(input);
    assert_eq!(
        got,
        expected,
        "fnv1a_64({:?}) = {got:#018x}, expected {expected:#018x}",
        String::from_utf8_lossy(input)
    );
}

#[test]
fn xors_before_it_multiplies() {
    // FNV-1 multiplies first and XORs second; for "a" it gives 0xaf63bd4c8601b7be.
    assert_ne!(
        fnv1a_64(b"a"),
        0xaf63_bd4c_8601_b7be,
        "that is FNV-1 of \"a\": FNV-1a XORs the byte in first, then multiplies"
    );
}

// splitmix64 seeded with 0 adds 0x9e3779b97f4a7c15 before each call of its finalizer;
// these are its first three outputs, from the generator's reference implementation.
#[rstest]
#[case(0x9e37_79b9_7f4a_7c15, 0xe220_a839_7b1d_cdaf)]
#[case(0x3c6e_f372_fe94_f82a, 0x6e78_9e6a_a1b9_65f4)]
#[case(0xdaa6_6d2c_7ddf_743f, 0x06c4_5d18_8009_454f)]
fn mix64_is_the_splitmix64_finalizer(#[case] input: u64, #[case] expected: u64) {
    let got = mix64(input);
    assert_eq!(
        got, expected,
        "mix64({input:#018x}) = {got:#018x}, expected {expected:#018x}"
    );
}

#[rstest]
#[case(0xe220_a839_7b1d_cdaf, 0x9e37_79b9_7f4a_7c15)]
#[case(0x6e78_9e6a_a1b9_65f4, 0x3c6e_f372_fe94_f82a)]
#[case(0, 0)]
fn unmix64_gives_back_what_mix64_was_given(#[case] mixed: u64, #[case] original: u64) {
    let got = unmix64(mixed);
    assert_eq!(
        got, original,
        "mix64({original:#018x}) = {mixed:#018x}, so unmix64({mixed:#018x}) should give \
         {original:#018x} back, not {got:#018x}"
    );
}

#[test]
fn hash64_is_fnv1a_then_mix64() {
    for input in [&b""[..], b"a", b"node-3#17", b"https://example.com/"] {
        assert_eq!(
            hash64(input),
            mix64(fnv1a_64(input)),
            "hash64({:?}) should be mix64(fnv1a_64(...)): FNV-1a first, then the finalizer",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn fnv1a_alone_puts_labels_that_differ_at_the_end_on_a_narrow_arc() {
    // The ten virtual nodes node-3#10 ... node-3#19 differ only in their last byte.
    let labels: Vec<String> = (10..20).map(|i| format!("node-3#{i}")).collect();
    let raw: Vec<u64> = labels.iter().map(|l| fnv1a_64(l.as_bytes())).collect();
    let mixed: Vec<u64> = labels.iter().map(|l| hash64(l.as_bytes())).collect();
    let raw_arc = covered_arc(&raw);
    let mixed_arc = covered_arc(&mixed);
    assert!(
        raw_arc < 1e-6,
        "FNV-1a put the 10 labels on {:.2e} of the ring; their last bytes are digits, \
         which differ in the low four bits only, so the hashes differ by less than 16 \
         times the prime and should fit in a millionth",
        raw_arc
    );
    assert!(
        mixed_arc > 0.5,
        "after mix64 the 10 labels still fit in {mixed_arc:.3} of the ring; a well-mixed \
         hash scatters them all the way round"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(256))]

    #[test]
    fn flipping_one_input_bit_flips_about_half_the_output_bits(x: u64, bit in 0u32..64) {
        // Averaged over 64 neighbouring inputs, so one unlucky input cannot fail it.
        let flipped: u32 = (0..64u64)
            .map(|offset| {
                let input = x.wrapping_add(offset);
                (mix64(input) ^ mix64(input ^ (1 << bit))).count_ones()
            })
            .sum();
        let average = f64::from(flipped) / 64.0;
        prop_assert!(
            (26.0..=38.0).contains(&average),
            "flipping bit {bit} of inputs near {x:#x} flipped {average:.1} of 64 output \
             bits on average; a good finalizer flips about 32"
        );
    }

    #[test]
    fn unmix64_undoes_mix64_for_every_input(x: u64) {
        let mixed = mix64(x);
        let back = unmix64(mixed);
        prop_assert_eq!(
            back, x,
            "mix64({:#018x}) = {:#018x}, and unmix64 of that gave {:#018x}: undo the rounds \
             last first, and undo each XOR-shift fully, from its top bits down",
            x, mixed, back
        );
        prop_assert_eq!(mix64(unmix64(x)), x, "unmix64 must also be undone by mix64");
    }

    #[test]
    fn mix64_never_maps_two_inputs_to_one_output(a: u64, b: u64) {
        prop_assume!(a != b);
        prop_assert_ne!(mix64(a), mix64(b), "mix64 must be a bijection: every step is reversible");
    }
}
