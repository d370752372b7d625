//! Exercise: Proxy.
//!
//! A video catalog behind a slow network call, and a caching proxy in front of it
//! that implements the same [`Catalog`] trait, so callers cannot tell which one
//! they hold. The proxy keeps the most recently used videos, forwards everything
//! else, and counts the calls that reach the service.
//! Read "Proxy" in `notes/design-patterns.md`.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

/// A video's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    pub id: u64,
    pub title: String,
    pub duration_s: u32,
}

/// Why the catalog did not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogError {
    NotFound(u64),
    /// The service could not be reached; asking again may work.
    Unavailable,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogError::NotFound(id) => write!(f, "no video {id}"),
            CatalogError::Unavailable => write!(f, "the catalog is unavailable"),
        }
    }
}

impl std::error::Error for CatalogError {}

/// Looks videos up by id.
pub trait Catalog {
    fn video(&self, id: u64) -> Result<Video, CatalogError>;
}

/// The proxy: the same trait as the service, with a cache of `capacity` videos in
/// front of it. Errors are never cached, so an unavailable service is asked again.
///
/// Threads share it: while the service is slow to answer for one video, calls for
/// other videos go on (the checks hold one call inside the service and ask for
/// another). Two calls that miss the same video at the same moment may both reach
/// the service; the cache then keeps one copy. Making the second wait for the
/// first ("single flight") is left out.
pub struct CachingCatalog<C> {
    service: C,
    capacity: usize,
    cache: Mutex<Lru>,
    forwarded: AtomicU64,
}

/// The cached videos, each with the tick it was last used at.
#[derive(Default)]
struct Lru {
    entries: HashMap<u64, (Video, u64)>,
    tick: u64,
}

impl Lru {
    fn get(&mut self, id: u64) -> Option<Video> {
        self.tick += 1;
        let (video, last_used) = self.entries.get_mut(&id)?;
        *last_used = self.tick;
        Some(video.clone())
    }

    /// Keeps `video`, first evicting the least recently used if `capacity` is full.
    fn insert(&mut self, video: Video, capacity: usize) {
        if capacity == 0 {
            return;
        }
        if self.entries.len() >= capacity && !self.entries.contains_key(&video.id) {
            let oldest = self
                .entries
                .iter()
                .min_by_key(|(_, (_, last_used))| *last_used)
                .map(|(&id, _)| id);
            if let Some(oldest) = oldest {
                self.entries.remove(&oldest);
            }
        }
        self.tick += 1;
        self.entries.insert(video.id, (video, self.tick));
    }
}

impl<C: Catalog> CachingCatalog<C> {
    /// A proxy for `service` that keeps up to `capacity` videos (0 keeps none).
    pub fn new(service: C, capacity: usize) -> Self {
        CachingCatalog {
            service,
            capacity,
            cache: Mutex::new(Lru::default()),
            forwarded: AtomicU64::new(0),
        }
    }

    /// How many calls reached the service.
    pub fn calls_forwarded(&self) -> u64 {
        self.forwarded.load(Ordering::Relaxed)
    }

    /// Forgets video `id`, so the next request for it asks the service.
    pub fn invalidate(&self, id: u64) {
        self.cache().entries.remove(&id);
    }

    pub fn service(&self) -> &C {
        &self.service
    }

    /// The cache, even if a thread panicked holding it: it is whole between calls.
    fn cache(&self) -> MutexGuard<'_, Lru> {
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl<C: Catalog> Catalog for CachingCatalog<C> {
    fn video(&self, id: u64) -> Result<Video, CatalogError> {
        if let Some(video) = self.cache().get(id) {
            return Ok(video);
        }
        // The lock is not held across the slow call, so other ids are served
        // meanwhile.
        self.forwarded.fetch_add(1, Ordering::Relaxed);
        let video = self.service.video(id)?;
        self.cache().insert(video.clone(), self.capacity);
        Ok(video)
    }
}
