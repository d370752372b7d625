//! Checks for `exercises/replication/src/sets_and_registers.rs`.

use proptest::prelude::*;
use replication::{LwwRegister, OrSet};

mod support;
use support::proptest_config;

fn merged<T: Clone + Ord>(a: &OrSet<T>, b: &OrSet<T>) -> OrSet<T> {
    let mut merged = a.clone();
    merged.merge(b);
    merged
}

#[test]
fn an_or_set_holds_what_was_added_sorted_and_once() {
    let mut set = OrSet::new();
    assert!(set.items().is_empty(), "a new set is empty");
    set.add("A", "pear");
    set.add("A", "apple");
    set.add("B", "pear");
    assert!(set.contains(&"pear"), "pear was added");
    assert!(!set.contains(&"plum"), "plum was never added");
    assert_eq!(
        set.items(),
        vec!["apple", "pear"],
        "items are sorted and each appears once, however often it was added"
    );
}

#[test]
fn a_remove_takes_out_every_add_the_replica_has_seen() {
    let mut set = OrSet::new();
    set.add("A", "pear");
    set.add("B", "pear");
    set.remove(&"pear");
    assert!(
        !set.contains(&"pear"),
        "pear was added twice, both seen, then removed"
    );
    set.add("A", "pear");
    assert!(
        set.contains(&"pear"),
        "adding pear again after its removal puts it back"
    );
}

#[test]
fn an_add_wins_over_a_concurrent_remove() {
    let mut a = OrSet::new();
    a.add("A", "milk");
    let mut b = a.clone();
    // Concurrently: A adds milk once more, B removes the milk it knows of.
    a.add("A", "milk");
    b.remove(&"milk");
    assert!(
        merged(&a, &b).contains(&"milk"),
        "B's remove never saw A's second add of milk, so that add survives the merge"
    );
    assert!(
        merged(&b, &a).contains(&"milk"),
        "and it survives whichever side merges"
    );
}

#[test]
fn a_remove_does_not_touch_an_add_its_replica_never_saw() {
    let mut a = OrSet::new();
    let mut b = OrSet::new();
    a.add("A", "eggs");
    b.remove(&"eggs");
    assert!(
        merged(&a, &b).contains(&"eggs"),
        "B removed eggs before it had heard of A's add: the add stands"
    );
}

#[test]
fn a_removal_survives_merging_a_state_from_before_it() {
    let mut a = OrSet::new();
    a.add("A", "ham");
    let mut b = a.clone();
    b.remove(&"ham");
    // A, which never heard of the remove, sends its old state to B, and B's to A.
    b.merge(&a);
    assert!(
        !b.contains(&"ham"),
        "B removed ham and then merged A's older state, which still has it: the removal \
         must stick, or a stale replica undoes every delete"
    );
    a.merge(&b);
    assert!(!a.contains(&"ham"), "A learns of the removal from B");
}

#[test]
fn a_register_no_one_wrote_holds_nothing() {
    let register: LwwRegister<&str> = LwwRegister::new();
    assert_eq!(register.get(), None, "a new register holds no value");
}

#[test]
fn the_later_timestamp_wins_locally() {
    let mut register = LwwRegister::new();
    register.set("blue", 5, "A");
    register.set("red", 3, "A");
    assert_eq!(
        register.get(),
        Some(&"blue"),
        "a set at 3 arriving after the one at 5 is older and loses, even on the same \
         replica"
    );
    register.set("green", 8, "A");
    assert_eq!(
        register.get(),
        Some(&"green"),
        "a set at 8 beats the one at 5"
    );
}

#[test]
fn the_later_timestamp_wins_on_merge_whichever_side_merges() {
    let mut a = LwwRegister::new();
    let mut b = LwwRegister::new();
    a.set("blue", 7, "A");
    b.set("red", 4, "B");
    let mut ab = a.clone();
    ab.merge(&b);
    let mut ba = b.clone();
    ba.merge(&a);
    assert_eq!(
        ab.get(),
        Some(&"blue"),
        "A's write at 7 beats B's at 4 when A merges"
    );
    assert_eq!(ba.get(), Some(&"blue"), "and when B merges");
}

