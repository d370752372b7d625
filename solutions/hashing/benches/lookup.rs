//! Look-up cost and memory of the three ways to spread keys over N nodes: a ring
//! with 100 virtual nodes per node, jump hash, and rendezvous hashing, at N = 10,
//! 100 and 1,000. A look-up includes hashing the key (`hash64` of `user-<i>`), as a
//! caller pays for it; memory is what the structure holds on the heap, counted by
//! an allocator that tallies live bytes.
//!
//! Run with `cargo bench -p hashing --bench lookup` from `solutions/`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

use hashing::fnv::hash64;
use hashing::jump::jump_hash;
use hashing::rendezvous::Rendezvous;
use hashing::ring::Ring;

/// The system allocator, keeping a count of the bytes currently allocated.
struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const VNODES: u32 = 100;
const LOOKUPS: usize = 500_000;
/// Rounds per figure; the fastest is reported, as the one least disturbed by
/// whatever else the machine was doing.
const ROUNDS: usize = 9;

/// Builds a structure and returns it with the heap bytes it holds.
fn built<T>(build: impl FnOnce() -> T) -> (T, isize) {
    let before = LIVE_BYTES.load(Ordering::Relaxed);
    let value = build();
    (value, LIVE_BYTES.load(Ordering::Relaxed) - before)
}

/// Nanoseconds per call of `owner` over `keys`: the best of `ROUNDS` rounds of
/// `LOOKUPS` calls.
fn ns_per_lookup(keys: &[Vec<u8>], owner: impl Fn(&[u8]) -> usize) -> f64 {
    (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            let mut total = 0usize;
            for i in 0..LOOKUPS {
                total = total.wrapping_add(owner(black_box(&keys[i % keys.len()])));
            }
            black_box(total);
            started.elapsed().as_nanos() as f64 / LOOKUPS as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let keys: Vec<Vec<u8>> = (0..10_000)
        .map(|i| format!("user-{i}").into_bytes())
        .collect();
    println!(
        "| N | ring, {VNODES} vnodes (ns) | jump (ns) | rendezvous (ns) | ring bytes/node | rendezvous bytes/node | jump bytes/node |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for n in [10u32, 100, 1_000] {
        let names: Vec<String> = (0..n).map(|i| format!("node-{i}")).collect();
        let (ring, ring_bytes) = built(|| {
            let mut ring = Ring::new(VNODES);
            for name in &names {
                ring.add(name);
            }
            ring
        });
        let (rendezvous, rendezvous_bytes) = built(|| {
            let mut nodes = Rendezvous::new();
            for name in &names {
                nodes.add(name);
            }
            nodes
        });
        let ring_ns = ns_per_lookup(&keys, |key| ring.node_for(key).map_or(0, str::len));
        let jump_ns = ns_per_lookup(&keys, |key| jump_hash(hash64(key), n) as usize);
        let rendezvous_ns =
            ns_per_lookup(&keys, |key| rendezvous.node_for(key).map_or(0, str::len));
        println!(
            "| {n} | {ring_ns:.0} | {jump_ns:.0} | {rendezvous_ns:.0} | {} | {} | 0 |",
            ring_bytes / n as isize,
            rendezvous_bytes / n as isize,
        );
    }
}
