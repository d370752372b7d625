//! Checks for `exercises/caching/src/write_policies.rs`.
//!
//! One store, three policies, and the store's own counters as the measure: how many
//! writes reach it, how many reads a cache saves it, and what is left in it after a
//! crash.

use caching::write_policies::{Policy, Store, WriteCache};
use rstest::rstest;

use Policy::{WriteAround, WriteBack, WriteThrough};

#[rstest]
#[case::write_through(WriteThrough, 10, 10)]
#[case::write_around(WriteAround, 10, 10)]
#[case::write_back(WriteBack, 0, 1)]
fn ten_writes_to_one_key_cost_the_store(
    #[case] policy: Policy,
    #[case] before_flush: usize,
    #[case] after_flush: usize,
) {
    let mut cache = WriteCache::new(policy, 4, Store::new());
    for i in 0..10 {
        cache.write("counter", &i.to_string());
    }
    assert_eq!(
        cache.store().writes(),
        before_flush,
        "{policy:?}: ten writes to one key should cost the store {before_flush} writes \
         before a flush, not {}",
        cache.store().writes()
    );
    cache.flush();
    assert_eq!(
        cache.store().writes(),
        after_flush,
        "{policy:?}: after a flush the store should have had {after_flush} writes, not {}",
        cache.store().writes()
    );
    assert_eq!(cache.store().row("counter"), Some("9"));
    assert_eq!(
        cache.dirty(),
        0,
        "{policy:?}: nothing is dirty after a flush"
    );
}

#[rstest]
#[case::write_through(WriteThrough, 0)]
#[case::write_around(WriteAround, 1)]
#[case::write_back(WriteBack, 0)]
fn a_read_after_a_write_costs_the_store(#[case] policy: Policy, #[case] reads: usize) {
    let mut cache = WriteCache::new(policy, 4, Store::with(&[("user", "Ada")]));
    cache.write("user", "Grace");
    assert_eq!(cache.read("user").as_deref(), Some("Grace"));
    assert_eq!(
        cache.store().reads(),
        reads,
        "{policy:?}: reading a key just written should cost the store {reads} reads, not {}",
        cache.store().reads()
    );
}

#[rstest]
#[case::write_through(WriteThrough)]
#[case::write_around(WriteAround)]
#[case::write_back(WriteBack)]
fn a_miss_loads_once_and_then_hits(#[case] policy: Policy) {
    let mut cache = WriteCache::new(policy, 2, Store::with(&[("a", "1")]));
    assert_eq!(cache.read("a").as_deref(), Some("1"));
    assert_eq!(cache.read("a").as_deref(), Some("1"));
    assert_eq!(cache.read("missing"), None);
    assert_eq!(
        cache.store().reads(),
        2,
        "{policy:?}: one load for a, one for the missing key; the second read of a is a hit"
    );
    assert_eq!(cache.store().writes(), 0, "{policy:?}: reads never write");
}

#[test]
fn write_around_drops_the_cached_copy() {
    let mut cache = WriteCache::new(WriteAround, 4, Store::with(&[("price", "v1")]));
    assert_eq!(cache.read("price").as_deref(), Some("v1"));
    cache.write("price", "v2");
    assert_eq!(
        cache.read("price").as_deref(),
        Some("v2"),
        "write-around saved v2 to the store but the cache still served its old copy: \
         the write must drop it"
    );
    assert_eq!(
        cache.store().reads(),
        2,
        "write-around must drop the cached copy rather than refresh it: the read after \
         the write should miss and load from the store"
    );
}

#[test]
fn write_back_saves_a_dirty_entry_when_it_is_evicted() {
    let mut cache = WriteCache::new(WriteBack, 2, Store::new());
    cache.write("a", "1");
    cache.write("b", "2");
    assert_eq!(cache.store().writes(), 0, "write-back writes nothing yet");
    cache.write("c", "3"); // evicts a, the least recently used
    assert_eq!(
        cache.store().row("a"),
        Some("1"),
        "a was evicted while dirty and its write never reached the store: a dirty entry \
         must be saved when it leaves the cache"
    );
    assert_eq!(
        cache.store().writes(),
        1,
        "only the evicted entry was saved"
    );
    assert_eq!(cache.dirty(), 2);
}

