//! Caching, built one mechanism at a time: eviction policies (LRU, LFU, expiry),
//! the read and write strategies in front of a slow store, and the concurrency
//! problems that make caches hard in production (the stale set, the stampede),
//! ending with a replayed trace that measures what each policy buys.
//! The concepts are in `notes/caching.md`.

pub mod cache_aside;
pub mod early_expiry;
pub mod hit_ratio;
pub mod lfu;
pub mod lru;
pub mod singleflight;
pub mod ttl;
pub mod write_policies;

pub use early_expiry::should_refresh;
pub use lfu::LfuCache;
pub use lru::LruCache;
pub use singleflight::Group;
pub use ttl::TtlCache;
