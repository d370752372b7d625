//! Checks for `exercises/replication/src/quorum.rs`.

use replication::quorum::{Cluster, Config, Hint, Network, Unavailable, Versioned};
use rstest::rstest;

fn strict(n: usize, w: usize, r: usize) -> Config {
    Config {
        n,
        w,
        r,
        sloppy: false,
    }
}

fn sloppy(n: usize, w: usize, r: usize) -> Config {
    Config {
        n,
        w,
        r,
        sloppy: true,
    }
}

#[test]
fn a_write_then_a_read_on_a_healthy_cluster() {
    let mut net = Network::new(3, 10);
    let mut cluster = Cluster::new(strict(3, 2, 2), 3);
    assert_eq!(
        cluster.read(&mut net),
        Ok((None, 10)),
        "nothing written yet: None, after one round trip"
    );
    assert_eq!(
        cluster.write(&mut net, 7),
        Ok(10),
        "a write acknowledged after one round trip"
    );
    assert_eq!(
        cluster.read(&mut net),
        Ok((Some(7), 10)),
        "the read returns the write"
    );
    for node in 0..3 {
        assert_eq!(
            cluster.stored(node).map(|held| held.value),
            Some(7),
            "every reachable home node takes the write, not only the w that are waited for \
             (node {node})"
        );
    }
}

#[rstest]
#[case::node_0_down(0)]
#[case::node_1_down(1)]
#[case::node_2_down(2)]
fn with_r_plus_w_above_n_a_read_sees_the_last_write_whichever_node_missed_it(
    #[case] missed: usize,
) {
    let mut net = Network::new(3, 10);
    let mut cluster = Cluster::new(strict(3, 2, 2), 3);
    cluster.write(&mut net, 1).expect("all nodes up");
    net.drop_next(missed, 1);
    cluster
        .write(&mut net, 2)
        .expect("two of three nodes take the write: W = 2 is met");
    for (fast, ms) in [(0, 1), (1, 2), (2, 3)] {
        net.set_round_trip(fast, ms);
    }
    net.set_round_trip(missed, 0); // the node that missed the write answers first
    let (value, _) = cluster.read(&mut net).expect("all nodes up for the read");
    assert_eq!(
        value,
        Some(2),
        "N = 3, W = 2, R = 2: any two nodes read include one that took the write, \
         even when node {missed}, which missed it, answers first"
    );
}

#[test]
fn with_r_plus_w_at_most_n_a_read_can_miss_an_acknowledged_write() {
    let mut net = Network::new(3, 10);
    let mut cluster = Cluster::new(strict(3, 1, 1), 3);
    cluster.write(&mut net, 1).expect("all nodes up");
    net.drop_next(1, 1);
    net.drop_next(2, 1);
    assert!(
        cluster.write(&mut net, 2).is_ok(),
        "W = 1: node 0 alone acknowledges"
    );
    net.set_round_trip(2, 1);
    assert_eq!(
        cluster.read(&mut net).map(|(value, _)| value),
        Ok(Some(1)),
        "R = 1 reads the fastest node, node 2, which missed the write: the read is stale, \
         as R + W = 2 <= N = 3 allows"
    );
}

#[test]
fn a_strict_quorum_refuses_a_write_it_cannot_make() {
    let mut net = Network::new(5, 10);
    let mut cluster = Cluster::new(strict(3, 2, 2), 5);
    net.cut_off(1);
    net.cut_off(2);
    assert_eq!(
        cluster.write(&mut net, 9),
        Err(Unavailable { answered: 1 }),
        "with home nodes 1 and 2 cut off only node 0 acknowledges: W = 2 is not met, and \
         a strict quorum never asks the fallback nodes 3 and 4"
    );
    assert_eq!(
        cluster.read(&mut net),
        Err(Unavailable { answered: 1 }),
        "and a read cannot gather R = 2 answers either"
    );
}

#[test]
fn a_failed_write_stays_on_the_nodes_it_reached() {
    let mut net = Network::new(3, 10);
    let mut cluster = Cluster::new(strict(3, 3, 1), 3);
    net.cut_off(2);
    assert!(
        cluster.write(&mut net, 5).is_err(),
        "W = 3 with node 2 cut off fails"
    );
    assert_eq!(
        cluster.read(&mut net).map(|(value, _)| value),
        Ok(Some(5)),
        "the client was told the write failed, yet nodes 0 and 1 kept it and a read \
         returns it: a quorum system has no rollback"
    );
}