#[test]
fn write_back_saves_a_dirty_entry_that_a_read_evicts() {
    let mut cache = WriteCache::new(WriteBack, 1, Store::with(&[("b", "2")]));
    cache.write("a", "1");
    assert_eq!(cache.read("b").as_deref(), Some("2")); // the fill evicts a
    assert_eq!(
        cache.store().row("a"),
        Some("1"),
        "a read's fill evicted the dirty a without saving it"
    );
}

#[test]
fn write_back_evicting_a_clean_entry_writes_nothing() {
    let mut cache = WriteCache::new(WriteBack, 1, Store::with(&[("a", "1"), ("b", "2")]));
    cache.read("a");
    cache.read("b");
    cache.read("a");
    assert_eq!(
        cache.store().writes(),
        0,
        "entries loaded from the store are clean: evicting them must not write"
    );
}

#[test]
fn write_back_makes_a_clean_cached_entry_dirty() {
    let mut cache = WriteCache::new(WriteBack, 4, Store::with(&[("a", "1")]));
    assert_eq!(cache.read("a").as_deref(), Some("1")); // cached clean
    cache.write("a", "2");
    assert_eq!(cache.dirty(), 1, "the write to the cached a makes it dirty");
    cache.flush();
    assert_eq!(
        cache.store().row("a"),
        Some("2"),
        "the write to a key that was already cached (clean) never reached the store"
    );
}

#[test]
fn a_flush_saves_each_dirty_entry_once() {
    let mut cache = WriteCache::new(WriteBack, 4, Store::new());
    cache.write("a", "1");
    cache.write("b", "2");
    cache.flush();
    cache.flush();
    assert_eq!(
        cache.store().writes(),
        2,
        "two dirty entries, two flushes: the second flush found them still dirty and \
         saved them again ({} writes)",
        cache.store().writes()
    );
}

#[test]
fn a_crash_loses_what_write_back_had_not_saved() {
    let mut cache = WriteCache::new(WriteBack, 4, Store::new());
    cache.write("a", "1");
    cache.write("b", "1");
    cache.flush();
    cache.write("a", "2");
    cache.write("c", "1");
    assert_eq!(
        cache.dirty(),
        2,
        "a's second value and c are not in the store yet"
    );
    let survived = cache.crash();
    assert_eq!(survived.row("a"), Some("1"), "a's second write is lost");
    assert_eq!(survived.row("b"), Some("1"));
    assert_eq!(survived.row("c"), None, "c never reached the store");
}

#[rstest]
#[case::write_through(WriteThrough)]
#[case::write_around(WriteAround)]
fn a_crash_loses_nothing_when_every_write_reaches_the_store(#[case] policy: Policy) {
    let mut cache = WriteCache::new(policy, 4, Store::new());
    cache.write("a", "1");
    cache.write("a", "2");
    cache.write("c", "1");
    assert_eq!(cache.dirty(), 0);
    let survived = cache.crash();
    assert_eq!(
        survived.row("a"),
        Some("2"),
        "{policy:?}: every write is in the store"
    );
    assert_eq!(
        survived.row("c"),
        Some("1"),
        "{policy:?}: every write is in the store"
    );
}

#[test]
fn a_read_hit_counts_as_a_use_for_eviction() {
    let mut cache = WriteCache::new(WriteThrough, 2, Store::new());
    cache.write("a", "1");
    cache.write("b", "2");
    assert_eq!(cache.read("a").as_deref(), Some("1")); // a hit: a is now the most recent
    cache.write("c", "3"); // the cache is full: the least recently used, b, goes
    assert_eq!(cache.read("a").as_deref(), Some("1"));
    assert_eq!(
        cache.store().reads(),
        0,
        "a was read just before c arrived, so b was the least recently used and should have \
         been evicted; instead a was, and reading it again went to the store"
    );
    assert_eq!(cache.read("b").as_deref(), Some("2"));
    assert_eq!(
        cache.store().reads(),
        1,
        "b was evicted, so reading it loads from the store"
    );
}
