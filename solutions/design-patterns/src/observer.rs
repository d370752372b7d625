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
        Topic {
            subscribers: Arc::new(Mutex::new(Vec::new())),
            next_id: AtomicU64::new(0),
        }
    }

    /// Calls `on_event` with every event published from now on, in order, on a
    /// thread of its own, until the returned subscription is dropped.
    pub fn subscribe(&self, mut on_event: impl FnMut(E) + Send + 'static) -> Subscription<E> {
        let (sender, events) = mpsc::channel();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        // The thread ends when its queue's sender is dropped (on unsubscribing, or
        // with the topic), or when `on_event` panics; a publish then finds the queue
        // closed and forgets the subscriber.
        thread::spawn(move || {
            for event in events {
                on_event(event);
            }
        });
        lock(&self.subscribers).push((id, sender));
        Subscription {
            id,
            topic: Arc::downgrade(&self.subscribers),
        }
    }

    /// Queues `event` for every subscriber and returns how many it was queued for.
    /// It never waits for a subscriber to handle it.
    pub fn publish(&self, event: E) -> usize {
        let mut subscribers = lock(&self.subscribers);
        subscribers.retain(|(_, queue)| queue.send(event.clone()).is_ok());
        subscribers.len()
    }

    /// How many subscribers the topic has.
    pub fn subscribers(&self) -> usize {
        lock(&self.subscribers).len()
    }
}

impl<E: Clone + Send + 'static> Default for Topic<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> Drop for Subscription<E> {
    fn drop(&mut self) {
        if let Some(subscribers) = self.topic.upgrade() {
            lock(&subscribers).retain(|(id, _)| *id != self.id);
        }
    }
}

/// The subscriber list, even if a thread panicked while holding it: the list is
/// whole at every point a panic could happen.
fn lock<E>(subscribers: &Subscribers<E>) -> MutexGuard<'_, Vec<(u64, Sender<E>)>> {
    subscribers
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
