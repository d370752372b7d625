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
    users: BTreeMap<u64, String>,
    outbox: Vec<Event>,
}

impl Source {
    /// An empty table and an empty outbox.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets user `id`'s email and appends the change to the outbox, in one step.
    /// Returns the change's position.
    pub fn upsert(&mut self, id: u64, email: &str) -> u64 {
        self.users.insert(id, email.to_owned());
        self.append(Change::Upsert {
            id,
            email: email.to_owned(),
        })
    }

    /// Deletes user `id` and appends the change to the outbox, in one step. Returns
    /// the change's position, or `None` (and appends nothing) if there is no such user.
    pub fn delete(&mut self, id: u64) -> Option<u64> {
        self.users.remove(&id)?;
        Some(self.append(Change::Delete { id }))
    }

    fn append(&mut self, change: Change) -> u64 {
        let position = self.outbox.len() as u64 + 1;
        self.outbox.push(Event { position, change });
        position
    }

    /// The users table: email by id.
    pub fn users(&self) -> &BTreeMap<u64, String> {
        &self.users
    }

    /// The outbox's events after `position`, in order (all of them after 0).
    pub fn outbox_after(&self, position: u64) -> &[Event] {
        let start =
            usize::try_from(position).map_or(self.outbox.len(), |p| p.min(self.outbox.len()));
        &self.outbox[start..]
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
    by_email: BTreeMap<String, BTreeSet<u64>>,
    email_of: BTreeMap<u64, String>,
    position: u64,
}

impl EmailIndex {
    /// An empty index at position 0: no change applied yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `event` if it is the next position, skips it if it is at or below the
    /// last position applied. A refused event changes nothing.
    ///
    /// # Errors
    ///
    /// `Gap` if the event is beyond the next position.
    pub fn apply(&mut self, event: &Event) -> Result<Applied, CdcError> {
        let expected = self.position + 1;
        if event.position < expected {
            return Ok(Applied::Duplicate);
        }
        if event.position > expected {
            return Err(CdcError::Gap {
                expected,
                found: event.position,
            });
        }
        match &event.change {
            Change::Upsert { id, email } => {
                self.forget(*id);
                self.by_email.entry(email.clone()).or_default().insert(*id);
                self.email_of.insert(*id, email.clone());
            }
            Change::Delete { id } => self.forget(*id),
        }
        self.position = event.position;
        Ok(Applied::Applied)
    }

    /// Takes user `id` out of the entry of the email it had, if any.
    fn forget(&mut self, id: u64) {
        if let Some(old) = self.email_of.remove(&id)
            && let Some(ids) = self.by_email.get_mut(&old)
        {
            ids.remove(&id);
            if ids.is_empty() {
                self.by_email.remove(&old);
            }
        }
    }

    /// The position of the last change applied; 0 before the first.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// The ids of the users with `email`, in increasing order.
    pub fn lookup(&self, email: &str) -> Vec<u64> {
        self.by_email
            .get(email)
            .map(|ids| ids.iter().copied().collect())
            .unwrap_or_default()
    }

    /// How many users the index holds.
    pub fn len(&self) -> usize {
        self.email_of.len()
    }

    /// Whether the index holds no user.
    pub fn is_empty(&self) -> bool {
        self.email_of.is_empty()
    }
}
