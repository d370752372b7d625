//! Checks for `exercises/hashing/src/ring.rs`.

use hashing::fnv::{fnv1a_64, hash64};
use hashing::ring::{Ring, vnode_label};
use proptest::prelude::*;

mod support;
use support::{keys, moved_only_from, moved_only_to, nodes, owners, shares, worst_imbalance};

/// Positions chosen by hand, as in the seed's example: servers A, B and C at 10, 30
/// and 50 on a ring, videos hashing to 28, 48 and so on.
fn hand_placed(label: &[u8]) -> u64 {
    match label {
        b"A#0" => 10,
        b"B#0" => 30,
        b"C#0" => 50,
        b"video-102" => 28,
        b"video-205" => 48,
        b"video-on-a" => 10,
        b"video-past-c" => 60,
        b"video-at-zero" => 0,
        other => panic!(
            "no hand-placed position for {:?}",
            String::from_utf8_lossy(other)
        ),
    }
}

fn seed_ring() -> Ring {
    let mut ring = Ring::with_hash(1, hand_placed);
    for node in ["A", "B", "C"] {
        ring.add(node);
    }
    ring
}

#[test]
fn an_empty_ring_has_no_node_for_any_key() {
    assert_eq!(Ring::new(10).node_for(b"user-1"), None);
}

#[test]
fn a_key_goes_to_the_next_point_clockwise() {
    let ring = seed_ring();
    assert_eq!(
        ring.node_for(b"video-102"),
        Some("B"),
        "28 is just before B at 30"
    );
    assert_eq!(
        ring.node_for(b"video-205"),
        Some("C"),
        "48 is just before C at 50"
    );
    assert_eq!(
        ring.node_for(b"video-on-a"),
        Some("A"),
        "a key exactly on A's point is A's"
    );
}

#[test]
fn past_the_last_point_a_key_wraps_round_to_the_first() {
    let ring = seed_ring();
    assert_eq!(
        ring.node_for(b"video-past-c"),
        Some("A"),
        "60 is past C at 50: wrap to A at 10"
    );
    assert_eq!(ring.node_for(b"video-at-zero"), Some("A"));
}

#[test]
fn removing_a_node_hands_its_keys_to_the_next_one() {
    let mut ring = seed_ring();
    ring.remove("B");
    assert_eq!(
        ring.node_for(b"video-102"),
        Some("C"),
        "with B gone, 28 goes on to C at 50"
    );
    assert_eq!(ring.node_for(b"video-205"), Some("C"));
    ring.remove("B");
    ring.remove("never-added");
    assert_eq!(
        ring.node_for(b"video-on-a"),
        Some("A"),
        "removing an absent node changes nothing"
    );
}

#[test]
fn a_removed_node_is_off_the_ring_and_can_join_again() {
    let mut ring = seed_ring();
    ring.remove("B");
    assert!(
        !ring.contains("B"),
        "after remove(\"B\"), contains(\"B\") is still true: the name must go with its points"
    );
    assert_eq!(
        ring.nodes(),
        ["A", "C"],
        "after remove(\"B\"), nodes() should list only A and C"
    );
    ring.add("B");
    assert!(
        ring.points().contains(&(30, "B")),
        "B was removed and added again, but its point at 30 is not back on the ring: \
         remove must forget the name, or add thinks B is still there. Points: {:?}",
        ring.points()
    );
    assert_eq!(
        ring.node_for(b"video-102"),
        Some("B"),
        "with B back at 30, the key at 28 is B's again"
    );
}

/// Two nodes whose points land on one position, 30, and a key just before it.
fn colliding(label: &[u8]) -> u64 {
    match label {
        b"A#0" => 10,
        b"B#0" | b"D#0" => 30,
        b"video-102" => 28,
        other => panic!(
            "no hand-placed position for {:?}",
            String::from_utf8_lossy(other)
        ),
    }
}

#[test]
fn two_points_on_one_position_go_to_the_name_that_sorts_first_whatever_the_join_order() {
    for order in [["A", "B", "D"], ["A", "D", "B"], ["D", "B", "A"]] {
        let mut ring = Ring::with_hash(1, colliding);
        for node in order {
            ring.add(node);
        }
        assert_eq!(
            ring.node_for(b"video-102"),
            Some("B"),
            "B and D both sit at 30 and the key is at 28; with nodes added as {order:?} \
             the tie should go to B, the name that sorts first, not to whichever joined first"
        );
    }
}

#[test]
fn each_node_has_its_virtual_nodes_on_the_ring() {
    let mut ring = Ring::new(4);
    ring.add("node-a");
    ring.add("node-b");
    ring.add("node-a");
    let points = ring.points();
    assert_eq!(
        points.len(),
        8,
        "2 nodes of 4 virtual nodes; adding node-a twice adds nothing"
    );
    assert!(
        points.windows(2).all(|w| w[0] <= w[1]),
        "points() runs in ring order: {points:?}"
    );
    for node in ["node-a", "node-b"] {
        for i in 0..4 {
            let position = hash64(vnode_label(node, i).as_bytes());
            assert!(
                points.contains(&(position, node)),
                "{node} virtual node {i} belongs at hash64({:?}) = {position}",
                vnode_label(node, i)
            );
        }
    }
    assert_eq!(ring.nodes(), ["node-a", "node-b"]);
    assert!(ring.contains("node-b") && !ring.contains("node-c"));
}

