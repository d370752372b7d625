//! Checks for `exercises/replication/src/vector_clock.rs`.

use std::cmp::Ordering;

use proptest::prelude::*;
use replication::VectorClock;
use replication::lamport_clock::Event;
use replication::vector_clock::{latest, vector_stamps};

mod support;
use support::proptest_config;
use support::traces::{events, happened_before_closure, traces};

use Event::{Local, Receive, Send};

/// A clock written as Dynamo's paper writes them: `clock(&[("Sx", 2), ("Sy", 1)])`.
fn clock(entries: &[(&str, u64)]) -> VectorClock {
    entries.iter().copied().collect()
}

/// Dynamo's figure 3 (DeCandia et al., SOSP 2007): the versions D1 to D5 of one
/// object, written by servers Sx, Sy and Sz.
fn dynamo_figure_3() -> [VectorClock; 5] {
    let mut d1 = VectorClock::new();
    d1.increment("Sx");
    let mut d2 = d1.clone();
    d2.increment("Sx");
    let mut d3 = d2.clone();
    d3.increment("Sy");
    let mut d4 = d2.clone();
    d4.increment("Sz");
    let mut d5 = d3.clone();
    d5.merge(&d4);
    d5.increment("Sx");
    [d1, d2, d3, d4, d5]
}

#[test]
fn a_new_clock_has_seen_nothing_of_any_node() {
    let clock = VectorClock::new();
    assert_eq!(clock.get("Sx"), 0, "a new clock reads 0 for every node");
    assert_eq!(
        clock,
        VectorClock::default(),
        "a new clock equals the default clock"
    );
}

#[test]
fn increment_counts_events_of_one_node_only() {
    let mut clock = VectorClock::new();
    clock.increment("Sx");
    clock.increment("Sx");
    clock.increment("Sy");
    assert_eq!(clock.get("Sx"), 2, "two increments of Sx read 2");
    assert_eq!(clock.get("Sy"), 1, "one increment of Sy reads 1");
    assert_eq!(clock.get("Sz"), 0, "Sz was never incremented: 0");
}

#[test]
fn dynamos_figure_3_clocks_have_the_published_counters() {
    let [d1, d2, d3, d4, d5] = dynamo_figure_3();
    let expected = [
        ("D1", clock(&[("Sx", 1)])),
        ("D2", clock(&[("Sx", 2)])),
        ("D3", clock(&[("Sx", 2), ("Sy", 1)])),
        ("D4", clock(&[("Sx", 2), ("Sz", 1)])),
        ("D5", clock(&[("Sx", 3), ("Sy", 1), ("Sz", 1)])),
    ];
    for ((name, want), got) in expected.iter().zip([&d1, &d2, &d3, &d4, &d5]) {
        for node in ["Sx", "Sy", "Sz"] {
            assert_eq!(
                got.get(node),
                want.get(node),
                "{name}'s counter for {node}: the paper's figure 3 has {want:?}, got {got:?}"
            );
        }
    }
}

#[test]
// Negated comparisons are the point here: for concurrent clocks `<=` is false both ways.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
fn dynamos_d3_and_d4_are_concurrent_and_d5_supersedes_both() {
    let [d1, d2, d3, d4, d5] = dynamo_figure_3();
    assert!(d1 < d2, "D1 ([Sx,1]) is an ancestor of D2 ([Sx,2])");
    assert!(d2 < d3 && d2 < d4, "D2 is an ancestor of both D3 and D4");
    assert_eq!(
        d3.partial_cmp(&d4),
        None,
        "D3 ([Sx,2],[Sy,1]) and D4 ([Sx,2],[Sz,1]) each saw an event the other did not: \
         they are concurrent and must compare as None, so that neither is lost"
    );
    assert!(
        !(d3 <= d4) && !(d4 <= d3),
        "concurrent clocks are neither <= nor >= each other"
    );
    assert!(d3.concurrent_with(&d4), "D3 is concurrent with D4");
    assert!(
        !d2.concurrent_with(&d3),
        "D2 is not concurrent with its descendant D3"
    );
    assert!(
        d5 > d3 && d5 > d4,
        "D5 ([Sx,3],[Sy,1],[Sz,1]) reconciles D3 and D4 and supersedes both"
    );
}

#[test]
fn merge_takes_the_larger_counter_of_each_node() {
    let mut a = clock(&[("Sx", 3), ("Sy", 1)]);
    a.merge(&clock(&[("Sx", 1), ("Sy", 4), ("Sz", 2)]));
    assert_eq!(
        (a.get("Sx"), a.get("Sy"), a.get("Sz")),
        (3, 4, 2),
        "[Sx,3],[Sy,1] merged with [Sx,1],[Sy,4],[Sz,2] is [Sx,3],[Sy,4],[Sz,2]: each \
         node's larger counter, never a sum"
    );
}

#[test]
fn merging_an_older_clock_changes_nothing() {
    let [_, d2, _, _, d5] = dynamo_figure_3();
    let mut merged = d5.clone();
    merged.merge(&d2);
    assert_eq!(merged, d5, "D5 merged with its ancestor D2 is still D5");
}

#[test]
fn a_zero_entry_is_the_same_as_no_entry() {
    let with_zero = clock(&[("Sx", 2), ("Sy", 0)]);
    let without = clock(&[("Sx", 2)]);
    assert_eq!(
        with_zero, without,
        "[Sx,2],[Sy,0] and [Sx,2] have seen the same events: they are equal"
    );
    assert_eq!(
        with_zero.partial_cmp(&without),
        Some(Ordering::Equal),
        "[Sx,2],[Sy,0] compared with [Sx,2] is Equal"
    );
}

