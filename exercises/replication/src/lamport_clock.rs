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
        todo!("a clock that has stamped nothing yet")
    }

    /// The time of the last event this clock stamped (0 before any).
    pub fn time(&self) -> u64 {
        todo!()
    }

    /// Stamps a local event or the sending of a message: the clock moves on by one
    /// and the new time is the event's stamp (the one a sent message carries).
    pub fn tick(&mut self) -> u64 {
        todo!()
    }

    /// Stamps the receipt of a message that carries `stamp`: the receive event must
    /// come after both this process's last event and the send. Returns its stamp.
    pub fn receive(&mut self, stamp: u64) -> u64 {
        todo!("after both what this clock has seen and the sender's stamp")
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

/// The Lamport timestamp of every event of `trace`, one `Vec` per process: each
/// process runs its own [`LamportClock`] from 0, and a message carries its send
/// event's stamp to the receiver.
///
/// `trace[p]` lists process `p`'s events in the order they happened. Every received
/// message is sent somewhere in the trace, and the trace has no cycles (no event
/// waits, directly or not, for a message sent after it). A process may receive a
/// message that a process listed after it sends.
pub fn timestamps(trace: &[Vec<Event>]) -> Vec<Vec<u64>> {
    todo!("a receive can only be stamped once its message's send has been")
}

/// Whether event `a` happened before event `b` in `trace` (Lamport's `a -> b`):
/// `a` comes earlier in the same process, or `a` sends a message that `b` receives,
/// or there is a chain of such steps from `a` to `b`. No event happened before
/// itself.
pub fn happened_before(trace: &[Vec<Event>], a: EventId, b: EventId) -> bool {
    todo!("follow the causes of `b` back through its process and its messages")
}
