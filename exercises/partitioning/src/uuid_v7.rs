//! Exercise: UUIDv7, a standard UUID that starts with the time, and what that does to
//! a B-tree index.
//!
//! RFC 9562 (section 5.7) lays a version 7 UUID out as 128 bits, most significant
//! first:
//!
//! ```text
//! 48 bits unix_ms | 4 bits version (0111) | 12 bits rand_a | 2 bits variant (10) | 62 bits rand_b
//! ```
//!
//! and writes it as 32 lower-case hex digits in groups of 8-4-4-4-12. A version 4 UUID
//! has the same version and variant fields and random bits everywhere else.
//!
//! The second half of the exercise is a model of the leaf pages of a B-tree, the
//! structure behind nearly every database's primary key index, to measure why a key
//! that starts with the time is kinder to it than a random one. Read "UUIDv7" in
//! `notes/partitioning.md`.

/// The 128 bits of a version 7 UUID: the low 48 bits of `unix_ms`, the version, the
/// low 12 bits of `rand_a`, the variant, the low 62 bits of `rand_b`.
pub fn uuid_v7_bits(unix_ms: u64, rand_a: u16, rand_b: u64) -> u128 {
    todo!("mask each field to its width, then shift it into place")
}

/// The 128 bits of a version 4 UUID made from `random`: its bits, with the version
/// (bits 76 to 79) and the variant (bits 62 and 63) written over.
pub fn uuid_v4_bits(random: u128) -> u128 {
    todo!("clear the version and variant bits, then set them")
}

/// A UUID's 128 bits as 32 lower-case hex digits in groups of 8-4-4-4-12.
pub fn format_uuid(bits: u128) -> String {
    todo!("32 hex digits, then hyphens after 8, 12, 16 and 20")
}

/// The version 7 UUID of `unix_ms`, `rand_a` and `rand_b` (see `uuid_v7_bits`), as
/// text.
pub fn uuid_v7(unix_ms: u64, rand_a: u16, rand_b: u64) -> String {
    todo!("the bits, formatted")
}

/// The leaf level of a B-tree index: pages of at most `capacity` keys, in key order.
///
/// A key goes into the page whose range holds it: the last page whose first key is
/// at or below it, or the first page. When a page overflows it splits in half, except
/// the last page: it keeps its first `capacity` keys and its largest key starts a new
/// last page (the rightmost split, which PostgreSQL and InnoDB use so that keys that
/// keep growing leave full pages behind).
#[derive(Debug, Clone)]
pub struct LeafPages {
    // The capacity, each page's keys (sorted, the pages in key order, starting with
    // one empty page), and the two counts: splits and inserts into the last page.
}

impl LeafPages {
    /// One empty page that holds up to `capacity` keys.
    ///
    /// # Panics
    ///
    /// If `capacity` is below 2.
    pub fn new(capacity: usize) -> Self {
        todo!("one empty page")
    }

    /// Inserts `key` (keys are distinct), splitting its page if it overflows.
    pub fn insert(&mut self, key: u128) {
        todo!("find the page, insert in order, split if it holds more than capacity")
    }

    /// How many keys the pages hold.
    pub fn len(&self) -> usize {
        todo!("all the pages' keys")
    }

    /// Whether no key was inserted.
    pub fn is_empty(&self) -> bool {
        todo!("no keys")
    }

    /// How many pages there are.
    pub fn pages(&self) -> usize {
        todo!("the number of pages")
    }

    /// How many keys each page holds, in key order.
    pub fn page_lens(&self) -> Vec<usize> {
        todo!("each page's length")
    }

    /// Every key, in order.
    pub fn keys(&self) -> Vec<u128> {
        todo!("the pages joined")
    }

    /// How many page splits the inserts caused.
    pub fn splits(&self) -> usize {
        todo!("count them in insert")
    }

    /// How many inserts landed in the last page (the one holding the largest keys).
    pub fn last_page_inserts(&self) -> usize {
        todo!("count them in insert")
    }

    /// The keys over the room in all pages: 1.0 when every page is full.
    pub fn fill(&self) -> f64 {
        todo!("keys / (pages × capacity)")
    }
}
