//! Checks for `exercises/solid/src/liskov.rs`.

mod support;

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};

use proptest::prelude::*;
use solid::liskov::{
    Bird, DivingBird, Duck, FlyingBird, HashStore, LogStore, Penguin, Prefixed, Sparrow, Store,
    can_cross, chorus,
};
use support::{assert_does_not_compile, proptest_config};

/// A bird of the checks' own: any flying bird must fit wherever one is asked for.
struct Albatross;

impl Bird for Albatross {
    fn name(&self) -> &str {
        "albatross"
    }
    fn call(&self) -> &str {
        "croak"
    }
}

impl FlyingBird for Albatross {
    fn ceiling_m(&self) -> u32 {
        5_000
    }
}

#[test]
fn every_bird_joins_the_chorus_including_one_the_checks_define() {
    let birds: [&dyn Bird; 4] = [&Sparrow, &Penguin, &Duck, &Albatross];
    assert_eq!(
        chorus(&birds),
        [
            "sparrow says chirp",
            "penguin says honk",
            "duck says quack",
            "albatross says croak"
        ],
        "one line per bird, in order, `<name> says <call>`"
    );
}

#[test]
fn only_birds_whose_ceiling_is_above_the_ridge_cross_it() {
    let flock: [&dyn FlyingBird; 3] = [&Sparrow, &Duck, &Albatross];
    assert_eq!(
        can_cross(&flock, 4_500),
        ["duck", "albatross"],
        "a sparrow flies up to 4,000 m, a duck 6,000 m, the checks' albatross 5,000 m"
    );
    assert_eq!(
        can_cross(&flock, 5_000),
        ["duck"],
        "a ceiling equal to the ridge is not enough to cross it"
    );
}

#[test]
fn a_duck_both_flies_and_dives_and_a_penguin_dives() {
    assert_eq!(Sparrow.ceiling_m(), 4_000, "a sparrow's ceiling, in metres");
    assert_eq!(Duck.ceiling_m(), 6_000, "a duck's ceiling, in metres");
    assert_eq!(Duck.max_depth_m(), 6, "how deep a duck dives, in metres");
    assert_eq!(
        Penguin.max_depth_m(),
        500,
        "how deep a penguin dives, in metres"
    );
}

#[test]
fn a_penguin_cannot_be_asked_to_fly_nor_a_sparrow_to_dive() {
    // The seed's penguin inherited `fly` and threw when asked. Substitutable means
    // the question cannot even be written; the same goes for a sparrow's dive.
    assert_does_not_compile("penguin_cannot_fly");
}

/// One step of a store's life.
#[derive(Debug, Clone)]
enum Op {
    Put(&'static str, String),
    Get(&'static str),
    Remove(&'static str),
    Keys,
}

fn ops() -> impl proptest::strategy::Strategy<Value = Vec<Op>> {
    let key = prop::sample::select(vec!["a", "b", "c", "d"]);
    let op = prop_oneof![
        3 => (key.clone(), "[0-9]{1,2}").prop_map(|(key, value)| Op::Put(key, value)),
        2 => key.clone().prop_map(Op::Get),
        2 => key.prop_map(Op::Remove),
        1 => Just(Op::Keys),
    ];
    prop::collection::vec(op, 1..40)
}

/// The contract suite: one generic function, run against every implementation of
/// [`Store`]. A `BTreeMap` is the model of what a store must answer; the first answer
/// that differs is reported with the steps that led to it.
fn keeps_the_store_contract<S: Store>(store: &mut S, ops: &[Op]) -> Result<(), String> {
    let mut model: BTreeMap<&str, String> = BTreeMap::new();
    for (step, op) in ops.iter().enumerate() {
        let answer = panic::catch_unwind(AssertUnwindSafe(|| match op {
            Op::Put(key, value) => format!("{:?}", store.put(key, value)),
            Op::Get(key) => format!("{:?}", store.get(key)),
            Op::Remove(key) => format!("{:?}", store.remove(key)),
            Op::Keys => format!("{:?}", store.keys()),
        }));
        let Ok(actual) = answer else {
            return Err(format!(
                "after {:?}, {op:?} panicked (its message is above)",
                &ops[..step]
            ));
        };
        let (what, expected) = match op {
            Op::Put(key, value) => (
                format!("put({key:?}, {value:?}) returned"),
                format!("{:?}", model.insert(key, value.clone())),
            ),
            Op::Get(key) => (
                format!("get({key:?}) returned"),
                format!("{:?}", model.get(key).map(String::as_str)),
            ),
            Op::Remove(key) => (
                format!("remove({key:?}) returned"),
                format!("{:?}", model.remove(key)),
            ),
            Op::Keys => (
                "keys() returned".to_string(),
                format!("{:?}", model.keys().collect::<Vec<_>>()),
            ),
        };
        if expected != actual {
            return Err(format!(
                "after {:?}, {what} {actual}; the store contract says {expected}",
                &ops[..step]
            ));
        }
    }
    Ok(())
}

/// A store of the checks' own, under the learner's `Prefixed`: the wrapper must work
/// over any store, not only the ones it was written beside.
#[derive(Default)]
struct VecStore(Vec<(String, String)>);

impl Store for VecStore {
    fn put(&mut self, key: &str, value: &str) -> Option<String> {
        let previous = self.remove(key);
        self.0.push((key.to_string(), value.to_string()));
        previous
    }
    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    fn remove(&mut self, key: &str) -> Option<String> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.swap_remove(at).1)
    }
    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.0.iter().map(|(k, _)| k.clone()).collect();
        keys.sort();
        keys
    }
}

