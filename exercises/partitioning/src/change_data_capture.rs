//! Exercise: change data capture with an outbox, and a consumer that applies each
//! change exactly once although the log delivers some of them twice.
//!
//! The source database keeps a table of users and, written in the same transaction as
//! every change to it, an *outbox*: an append-only table of the changes, each at the
//! next position (1, 2, 3, ...). A relay ships the outbox to consumers *at least once*:
//! after a crash it resends from the last position it knows was delivered, so a
//! consumer sees some changes again. The consumer here keeps a derived index, users by
//! email, and must end exactly as if each change had arrived once and in order. It
//! does that by remembering the position of the last change it applied, with the
//! index, and skipping anything at or below it. Read "Change data capture" in
//! `notes/partitioning.md`.

use std::collections::{BTreeMap, BTreeSet};

/// One change to the users table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// User `id` now has `email` (a new user, or a new email for an old one).
    Upsert { id: u64, email: String },
    /// User `id` is gone.
    Delete { id: u64 },
}

/// A change and its position in the outbox, counted from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub position: u64,
    pub change: Change,
}

/// The source database: a users table and its outbox, changed together.
#[derive(Debug, Clone, Default)]
pub struct Source {
    // The users table (email by id) and the outbox (every change, in order).
}

impl Source {
    /// An empty table and an empty outbox.
    pub fn new() -> Self {
        todo!("an empty table and outbox")
    }

    /// Sets user `id`'s email and appends the change to the outbox, in one step.
    /// Returns the change's position.
    pub fn upsert(&mut self, id: u64, email: &str) -> u64 {
        todo!("change the table and append to the outbox together")
    }

    /// Deletes user `id` and appends the change to the outbox, in one step. Returns
    /// the change's position, or `None` (and appends nothing) if there is no such user.
    pub fn delete(&mut self, id: u64) -> Option<u64> {
        todo!("only a user that exists")
    }

    /// The users table: email by id.
    pub fn users(&self) -> &BTreeMap<u64, String> {
        todo!("the table")
    }

    /// The outbox's events after `position`, in order (all of them after 0).
    pub fn outbox_after(&self, position: u64) -> &[Event] {
        todo!("position p is at index p - 1")
    }
}

/// What `apply` did with an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The event was the next one: the index now includes it.
    Applied,
    /// The event was at or below the last position applied: already in the index,
    /// skipped.
    Duplicate,
}

/// Why `apply` refused an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CdcError {
    /// The event skips ahead: the consumer expected position `expected` and got
    /// `found`. Applying it would lose the changes in between.
    Gap { expected: u64, found: u64 },
}

/// A derived index of the users table: user ids by email, and the position of the
/// last change it includes.
#[derive(Debug, Clone, Default)]
pub struct EmailIndex {
    // User ids by email, each user's email (to find the entry to leave when it
    // changes), and the position of the last change applied.
}

impl EmailIndex {
    /// An empty index at position 0: no change applied yet.
    pub fn new() -> Self {
        todo!("position 0, nothing indexed")
    }

    /// Applies `event` if it is the next position, skips it if it is at or below the
    /// last position applied. A refused event changes nothing.
    ///
    /// # Errors
    ///
    /// `Gap` if the event is beyond the next position.
    pub fn apply(&mut self, event: &Event) -> Result<Applied, CdcError> {
        todo!("compare the position with the last one applied before touching anything")
    }

    /// The position of the last change applied; 0 before the first.
    pub fn position(&self) -> u64 {
        todo!("the last position applied")
    }

    /// The ids of the users with `email`, in increasing order.
    pub fn lookup(&self, email: &str) -> Vec<u64> {
        todo!("the ids under the email")
    }

    /// How many users the index holds.
    pub fn len(&self) -> usize {
        todo!("the number of users")
    }

    /// Whether the index holds no user.
    pub fn is_empty(&self) -> bool {
        todo!("no users")
    }
}