#[test]
fn a_sloppy_quorum_writes_to_fallbacks_and_hands_off_later() {
    let mut net = Network::new(5, 10);
    let mut cluster = Cluster::new(sloppy(3, 2, 2), 5);
    net.cut_off(1);
    net.cut_off(2);
    assert_eq!(
        cluster.write(&mut net, 9),
        Ok(10),
        "a sloppy quorum counts fallbacks 3 and 4 for home nodes 1 and 2: W = 2 is met"
    );
    let write = Versioned {
        version: 1,
        value: 9,
    };
    assert_eq!(
        cluster.hints(3),
        &[Hint { home: 1, write }],
        "fallback 3 holds the write with a hint naming home node 1"
    );
    assert_eq!(
        cluster.hints(4),
        &[Hint { home: 2, write }],
        "and 4 for home node 2"
    );
    net.reconnect(1);
    cluster.hand_off(&mut net);
    assert_eq!(
        cluster.stored(1),
        Some(write),
        "reconnected node 1 got its write back"
    );
    assert!(cluster.hints(3).is_empty(), "a delivered hint is forgotten");
    assert_eq!(
        cluster.hints(4),
        &[Hint { home: 2, write }],
        "node 2 is still cut off: its hint waits"
    );
}

#[test]
fn a_sloppy_quorum_read_can_miss_a_write_though_r_plus_w_is_above_n() {
    let mut net = Network::new(5, 10);
    let mut cluster = Cluster::new(sloppy(3, 2, 2), 5);
    cluster.write(&mut net, 1).expect("all up");
    // A partition: the writer reaches home node 0 and fallbacks 3 and 4 only.
    net.cut_off(1);
    net.cut_off(2);
    cluster
        .write(&mut net, 2)
        .expect("the sloppy quorum takes the write");
    // The partition moves before any hint is handed off: now 0, 3 and 4 are away.
    for node in [0, 3, 4] {
        net.cut_off(node);
    }
    net.reconnect(1);
    net.reconnect(2);
    assert_eq!(
        cluster.read(&mut net).map(|(value, _)| value),
        Ok(Some(1)),
        "the write went to nodes 0, 3 and 4 and the read asked 1 and 2: R + W = 4 > N = 3 \
         yet the read is stale, because a sloppy quorum's nodes need not overlap"
    );
}

#[test]
fn a_read_repairs_the_stale_nodes_it_asked() {
    let mut net = Network::new(3, 10);
    let mut cluster = Cluster::new(strict(3, 2, 3), 3);
    cluster.write(&mut net, 1).expect("all up");
    net.drop_next(2, 1);
    cluster.write(&mut net, 2).expect("nodes 0 and 1 take it");
    assert_eq!(
        cluster.stored(2).map(|held| held.value),
        Some(1),
        "node 2 missed it"
    );
    assert_eq!(
        cluster.read(&mut net).map(|(value, _)| value),
        Ok(Some(2)),
        "R = 3 sees it"
    );
    assert_eq!(
        cluster.stored(2),
        Some(Versioned {
            version: 2,
            value: 2
        }),
        "the read found node 2 behind and wrote the latest version back to it"
    );
}

#[test]
fn read_repair_only_touches_the_nodes_that_answered_in_time() {
    let mut net = Network::new(3, 10);
    let mut cluster = Cluster::new(strict(3, 2, 1), 3);
    net.drop_next(1, 1);
    net.drop_next(2, 1);
    assert!(
        cluster.write(&mut net, 4).is_err(),
        "only node 0 takes it; W = 2 fails"
    );
    net.set_round_trip(2, 1);
    assert_eq!(
        cluster.read(&mut net).map(|(value, _)| value),
        Ok(None),
        "R = 1 waits for node 2 only, the fastest, which has nothing"
    );
    assert_eq!(
        cluster.stored(1),
        None,
        "node 1 was not among the R answers waited for: left alone"
    );
}

#[rstest]
#[case::one(1, 5)]
#[case::two(2, 40)]
#[case::all_three(3, 150)]
fn a_quorum_waits_for_its_slowest_member(#[case] quorum: usize, #[case] waited_ms: u64) {
    // A local node 5 ms away, one in the next region 40 ms away, one across an ocean.
    let mut net = Network::new(3, 0);
    for (node, ms) in [(0, 150), (1, 5), (2, 40)] {
        net.set_round_trip(node, ms);
    }
    let mut cluster = Cluster::new(strict(3, quorum, quorum), 3);
    assert_eq!(
        cluster.write(&mut net, 1),
        Ok(waited_ms),
        "W = {quorum} over round trips of 150, 5 and 40 ms waits for the {quorum}-th fastest"
    );
    assert_eq!(
        cluster.read(&mut net).map(|(_, ms)| ms),
        Ok(waited_ms),
        "and R = {quorum} the same"
    );
}

#[test]
fn versions_decide_the_latest_not_the_order_of_answers() {
    let mut net = Network::new(3, 10);
    let mut cluster = Cluster::new(strict(3, 1, 3), 3);
    cluster.write(&mut net, 10).expect("all up");
    net.drop_next(0, 1);
    net.drop_next(1, 1);
    cluster.write(&mut net, 20).expect("node 2 takes it");
    net.set_round_trip(2, 30);
    assert_eq!(
        cluster.read(&mut net).map(|(value, _)| value),
        Ok(Some(20)),
        "node 2 answers last but holds version 2: the highest version wins"
    );
}
