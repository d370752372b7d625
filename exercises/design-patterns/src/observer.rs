//! Exercise: Observer.
//!
//! A [`Topic`] publishes events to its subscribers. Each subscriber gets its own
//! queue and its own thread, so it receives every event in the order published,
//! a slow one delays only itself and a panicking one stops only itself. Subscribing
//! returns a [`Subscription`]; dropping it unsubscribes, so a subscriber cannot be
//! forgotten in the list.
//! Read "Observer" in `notes/design-patterns.md`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::thread;

/// The subscribers of one topic: each one's id and the sending end of its queue.
type Subscribers<E> = Mutex<Vec<(u64, Sender<E>)>>;

/// A topic that events of type `E` are published to.
pub struct Topic<E> {
    subscribers: Arc<Subscribers<E>>,
    next_id: AtomicU64,
}

/// A subscriber's place on a topic: dropping it unsubscribes.
#[must_use = "dropping a subscription unsubscribes at once"]
pub struct Subscription<E> {
    id: u64,
    // Weak, so a subscription that outlives its topic keeps nothing alive.
    topic: Weak<Subscribers<E>>,
}

impl<E: Clone + Send + 'static> Topic<E> {
    pub fn new() -> Self {
        todo!()
    }

    /// Calls `on_event` with every event published from now on, in order, on a
    /// thread of its own, until the returned subscription is dropped.
    pub fn subscribe(&self, mut on_event: impl FnMut(E) + Send + 'static) -> Subscription<E> {
        todo!(
            "a channel per subscriber; a thread that calls on_event for each event it receives; keep the sender"
        )
    }

    /// Queues `event` for every subscriber and returns how many it was queued for.
    /// It never waits for a subscriber to handle it.
    pub fn publish(&self, event: E) -> usize {
        todo!("send a clone to each subscriber; forget those whose queue is closed")
    }

    /// How many subscribers the topic has.
    pub fn subscribers(&self) -> usize {
        todo!()
    }
}

impl<E: Clone + Send + 'static> Default for Topic<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> Drop for Subscription<E> {
    fn drop(&mut self) {
        todo!("if the topic is still there, remove this id from its list")
    }
}

/// The subscriber list, even if a thread panicked while holding it: the list is
/// whole at every point a panic could happen.
fn lock<E>(subscribers: &Subscribers<E>) -> MutexGuard<'_, Vec<(u64, Sender<E>)>> {
    subscribers
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
