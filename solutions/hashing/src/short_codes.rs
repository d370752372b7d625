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
    62u64.checked_pow(len)
}

/// The fewest base62 characters that give every one of `urls` URLs its own code.
pub fn min_code_len(urls: u64) -> u32 {
    // 62^10 < u64::MAX < 62^11, so a length of 11 is enough for any count.
    (0..11)
        .find(|&len| capacity(len).is_some_and(|codes| codes >= urls))
        .unwrap_or(11)
}

/// The code that attempt number `attempt` (0 for the first) gives `url`.
///
/// # Panics
///
/// If `code_len` is zero or more than 10 (62^10 is the largest power that fits a `u64`).
pub fn hashed_code(url: &str, attempt: u32, code_len: usize) -> String {
    let codes = u32::try_from(code_len)
        .ok()
        .filter(|&len| len > 0)
        .and_then(capacity)
        .unwrap_or_else(|| panic!("a code takes 1 to 10 characters, not {code_len}"));
    let input = if attempt == 0 {
        url.to_owned()
    } else {
        format!("{url}#{attempt}")
    };
    let digest = Algorithm::Md5.digest(input.as_bytes());
    let mut first_eight = [0u8; 8];
    first_eight.copy_from_slice(&digest[..8]);
    base62::encode_padded(u64::from_be_bytes(first_eight) % codes, code_len)
}

/// Why a URL got no code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exhausted {
    pub url: String,
    pub attempts: u32,
}

impl fmt::Display for Exhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no free code for {} after {} attempts: the code space is nearly full",
            self.url, self.attempts
        )
    }
}

impl std::error::Error for Exhausted {}

/// A shortener that hashes URLs to codes and resolves collisions against its store.
#[derive(Debug, Clone)]
pub struct HashShortener {
    code_len: usize,
    max_attempts: u32,
    url_by_code: HashMap<String, String>,
    code_by_url: HashMap<String, String>,
}

impl HashShortener {
    /// A shortener with an empty store that makes codes of `code_len` characters
    /// and gives up on a URL after `max_attempts` taken codes in a row.
    pub fn new(code_len: usize, max_attempts: u32) -> Self {
        assert!(max_attempts > 0, "a shortener needs at least one attempt");
        Self {
            code_len,
            max_attempts,
            url_by_code: HashMap::new(),
            code_by_url: HashMap::new(),
        }
    }

    /// The code for `url`: its existing code if it was shortened before, otherwise
    /// the first attempt's code that no other URL holds.
    pub fn shorten(&mut self, url: &str) -> Result<String, Exhausted> {
        if let Some(code) = self.code_by_url.get(url) {
            return Ok(code.clone());
        }
        for attempt in 0..self.max_attempts {
            let code = hashed_code(url, attempt, self.code_len);
            if !self.url_by_code.contains_key(&code) {
                self.url_by_code.insert(code.clone(), url.to_owned());
                self.code_by_url.insert(url.to_owned(), code.clone());
                return Ok(code);
            }
        }
        Err(Exhausted {
            url: url.to_owned(),
            attempts: self.max_attempts,
        })
    }

    /// The URL that `code` stands for.
    pub fn resolve(&self, code: &str) -> Option<&str> {
        self.url_by_code.get(code).map(String::as_str)
    }

    /// How many URLs are stored.
    pub fn len(&self) -> usize {
        self.url_by_code.len()
    }

    /// Whether no URL is stored.
    pub fn is_empty(&self) -> bool {
        self.url_by_code.is_empty()
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
    range_len: u64,
    end: u64,
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
        assert!(range_len > 0, "a range must hold at least one id");
        Self {
            next_start: register,
            range_len,
            end,
        }
    }

    /// The next unleased range, or `None` once every id is leased. Safe to call
    /// from many threads and processes at once: no two calls get overlapping ranges.
    pub fn lease(&self) -> Option<Range<u64>> {
        let start = self.next_start.fetch_add(self.range_len);
        // fetch_add may run past `end` (and, in theory, wrap after 2^64 ids); a
        // start at or past the end means nothing is left.
        if start >= self.end || start > u64::MAX - self.range_len {
            return None;
        }
        Some(start..(start + self.range_len).min(self.end))
    }
}

/// One server's counter: issues ids from its leased range, leasing another when it
/// runs out.
#[derive(Debug)]
pub struct CounterShortener {
    coordinator: Arc<RangeCoordinator>,
    range: Range<u64>,
}

impl CounterShortener {
    /// A server that leases its ranges from `coordinator`; it leases its first on
    /// its first code.
    pub fn new(coordinator: Arc<RangeCoordinator>) -> Self {
        Self {
            coordinator,
            range: 0..0,
        }
    }

    /// The next id, or `None` when the coordinator has no ids left.
    pub fn next_id(&mut self) -> Option<u64> {
        if self.range.is_empty() {
            self.range = self.coordinator.lease()?;
        }
        self.range.next()
    }

    /// The next id as a code of `CODE_LEN` characters, or `None` when the
    /// coordinator has no ids left.
    pub fn next_code(&mut self) -> Option<String> {
        self.next_id().map(|id| base62::encode_padded(id, CODE_LEN))
    }
}
