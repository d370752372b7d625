//! Checks for `exercises/acid/src/undo_log.rs`.

use std::collections::BTreeMap;

use acid::undo_log::{Op, StepError, Store, UndoEntry};
use proptest::prelude::*;

mod support;

/// A store holding the seed's two accounts.
fn accounts() -> Store {
    let mut store = Store::new();
    let mut tx = store.begin();
    tx.put("alice", 1_000);
    tx.put("bob", 2_000);
    tx.commit();
    store
}

#[test]
fn a_committed_transaction_keeps_every_write() {
    let store = accounts();
    assert_eq!(store.get("alice"), Some(1_000), "alice's opening balance");
    assert_eq!(store.get("bob"), Some(2_000), "bob's opening balance");
}

#[test]
fn each_write_records_what_it_overwrote() {
    let mut store = accounts();
    let mut tx = store.begin();
    tx.put("alice", 900);
    tx.put("carol", 5);
    tx.add("alice", -100).expect("alice has a row");
    tx.delete("bob").expect("bob has a row");
    let entry = |key: &str, before| UndoEntry {
        key: key.into(),
        before,
    };
    assert_eq!(
        tx.undo_log(),
        [
            entry("alice", Some(1_000)),
            entry("carol", None),
            entry("alice", Some(900)),
            entry("bob", Some(2_000)),
        ],
        "one undo entry per write, oldest first, each holding the value before that write"
    );
    assert_eq!(
        tx.get("alice"),
        Some(800),
        "a transaction reads its own writes"
    );
    tx.commit();
}

#[test]
fn rollback_puts_back_every_old_value_and_removes_what_was_created() {
    let mut store = accounts();
    let before = store.clone();
    let mut tx = store.begin();
    tx.put("alice", 0);
    tx.put("alice", 1);
    tx.put("carol", 7);
    tx.delete("bob").expect("bob has a row");
    tx.rollback();
    assert_eq!(
        store, before,
        "after a rollback the store must be exactly as it was before `begin`"
    );
}

#[test]
fn a_failed_step_says_what_went_wrong() {
    assert_eq!(
        StepError::NoSuchKey("carol".into()).to_string(),
        "no row `carol`"
    );
    let overflow = StepError::Overflow {
        key: "big".into(),
        value: i64::MAX,
        amount: 1,
    };
    assert_eq!(
        overflow.to_string(),
        format!("`big` is {}; adding 1 overflows", i64::MAX)
    );
}

#[test]
fn a_transfer_that_fails_half_way_leaves_both_accounts_as_they_were() {
    let mut store = accounts();
    let before = store.clone();
    let result = store.run(&[Op::Add("alice".into(), -100), Op::Add("dave".into(), 100)]);
    assert_eq!(
        result,
        Err((1, StepError::NoSuchKey("dave".into()))),
        "the second step names an account that does not exist"
    );
    assert_eq!(
        store, before,
        "the debit from alice must be undone when the credit fails: all or nothing"
    );
}

#[test]
fn an_overflow_is_a_failed_step_not_a_wrapped_value() {
    let mut store = accounts();
    let result = store.run(&[Op::Put("big".into(), i64::MAX), Op::Add("big".into(), 1)]);
    assert!(
        matches!(result, Err((1, StepError::Overflow { .. }))),
        "i64::MAX + 1 must fail, got {result:?}"
    );
    assert_eq!(store.get("big"), None, "the put of `big` must be undone");
}

#[test]
fn dropping_an_open_transaction_rolls_it_back() {
    fn transfer(store: &mut Store, from: &str, to: &str, amount: i64) -> Result<(), StepError> {
        let mut tx = store.begin();
        tx.add(from, -amount)?;
        tx.add(to, amount)?; // an early return through `?` drops `tx`
        tx.commit();
        Ok(())
    }
    let mut store = accounts();
    let before = store.clone();
    assert!(transfer(&mut store, "alice", "nobody", 50).is_err());
    assert_eq!(
        store, before,
        "a transaction dropped by `?` was not rolled back"
    );
    transfer(&mut store, "alice", "bob", 50).expect("both accounts exist");
    assert_eq!(
        (store.get("alice"), store.get("bob")),
        (Some(950), Some(2_050))
    );
}

#[test]
fn a_panic_inside_a_transaction_rolls_it_back() {
    let mut store = accounts();
    let before = store.clone();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut tx = store.begin();
        tx.put("alice", 0);
        panic!("the application crashed half-way through its transaction");
    }));
    assert!(outcome.is_err());
    assert_eq!(
        store, before,
        "a transaction unwound by a panic must be rolled back as it is dropped"
    );
}

#[derive(Debug, Clone)]
enum Step {
    Put(u8, i64),
    Add(u8, i64),
    Delete(u8),
}

fn key(k: u8) -> String {
    format!("k{k}")
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..6u8, -50..50i64).prop_map(|(k, v)| Step::Put(k, v)),
        (0..6u8, -50..50i64).prop_map(|(k, v)| Step::Add(k, v)),
        (0..6u8).prop_map(Step::Delete),
    ]
}

fn as_op(step: &Step) -> Op {
    match *step {
        Step::Put(k, v) => Op::Put(key(k), v),
        Step::Add(k, v) => Op::Add(key(k), v),
        Step::Delete(k) => Op::Delete(key(k)),
    }
}

/// The check's own model: apply the steps to a map; `None` if one fails.
fn model(start: &BTreeMap<String, i64>, steps: &[Step]) -> Option<BTreeMap<String, i64>> {
    let mut rows = start.clone();
    for step in steps {
        match *step {
            Step::Put(k, v) => {
                rows.insert(key(k), v);
            }
            Step::Add(k, v) => *rows.get_mut(&key(k))? += v,
            Step::Delete(k) => {
                rows.remove(&key(k))?;
            }
        }
    }
    Some(rows)
}

proptest! {
    #![proptest_config(support::proptest_config(256))]

    #[test]
    fn a_transaction_either_applies_every_step_or_none(
        setup in proptest::collection::vec((0..6u8, -50..50i64), 0..6),
        steps in proptest::collection::vec(step(), 0..12),
    ) {
        let mut store = Store::new();
        let setup: Vec<Op> = setup.iter().map(|&(k, v)| Op::Put(key(k), v)).collect();
        store.run(&setup).expect("puts cannot fail");
        let before = store.rows().clone();
        let ops: Vec<Op> = steps.iter().map(as_op).collect();
        let result = store.run(&ops);
        match model(&before, &steps) {
            Some(after) => {
                prop_assert_eq!(result, Ok(()), "every step could succeed: {:?}", ops);
                prop_assert_eq!(store.rows(), &after, "after committing {:?}", ops);
            }
            None => {
                prop_assert!(result.is_err(), "a step of {:?} must fail", ops);
                prop_assert_eq!(
                    store.rows(), &before,
                    "{:?} failed at {:?}, so nothing of it may remain", ops, result
                );
            }
        }
    }
}
