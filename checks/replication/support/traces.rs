//! Message traces for the clock checks: random valid ones, and happened-before
//! computed the slow, obvious way to compare with.

use proptest::prelude::*;
use replication::lamport_clock::Event;

/// A valid trace of `processes` processes built from `steps`: each step is
/// (process, action, pick); action 0 is a local event, 1 sends a message, 2 receives
/// the `pick`-th message still in flight (or is a local event if none is).
pub fn build_trace(processes: usize, steps: &[(usize, u8, usize)]) -> Vec<Vec<Event>> {
    let mut trace = vec![Vec::new(); processes];
    let mut in_flight: Vec<u32> = Vec::new();
    let mut next_msg = 0;
    for &(process, action, pick) in steps {
        let process = process % processes;
        let event = match action % 3 {
            1 => {
                next_msg += 1;
                in_flight.push(next_msg);
                Event::Send { msg: next_msg }
            }
            2 if !in_flight.is_empty() => Event::Receive {
                msg: in_flight.remove(pick % in_flight.len()),
            },
            _ => Event::Local,
        };
        trace[process].push(event);
    }
    trace
}

/// Random valid traces of 2 to 4 processes and up to 24 events.
pub fn traces() -> impl Strategy<Value = Vec<Vec<Event>>> {
    (
        2usize..=4,
        prop::collection::vec((0usize..4, 0u8..3, 0usize..8), 0..24),
    )
        .prop_map(|(processes, steps)| build_trace(processes, &steps))
}

/// Every event of `trace`, as (process, index).
pub fn events(trace: &[Vec<Event>]) -> Vec<(usize, usize)> {
    trace
        .iter()
        .enumerate()
        .flat_map(|(p, events)| (0..events.len()).map(move |i| (p, i)))
        .collect()
}

/// Happened-before as a transitive closure over every pair (Floyd-Warshall style):
/// slow, but plainly right. `result[i][j]` says event i happened before event j,
/// events numbered as in [`events`].
pub fn happened_before_closure(trace: &[Vec<Event>]) -> Vec<Vec<bool>> {
    let events = events(trace);
    let n = events.len();
    let mut hb = vec![vec![false; n]; n];
    for i in 0..n {
        for j in 0..n {
            let (pi, ii) = events[i];
            let (pj, ij) = events[j];
            let same_process = pi == pj && ii + 1 == ij;
            let message = matches!(
                (trace[pi][ii], trace[pj][ij]),
                (Event::Send { msg: sent }, Event::Receive { msg: received }) if sent == received
            );
            hb[i][j] = same_process || message;
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if hb[i][k] && hb[k][j] {
                    hb[i][j] = true;
                }
            }
        }
    }
    hb
}
