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
    max_concurrent: usize,
    in_flight: AtomicUsize,
    rejected: AtomicU64,
}

/// A slot in a bulkhead, held while a call is in flight; dropping it frees the slot.
#[derive(Debug)]
#[must_use = "the slot is freed as soon as the permit is dropped"]
pub struct Permit<'a> {
    bulkhead: &'a Bulkhead,
}

impl Bulkhead {
    /// An empty bulkhead with room for `max_concurrent` calls.
    pub fn new(max_concurrent: usize) -> Self {
        Self {
            max_concurrent,
            in_flight: AtomicUsize::new(0),
            rejected: AtomicU64::new(0),
        }
    }

    /// A permit if fewer than `max_concurrent` calls are in flight; otherwise
    /// `None`, and the rejection is counted.
    pub fn try_acquire(&self) -> Option<Permit<'_>> {
        // One atomic step from "is there room?" to "I took it", so that two
        // threads cannot both take the last slot.
        let taken = self
            .in_flight
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.max_concurrent).then_some(n + 1)
            });
        match taken {
            Ok(_) => Some(Permit { bulkhead: self }),
            Err(_) => {
                self.rejected.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// How many calls hold a permit now.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Acquire)
    }

    /// How many calls were rejected so far.
    pub fn rejected(&self) -> u64 {
        self.rejected.load(Ordering::Relaxed)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.bulkhead.in_flight.fetch_sub(1, Ordering::AcqRel);
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
    let bulkheads: Option<Vec<Bulkhead>> =
        limits.map(|limits| limits.iter().map(|&max| Bulkhead::new(max)).collect());
    let mut report = Report {
        served: vec![0; latency.len()],
        no_worker: vec![0; latency.len()],
        bulkhead_full: vec![0; latency.len()],
    };
    // The busy workers: when each call ends, and the permit it holds.
    let mut busy: Vec<(Duration, Option<Permit<'_>>)> = Vec::with_capacity(workers);
    for call in calls {
        let d = call.dependency;
        busy.retain(|(ends, _)| *ends > call.at);
        if busy.len() == workers {
            report.no_worker[d] += 1;
            continue;
        }
        let permit = match &bulkheads {
            None => None,
            Some(bulkheads) => match bulkheads[d].try_acquire() {
                Some(permit) => Some(permit),
                None => continue,
            },
        };
        busy.push((call.at + latency[d], permit));
        report.served[d] += 1;
    }
    drop(busy);
    if let Some(bulkheads) = &bulkheads {
        for (count, bulkhead) in report.bulkhead_full.iter_mut().zip(bulkheads) {
            *count = bulkhead.rejected();
        }
    }
    report
}
