//! The reference `LruCache` against the `lru` crate: time per operation on mixes of
//! gets and puts, at 1,000 and 1,000,000 entries, and heap bytes per entry.
//!
//! `cargo bench -p caching` from `solutions/`. Keys and values are `u64`; both caches
//! use the standard library's `HashMap` with its default (SipHash) hasher, the `lru`
//! crate having its `hashbrown` feature off. Each workload draws its keys uniformly
//! from twice the capacity, so that about half the gets hit once the cache is full
//! and most puts of a new key evict. The operations are drawn before the clock starts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use caching::LruCache;

/// The system allocator, counting the bytes currently allocated.
struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATED.fetch_add(new_size, Ordering::Relaxed);
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// One operation of a workload.
#[derive(Clone, Copy)]
enum Op {
    Get(u64),
    Put(u64),
}

/// SplitMix64: a seeded, fast source of numbers for drawing workloads.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// `count` operations on keys from `0..2 * capacity`, `gets_percent` of them gets.
fn workload(capacity: usize, count: usize, gets_percent: u64, seed: u64) -> Vec<Op> {
    let mut rng = Rng(seed);
    let keys = 2 * capacity as u64;
    (0..count)
        .map(|_| {
            let key = rng.next() % keys;
            if rng.next() % 100 < gets_percent {
                Op::Get(key)
            } else {
                Op::Put(key)
            }
        })
        .collect()
}

/// The two caches behind one face.
trait Cache {
    fn fill(capacity: usize) -> Self;
    fn run(&mut self, op: Op) -> u64;
}

impl Cache for LruCache<u64, u64> {
    fn fill(capacity: usize) -> Self {
        let mut cache = LruCache::new(capacity);
        for key in 0..capacity as u64 {
            cache.put(key, key);
        }
        cache
    }

    fn run(&mut self, op: Op) -> u64 {
        match op {
            Op::Get(key) => self.get(&key).copied().unwrap_or(0),
            Op::Put(key) => self.put(key, key).map_or(0, |(k, _)| k),
        }
    }
}

impl Cache for lru::LruCache<u64, u64> {
    fn fill(capacity: usize) -> Self {
        let mut cache = lru::LruCache::new(NonZeroUsize::new(capacity).unwrap());
        for key in 0..capacity as u64 {
            cache.push(key, key);
        }
        cache
    }

    fn run(&mut self, op: Op) -> u64 {
        match op {
            Op::Get(key) => self.get(&key).copied().unwrap_or(0),
            Op::Put(key) => self.push(key, key).map_or(0, |(k, _)| k),
        }
    }
}

/// Nanoseconds per operation of `ops` on a full cache of `capacity`, best of `rounds`.
fn time<C: Cache>(capacity: usize, ops: &[Op], rounds: usize) -> f64 {
    (0..rounds)
        .map(|_| {
            let mut cache = C::fill(capacity);
            let start = Instant::now();
            let mut sum = 0u64;
            for &op in ops {
                sum = sum.wrapping_add(cache.run(black_box(op)));
            }
            black_box(sum);
            start.elapsed().as_nanos() as f64 / ops.len() as f64
        })
        .fold(f64::INFINITY, f64::min)
}

/// Heap bytes per entry of a full cache of `capacity`.
fn bytes_per_entry<C: Cache>(capacity: usize) -> f64 {
    let before = ALLOCATED.load(Ordering::Relaxed);
    let cache = C::fill(capacity);
    let after = ALLOCATED.load(Ordering::Relaxed);
    drop(black_box(cache));
    (after - before) as f64 / capacity as f64
}

fn main() {
    println!("| entries | gets | reference ns/op | lru crate ns/op | reference / lru |");
    println!("|--------:|-----:|----------------:|----------------:|----------------:|");
    for (capacity, count, rounds) in [(1_000, 2_000_000, 5), (1_000_000, 4_000_000, 3)] {
        for gets_percent in [90, 50, 0] {
            let ops = workload(capacity, count, gets_percent, 22);
            let ours = time::<LruCache<u64, u64>>(capacity, &ops, rounds);
            let theirs = time::<lru::LruCache<u64, u64>>(capacity, &ops, rounds);
            println!(
                "| {capacity} | {gets_percent}% | {ours:.1} | {theirs:.1} | {:.2} |",
                ours / theirs
            );
        }
    }
    println!();
    println!("| entries | reference bytes/entry | lru crate bytes/entry |");
    println!("|--------:|----------------------:|----------------------:|");
    for capacity in [1_000, 1_000_000] {
        println!(
            "| {capacity} | {:.1} | {:.1} |",
            bytes_per_entry::<LruCache<u64, u64>>(capacity),
            bytes_per_entry::<lru::LruCache<u64, u64>>(capacity),
        );
    }
}
