//! Checks for `exercises/hashing/src/modulo.rs`.

use hashing::fnv::hash64;
use hashing::modulo::{
    expected_moved_between, expected_moved_fraction, moved_fraction, shard_for, shard_of_id,
};
use rstest::rstest;

mod support;
use support::keys;

#[rstest]
#[case(101, 2)]
#[case(102, 0)]
#[case(103, 1)]
#[case(104, 2)]
fn places_user_ids_on_three_servers(#[case] id: u64, #[case] server: u32) {
    assert_eq!(
        shard_of_id(id, 3),
        server,
        "user {id} on 3 servers: {id} % 3 = {server}"
    );
}

#[test]
fn a_fourth_server_moves_three_users_in_four() {
    let moved: Vec<u64> = (1..=12)
        .filter(|&id| shard_of_id(id, 3) != shard_of_id(id, 4))
        .collect();
    assert_eq!(
        moved.len(),
        9,
        "of users 1 to 12, only 1, 2 and 12 have the same remainder mod 3 and mod 4; \
         moved: {moved:?}"
    );
}

#[test]
fn a_keys_shard_is_its_hash_modulo_the_shard_count() {
    for key in keys(100) {
        for shards in [1, 2, 7, 10] {
            assert_eq!(
                u64::from(shard_for(key.as_bytes(), shards)),
                hash64(key.as_bytes()) % u64::from(shards),
                "shard_for({key:?}, {shards}) should be hash64(key) % {shards}, all 64 bits \
                 of the mixed hash reduced modulo the shard count"
            );
        }
    }
}

#[test]
fn hashing_spreads_keys_evenly() {
    let keys = keys(50_000);
    let mut counts = [0usize; 10];
    for key in &keys {
        counts[shard_for(key.as_bytes(), 10) as usize] += 1;
    }
    for (shard, &count) in counts.iter().enumerate() {
        assert!(
            (4_750..=5_250).contains(&count),
            "shard {shard} holds {count} of 50,000 keys; ten shards should each hold \
             about 5,000. All counts: {counts:?}"
        );
    }
}

#[rstest]
#[case::from_three_to_four(3)]
#[case::from_five_to_six(5)]
#[case::from_ten_to_eleven(10)]
#[case::from_fifty_to_fifty_one(50)]
fn adding_one_shard_moves_nearly_every_key(#[case] n: u32) {
    let expected = expected_moved_fraction(n);
    assert!(
        (expected - f64::from(n) / f64::from(n + 1)).abs() < 1e-12,
        "from {n} to {} shards a key stays only if both remainders agree, 1 in {}: \
         expected_moved_fraction({n}) should be {n}/{}, not {expected}",
        n + 1,
        n + 1,
        n + 1
    );
    let measured = moved_fraction(&keys(20_000), n, n + 1);
    assert!(
        (measured - expected).abs() < 0.02,
        "{:.1}% of 20,000 keys moved from {n} to {} shards; expected about {:.1}%",
        measured * 100.0,
        n + 1,
        expected * 100.0
    );
}

#[test]
fn the_moved_fraction_of_no_keys_is_zero() {
    let none: [&[u8]; 0] = [];
    let fraction = moved_fraction(&none, 3, 4);
    assert_eq!(
        fraction, 0.0,
        "with no keys nothing moves: the fraction is 0, not {fraction} from dividing by zero"
    );
}

#[rstest]
#[case::adding_one_to_three(3, 4, 9, 12)]
#[case::adding_one_to_ten(10, 11, 100, 110)]
#[case::doubling(10, 20, 1, 2)]
#[case::halving(20, 10, 1, 2)]
#[case::from_four_to_six(4, 6, 2, 3)]
#[case::from_six_to_four(6, 4, 2, 3)]
#[case::from_eight_to_twelve(8, 12, 2, 3)]
#[case::no_change(7, 7, 0, 1)]
fn the_expected_move_follows_from_the_remainders(
    #[case] from: u32,
    #[case] to: u32,
    #[case] numerator: u32,
    #[case] denominator: u32,
) {
    let expected = f64::from(numerator) / f64::from(denominator);
    let got = expected_moved_between(from, to);
    assert!(
        (got - expected).abs() < 1e-12,
        "from {from} to {to} shards, {numerator}/{denominator} of the keys should move: \
         both remainders start over together every lcm({from}, {to}) hashes, and in each \
         such run only the hashes below both counts keep their shard; got {got}"
    );
}

#[rstest]
#[case::doubling(10, 20)]
#[case::from_four_to_six(4, 6)]
#[case::shrinking(12, 8)]
fn the_measured_move_agrees_with_the_expected_one(#[case] from: u32, #[case] to: u32) {
    let measured = moved_fraction(&keys(20_000), from, to);
    let expected = expected_moved_between(from, to);
    assert!(
        (measured - expected).abs() < 0.02,
        "{:.1}% of 20,000 keys moved from {from} to {to} shards, but \
         expected_moved_between({from}, {to}) says {:.1}%",
        measured * 100.0,
        expected * 100.0
    );
}

#[test]
fn adding_one_shard_is_the_case_n_to_n_plus_one() {
    for n in [1, 2, 3, 10, 99] {
        let one = expected_moved_fraction(n);
        let between = expected_moved_between(n, n + 1);
        assert!(
            (one - between).abs() < 1e-12,
            "expected_moved_fraction({n}) = {one} but expected_moved_between({n}, {}) = \
             {between}: adding one shard is one case of the general rule",
            n + 1
        );
    }
}