#[test]
fn a_clock_missing_a_node_is_below_one_that_has_it() {
    let shorter = clock(&[("Sx", 2)]);
    let longer = clock(&[("Sx", 2), ("Sy", 1)]);
    assert_eq!(
        shorter.partial_cmp(&longer),
        Some(Ordering::Less),
        "[Sx,2] has seen less than [Sx,2],[Sy,1]: a missing entry counts as 0"
    );
    assert_eq!(
        longer.partial_cmp(&shorter),
        Some(Ordering::Greater),
        "[Sx,2],[Sy,1] has seen more than [Sx,2]"
    );
}

#[test]
fn latest_keeps_concurrent_versions_and_drops_ancestors() {
    let [d1, d2, d3, d4, d5] = dynamo_figure_3();
    assert_eq!(
        latest(&[d1.clone(), d3.clone(), d2.clone(), d4.clone()]),
        vec![1, 3],
        "of D1, D3, D2, D4 the latest are D3 and D4 (indices 1 and 3): concurrent \
         versions are both kept, ancestors dropped"
    );
    assert_eq!(
        latest(&[d3, d5.clone(), d4]),
        vec![1],
        "D5 supersedes D3 and D4: only it is latest"
    );
    assert_eq!(
        latest(&[d2.clone(), d2]),
        vec![0],
        "two equal versions are one version: keep the first"
    );
    assert_eq!(latest(&[]), Vec::<usize>::new(), "no versions, none latest");
}

#[test]
fn vector_stamps_of_a_message_exchange() {
    // Process 0 sends message 1 to process 1, which answers with message 2.
    let trace = vec![
        vec![Local, Send { msg: 1 }, Receive { msg: 2 }],
        vec![Receive { msg: 1 }, Send { msg: 2 }],
        vec![Local],
    ];
    let stamps = vector_stamps(&trace);
    let expected = [
        vec![
            clock(&[("p0", 1)]),
            clock(&[("p0", 2)]),
            clock(&[("p0", 3), ("p1", 2)]),
        ],
        vec![
            clock(&[("p0", 2), ("p1", 1)]),
            clock(&[("p0", 2), ("p1", 2)]),
        ],
        vec![clock(&[("p2", 1)])],
    ];
    for (p, (got, want)) in stamps.iter().zip(&expected).enumerate() {
        assert_eq!(
            got, want,
            "process {p}'s clocks: a receive merges the message's clock and then counts \
             itself"
        );
    }
}

/// Clocks over nodes a, b and c, some with explicit zero entries.
fn clocks() -> impl Strategy<Value = VectorClock> {
    prop::collection::vec((0usize..3, 0u64..4), 0..5).prop_map(|entries| {
        entries
            .into_iter()
            .map(|(node, count)| (["a", "b", "c"][node], count))
            .collect()
    })
}

/// The counters of a, b and c.
fn counters(clock: &VectorClock) -> [u64; 3] {
    ["a", "b", "c"].map(|node| clock.get(node))
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn comparison_is_entry_by_entry(a in clocks(), b in clocks()) {
        let (x, y) = (counters(&a), counters(&b));
        let le = x.iter().zip(&y).all(|(p, q)| p <= q);
        let ge = x.iter().zip(&y).all(|(p, q)| p >= q);
        let want = match (le, ge) {
            (true, true) => Some(Ordering::Equal),
            (true, false) => Some(Ordering::Less),
            (false, true) => Some(Ordering::Greater),
            (false, false) => None,
        };
        prop_assert_eq!(
            a.partial_cmp(&b), want,
            "comparing counters {:?} with {:?} (a, b, c)", x, y
        );
        prop_assert_eq!(a == b, x == y, "equality of counters {:?} and {:?}", x, y);
    }

    #[test]
    fn merge_is_commutative_associative_and_idempotent(
        a in clocks(), b in clocks(), c in clocks()
    ) {
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        prop_assert_eq!(&ab, &ba, "a merged with b differs from b merged with a");
        let mut ab_c = ab.clone();
        ab_c.merge(&c);
        let mut bc = b.clone();
        bc.merge(&c);
        let mut a_bc = a.clone();
        a_bc.merge(&bc);
        prop_assert_eq!(&ab_c, &a_bc, "(a merge b) merge c differs from a merge (b merge c)");
        let mut aa = a.clone();
        aa.merge(&a);
        prop_assert_eq!(&aa, &a, "merging a clock with itself changed it");
        prop_assert!(a <= ab && b <= ab, "the merge is not above both clocks it merged");
    }

    #[test]
    fn an_increment_moves_a_clock_strictly_forward(a in clocks(), node in 0usize..3) {
        let mut later = a.clone();
        later.increment(["a", "b", "c"][node]);
        prop_assert!(a < later, "{:?} incremented is {:?}, not strictly later", a, later);
    }

    #[test]
    fn vector_clocks_decide_happened_before_exactly(trace in traces()) {
        let stamps = vector_stamps(&trace);
        let closure = happened_before_closure(&trace);
        let events = events(&trace);
        for (i, &(pa, ia)) in events.iter().enumerate() {
            for (j, &(pb, ib)) in events.iter().enumerate() {
                prop_assert_eq!(
                    stamps[pa][ia] < stamps[pb][ib],
                    closure[i][j],
                    "event {:?} stamped {:?}, event {:?} stamped {:?}: the first clock is \
                     below the second exactly when the first event happened before the \
                     second. Trace {:?}",
                    (pa, ia), &stamps[pa][ia], (pb, ib), &stamps[pb][ib], trace
                );
            }
        }
    }
}
