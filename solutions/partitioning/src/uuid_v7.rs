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

const VERSION_7: u128 = 0x7;
const VERSION_4: u128 = 0x4;
const VARIANT: u128 = 0b10;

/// The 128 bits of a version 7 UUID: the low 48 bits of `unix_ms`, the version, the
/// low 12 bits of `rand_a`, the variant, the low 62 bits of `rand_b`.
pub fn uuid_v7_bits(unix_ms: u64, rand_a: u16, rand_b: u64) -> u128 {
    let unix_ms = u128::from(unix_ms) & ((1 << 48) - 1);
    let rand_a = u128::from(rand_a) & 0xfff;
    let rand_b = u128::from(rand_b) & ((1 << 62) - 1);
    unix_ms << 80 | VERSION_7 << 76 | rand_a << 64 | VARIANT << 62 | rand_b
}

/// The 128 bits of a version 4 UUID made from `random`: its bits, with the version
/// (bits 76 to 79) and the variant (bits 62 and 63) written over.
pub fn uuid_v4_bits(random: u128) -> u128 {
    let version_mask = 0xf << 76;
    let variant_mask = 0b11 << 62;
    random & !version_mask & !variant_mask | VERSION_4 << 76 | VARIANT << 62
}

/// A UUID's 128 bits as 32 lower-case hex digits in groups of 8-4-4-4-12.
pub fn format_uuid(bits: u128) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(36);
    for digit in 0..32 {
        if matches!(digit, 8 | 12 | 16 | 20) {
            text.push('-');
        }
        let nibble = (bits >> (124 - 4 * digit)) & 0xf;
        text.push(char::from(HEX[nibble as usize]));
    }
    text
}

/// The version 7 UUID of `unix_ms`, `rand_a` and `rand_b` (see `uuid_v7_bits`), as
/// text.
pub fn uuid_v7(unix_ms: u64, rand_a: u16, rand_b: u64) -> String {
    format_uuid(uuid_v7_bits(unix_ms, rand_a, rand_b))
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
    capacity: usize,
    /// Each page's keys, sorted; the pages in key order. Never empty: it starts with
    /// one empty page.
    pages: Vec<Vec<u128>>,
    splits: usize,
    last_page_inserts: usize,
}

impl LeafPages {
    /// One empty page that holds up to `capacity` keys.
    ///
    /// # Panics
    ///
    /// If `capacity` is below 2.
    pub fn new(capacity: usize) -> Self {
        assert!(capacity >= 2, "a page must hold at least two keys to split");
        LeafPages {
            capacity,
            pages: vec![Vec::with_capacity(capacity + 1)],
            splits: 0,
            last_page_inserts: 0,
        }
    }

    /// Inserts `key` (keys are distinct), splitting its page if it overflows.
    pub fn insert(&mut self, key: u128) {
        // The last page whose first key is at or below `key`; the first page if none.
        let index = self
            .pages
            .partition_point(|page| page.first().is_some_and(|&first| first <= key))
            .saturating_sub(1);
        let last = index == self.pages.len() - 1;
        if last {
            self.last_page_inserts += 1;
        }
        let page = &mut self.pages[index];
        let position = page.partition_point(|&k| k < key);
        page.insert(position, key);
        if page.len() <= self.capacity {
            return;
        }
        self.splits += 1;
        let at = if last { self.capacity } else { page.len() / 2 };
        let right = page.split_off(at);
        self.pages.insert(index + 1, right);
    }

    /// How many keys the pages hold.
    pub fn len(&self) -> usize {
        self.pages.iter().map(Vec::len).sum()
    }

    /// Whether no key was inserted.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many pages there are.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// How many keys each page holds, in key order.
    pub fn page_lens(&self) -> Vec<usize> {
        self.pages.iter().map(Vec::len).collect()
    }

    /// Every key, in order.
    pub fn keys(&self) -> Vec<u128> {
        self.pages.concat()
    }

    /// How many page splits the inserts caused.
    pub fn splits(&self) -> usize {
        self.splits
    }

    /// How many inserts landed in the last page (the one holding the largest keys).
    pub fn last_page_inserts(&self) -> usize {
        self.last_page_inserts
    }

    /// The keys over the room in all pages: 1.0 when every page is full.
    pub fn fill(&self) -> f64 {
        self.len() as f64 / (self.pages.len() * self.capacity) as f64
    }
}
