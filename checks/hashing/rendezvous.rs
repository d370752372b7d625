//! Checks for `exercises/hashing/src/rendezvous.rs`.

use hashing::fnv::{hash64, mix64};
use hashing::rendezvous::{Rendezvous, score};
use proptest::prelude::*;

mod support;
use support::{keys, moved_only_from, moved_only_to, nodes, owners, shares};

fn with_nodes(names: &[String]) -> Rendezvous {
    let mut nodes = Rendezvous::new();
    for name in names {
        nodes.add(name);
    }
    nodes
}

#[test]
fn no_nodes_no_owner() {
    let nodes = Rendezvous::new();
    assert!(nodes.is_empty());
    assert_eq!(nodes.node_for(b"user-1"), None);
}

#[test]
fn the_score_mixes_the_node_and_key_hashes() {
    for (node, key) in [("node-1", "user-1"), ("cache-a", "video-102"), ("", "")] {
        assert_eq!(
            score(node, key.as_bytes()),
            mix64(hash64(node.as_bytes()) ^ hash64(key.as_bytes())),
            "score({node:?}, {key:?}) should be mix64(hash64(node) ^ hash64(key)): the \
             two hashes XORed, then mixed so that near pairs score far apart"
        );
    }
}

#[test]
fn a_key_goes_to_the_node_with_the_highest_score() {
    let names = nodes(7);
    let nodes = with_nodes(&names);
    assert_eq!(
        (nodes.len(), nodes.is_empty()),
        (7, false),
        "7 nodes added, as (len, is_empty)"
    );
    for key in keys(300) {
        let best = names
            .iter()
            .max_by_key(|n| score(n, key.as_bytes()))
            .unwrap();
        assert_eq!(
            nodes.node_for(key.as_bytes()),
            Some(best.as_str()),
            "{key:?} scores highest on {best}"
        );
    }
}

#[test]
fn adding_a_node_twice_or_removing_an_absent_one_changes_nothing() {
    let mut nodes = with_nodes(&["a".into(), "b".into()]);
    nodes.add("a");
    nodes.remove("zzz");
    assert_eq!(
        nodes.len(),
        2,
        "a and b, then a again and an absent zzz removed: still 2 nodes"
    );
}

#[test]
fn spreads_keys_evenly_without_virtual_nodes() {
    let keys = keys(50_000);
    let nodes = with_nodes(&nodes(10));
    let shares = shares(&owners(&keys, |k| nodes.node_for(k)));
    for (node, &share) in &shares {
        assert!(
            (4_750..=5_250).contains(&share),
            "{node} holds {share} of 50,000 keys; expected about 5,000. All shares: {shares:?}"
        );
    }
}

proptest! {
    #![proptest_config(support::proptest_config(48))]

    #[test]
    fn placement_does_not_depend_on_the_order_nodes_joined(
        order in Just((0..6).collect::<Vec<usize>>()).prop_shuffle()
    ) {
        let names = nodes(6);
        let shuffled: Vec<String> = order.iter().map(|&i| names[i].clone()).collect();
        let (a, b) = (with_nodes(&names), with_nodes(&shuffled));
        let keys = keys(500);
        prop_assert_eq!(owners(&keys, |k| a.node_for(k)), owners(&keys, |k| b.node_for(k)));
    }

    #[test]
    fn a_new_node_takes_keys_only_for_itself_and_about_its_share(
        count in 2usize..12,
        new_node in "[a-z]{1,8}",
    ) {
        let keys = keys(4_000);
        let mut nodes = with_nodes(&nodes(count));
        let before = owners(&keys, |k| nodes.node_for(k));
        nodes.add(&new_node);
        let after = owners(&keys, |k| nodes.node_for(k));
        let fraction = moved_only_to(&new_node, &keys, &before, &after)?;
        let ideal = 1.0 / (count + 1) as f64;
        prop_assert!(
            (fraction - ideal).abs() < ideal * 0.25,
            "adding a node to {} moved {:.1}% of the keys; expected about 1/{} = {:.1}%",
            count, fraction * 100.0, count + 1, ideal * 100.0
        );
    }

    #[test]
    fn removing_a_node_moves_only_its_own_keys(count in 2usize..12, victim in 0usize..12) {
        let names = nodes(count);
        let victim = &names[victim % count];
        let keys = keys(2_000);
        let mut nodes = with_nodes(&names);
        let before = owners(&keys, |k| nodes.node_for(k));
        nodes.remove(victim);
        let after = owners(&keys, |k| nodes.node_for(k));
        moved_only_from(victim, &keys, &before, &after)?;
        prop_assert!(
            after.iter().all(|owner| owner != victim),
            "{} was removed but still owns keys", victim
        );
        prop_assert_eq!(nodes.len(), count - 1, "{} nodes, one removed", count);
    }
}