/// An inner store that already holds keys outside the namespace, some of which sort
/// between the namespace's own.
fn crowded<S: Store>(mut inner: S) -> S {
    for key in ["a", "t", "u", "user", "user", "v", "zz/a"] {
        inner.put(key, "not mine");
    }
    inner
}

proptest! {
    #![proptest_config(proptest_config(200))]

    #[test]
    fn a_hash_store_keeps_the_store_contract(ops in ops()) {
        keeps_the_store_contract(&mut HashStore::new(), &ops).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn a_log_store_keeps_the_store_contract(ops in ops()) {
        keeps_the_store_contract(&mut LogStore::new(), &ops).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn a_prefixed_store_keeps_the_contract_over_any_store(ops in ops()) {
        keeps_the_store_contract(&mut Prefixed::new("u/", crowded(HashStore::new())), &ops)
            .map_err(|error| TestCaseError::fail(format!("Prefixed over a HashStore: {error}")))?;
        keeps_the_store_contract(&mut Prefixed::new("u/", crowded(LogStore::new())), &ops)
            .map_err(|error| TestCaseError::fail(format!("Prefixed over a LogStore: {error}")))?;
        keeps_the_store_contract(&mut Prefixed::new("u/", crowded(VecStore::default())), &ops)
            .map_err(|error| TestCaseError::fail(format!("Prefixed over the checks' own store: {error}")))?;
        let nested = Prefixed::new("app/", Prefixed::new("u/", crowded(HashStore::new())));
        keeps_the_store_contract(&mut { nested }, &ops)
            .map_err(|error| TestCaseError::fail(format!("Prefixed over a Prefixed store: {error}")))?;
    }
}

#[test]
fn a_prefixed_store_keeps_its_keys_under_the_prefix_in_the_store_beneath() {
    let mut users = Prefixed::new("user/", crowded(HashStore::new()));
    users.put("ada", "1815");
    let inner = users.into_inner();
    assert_eq!(
        inner.get("user/ada"),
        Some("1815"),
        "`ada` in the namespace `user/` is stored as `user/ada` in the store beneath"
    );
    assert_eq!(
        inner.get("a"),
        Some("not mine"),
        "keys outside the namespace stay"
    );
}

#[test]
fn a_log_store_stays_short_however_often_one_key_is_overwritten() {
    let mut store = LogStore::new();
    for round in 0..1_000 {
        store.put("counter", &round.to_string());
    }
    store.put("other", "x");
    store.remove("other");
    assert_eq!(
        store.get("counter"),
        Some("999"),
        "the latest of 1,000 writes to `counter`"
    );
    assert!(
        store.log_len() <= 3,
        "after 1,000 writes to one key and a removed one, the log holds {} records; \
         with dead records compacted away it holds at most twice the live keys plus one",
        store.log_len()
    );
}

#[test]
fn a_log_store_appends_a_record_for_each_change_and_none_for_a_removal_of_nothing() {
    let mut store = LogStore::new();
    let mut lengths = Vec::new();
    store.put("a", "1");
    lengths.push(store.log_len());
    store.put("b", "2");
    lengths.push(store.log_len());
    store.remove("a");
    lengths.push(store.log_len());
    store.remove("missing");
    lengths.push(store.log_len());
    assert_eq!(
        lengths,
        [1, 2, 3, 3],
        "the log's length after put a, put b, remove a, remove a missing key: each put and \
         each removal appends a record (a removal's record says the key is gone), and \
         removing a key that is not there changes nothing, so it writes nothing"
    );
    store.put("b", "3");
    assert_eq!(
        store.log_len(),
        1,
        "four records for one live key: dead records outnumber live ones, so the log is \
         rewritten with only the live record"
    );
    let after_compaction = panic::catch_unwind(AssertUnwindSafe(|| store.get("b")));
    assert_eq!(
        after_compaction.ok(),
        Some(Some("3")),
        "`b` after compaction (`None` here: `get` panicked); compaction moves records, so \
         the index must point at their new places"
    );
}
