//! Checks for `exercises/replication/src/counters.rs`.

use proptest::prelude::*;
use replication::{GCounter, PnCounter};

mod support;
use support::proptest_config;

#[test]
fn a_new_g_counter_reads_zero_and_sums_every_replicas_increments() {
    let mut counter = GCounter::new();
    assert_eq!(counter.value(), 0, "a new counter reads 0");
    counter.increment("A", 2);
    counter.increment("B", 3);
    counter.increment("A", 1);
    assert_eq!(
        counter.value(),
        6,
        "A counted 2 and 1, B counted 3: the value is 6"
    );
}

#[test]
fn concurrent_increments_on_two_replicas_both_count() {
    let mut a = GCounter::new();
    let mut b = GCounter::new();
    a.increment("A", 5);
    b.increment("B", 3);
    a.merge(&b);
    assert_eq!(
        a.value(),
        8,
        "A counted 5 and B, concurrently, 3: after the merge both count, 8 (keeping the \
         larger total would lose B's 3)"
    );
}

#[test]
fn merging_the_same_state_twice_counts_it_once() {
    let mut a = GCounter::new();
    let mut b = GCounter::new();
    a.increment("A", 5);
    b.increment("B", 3);
    a.merge(&b);
    a.merge(&b);
    assert_eq!(
        a.value(),
        8,
        "receiving B's state a second time (a retried message) counted B's 3 again"
    );
}

#[test]
fn merging_a_stale_state_loses_nothing() {
    let mut a = GCounter::new();
    a.increment("A", 1);
    let stale = a.clone();
    a.increment("A", 4);
    a.merge(&stale);
    assert_eq!(
        a.value(),
        5,
        "A's own older state (A at 1) arrived late; A at 5 has seen more and must stay"
    );
}

#[test]
fn a_pn_counter_goes_up_and_down_and_below_zero() {
    let mut counter = PnCounter::new();
    assert_eq!(counter.value(), 0, "a new counter reads 0");
    counter.increment("A", 5);
    counter.decrement("A", 3);
    assert_eq!(counter.value(), 2, "5 up and 3 down is 2");
    counter.decrement("B", 4);
    assert_eq!(counter.value(), -2, "then 4 down on B is -2");
}

#[test]
fn a_decrement_on_one_replica_survives_a_merge_with_a_later_increment() {
    let mut a = PnCounter::new();
    a.increment("A", 10);
    let mut b = a.clone();
    b.decrement("B", 3);
    a.increment("A", 1);
    a.merge(&b);
    b.merge(&a);
    assert_eq!(
        a.value(),
        8,
        "10 up, then 3 down on B and 1 up on A concurrently: 8 on A after the merge"
    );
    assert_eq!(b.value(), 8, "and 8 on B");
}

#[test]
fn a_replica_that_only_decrements_merges_its_decrements() {
    let mut a = PnCounter::new();
    let mut b = PnCounter::new();
    a.increment("A", 4);
    b.decrement("B", 6);
    a.merge(&b);
    assert_eq!(a.value(), -2, "A's 4 up and B's 6 down merge to -2");
    a.merge(&b);
    assert_eq!(a.value(), -2, "merging B's state again changes nothing");
}

/// What a replica does in a random run.
#[derive(Clone, Debug)]
enum Step {
    Up { replica: usize, by: u64 },
    Down { replica: usize, by: u64 },
    Merge { into: usize, from: usize },
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        prop_oneof![
            (0usize..3, 0u64..10).prop_map(|(replica, by)| Step::Up { replica, by }),
            (0usize..3, 0u64..10).prop_map(|(replica, by)| Step::Down { replica, by }),
            (0usize..3, 0usize..3).prop_map(|(into, from)| Step::Merge { into, from }),
        ],
        0..24,
    )
}

const NAMES: [&str; 3] = ["A", "B", "C"];

/// A PN-Counter after `ops` (up, amount) on replicas named by index.
fn pn(ops: &[(usize, bool, u64)]) -> PnCounter {
    let mut counter = PnCounter::new();
    for &(replica, up, by) in ops {
        if up {
            counter.increment(NAMES[replica], by);
        } else {
            counter.decrement(NAMES[replica], by);
        }
    }
    counter
}