fn ring_of(nodes: &[String], vnodes: u32, hash: fn(&[u8]) -> u64) -> Ring {
    let mut ring = Ring::with_hash(vnodes, hash);
    for node in nodes {
        ring.add(node);
    }
    ring
}

#[test]
fn a_hundred_virtual_nodes_each_balance_ten_nodes_within_a_quarter_of_the_mean() {
    let keys = keys(50_000);
    let ring = ring_of(&nodes(10), 100, hash64);
    let shares = shares(&owners(&keys, |k| ring.node_for(k)));
    for (node, &share) in &shares {
        assert!(
            (3_750..=6_250).contains(&share),
            "{node} holds {share} of 50,000 keys; with 100 virtual nodes each, every node \
             should be within 25% of the mean, 5,000. All shares: {shares:?}"
        );
    }
    assert_eq!(shares.len(), 10, "every node should hold some keys");
}

#[test]
fn without_the_finalizer_a_nodes_virtual_nodes_cluster_and_balance_suffers() {
    let keys = keys(50_000);
    let mixed = ring_of(&nodes(10), 100, hash64);
    let raw = ring_of(&nodes(10), 100, fnv1a_64);
    let mixed_worst = worst_imbalance(&shares(&owners(&keys, |k| mixed.node_for(k))), 50_000, 10);
    let raw_worst = worst_imbalance(&shares(&owners(&keys, |k| raw.node_for(k))), 50_000, 10);
    assert!(
        raw_worst > 2.0 && mixed_worst < 1.25,
        "the busiest node holds {raw_worst:.2}x its fair share with raw FNV-1a and \
         {mixed_worst:.2}x with FNV-1a then mix64; labels like node-3#17 and node-3#18 \
         should land far apart only once mixed"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(48))]

    #[test]
    fn placement_does_not_depend_on_the_order_nodes_joined(
        order in Just((0..6).collect::<Vec<usize>>()).prop_shuffle()
    ) {
        let names = nodes(6);
        let in_order = ring_of(&names, 20, hash64);
        let shuffled_names: Vec<String> = order.iter().map(|&i| names[i].clone()).collect();
        let shuffled = ring_of(&shuffled_names, 20, hash64);
        let keys = keys(500);
        prop_assert_eq!(
            owners(&keys, |k| in_order.node_for(k)),
            owners(&keys, |k| shuffled.node_for(k)),
            "nodes added as {:?} place keys differently from the same nodes in order",
            shuffled_names
        );
    }

    #[test]
    fn a_new_node_takes_keys_only_for_itself_and_about_its_share(
        count in 2usize..12,
        new_node in "[a-z]{1,8}",
    ) {
        let keys = keys(4_000);
        let mut ring = ring_of(&nodes(count), 50, hash64);
        let before = owners(&keys, |k| ring.node_for(k));
        ring.add(&new_node);
        let after = owners(&keys, |k| ring.node_for(k));
        let fraction = moved_only_to(&new_node, &keys, &before, &after)?;
        let ideal = 1.0 / (count + 1) as f64;
        prop_assert!(
            fraction > ideal * 0.4 && fraction < ideal * 1.8,
            "adding a node to {} moved {:.1}% of the keys; about 1/{} = {:.1}% is expected, \
             and hash mod N would move {:.0}%",
            count, fraction * 100.0, count + 1, ideal * 100.0,
            count as f64 / (count + 1) as f64 * 100.0
        );
    }

    #[test]
    fn removing_a_node_moves_only_its_own_keys(count in 2usize..12, victim in 0usize..12) {
        let names = nodes(count);
        let victim = &names[victim % count];
        let keys = keys(2_000);
        let mut ring = ring_of(&names, 50, hash64);
        let before = owners(&keys, |k| ring.node_for(k));
        ring.remove(victim);
        let after = owners(&keys, |k| ring.node_for(k));
        moved_only_from(victim, &keys, &before, &after)?;
        prop_assert!(after.iter().all(|owner| owner != victim), "{} still owns keys", victim);
    }
}

/// Draws the ring from position 0 round to the top: each virtual node, and each key
/// with the node it belongs to, at its position as a percentage of the ring.
fn render(ring: &Ring, keys: &[&str]) -> String {
    let mut lines: Vec<(u64, String)> = ring
        .points()
        .into_iter()
        .map(|(position, node)| (position, format!("node  {node}")))
        .collect();
    lines.extend(keys.iter().map(|key| {
        let owner = ring.node_for(key.as_bytes()).unwrap_or("nobody");
        (hash64(key.as_bytes()), format!("  key {key} -> {owner}"))
    }));
    lines.sort();
    lines
        .iter()
        .map(|(position, line)| {
            format!(
                "{:6.2}%  {line}\n",
                *position as f64 / 2f64.powi(64) * 100.0
            )
        })
        .collect()
}

#[test]
fn a_small_ring_drawn_in_order() {
    let mut ring = Ring::new(3);
    for node in ["cache-a", "cache-b", "cache-c"] {
        ring.add(node);
    }
    let keys = [
        "video-101",
        "video-102",
        "video-103",
        "video-104",
        "video-205",
        "video-306",
    ];
    insta::assert_snapshot!(render(&ring, &keys));
}
