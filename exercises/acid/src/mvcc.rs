//! Exercise: isolation with multi-version concurrency control, as PostgreSQL does it.
//!
//! A write never overwrites a row: it adds a new version, stamped with the
//! transaction that wrote it. A read picks the newest version its snapshot can see,
//! so readers never wait for writers. What a snapshot is, and what happens when two
//! transactions write the same row, is what the isolation level decides:
//!
//! - read committed: each statement sees everything committed before it started;
//! - repeatable read (snapshot isolation): the whole transaction sees what was
//!   committed before its first statement, and a write to a row that changed after
//!   that fails.
//!
//! Two transactions never both write one row at once: the second gets
//! [`TxError::WouldBlock`] until the first ends, as a row lock would make it wait.
//! The store also says, for a transaction, who wrote the versions its snapshot does
//! not show ([`Database::unseen_writers`]): the next exercise, `ssi`, builds
//! serializable isolation on it.
//! Read "MVCC" in `notes/acid.md`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::ops::RangeBounds;

/// How much a transaction sees of the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Isolation {
    ReadCommitted,
    RepeatableRead,
}

/// A transaction's id, from [`Database::begin`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TxId(u64);

impl fmt::Display for TxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "T{}", self.0)
    }
}

/// Why a statement failed. Every error but `WouldBlock` ends the transaction: its
/// writes are gone, and it accepts no more statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxError {
    /// Another open transaction has written this row. Nothing changed; retry once
    /// that transaction has committed or aborted.
    WouldBlock,
    /// PostgreSQL's "could not serialize access": the row changed after this
    /// transaction's snapshot (or, in the `ssi` exercise, its reads and writes could
    /// not be put in any serial order with the others'). Retry the whole transaction.
    SerializationFailure,
    /// The transaction has already ended (or never began).
    NotActive,
}

impl fmt::Display for TxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TxError::WouldBlock => "another open transaction has written this row; wait for it",
            TxError::SerializationFailure => "could not serialize access; retry the transaction",
            TxError::NotActive => "the transaction has ended",
        })
    }
}

impl std::error::Error for TxError {}

/// A multi-version key-value store. Each method call is one statement.
///
/// What it needs to keep is yours to design. A workable shape: each key's versions,
/// oldest first, each with its value, its writer and the writer's commit number once
/// it has one; a clock counting commits; and per transaction its level, whether it is
/// active, committed (at which number) or aborted, its snapshot, and the keys it
/// wrote.
#[derive(Debug, Default)]
pub struct Database {}

impl Database {
    /// An empty database.
    pub fn new() -> Self {
        todo!("no rows, no transactions, the clock at zero")
    }

    /// Starts a transaction at `level`.
    pub fn begin(&mut self, level: Isolation) -> TxId {
        todo!("a fresh id; the snapshot waits for the first statement")
    }

    /// The value of `key` as `tx` sees it.
    pub fn read(&mut self, tx: TxId, key: u64) -> Result<Option<i64>, TxError> {
        todo!("the newest version the statement's snapshot sees, or the transaction's own")
    }

    /// The rows `tx` sees for which `pred(key, value)` holds, in key order.
    pub fn scan(
        &mut self,
        tx: TxId,
        pred: &dyn Fn(u64, i64) -> bool,
    ) -> Result<Vec<(u64, i64)>, TxError> {
        todo!("every key, read as `read` would, filtered by `pred`")
    }

    /// Sets `key` to `value` (inserting it if it does not exist).
    pub fn write(&mut self, tx: TxId, key: u64, value: i64) -> Result<(), TxError> {
        todo!(
            "WouldBlock if another open transaction wrote it; at repeatable read, fail if it changed after the snapshot"
        )
    }

    /// Commits `tx`, making its writes visible to statements that start afterwards.
    pub fn commit(&mut self, tx: TxId) -> Result<(), TxError> {
        todo!("stamp the transaction's versions with the next commit number")
    }

    /// Aborts `tx`, discarding its writes. Aborting an ended transaction does nothing.
    pub fn abort(&mut self, tx: TxId) {
        todo!("remove its versions and mark it aborted")
    }

    /// The other transactions that wrote a version of a key in `keys` which `tx`'s
    /// snapshot does not show: one still open, or one that committed after the
    /// snapshot. (Before `tx`'s first statement, and at read committed, the snapshot
    /// is the one a statement would take now.) Aborted writers left no versions.
    /// `NotActive` if `tx` has ended. The `ssi` exercise builds on this.
    pub fn unseen_writers(
        &self,
        tx: TxId,
        keys: impl RangeBounds<u64>,
    ) -> Result<BTreeSet<TxId>, TxError> {
        todo!("the writers of the versions in `keys` newer than the snapshot, or not committed")
    }
}
