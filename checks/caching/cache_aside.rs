//! Checks for `exercises/caching/src/cache_aside.rs`.
//!
//! The store is a fake that counts its loads and saves. The races are scripted, not
//! left to threads: the cache's `after_load` hook runs a writer in the gap between a
//! reader's load and its set, and the store's `before_save` runs a reader in the gap
//! between a writer's delete and its save. Each interleaving happens on every run.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use caching::cache_aside::{CacheAside, LeaseCache, Lookup, Store};

/// Something to run inside the store's next save, before the value is stored.
type BeforeSave = Box<dyn FnOnce() + Send>;

/// A store that counts its calls and can run one scripted step inside a save.
#[derive(Clone, Default)]
struct FakeStore(Arc<Inner>);

#[derive(Default)]
struct Inner {
    rows: Mutex<HashMap<String, String>>,
    loads: AtomicUsize,
    saves: AtomicUsize,
    before_save: Mutex<Option<BeforeSave>>,
}

impl FakeStore {
    fn with(rows: &[(&str, &str)]) -> Self {
        let store = Self::default();
        for (key, value) in rows {
            store
                .0
                .rows
                .lock()
                .unwrap()
                .insert(key.to_string(), value.to_string());
        }
        store
    }

    fn loads(&self) -> usize {
        self.0.loads.load(Ordering::SeqCst)
    }

    fn saves(&self) -> usize {
        self.0.saves.load(Ordering::SeqCst)
    }

    fn value(&self, key: &str) -> Option<String> {
        self.0.rows.lock().unwrap().get(key).cloned()
    }

    /// Runs `step` at the start of the next save, before the new value is stored.
    fn before_next_save(&self, step: impl FnOnce() + Send + 'static) {
        *self.0.before_save.lock().unwrap() = Some(Box::new(step));
    }
}

impl Store for FakeStore {
    fn load(&self, key: &str) -> Option<String> {
        self.0.loads.fetch_add(1, Ordering::SeqCst);
        self.value(key)
    }

    fn save(&self, key: &str, value: &str) {
        self.0.saves.fetch_add(1, Ordering::SeqCst);
        let step = self.0.before_save.lock().unwrap().take();
        if let Some(step) = step {
            step();
        }
        self.0
            .rows
            .lock()
            .unwrap()
            .insert(key.to_owned(), value.to_owned());
    }
}

impl std::fmt::Debug for FakeStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FakeStore")
    }
}

#[test]
fn a_miss_loads_from_the_store_once_and_later_reads_hit() {
    let store = FakeStore::with(&[("user:1", "Ada")]);
    let aside = CacheAside::new(store.clone());
    assert_eq!(aside.read("user:1").as_deref(), Some("Ada"));
    assert_eq!(store.loads(), 1, "the first read misses and loads once");
    assert_eq!(
        aside.cache().get("user:1"),
        Lookup::Hit("Ada".into()),
        "after a read that missed, the loaded value must be in the cache"
    );
    for _ in 0..3 {
        assert_eq!(aside.read("user:1").as_deref(), Some("Ada"));
    }
    assert_eq!(
        store.loads(),
        1,
        "reads after the first must be served by the cache, but the store was asked {} times",
        store.loads()
    );
}

#[test]
fn a_key_the_store_lacks_is_none() {
    let store = FakeStore::default();
    let aside = CacheAside::new(store.clone());
    assert_eq!(aside.read("nobody"), None);
    assert_eq!(store.saves(), 0, "a read never writes to the store");
}

#[test]
fn a_write_saves_to_the_store_and_the_next_read_sees_it() {
    let store = FakeStore::with(&[("user:1", "Ada")]);
    let aside = CacheAside::new(store.clone());
    assert_eq!(aside.read("user:1").as_deref(), Some("Ada"));
    aside.write("user:1", "Grace");
    assert_eq!(store.value("user:1").as_deref(), Some("Grace"));
    assert_eq!(store.saves(), 1);
    assert_eq!(
        aside.read("user:1").as_deref(),
        Some("Grace"),
        "after a write the cache must not serve the old value: the write deletes the key"
    );
    assert_eq!(
        store.loads(),
        2,
        "the read after the write misses and loads the new value"
    );
}

