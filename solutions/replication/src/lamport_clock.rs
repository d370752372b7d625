//! Exercise: Lamport clock.
//!
//! A Lamport clock gives every event in a distributed system a number, so that if
//! one event could have caused another, the cause gets the smaller number. Build the
//! clock one process keeps, then use it to stamp every event of a message trace,
//! and decide Lamport's *happened-before* relation on that trace. Read
//! "Lamport clock" in `notes/replication.md`.

use std::collections::HashMap;

/// One process's logical clock.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LamportClock {
    time: u64,
}

impl LamportClock {
    /// A clock at time 0, before any event.
    pub fn new() -> Self {
        Self::default()
    }

    /// The time of the last event this clock stamped (0 before any).
    pub fn time(&self) -> u64 {
        self.time
    }

    /// Stamps a local event or the sending of a message: the clock moves on by one
    /// and the new time is the event's stamp (the one a sent message carries).
    pub fn tick(&mut self) -> u64 {
        self.time += 1;
        self.time
    }

    /// Stamps the receipt of a message that carries `stamp`: the clock jumps past
    /// both its own time and the sender's, and returns the receive event's stamp.
    pub fn receive(&mut self, stamp: u64) -> u64 {
        self.time = self.time.max(stamp) + 1;
        self.time
    }
}

/// One event of a process, in a message trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Something that happens inside the process only.
    Local,
    /// The process sends message `msg` (each message id is sent exactly once).
    Send { msg: u32 },
    /// The process receives message `msg`, sent by some event of the trace.
    Receive { msg: u32 },
}

/// An event of a trace: the `index`-th event (from 0) of process `process`.
pub type EventId = (usize, usize);

/// Where each message of `trace` is sent from.
fn senders(trace: &[Vec<Event>]) -> HashMap<u32, EventId> {
    let mut senders = HashMap::new();
    for (process, events) in trace.iter().enumerate() {
        for (index, event) in events.iter().enumerate() {
            if let Event::Send { msg } = *event {
                senders.insert(msg, (process, index));
            }
        }
    }
    senders
}

/// The Lamport timestamp of every event of `trace`, one `Vec` per process: each
/// process runs its own [`LamportClock`] from 0, and a message carries its send
/// event's stamp to the receiver.
///
/// `trace[p]` lists process `p`'s events in the order they happened. Every received
/// message is sent somewhere in the trace, and the trace has no cycles (no event
/// waits, directly or not, for a message sent after it). A process may receive a
/// message that a process listed after it sends.
pub fn timestamps(trace: &[Vec<Event>]) -> Vec<Vec<u64>> {
    let senders = senders(trace);
    let mut clocks = vec![LamportClock::new(); trace.len()];
    let mut stamps: Vec<Vec<u64>> = trace.iter().map(|_| Vec::new()).collect();
    // Step each process as far as it can; a receive waits until its message's
    // send has been stamped. Each pass stamps at least one event.
    let total: usize = trace.iter().map(Vec::len).sum();
    let mut done = 0;
    while done < total {
        let before = done;
        for (process, events) in trace.iter().enumerate() {
            while let Some(event) = events.get(stamps[process].len()) {
                let stamp = match *event {
                    Event::Local | Event::Send { .. } => clocks[process].tick(),
                    Event::Receive { msg } => {
                        let (from, index) = *senders
                            .get(&msg)
                            .unwrap_or_else(|| panic!("message {msg} is received but never sent"));
                        match stamps[from].get(index) {
                            Some(&sent) => clocks[process].receive(sent),
                            None => break,
                        }
                    }
                };
                stamps[process].push(stamp);
                done += 1;
            }
        }
        assert!(done > before, "the trace has a cycle of messages");
    }
    stamps
}

/// Whether event `a` happened before event `b` in `trace` (Lamport's `a -> b`):
/// `a` comes earlier in the same process, or `a` sends a message that `b` receives,
/// or there is a chain of such steps from `a` to `b`. No event happened before
/// itself.
pub fn happened_before(trace: &[Vec<Event>], a: EventId, b: EventId) -> bool {
    let senders = senders(trace);
    // Walk backwards from `b` over its causes: the events up to it in its
    // process, and for each receive, the send of its message. `latest_seen[p]` is
    // the latest event of process `p` known to come no later than `b`.
    let mut latest_seen: Vec<Option<usize>> = vec![None; trace.len()];
    let mut stack = vec![b];
    while let Some((process, index)) = stack.pop() {
        if latest_seen[process].is_some_and(|seen| seen >= index) {
            continue;
        }
        // Every event of `process` up to `index` is a cause of `b`.
        let from = latest_seen[process].map_or(0, |seen| seen + 1);
        latest_seen[process] = Some(index);
        for event in &trace[process][from..=index] {
            if let Event::Receive { msg } = *event {
                let (sender, at) = senders[&msg];
                stack.push((sender, at));
            }
        }
    }
    a != b && latest_seen[a.0].is_some_and(|seen| seen >= a.1)
}
