//! Checks for `exercises/partitioning/src/hash_partitioning.rs`.

use std::collections::BTreeSet;

use partitioning::hash_partitioning::{FixedPartitions, Move, count_moved, key_hash, mod_n_node};
use proptest::prelude::*;

mod support;
use support::{keys, proptest_config};

#[test]
fn the_given_hash_is_fnv_1a_then_a_finalizer() {
    for (key, hash) in [
        ("", 0xf52a_15e9_a9b5_e89b_u64),
        ("a", 0x02c0_bdbf_4814_20f8),
        ("user-0", 0x5158_a027_6803_147c),
    ] {
        assert_eq!(
            key_hash(key.as_bytes()),
            hash,
            "key_hash({key:?}) is given: FNV-1a, then SplitMix64's finalizer; the counts in \
             the notes were measured with it, so it must stay as shipped"
        );
    }
}

#[test]
fn mod_n_places_a_key_by_its_hash_modulo_the_node_count() {
    for key in keys(200) {
        for nodes in [1, 3, 10, 11] {
            assert_eq!(
                u64::from(mod_n_node(key.as_bytes(), nodes)),
                key_hash(key.as_bytes()) % u64::from(nodes),
                "{key:?} on {nodes} nodes: key_hash(key) % {nodes}"
            );
        }
    }
}

#[test]
fn counts_the_keys_whose_node_changes() {
    let keys = ["a", "b", "c", "d"];
    let moved = count_moved(
        &keys,
        |key| u32::from(key[0]),
        |key| u32::from(key[0] == b'a') * 97,
    );
    assert_eq!(
        moved, 3,
        "before, the node of each key is its byte; after, a is on 97 (its byte) and the others \
         on 0: three keys changed node"
    );
    let none: [&str; 0] = [];
    assert_eq!(
        count_moved(&none, |_| 0, |_| 1),
        0,
        "no keys, nothing moved"
    );
}

#[test]
fn mod_n_moves_ten_keys_in_eleven_from_10_to_11_nodes() {
    let keys = keys(50_000);
    let moved = count_moved(&keys, |k| mod_n_node(k, 10), |k| mod_n_node(k, 11));
    let fraction = moved as f64 / keys.len() as f64;
    assert!(
        (fraction - 10.0 / 11.0).abs() < 0.01,
        "from 10 to 11 nodes by hash mod N, a key stays only when both remainders agree, 1 in \
         11: about 90.9% should move, but {moved} of 50,000 ({:.1}%) did",
        fraction * 100.0
    );
}

#[test]
fn deals_the_partitions_round_the_nodes() {
    let table = FixedPartitions::new(12, 3);
    assert_eq!(
        (table.partitions(), table.nodes()),
        (12, 3),
        "12 partitions on 3 nodes"
    );
    assert_eq!(
        (0..3).map(|n| table.partitions_of(n)).collect::<Vec<_>>(),
        vec![vec![0, 3, 6, 9], vec![1, 4, 7, 10], vec![2, 5, 8, 11]],
        "partition p starts on node p % 3"
    );
}

#[test]
fn a_keys_partition_depends_on_the_partition_count_only() {
    let table = FixedPartitions::new(256, 10);
    for key in keys(200) {
        let partition = table.partition_of(key.as_bytes());
        assert_eq!(
            u64::from(partition),
            key_hash(key.as_bytes()) % 256,
            "{key:?}: its partition is key_hash(key) % 256, the fixed partition count, not the \
             node count"
        );
        assert_eq!(
            table.node_of(key.as_bytes()),
            table.owner(partition),
            "{key:?} is on the node that owns its partition {partition}"
        );
    }
}

#[test]
fn a_new_node_takes_one_partition_from_each_of_the_busiest() {
    let mut table = FixedPartitions::new(12, 3);
    let moves = table.add_node();
    assert_eq!(
        moves,
        vec![
            Move {
                partition: 9,
                from: 0,
                to: 3
            },
            Move {
                partition: 10,
                from: 1,
                to: 3
            },
            Move {
                partition: 11,
                from: 2,
                to: 3
            },
        ],
        "12 partitions on 4 nodes is 3 each: node 3 takes one from each node in turn, the \
         busiest first (node 0 of equals), each giving up its highest-numbered partition"
    );
    assert_eq!(table.nodes(), 4, "a fourth node was added");
    assert_eq!(table.partitions(), 12, "the partition count never changes");
    assert_eq!(
        table.partitions_of(3),
        vec![9, 10, 11],
        "node 3 owns what it took"
    );
    assert_eq!(
        table.partitions_of(0),
        vec![0, 3, 6],
        "node 0 kept the rest of its partitions"
    );
}