#[test]
fn a_miss_hands_out_a_lease_and_a_set_with_it_is_stored_once() {
    let cache = LeaseCache::new();
    let Lookup::Miss(lease) = cache.get("k") else {
        panic!("an empty cache must miss");
    };
    assert!(
        cache.set("k", "v".into(), lease),
        "a set with the miss's lease is stored"
    );
    assert_eq!(cache.get("k"), Lookup::Hit("v".into()));
    assert!(
        !cache.set("k", "w".into(), lease),
        "a lease allows one set: a second set with it must be refused"
    );
    assert_eq!(cache.get("k"), Lookup::Hit("v".into()));
}

#[test]
fn a_delete_cancels_the_lease_even_of_a_key_that_holds_no_value() {
    let cache = LeaseCache::new();
    let Lookup::Miss(lease) = cache.get("k") else {
        panic!("an empty cache must miss");
    };
    cache.delete("k");
    assert!(
        !cache.set("k", "old".into(), lease),
        "a lease from before a delete must be refused: the value it carries was read before the write"
    );
    assert!(matches!(cache.get("k"), Lookup::Miss(_)));
}

#[test]
fn a_lease_from_before_a_delete_stays_refused_after_a_new_miss() {
    let cache = LeaseCache::new();
    let Lookup::Miss(before) = cache.get("k") else {
        panic!("an empty cache must miss");
    };
    cache.delete("k");
    let Lookup::Miss(after) = cache.get("k") else {
        panic!("the deleted key must miss");
    };
    assert_ne!(before, after, "every miss hands out a lease of its own");
    assert!(
        !cache.set("k", "old".into(), before),
        "the lease from before the delete was accepted because a later miss took a new one: \
         a lease must name one miss, not just say that someone is loading"
    );
    assert!(cache.set("k", "new".into(), after));
    assert_eq!(cache.get("k"), Lookup::Hit("new".into()));
}

#[test]
fn leases_of_different_keys_are_independent() {
    let store = FakeStore::with(&[("a", "1"), ("b", "2")]);
    let aside = CacheAside::with_hook(store.clone(), {
        let once = AtomicBool::new(false);
        move |aside, key| {
            if key == "a" && !once.swap(true, Ordering::SeqCst) {
                aside.write("b", "3"); // a write to another key, inside a's read
            }
        }
    });
    assert_eq!(aside.read("a").as_deref(), Some("1"));
    assert_eq!(aside.read("a").as_deref(), Some("1"));
    assert_eq!(
        store.loads(),
        1,
        "a write to key b cancelled the lease of key a, so a was never cached"
    );
}

/// The stale-set race: the reader misses and loads "v1"; in the gap, a writer saves
/// "v2" and deletes the key; then the reader sets what it loaded.
#[test]
fn the_stale_set_race_leaves_the_cache_fresh() {
    let store = FakeStore::with(&[("price", "v1")]);
    let aside = CacheAside::with_hook(store.clone(), {
        let once = AtomicBool::new(false);
        move |aside, key| {
            if !once.swap(true, Ordering::SeqCst) {
                aside.write(key, "v2");
            }
        }
    });
    assert_eq!(
        aside.read("price").as_deref(),
        Some("v1"),
        "the racing reader returns what it loaded"
    );
    assert_eq!(store.value("price").as_deref(), Some("v2"));
    assert!(
        matches!(aside.cache().get("price"), Lookup::Miss(_)),
        "the reader set \"v1\" with the lease from its miss, after the writer's delete: \
         that set must be refused, leaving the key uncached (the stale-set race)"
    );
    assert_eq!(
        aside.read("price").as_deref(),
        Some("v2"),
        "the cache serves \"v1\" after the store was updated to \"v2\": the reader's set of \
         the value it loaded before the write landed after the write's delete (the stale-set \
         race). The lease from the reader's miss must be the one it sets with, and the delete \
         must cancel it"
    );
}

/// Deleting before saving: a reader in between loads the old value with a lease the
/// delete did not cancel, since the delete came first.
#[test]
fn a_reader_between_the_writers_steps_cannot_cache_the_old_value() {
    let store = FakeStore::with(&[("price", "v1")]);
    let aside = Arc::new(CacheAside::new(store.clone()));
    store.before_next_save({
        let aside = Arc::clone(&aside);
        move || {
            aside.read("price");
        }
    });
    aside.write("price", "v2");
    assert_eq!(
        aside.read("price").as_deref(),
        Some("v2"),
        "the cache serves \"v1\" after the write of \"v2\": a reader that came in during the \
         write cached the old value after the write's delete. Save to the store first, then \
         delete from the cache"
    );
}
