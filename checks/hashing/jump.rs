//! Checks for `exercises/hashing/src/jump.rs`.

use hashing::fnv::hash64;
use hashing::jump::jump_hash;
use proptest::prelude::*;
use rstest::rstest;

mod support;
use support::keys;

// Vectors published with implementations of the paper's algorithm in Python,
// TypeScript and Rust.
#[rstest]
#[case(256, 1024, 520)]
#[case(123_456, 1_000, 984)]
#[case(10_863_919_174_838_991, 11, 6)]
#[case(2_016_238_256_797_177_309, 11, 3)]
// At the largest bucket count the paper's `int32_t` signature allows, computed with the
// paper's code: here a different r (a divisor of `key >> 33` instead of
// `(key >> 33) + 1`) changes the bucket. The paper computes in `f64`; an exact integer
// quotient gives the same buckets here, so either passes.
#[case(1, 2_147_483_647, 262_355_607)]
#[case(2, 2_147_483_647, 736_532_115)]
fn matches_the_published_vectors(#[case] key: u64, #[case] buckets: u32, #[case] expected: u32) {
    assert_eq!(
        jump_hash(key, buckets),
        expected,
        "jump_hash({key}, {buckets}) should be {expected}, as the paper's algorithm \
         gives: one step of the generator before each move, r = ((key >> 33) + 1) / 2^31, \
         and moves while the next one is below the bucket count"
    );
}

#[test]
fn one_bucket_holds_every_key() {
    for key in [0, 1, 42, u64::MAX] {
        assert_eq!(
            jump_hash(key, 1),
            0,
            "jump_hash({key}, 1): with one bucket every key is in bucket 0"
        );
    }
}

#[test]
fn zero_buckets_is_a_bug_in_the_caller() {
    assert_eq!(jump_hash(7, 1), 0, "one bucket works");
    let zero = std::panic::catch_unwind(|| jump_hash(7, 0));
    assert!(
        zero.is_err(),
        "jump_hash(7, 0) should panic: there is no bucket to return"
    );
}

fn buckets_of(keys: &[String], buckets: u32) -> Vec<u32> {
    keys.iter()
        .map(|key| jump_hash(hash64(key.as_bytes()), buckets))
        .collect()
}

#[test]
fn spreads_keys_evenly() {
    let keys = keys(50_000);
    let mut counts = [0usize; 10];
    for bucket in buckets_of(&keys, 10) {
        counts[bucket as usize] += 1;
    }
    for (bucket, &count) in counts.iter().enumerate() {
        assert!(
            (4_750..=5_250).contains(&count),
            "bucket {bucket} holds {count} of 50,000 keys; expected about 5,000. \
             All counts: {counts:?}"
        );
    }
}

/// The fraction of `keys` whose place differs between `before` and `after`.
fn moved(before: &[u32], after: &[u32]) -> f64 {
    let moved = before.iter().zip(after).filter(|(b, a)| b != a).count();
    moved as f64 / before.len() as f64
}

#[rstest]
#[case(3)]
#[case(10)]
#[case(100)]
fn growing_by_one_bucket_moves_one_key_in_n_plus_one_where_mod_moves_nearly_all(#[case] n: u32) {
    let keys = keys(20_000);
    let jumped = moved(&buckets_of(&keys, n), &buckets_of(&keys, n + 1));
    // The same keys under hash mod N, for comparison.
    let hashes: Vec<u64> = keys.iter().map(|key| hash64(key.as_bytes())).collect();
    let modulo = |shards: u32| -> Vec<u32> {
        hashes
            .iter()
            .map(|hash| (hash % u64::from(shards)) as u32)
            .collect()
    };
    let remainders = moved(&modulo(n), &modulo(n + 1));
    let ideal = 1.0 / f64::from(n + 1);
    assert!(
        (jumped - ideal).abs() < 0.01,
        "{:.2}% of 20,000 keys moved from {n} to {} buckets; the new bucket's fair share \
         is 1/{} = {:.2}%, and that is all that should move (hash mod N moved {:.1}% of \
         the same keys)",
        jumped * 100.0,
        n + 1,
        n + 1,
        ideal * 100.0,
        remainders * 100.0
    );
    assert!(
        (remainders - f64::from(n) / f64::from(n + 1)).abs() < 0.02,
        "hash mod N moved {:.1}% of the same keys from {n} to {} buckets; n/(n + 1) = \
         {:.1}% is expected",
        remainders * 100.0,
        n + 1,
        f64::from(n) / f64::from(n + 1) * 100.0
    );
}

#[rstest]
#[case::from_ten_to_a_hundred(10, 100)]
#[case::from_three_to_thirty(3, 30)]
#[case::from_a_hundred_to_four_hundred(100, 400)]
fn a_key_stays_from_n_to_m_buckets_with_chance_n_over_m(#[case] n: u32, #[case] m: u32) {
    let keys = keys(20_000);
    let stayed = 1.0 - moved(&buckets_of(&keys, n), &buckets_of(&keys, m));
    let expected = f64::from(n) / f64::from(m);
    assert!(
        (stayed - expected).abs() < 0.015,
        "{:.2}% of 20,000 keys are in the same bucket at {n} and at {m} buckets; a key \
         survives each step from b to b + 1 buckets with chance b/(b + 1), and the \
         product from {n} to {m} is {n}/{m} = {:.2}%",
        stayed * 100.0,
        expected * 100.0
    );
}

proptest! {
    #![proptest_config(support::proptest_config(1_000))]

    #[test]
    fn the_bucket_is_in_range(key: u64, buckets in 1u32..100_000) {
        let bucket = jump_hash(key, buckets);
        prop_assert!(
            bucket < buckets,
            "jump_hash({}, {}) = {}, past the last bucket, {}",
            key, buckets, bucket, buckets - 1
        );
    }

    #[test]
    fn a_new_bucket_takes_keys_only_for_itself(key: u64, n in 1u32..2_000) {
        let before = jump_hash(key, n);
        let after = jump_hash(key, n + 1);
        prop_assert!(
            after == before || after == n,
            "key {} was in bucket {} of {}, and in bucket {} of {}: growing may only move \
             a key to the new bucket, {}",
            key, before, n, after, n + 1, n
        );
    }
}