#[test]
fn equal_timestamps_go_to_the_greater_replica_name() {
    let mut a = LwwRegister::new();
    let mut b = LwwRegister::new();
    a.set("blue", 5, "A");
    b.set("red", 5, "B");
    let mut ab = a.clone();
    ab.merge(&b);
    let mut ba = b.clone();
    ba.merge(&a);
    assert_eq!(
        ab.get(),
        Some(&"red"),
        "a tie at 5 goes to replica B, the greater name"
    );
    assert_eq!(
        ba.get(),
        Some(&"red"),
        "whichever side merges, or the replicas disagree for ever"
    );
    let mut local = LwwRegister::new();
    local.set("red", 5, "B");
    local.set("blue", 5, "A");
    assert_eq!(
        local.get(),
        Some(&"red"),
        "the same tie-break applies to a local set"
    );
}

#[test]
fn last_writer_wins_silently_loses_a_concurrent_write() {
    // Two clients write the same key at once on two replicas whose clocks are 2 ms
    // apart; the client on the slower clock wrote later in real time.
    let mut a = LwwRegister::new();
    let mut b = LwwRegister::new();
    a.set("ship to Paris", 1_002, "A");
    b.set("ship to Lyon", 1_001, "B");
    a.merge(&b);
    b.merge(&a);
    assert_eq!(
        (a.get(), b.get()),
        (Some(&"ship to Paris"), Some(&"ship to Paris")),
        "both replicas keep the write stamped 1002; the one stamped 1001 is gone without \
         an error, though it may have come later"
    );
}

fn or_set() -> impl Strategy<Value = OrSet<u8>> {
    prop::collection::vec((0usize..3, any::<bool>(), 0u8..4), 0..8).prop_map(|ops| {
        let mut set = OrSet::new();
        for (replica, add, item) in ops {
            if add {
                set.add(["A", "B", "C"][replica], item);
            } else {
                set.remove(&item);
            }
        }
        set
    })
}

/// A register written by `replica` alone (a replica never stamps two different
/// writes alike, so the three registers of a case each get their own name).
fn register(replica: &'static str) -> impl Strategy<Value = LwwRegister<u8>> {
    prop::collection::vec((any::<u8>(), 0u64..4), 0..4).prop_map(move |sets| {
        let mut register = LwwRegister::new();
        for (value, timestamp) in sets {
            register.set(value, timestamp, replica);
        }
        register
    })
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn or_set_merge_is_commutative_associative_and_idempotent(
        a in or_set(), b in or_set(), c in or_set()
    ) {
        prop_assert_eq!(merged(&a, &b).items(), merged(&b, &a).items(),
            "a merge b and b merge a hold different items: {:?}, {:?}", &a, &b);
        prop_assert_eq!(merged(&merged(&a, &b), &c).items(), merged(&a, &merged(&b, &c)).items(),
            "(a merge b) merge c and a merge (b merge c) hold different items");
        prop_assert_eq!(merged(&a, &a).items(), a.items(),
            "merging {:?} with itself changed its items", &a);
    }

    #[test]
    fn register_merge_is_commutative_associative_and_idempotent(
        a in register("A"), b in register("B"), c in register("C")
    ) {
        // The value the merge of `x` with `y` holds.
        let m = |x: &LwwRegister<u8>, y: &LwwRegister<u8>| {
            let mut merged = x.clone();
            merged.merge(y);
            merged
        };
        let v = |register: LwwRegister<u8>| register.get().copied();
        prop_assert_eq!(v(m(&a, &b)), v(m(&b, &a)),
            "a merge b and b merge a hold different values: {:?}, {:?}", &a, &b);
        prop_assert_eq!(v(m(&m(&a, &b), &c)), v(m(&a, &m(&b, &c))),
            "(a merge b) merge c and a merge (b merge c) hold different values");
        prop_assert_eq!(v(m(&a, &a)), a.get().copied(), "merging {:?} with itself changed it", &a);
    }
}
