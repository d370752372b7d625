//! Checks for `exercises/design-patterns/src/proxy.rs`.

mod support;

use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use design_patterns::proxy::{CachingCatalog, Catalog, CatalogError, Video};
use proptest::prelude::*;
use support::proptest_config;

/// The checks' stand-in for the slow service: videos 1 to 100 exist, the ids in
/// `down` are unavailable, and every call is counted. It is `Sync`, as a real
/// client is, so threads can share a proxy in front of it.
#[derive(Default)]
struct RemoteCatalog {
    calls: AtomicU64,
    down: Mutex<HashSet<u64>>,
    /// Bumped to change every title, as an editor would.
    edition: AtomicU32,
}

impl RemoteCatalog {
    fn calls(&self) -> u64 {
        self.calls.load(Ordering::SeqCst)
    }

    fn down(&self) -> std::sync::MutexGuard<'_, HashSet<u64>> {
        self.down.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Catalog for RemoteCatalog {
    fn video(&self, id: u64) -> Result<Video, CatalogError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        if self.down().contains(&id) {
            return Err(CatalogError::Unavailable);
        }
        if !(1..=100).contains(&id) {
            return Err(CatalogError::NotFound(id));
        }
        Ok(Video {
            id,
            title: format!(
                "video {id}, edition {}",
                self.edition.load(Ordering::SeqCst)
            ),
            duration_s: 60 * id as u32,
        })
    }
}

/// The service with a gate on one id: a call for `slow_id` says it has arrived,
/// then waits until the check opens the gate. Other ids answer at once.
struct GatedCatalog {
    remote: RemoteCatalog,
    slow_id: u64,
    arrived: Mutex<Sender<u64>>,
    gate: Mutex<Receiver<()>>,
}

impl Catalog for GatedCatalog {
    fn video(&self, id: u64) -> Result<Video, CatalogError> {
        if id == self.slow_id {
            let arrived = self.arrived.lock().unwrap_or_else(PoisonError::into_inner);
            // The check may have given up already; the call goes on regardless.
            let _ = arrived.send(id);
            drop(arrived);
            let gate = self.gate.lock().unwrap_or_else(PoisonError::into_inner);
            let _ = gate.recv();
        }
        self.remote.video(id)
    }
}

/// How long the check waits for a call that should not have to wait at all. Only
/// an answer that makes it wait for the gate ever reaches it.
const NO_WAIT: Duration = Duration::from_secs(3);

/// Any catalog, through the trait: callers cannot tell a proxy from the service.
fn titles(catalog: &dyn Catalog, ids: &[u64]) -> Vec<String> {
    ids.iter()
        .map(|&id| {
            catalog
                .video(id)
                .map_or_else(|error| error.to_string(), |video| video.title)
        })
        .collect()
}

#[test]
fn the_proxy_answers_like_the_service_and_asks_it_once_per_video() {
    let proxy = CachingCatalog::new(RemoteCatalog::default(), 10);
    let ids = [1, 2, 1, 1, 3, 2];
    assert_eq!(
        titles(&proxy, &ids),
        titles(&RemoteCatalog::default(), &ids),
        "the proxy must answer exactly as the service does"
    );
    assert_eq!(
        proxy.calls_forwarded(),
        3,
        "three different videos, each asked for at least once"
    );
    assert_eq!(proxy.service().calls(), 3, "the service saw three calls");
}

#[test]
fn errors_are_passed_on_and_never_cached() {
    let proxy = CachingCatalog::new(RemoteCatalog::default(), 10);
    assert_eq!(
        proxy.video(404),
        Err(CatalogError::NotFound(404)),
        "the service's error, passed on"
    );
    proxy.service().down().insert(7);
    assert_eq!(
        proxy.video(7),
        Err(CatalogError::Unavailable),
        "the service's error, passed on"
    );
    proxy.service().down().clear();
    let video = proxy.video(7).expect("video 7 is back");
    assert_eq!(
        video.id, 7,
        "once the service is back, the proxy asks it again"
    );
    assert_eq!(
        proxy.video(404),
        Err(CatalogError::NotFound(404)),
        "still not found"
    );
    assert_eq!(
        proxy.calls_forwarded(),
        4,
        "every error was forwarded, none was remembered"
    );
    for (error, words) in [
        (CatalogError::NotFound(404), "404"),
        (CatalogError::Unavailable, "unavailable"),
    ] {
        let message = error.to_string();
        assert!(
            message.contains(words),
            "the message for {error:?} should say {words:?}: {message}"
        );
    }
}

#[test]
fn the_least_recently_used_video_is_evicted_when_the_cache_is_full() {
    let proxy = CachingCatalog::new(RemoteCatalog::default(), 2);
    for id in [1, 2, 1, 3] {
        proxy.video(id).expect("videos 1 to 100 exist");
    }
    // 1 was used after 2, so 3 pushed 2 out.
    assert_eq!(
        proxy.calls_forwarded(),
        3,
        "1, 2, 1, 3 with room for two: 1, 2 and 3 were each asked of the service once"
    );
    proxy.video(1).expect("exists");
    assert_eq!(
        proxy.calls_forwarded(),
        3,
        "video 1 was used recently and should still be cached"
    );
    proxy.video(2).expect("exists");
    assert_eq!(
        proxy.calls_forwarded(),
        4,
        "video 2 was the least recently used and should have been evicted"
    );
}

