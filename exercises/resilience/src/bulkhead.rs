//! Exercise: a bulkhead, bounded concurrency per dependency.
//!
//! A server has a fixed pool of workers. If every request that calls a hanging
//! dependency keeps its worker until the call times out, a few seconds of traffic
//! to that one dependency take every worker, and requests that never touch it are
//! turned away too. A bulkhead (after the walls that keep one flooded compartment
//! from sinking a ship) caps the calls in flight to each dependency: a call over
//! the cap is rejected at once and its worker is free for other work.
//!
//! `Bulkhead` hands out RAII permits: a call holds a `Permit` while it is in flight
//! and the permit frees its slot when dropped. `serve` simulates the server.
//! Read "Bulkheads" in `notes/resilience.md`.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// At most `max_concurrent` calls in flight at once; the rest are rejected and counted.
#[derive(Debug)]
pub struct Bulkhead {
    // The cap, the calls in flight and the rejections: atomics, so that a
    // bulkhead can be shared between threads through `&self`.
}

/// A slot in a bulkhead, held while a call is in flight; dropping it frees the slot.
#[derive(Debug)]
#[must_use = "the slot is freed as soon as the permit is dropped"]
pub struct Permit<'a> {
    // The bulkhead to give the slot back to.
    bulkhead: &'a Bulkhead,
}

impl Bulkhead {
    /// An empty bulkhead with room for `max_concurrent` calls.
    pub fn new(max_concurrent: usize) -> Self {
        todo!("an empty bulkhead")
    }

    /// A permit if fewer than `max_concurrent` calls are in flight; otherwise
    /// `None`, and the rejection is counted.
    pub fn try_acquire(&self) -> Option<Permit<'_>> {
        todo!("take a slot if there is one, in one atomic step; count a rejection")
    }

    /// How many calls hold a permit now.
    pub fn in_flight(&self) -> usize {
        todo!("the calls holding a permit")
    }

    /// How many calls were rejected so far.
    pub fn rejected(&self) -> u64 {
        todo!("the rejections so far")
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        todo!("free the slot")
    }
}

/// A request that arrives `at` and calls dependency number `dependency`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Call {
    pub at: Duration,
    pub dependency: usize,
}

/// What became of the calls, counted per dependency (indexed like `latency`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Calls that got a worker (and a permit) and were made.
    pub served: Vec<u64>,
    /// Calls turned away because every worker was busy.
    pub no_worker: Vec<u64>,
    /// Calls that got a worker but were rejected by their dependency's bulkhead.
    pub bulkhead_full: Vec<u64>,
}

/// Simulates a server of `workers` workers; `latency[d]` is how long a call to
/// dependency `d` holds its worker. `limits`, if given, puts a bulkhead of
/// `limits[d]` in front of each dependency `d`.
///
/// Calls come in order of `at`. When a call arrives, every call that ends at or
/// before that moment has finished and freed its worker and permit. The call then
/// needs a free worker (else `no_worker`), and then a permit from its dependency's
/// bulkhead, if there are bulkheads (else `bulkhead_full`, and the worker is free
/// again at once). A served call holds both until `at + latency`.
pub fn serve(
    workers: usize,
    latency: &[Duration],
    limits: Option<&[usize]>,
    calls: &[Call],
) -> Report {
    todo!("free what has ended, then a worker, then a permit")
}