/// Checks that every node owns `partitions / nodes` partitions or one more.
fn assert_balanced(table: &FixedPartitions) {
    let (p, n) = (table.partitions(), table.nodes());
    let counts: Vec<usize> = (0..n).map(|node| table.partitions_of(node).len()).collect();
    let low = (p / n) as usize;
    assert!(
        counts.iter().all(|&c| c == low || c == low + 1),
        "{p} partitions on {n} nodes should be {low} or {} each; counts by node: {counts:?}",
        low + 1
    );
    assert_eq!(
        counts.iter().sum::<usize>(),
        p as usize,
        "every partition has one owner"
    );
}

#[test]
fn each_new_node_takes_just_its_share_and_leaves_every_node_balanced() {
    let mut table = FixedPartitions::new(256, 1);
    for nodes in 2..=40u32 {
        let before: Vec<u32> = (0..256).map(|p| table.owner(p)).collect();
        let moves = table.add_node();
        assert_eq!(
            moves.len(),
            (256 / nodes) as usize,
            "going to {nodes} nodes, the new node needs 256 / {nodes} = {} partitions and \
             nothing else should move; {} partitions moved",
            256 / nodes,
            moves.len()
        );
        for m in &moves {
            assert_eq!(
                m.to,
                nodes - 1,
                "{m:?}: every move goes to the new node {}",
                nodes - 1
            );
            assert_eq!(
                before[m.partition as usize], m.from,
                "{m:?}: the move must come from the partition's owner"
            );
            assert_eq!(
                table.owner(m.partition),
                m.to,
                "{m:?}: the table must say so"
            );
        }
        let moved: BTreeSet<u32> = moves.iter().map(|m| m.partition).collect();
        for p in 0..256 {
            if !moved.contains(&p) {
                assert_eq!(
                    table.owner(p),
                    before[p as usize],
                    "partition {p} was not in the moves but changed owner going to {nodes} nodes"
                );
            }
        }
        assert_balanced(&table);
    }
}

#[test]
fn from_10_to_11_nodes_only_the_moved_partitions_keys_move() {
    let keys = keys(50_000);
    let mut table = FixedPartitions::new(256, 10);
    let before = table.clone();
    let moves = table.add_node();
    let moved_partitions: BTreeSet<u32> = moves.iter().map(|m| m.partition).collect();
    let moved = count_moved(&keys, |k| before.node_of(k), |k| table.node_of(k));
    let in_moved_partitions = keys
        .iter()
        .filter(|k| moved_partitions.contains(&table.partition_of(k.as_bytes())))
        .count();
    assert_eq!(
        moved,
        in_moved_partitions,
        "exactly the keys of the {} moved partitions should change node: {} keys are in them, \
         {moved} changed node",
        moved_partitions.len(),
        in_moved_partitions
    );
    let fraction = moved as f64 / keys.len() as f64;
    assert!(
        (fraction - 23.0 / 256.0).abs() < 0.01,
        "the new node takes 23 of 256 partitions, so about 9.0% of keys should move; \
         {moved} of 50,000 ({:.1}%) did, against 90.9% by hash mod N",
        fraction * 100.0
    );
    for key in &keys {
        let (from, to) = (
            before.node_of(key.as_bytes()),
            table.node_of(key.as_bytes()),
        );
        assert!(
            from == to || to == 10,
            "{key:?} moved from node {from} to node {to}: keys may only move to the new node 10"
        );
    }
}

proptest! {
    #![proptest_config(proptest_config(64))]

    #[test]
    fn adding_nodes_moves_only_what_the_new_node_takes(
        partitions in 1u32..300,
        start in 1u32..8,
        added in 1u32..6,
    ) {
        prop_assume!(partitions >= start + added);
        let mut table = FixedPartitions::new(partitions, start);
        for _ in 0..added {
            let before: Vec<u32> = (0..partitions).map(|p| table.owner(p)).collect();
            let new = table.nodes();
            let moves = table.add_node();
            prop_assert_eq!(moves.len() as u32, partitions / (new + 1),
                "{} partitions going to {} nodes: the new node takes its share only", partitions, new + 1);
            for p in 0..partitions {
                let (was, is) = (before[p as usize], table.owner(p));
                prop_assert!(was == is || is == new,
                    "partition {} went from node {} to node {}, not to the new node {}", p, was, is, new);
            }
            assert_balanced(&table);
        }
    }
}
