//! Exercise: a URL shortener's codes, two ways.
//!
//! Hashing: take the URL's MD5 digest, read its first 8 bytes as a big-endian
//! `u64`, reduce it modulo 62^code_len and write that in base62 padded to
//! `code_len` characters. (Keeping the first characters of a longer encoding
//! would waste most of the space: the top base62 digit of a `u64` is never above
//! `L`.) Two URLs can get the same code; the store tells, and
//! the shortener then tries again with a salted input, `"{url}#{attempt}"` for
//! attempt 1, 2, ... A URL that is already stored gets its existing code back.
//!
//! Counting: a coordinator (ZooKeeper's role) hands each server a range of ids;
//! a server issues ids from its range without asking anyone, and asks for a new
//! range when it runs out. No two servers can issue the same id, so codes never
//! collide, and a server that dies loses only the rest of its range. The
//! coordinator keeps the start of the next range in a `Register`: in production a
//! record in ZooKeeper that every coordinator process shares, here an `AtomicU64`.
//!
//! Read "Short codes" in `notes/hashing.md`.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::base62;
use crate::digests::Algorithm;

/// The length of a short code in this course: 62^7, about 3.5 trillion codes.
pub const CODE_LEN: usize = 7;

/// How many different codes of `len` base62 characters exist: 62^len, or `None`
/// if that does not fit in a `u64`.
pub fn capacity(len: u32) -> Option<u64> {
    todo!("62 to the power len, checked")
}

/// The fewest base62 characters that give every one of `urls` URLs its own code.
pub fn min_code_len(urls: u64) -> u32 {
    todo!("the first length whose capacity covers `urls`")
}

/// The code that attempt number `attempt` (0 for the first) gives `url`.
///
/// # Panics
///
/// If `code_len` is zero or more than 10 (62^10 is the largest power that fits a `u64`).
pub fn hashed_code(url: &str, attempt: u32, code_len: usize) -> String {
    todo!("salt, MD5, first 8 bytes big-endian, modulo 62^code_len, base62 padded")
}

/// Why a URL got no code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exhausted {
    pub url: String,
    pub attempts: u32,
}

impl fmt::Display for Exhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!("name the URL and the number of attempts")
    }
}

impl std::error::Error for Exhausted {}

/// A shortener that hashes URLs to codes and resolves collisions against its store.
#[derive(Debug, Clone)]
pub struct HashShortener {
    // The code length, the attempt limit, and the store: looked up by code to
    // resolve and to detect collisions, and by URL to give a URL its code again.
}

impl HashShortener {
    /// A shortener with an empty store that makes codes of `code_len` characters
    /// and gives up on a URL after `max_attempts` taken codes in a row.
    pub fn new(code_len: usize, max_attempts: u32) -> Self {
        todo!("an empty store in both directions")
    }

    /// The code for `url`: its existing code if it was shortened before, otherwise
    /// the first attempt's code that no other URL holds.
    pub fn shorten(&mut self, url: &str) -> Result<String, Exhausted> {
        todo!("an existing code, else the first free attempt, else Exhausted")
    }

    /// The URL that `code` stands for.
    pub fn resolve(&self, code: &str) -> Option<&str> {
        todo!("look the code up")
    }

    /// How many URLs are stored.
    pub fn len(&self) -> usize {
        todo!("how many URLs are stored")
    }

    /// Whether no URL is stored.
    pub fn is_empty(&self) -> bool {
        todo!("whether the store is empty")
    }
}

/// Where a coordinator keeps the start of the next range. Every coordinator
/// process reads and writes the same register, so any of them may act between two
/// calls of another; only `fetch_add` is one step no one can come between.
pub trait Register: Send + Sync {
    /// The value now.
    fn load(&self) -> u64;
    /// Replaces the value with `value`.
    fn store(&self, value: u64);
    /// Adds `delta` (wrapping past `u64::MAX`) and returns the value before, in one
    /// atomic step.
    fn fetch_add(&self, delta: u64) -> u64;
}

/// The register in memory, for coordinators in one process.
impl Register for AtomicU64 {
    fn load(&self) -> u64 {
        AtomicU64::load(self, Ordering::SeqCst)
    }

    fn store(&self, value: u64) {
        AtomicU64::store(self, value, Ordering::SeqCst);
    }

    fn fetch_add(&self, delta: u64) -> u64 {
        AtomicU64::fetch_add(self, delta, Ordering::SeqCst)
    }
}

/// The coordinator that hands out ranges of ids; shared by every server.
#[derive(Debug)]
pub struct RangeCoordinator<R: Register = AtomicU64> {
    next_start: R,
    // How long a range is; where the ids end.
}

impl RangeCoordinator {
    /// A coordinator that hands out ids `0..end` in ranges of `range_len`, from a
    /// register in memory.
    ///
    /// # Panics
    ///
    /// If `range_len` is zero.
    pub fn new(range_len: u64, end: u64) -> Self {
        Self::with_register(AtomicU64::new(0), range_len, end)
    }
}

impl<R: Register> RangeCoordinator<R> {
    /// A coordinator that hands out ids `0..end` in ranges of `range_len`, the next
    /// starting at the value in `register`.
    ///
    /// # Panics
    ///
    /// If `range_len` is zero.
    pub fn with_register(register: R, range_len: u64, end: u64) -> Self {
        todo!("the register holds where the next range starts")
    }

    /// The next unleased range, or `None` once every id is leased. Safe to call
    /// from many threads and processes at once: no two calls get overlapping ranges.
    pub fn lease(&self) -> Option<Range<u64>> {
        todo!("one atomic step on the register hands each caller its own start")
    }
}

/// One server's counter: issues ids from its leased range, leasing another when it
/// runs out.
#[derive(Debug)]
pub struct CounterShortener {
    // The shared coordinator, and what is left of this server's current range.
}

impl CounterShortener {
    /// A server that leases its ranges from `coordinator`; it leases its first on
    /// its first code.
    pub fn new(coordinator: Arc<RangeCoordinator>) -> Self {
        todo!("no range yet")
    }

    /// The next id, or `None` when the coordinator has no ids left.
    pub fn next_id(&mut self) -> Option<u64> {
        todo!("lease a range when the current one is empty, then take its next id")
    }

    /// The next id as a code of `CODE_LEN` characters, or `None` when the
    /// coordinator has no ids left.
    pub fn next_code(&mut self) -> Option<String> {
        todo!("the next id, padded to CODE_LEN base62 characters")
    }
}
