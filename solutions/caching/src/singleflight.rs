//! Exercise: one load per key, however many callers miss at once.
//!
//! When a popular key misses (it expired, or the cache restarted), every request for
//! it misses at the same moment, and each one goes to the store for the same value:
//! a stampede. Go's `singleflight` package fixes the in-process half of it: the first
//! caller for a key runs the load, and callers that arrive while it runs wait for it
//! and share its result. Once the load has finished, the key is forgotten, so the next
//! call loads again (caching the result is the cache's job, not this one's). That
//! holds even when a load panics: its key must not stay "in flight" for ever.
//! Different keys never wait for each other.
//! Read "Singleflight" in `notes/caching.md`.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

/// Where one key's load stands.
enum State<V> {
    Running,
    Done(V),
    /// The load panicked; its waiters have no value to share.
    Panicked,
}

/// One load in flight, shared by its leader and its waiters.
struct Call<V> {
    state: Mutex<State<V>>,
    finished: Condvar,
}

impl<V: Clone> Call<V> {
    /// Blocks until the load has finished, then returns a clone of its value.
    fn wait(&self) -> V {
        let state = lock(&self.state);
        let state = self
            .finished
            .wait_while(state, |state| matches!(state, State::Running))
            .unwrap_or_else(PoisonError::into_inner);
        match &*state {
            State::Done(value) => value.clone(),
            State::Panicked => panic!("the load this caller waited for panicked"),
            State::Running => unreachable!("wait_while returned while running"),
        }
    }
}

impl<V> Call<V> {
    /// Records how the load ended and wakes every waiter.
    fn finish(&self, state: State<V>) {
        *lock(&self.state) = state;
        self.finished.notify_all();
    }
}

/// Deduplicates concurrent loads of the same key.
pub struct Group<K, V> {
    /// The loads in flight, by key. Held only to look up, insert or remove, never
    /// across a load.
    calls: Mutex<HashMap<K, Arc<Call<V>>>>,
}

impl<K, V> std::fmt::Debug for Group<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Group").finish_non_exhaustive()
    }
}

impl<K: Hash + Eq + Clone + Send, V: Clone + Send> Default for Group<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Hash + Eq + Clone + Send, V: Clone + Send> Group<K, V> {
    /// A group with no load in flight.
    pub fn new() -> Self {
        Self {
            calls: Mutex::new(HashMap::new()),
        }
    }

    /// The value of `load()` for `key`. If a load for `key` is already running, waits
    /// for it and returns a clone of its value instead of loading again; otherwise
    /// runs `load` itself, while later callers for `key` wait.
    pub fn work(&self, key: K, load: impl FnOnce() -> V) -> V {
        let call = {
            let mut calls = lock(&self.calls);
            if let Some(call) = calls.get(&key) {
                let call = Arc::clone(call);
                drop(calls);
                return call.wait();
            }
            let call = Arc::new(Call {
                state: Mutex::new(State::Running),
                finished: Condvar::new(),
            });
            calls.insert(key.clone(), Arc::clone(&call));
            call
        };
        // This caller leads. Whatever happens in `load`, the key is forgotten and
        // the waiters are woken: the guard does it on the way out, panic or not.
        let mut leader = Leader {
            group: self,
            key,
            call,
            value: None,
        };
        let value = load();
        leader.value = Some(value.clone());
        value
    }
}

/// The leader's duty on the way out: forget the key, then hand the value (or the
/// news of a panic) to the waiters.
struct Leader<'a, K: Hash + Eq, V> {
    group: &'a Group<K, V>,
    key: K,
    call: Arc<Call<V>>,
    value: Option<V>,
}

impl<K: Hash + Eq, V> Drop for Leader<'_, K, V> {
    fn drop(&mut self) {
        lock(&self.group.calls).remove(&self.key);
        let state = self.value.take().map_or(State::Panicked, State::Done);
        self.call.finish(state);
    }
}

/// Locks `mutex`, ignoring poisoning: every critical section here leaves its data
/// consistent, even when a load panics outside of it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
