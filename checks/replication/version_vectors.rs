//! Checks for `exercises/replication/src/version_vectors.rs`.

use proptest::prelude::*;
use replication::VectorClock;
use replication::version_vectors::{Cart, CartReplica, merge_siblings};

mod support;
use support::proptest_config;

fn cart(items: &[&str]) -> Cart {
    items.iter().map(|item| item.to_string()).collect()
}

fn carts(of: &[&[&str]]) -> Vec<Cart> {
    let mut carts: Vec<Cart> = of.iter().map(|items| cart(items)).collect();
    carts.sort();
    carts
}

/// What a client reading `replica` sees: its siblings' carts.
fn read(replica: &CartReplica) -> Vec<Cart> {
    replica.get().0
}

#[test]
fn a_new_replica_holds_no_cart() {
    let replica = CartReplica::new("A");
    let (carts, context) = replica.get();
    assert!(
        carts.is_empty(),
        "a new replica has no siblings, got {carts:?}"
    );
    assert_eq!(context, VectorClock::new(), "and has seen no write");
}

#[test]
fn a_write_after_reading_replaces_what_was_read() {
    let mut replica = CartReplica::new("A");
    replica.put(&VectorClock::new(), cart(&["milk"]));
    let (_, context) = replica.get();
    replica.put(&context, cart(&["milk", "flour"]));
    assert_eq!(
        read(&replica),
        carts(&[&["milk", "flour"]]),
        "a client that read [milk] and wrote [milk, flour] replaced it: one sibling"
    );
}

/// Kleppmann, *Designing Data-Intensive Applications*, figure 5-13: two clients
/// fill one cart on one replica, each writing back what it last read plus one item.
#[test]
fn ddias_two_clients_shopping_keep_both_siblings() {
    let mut replica = CartReplica::new("A");
    let nothing = VectorClock::new();

    // Client 1 adds milk; client 2, having read nothing, adds eggs.
    replica.put(&nothing, cart(&["milk"]));
    let (_, client1_context) = replica.get();
    replica.put(&nothing, cart(&["eggs"]));
    let (seen, client2_context) = replica.get();
    assert_eq!(
        seen,
        carts(&[&["eggs"], &["milk"]]),
        "client 2 wrote [eggs] without having read [milk]: both must be kept as siblings"
    );

    // Client 1 adds flour to what it read: [milk] is replaced, [eggs] is not.
    replica.put(&client1_context, cart(&["milk", "flour"]));
    let (seen, client1_context) = replica.get();
    assert_eq!(
        seen,
        carts(&[&["eggs"], &["flour", "milk"]]),
        "client 1 had read [milk] only: its write replaces [milk] and keeps [eggs]"
    );

    // Client 2 merged what it read ([eggs], [milk]) and adds ham.
    replica.put(&client2_context, cart(&["eggs", "milk", "ham"]));
    let (seen, _) = replica.get();
    assert_eq!(
        seen,
        carts(&[&["eggs", "ham", "milk"], &["flour", "milk"]]),
        "client 2 had read [eggs] and [milk]: its write replaces both and keeps \
         [milk, flour], written after its read"
    );

    // Client 1 merged what it read ([eggs], [milk, flour]) and adds bacon.
    replica.put(&client1_context, cart(&["milk", "flour", "eggs", "bacon"]));
    assert_eq!(
        read(&replica),
        carts(&[
            &["eggs", "ham", "milk"],
            &["bacon", "eggs", "flour", "milk"]
        ]),
        "DDIA's end state: [milk, flour, eggs, bacon] and [eggs, milk, ham] as siblings"
    );
}

#[test]
fn concurrent_writes_on_two_replicas_meet_as_siblings() {
    let mut a = CartReplica::new("A");
    let mut b = CartReplica::new("B");
    a.put(&VectorClock::new(), cart(&["book"]));
    b.sync_from(&a);
    let (_, context) = a.get();
    // Partitioned: one client adds a pen on A, another a lamp on B.
    a.put(&context, cart(&["book", "pen"]));
    b.put(&context, cart(&["book", "lamp"]));
    a.sync_from(&b);
    b.sync_from(&a);
    let both = carts(&[&["book", "lamp"], &["book", "pen"]]);
    assert_eq!(
        read(&a),
        both,
        "after the partition heals, A holds both carts"
    );
    assert_eq!(read(&b), both, "and so does B");
}