fn g(ops: &[(usize, bool, u64)]) -> GCounter {
    let mut counter = GCounter::new();
    for &(replica, _, by) in ops {
        counter.increment(NAMES[replica], by);
    }
    counter
}

fn ops() -> impl Strategy<Value = Vec<(usize, bool, u64)>> {
    prop::collection::vec((0usize..3, any::<bool>(), 0u64..10), 0..6)
}

/// What makes a state-based CRDT converge: merging is commutative, associative and
/// idempotent, as seen through what the replica reads.
fn merge_laws<C: Clone + std::fmt::Debug, V: PartialEq + std::fmt::Debug>(
    a: &C,
    b: &C,
    c: &C,
    merge: impl Fn(&mut C, &C),
    value: impl Fn(&C) -> V,
) -> Result<(), TestCaseError> {
    let merged = |x: &C, y: &C| {
        let mut x = x.clone();
        merge(&mut x, y);
        x
    };
    prop_assert_eq!(
        value(&merged(a, b)),
        value(&merged(b, a)),
        "a merge b and b merge a differ: {:?}, {:?}",
        a,
        b
    );
    prop_assert_eq!(
        value(&merged(&merged(a, b), c)),
        value(&merged(a, &merged(b, c))),
        "(a merge b) merge c and a merge (b merge c) differ"
    );
    prop_assert_eq!(
        value(&merged(a, a)),
        value(a),
        "merging {:?} with itself changed its value",
        a
    );
    Ok(())
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn g_counter_merge_is_commutative_associative_and_idempotent(
        x in ops(), y in ops(), z in ops()
    ) {
        merge_laws(&g(&x), &g(&y), &g(&z), GCounter::merge, GCounter::value)?;
    }

    #[test]
    fn pn_counter_merge_is_commutative_associative_and_idempotent(
        x in ops(), y in ops(), z in ops()
    ) {
        merge_laws(&pn(&x), &pn(&y), &pn(&z), PnCounter::merge, PnCounter::value)?;
    }

    /// Replicas count on their own and exchange states at random; once every
    /// replica has merged every other's state, all read the true total.
    #[test]
    fn replicas_converge_on_the_true_count(steps in steps()) {
        let mut g_replicas = vec![GCounter::new(); 3];
        let mut pn_replicas = vec![PnCounter::new(); 3];
        let (mut ups, mut downs) = (0u64, 0u64);
        for step in &steps {
            match *step {
                Step::Up { replica, by } => {
                    g_replicas[replica].increment(NAMES[replica], by);
                    pn_replicas[replica].increment(NAMES[replica], by);
                    ups += by;
                }
                Step::Down { replica, by } => {
                    pn_replicas[replica].decrement(NAMES[replica], by);
                    downs += by;
                }
                Step::Merge { into, from } => {
                    let g_from = g_replicas[from].clone();
                    g_replicas[into].merge(&g_from);
                    let pn_from = pn_replicas[from].clone();
                    pn_replicas[into].merge(&pn_from);
                }
            }
        }
        // One round in which every replica merges every other's state: replica A
        // gathers everything, and B and C get it from A.
        for into in 0..3 {
            for from in 0..3 {
                let g_from = g_replicas[from].clone();
                g_replicas[into].merge(&g_from);
                let pn_from = pn_replicas[from].clone();
                pn_replicas[into].merge(&pn_from);
            }
        }
        for (name, (g, pn)) in NAMES.iter().zip(g_replicas.iter().zip(&pn_replicas)) {
            prop_assert_eq!(
                g.value(), ups,
                "G-Counter replica {} reads {} after full anti-entropy; {} were counted. Steps {:?}",
                name, g.value(), ups, &steps
            );
            prop_assert_eq!(
                pn.value(), ups as i64 - downs as i64,
                "PN-Counter replica {} reads {} after full anti-entropy; {} up and {} down were \
                 counted. Steps {:?}",
                name, pn.value(), ups, downs, &steps
            );
        }
    }
}
