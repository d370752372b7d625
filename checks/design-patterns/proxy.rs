//! Checks for `exercises/design-patterns/src/proxy.rs`.

mod support;

use std::cell::{Cell, RefCell};
use std::collections::HashSet;

use design_patterns::proxy::{CachingCatalog, Catalog, CatalogError, Video};
use proptest::prelude::*;
use support::proptest_config;

/// The checks' stand-in for the slow service: videos 1 to 100 exist, the ids in
/// `down` are unavailable, and every call is counted.
#[derive(Default)]
struct RemoteCatalog {
    calls: Cell<u64>,
    down: RefCell<HashSet<u64>>,
    /// Bumped to change every title, as an editor would.
    edition: Cell<u32>,
}

impl Catalog for RemoteCatalog {
    fn video(&self, id: u64) -> Result<Video, CatalogError> {
        self.calls.set(self.calls.get() + 1);
        if self.down.borrow().contains(&id) {
            return Err(CatalogError::Unavailable);
        }
        if !(1..=100).contains(&id) {
            return Err(CatalogError::NotFound(id));
        }
        Ok(Video {
            id,
            title: format!("video {id}, edition {}", self.edition.get()),
            duration_s: 60 * id as u32,
        })
    }
}

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
    assert_eq!(
        proxy.service().calls.get(),
        3,
        "the service saw three calls"
    );
}

#[test]
fn errors_are_passed_on_and_never_cached() {
    let proxy = CachingCatalog::new(RemoteCatalog::default(), 10);
    assert_eq!(
        proxy.video(404),
        Err(CatalogError::NotFound(404)),
        "the service's error, passed on"
    );
    proxy.service().down.borrow_mut().insert(7);
    assert_eq!(
        proxy.video(7),
        Err(CatalogError::Unavailable),
        "the service's error, passed on"
    );
    proxy.service().down.borrow_mut().clear();
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
    proxy.service().edition.set(1);
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
        prop_assert_eq!(proxy.service().calls.get(), misses, "calls the service saw");
    }
}