#[test]
fn a_merged_write_replaces_the_siblings_on_every_replica() {
    let mut a = CartReplica::new("A");
    let mut b = CartReplica::new("B");
    a.put(&VectorClock::new(), cart(&["pen"]));
    b.put(&VectorClock::new(), cart(&["lamp"]));
    a.sync_from(&b);
    // A client reads both siblings from A, merges them and writes through B.
    let (siblings, context) = a.get();
    b.put(&context, merge_siblings(&siblings));
    a.sync_from(&b);
    let merged = carts(&[&["lamp", "pen"]]);
    assert_eq!(
        read(&b),
        merged,
        "B took a write whose context had seen both siblings: only the merge remains"
    );
    assert_eq!(
        read(&a),
        merged,
        "A learns from B that both of its siblings were replaced; keeping either \
         would bring a replaced version back"
    );
}

#[test]
fn syncing_twice_changes_nothing() {
    let mut a = CartReplica::new("A");
    let mut b = CartReplica::new("B");
    a.put(&VectorClock::new(), cart(&["pen"]));
    b.put(&VectorClock::new(), cart(&["lamp"]));
    a.sync_from(&b);
    let once = read(&a);
    a.sync_from(&b);
    assert_eq!(
        read(&a),
        once,
        "a second sync from the same replica duplicated a sibling"
    );
}

#[test]
fn dynamos_merge_brings_a_removed_item_back() {
    let mut a = CartReplica::new("A");
    let mut b = CartReplica::new("B");
    a.put(&VectorClock::new(), cart(&["milk", "eggs"]));
    b.sync_from(&a);
    let (_, context) = a.get();
    a.put(&context, cart(&["milk"])); // eggs removed on A
    b.put(&context, cart(&["milk", "eggs", "ham"])); // ham added on B
    a.sync_from(&b);
    let (siblings, _) = a.get();
    assert_eq!(
        merge_siblings(&siblings),
        cart(&["eggs", "ham", "milk"]),
        "merging siblings by union keeps every item of every sibling, so the eggs one \
         client removed come back: the anomaly Dynamo's paper reports"
    );
}

/// What a random run does: a client reads a replica and writes a cart to one, or one
/// replica syncs from another.
#[derive(Clone, Debug)]
enum Step {
    Write { read_from: usize, write_to: usize },
    Sync { to: usize, from: usize },
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        prop_oneof![
            (0usize..3, 0usize..3).prop_map(|(read_from, write_to)| Step::Write {
                read_from,
                write_to
            }),
            (0usize..3, 0usize..3).prop_map(|(to, from)| Step::Sync { to, from }),
        ],
        0..20,
    )
}

proptest! {
    #![proptest_config(proptest_config(256))]

    /// Each write adds a fresh item to the merge of what its client read. Once
    /// every replica has synced with every other, all hold the same siblings: the
    /// writes that no later write's client had read. Nothing else is lost or kept.
    #[test]
    fn replicas_converge_on_exactly_the_writes_no_one_replaced(steps in steps()) {
        let mut replicas = [CartReplica::new("A"), CartReplica::new("B"), CartReplica::new("C")];
        // Every write: its cart and the carts its client had read (which it replaces).
        let mut writes: Vec<(Cart, Vec<Cart>)> = Vec::new();
        for step in &steps {
            match *step {
                Step::Write { read_from, write_to } => {
                    let (read, context) = replicas[read_from].get();
                    let mut cart = merge_siblings(&read);
                    cart.insert(format!("item-{}", writes.len()));
                    replicas[write_to].put(&context, cart.clone());
                    writes.push((cart, read));
                }
                Step::Sync { to, from } => {
                    if to != from {
                        let other = replicas[from].clone();
                        replicas[to].sync_from(&other);
                    }
                }
            }
        }
        for _ in 0..2 {
            for to in 0..3 {
                for from in 0..3 {
                    if to != from {
                        let other = replicas[from].clone();
                        replicas[to].sync_from(&other);
                    }
                }
            }
        }
        let mut expected: Vec<Cart> = writes
            .iter()
            .filter(|(cart, _)| !writes.iter().any(|(_, read)| read.contains(cart)))
            .map(|(cart, _)| cart.clone())
            .collect();
        expected.sort();
        for replica in &replicas {
            prop_assert_eq!(
                read(replica),
                expected.clone(),
                "after full anti-entropy, the siblings should be the writes no client \
                 had read before writing; steps {:?}",
                &steps
            );
        }
    }
}