#[test]
fn a_cache_of_zero_forwards_everything() {
    let proxy = CachingCatalog::new(RemoteCatalog::default(), 0);
    for id in [5, 5, 5] {
        proxy.video(id).expect("exists");
    }
    assert_eq!(
        proxy.calls_forwarded(),
        3,
        "a proxy with room for no video forwards every request"
    );
}

#[test]
fn an_invalidated_video_is_fetched_again() {
    let proxy = CachingCatalog::new(RemoteCatalog::default(), 10);
    assert_eq!(
        proxy.video(9).map(|video| video.title).as_deref(),
        Ok("video 9, edition 0"),
        "the first request reaches the service"
    );
    proxy.service().edition.store(1, Ordering::SeqCst);
    assert_eq!(
        proxy.video(9).map(|video| video.title).as_deref(),
        Ok("video 9, edition 0"),
        "cached: the proxy has not been told"
    );
    proxy.invalidate(9);
    assert_eq!(
        proxy.video(9).map(|video| video.title).as_deref(),
        Ok("video 9, edition 1"),
        "after invalidate, the proxy asks the service"
    );
    assert_eq!(
        proxy.calls_forwarded(),
        2,
        "the first request and the one after invalidate reached the service"
    );
}

#[test]
fn a_slow_call_for_one_video_does_not_hold_up_a_call_for_another() {
    let (arrived_tx, arrived) = mpsc::channel();
    let (open_gate, gate) = mpsc::channel();
    let proxy = CachingCatalog::new(
        GatedCatalog {
            remote: RemoteCatalog::default(),
            slow_id: 1,
            arrived: Mutex::new(arrived_tx),
            gate: Mutex::new(gate),
        },
        10,
    );
    let (second_answered, second) = thread::scope(|scope| {
        let proxy = &proxy;
        let first = scope.spawn(move || proxy.video(1));
        let reached = arrived.recv_timeout(NO_WAIT);
        let (done_tx, done) = mpsc::channel();
        let second = scope.spawn(move || {
            let answer = proxy.video(2);
            let _ = done_tx.send(());
            answer
        });
        // The call for id 1 is now inside the service, waiting at the gate. A call
        // for id 2 must not need it to finish.
        let second_answered = reached.is_ok() && done.recv_timeout(NO_WAIT).is_ok();
        // Open the gate whatever happened, so that no thread is left waiting.
        let _ = open_gate.send(());
        let first = first.join().expect("the call for id 1 panicked");
        assert_eq!(
            reached,
            Ok(1),
            "the call for id 1, not cached, should have reached the service"
        );
        assert_eq!(
            first.map(|video| video.id),
            Ok(1),
            "video 1, once let through"
        );
        (
            second_answered,
            second.join().expect("the call for id 2 panicked"),
        )
    });
    assert!(
        second_answered,
        "a slow call for id 1 blocked the call for id 2: do not hold the cache's lock \
         while the service works"
    );
    assert_eq!(second.map(|video| video.id), Ok(2), "video 2, at once");
    assert_eq!(
        proxy.calls_forwarded(),
        2,
        "two different videos, each asked of the service once"
    );
}

#[derive(Debug, Clone)]
enum Request {
    Get(u64),
    Invalidate(u64),
}

/// The checks' own model of a least-recently-used cache: ids, least recent first.
fn model_get(cache: &mut Vec<u64>, capacity: usize, id: u64, exists: bool) -> bool {
    if let Some(at) = cache.iter().position(|&cached| cached == id) {
        cache.remove(at);
        cache.push(id);
        return true;
    }
    if exists && capacity > 0 {
        if cache.len() == capacity {
            cache.remove(0);
        }
        cache.push(id);
    }
    false
}

proptest! {
    #![proptest_config(proptest_config(300))]

    #[test]
    fn the_proxy_forwards_exactly_the_requests_a_least_recently_used_cache_misses(
        capacity in 0usize..5,
        requests in prop::collection::vec(prop_oneof![6 => (95u64..104).prop_map(Request::Get), 1 => (95u64..104).prop_map(Request::Invalidate)], 0..60),
    ) {
        let proxy = CachingCatalog::new(RemoteCatalog::default(), capacity);
        let service = RemoteCatalog::default();
        let mut model = Vec::new();
        let mut misses = 0;
        for request in &requests {
            match *request {
                Request::Get(id) => {
                    prop_assert_eq!(proxy.video(id), service.video(id), "video {} through the proxy", id);
                    if !model_get(&mut model, capacity, id, (1..=100).contains(&id)) {
                        misses += 1;
                    }
                }
                Request::Invalidate(id) => {
                    proxy.invalidate(id);
                    model.retain(|&cached| cached != id);
                }
            }
            prop_assert_eq!(proxy.calls_forwarded(), misses, "calls forwarded after {:?} (capacity {})", request, capacity);
        }
        prop_assert_eq!(proxy.service().calls(), misses, "calls the service saw");
    }
}
