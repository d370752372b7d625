//! Checks for `exercises/replication/src/gossip.rs`.

use replication::gossip::Gossip;

/// A cluster of `n` replicas where replica `i` has counted `i + 1`.
fn counted(n: usize, seed: u64) -> (Gossip, u64) {
    let mut gossip = Gossip::new(n, seed);
    for i in 0..n {
        gossip.increment(i, i as u64 + 1);
    }
    (gossip, (1..=n as u64).sum())
}

#[test]
fn fresh_replicas_agree_and_need_no_round() {
    let mut gossip = Gossip::new(8, 1);
    assert!(gossip.converged(), "replicas that counted nothing agree");
    assert_eq!(
        gossip.rounds_until_converged(1, 10),
        Some(0),
        "replicas that already agree converge in 0 rounds"
    );
}

#[test]
fn one_increment_means_the_replicas_differ() {
    let mut gossip = Gossip::new(3, 1);
    gossip.increment(0, 1);
    assert!(
        !gossip.converged(),
        "r0 counted 1, r1 and r2 nothing: not converged"
    );
}

#[test]
fn equal_values_from_different_increments_are_not_agreement() {
    let mut gossip = Gossip::new(3, 1);
    for i in 0..3 {
        gossip.increment(i, 1);
    }
    assert!(
        !gossip.converged(),
        "each replica counted 1 of its own and reads 1, but none has heard of the others'          increments (the total is 3): equal values are not equal states"
    );
}

#[test]
fn pushing_to_every_peer_converges_in_one_round() {
    let (mut gossip, total) = counted(5, 7);
    assert_eq!(
        gossip.rounds_until_converged(40, 10),
        Some(1),
        "with a fanout of 40 to 4 peers, every replica almost surely reaches every \
         other in the first round (seed 7 does)"
    );
    for i in 0..5 {
        assert_eq!(
            gossip.replica(i).value(),
            total,
            "replica {i} counts every increment"
        );
    }
}

#[test]
fn a_round_sends_the_state_from_the_start_of_the_round() {
    // Two replicas, fanout 1: each pushes to the other. If r1 merged r0's state and
    // then pushed the merge, r0 would learn its own news back; what matters here is
    // that both end with both counts after one round.
    let mut gossip = Gossip::new(2, 3);
    gossip.increment(0, 4);
    gossip.increment(1, 6);
    gossip.round(1);
    assert_eq!(gossip.replica(0).value(), 10, "r0 received r1's 6");
    assert_eq!(gossip.replica(1).value(), 10, "r1 received r0's 4");
}

#[test]
fn gossip_never_counts_an_increment_twice() {
    let (mut gossip, total) = counted(16, 11);
    for round in 1..=20 {
        gossip.round(2);
        for i in 0..16 {
            let value = gossip.replica(i).value();
            assert!(
                value <= total,
                "after round {round} replica {i} reads {value}, more than the {total} \
                 counted: a merge added what it should have taken the larger of"
            );
        }
    }
    assert!(
        gossip.converged(),
        "16 replicas with fanout 2 agree after 20 rounds"
    );
    assert_eq!(gossip.replica(0).value(), total, "and read the true total");
}

#[test]
fn sixty_four_replicas_converge_in_a_logarithmic_number_of_rounds() {
    let mut rounds = Vec::new();
    for seed in 1..=10 {
        let (mut gossip, total) = counted(64, seed);
        let taken = gossip.rounds_until_converged(1, 100).unwrap_or_else(|| {
            panic!("seed {seed}: 64 replicas with fanout 1 did not converge in 100 rounds")
        });
        assert_eq!(
            gossip.replica(63).value(),
            total,
            "seed {seed}: converged on the total"
        );
        rounds.push(taken);
    }
    let worst = *rounds.iter().max().expect("ten runs");
    assert!(
        worst <= 20,
        "random push gossip spreads news to n replicas in about log2(n) + ln(n) rounds, \
         about 10 for 64; the slowest of ten seeds took {worst} (rounds: {rounds:?})"
    );
}

#[test]
fn a_partition_stops_convergence_until_it_heals() {
    let (mut gossip, total) = counted(10, 5);
    gossip.partition(&[0, 1, 2]);
    assert_eq!(
        gossip.rounds_until_converged(2, 30),
        None,
        "replicas 0 to 2 cannot hear from 3 to 9: the two sides cannot agree"
    );
    gossip.heal();
    assert!(
        gossip.rounds_until_converged(2, 30).is_some(),
        "once healed, the sides converge"
    );
    assert_eq!(gossip.replica(0).value(), total, "on the true total");
}

#[test]
fn lost_messages_slow_convergence_but_do_not_stop_it() {
    let (mut lossless, _) = counted(32, 9);
    let (mut lossy, total) = counted(32, 9);
    lossy.set_drop_per_mille(500);
    let fast = lossless.rounds_until_converged(1, 100).expect("converges");
    let slow = lossy
        .rounds_until_converged(1, 100)
        .expect("converges even when half the messages are lost");
    assert_eq!(lossy.replica(31).value(), total, "on the true total");
    assert!(
        slow >= fast,
        "losing half the messages took {slow} rounds, the lossless network {fast}"
    );
}
