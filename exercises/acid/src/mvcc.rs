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
//!   that fails;
//! - serializable (serializable snapshot isolation): repeatable read, plus tracking of
//!   who read what another concurrent transaction wrote, aborting a transaction when
//!   those read-write dependencies could form a cycle.
//!
//! Two transactions never both write one row at once: the second gets
//! [`TxError::WouldBlock`] until the first ends, as a row lock would make it wait.
//! Read "MVCC" in `notes/acid.md`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// How much a transaction sees of the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Isolation {
    ReadCommitted,
    RepeatableRead,
    Serializable,
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
    /// transaction's snapshot, or its reads and writes could not be put in any serial
    /// order with the others'. Retry the whole transaction.
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
/// active, committed (at which number) or aborted, and its snapshot. Serializable
/// needs more per transaction: the keys it read, whether it scanned, and its
/// read-write dependencies in and out.
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
            "WouldBlock if another open transaction wrote it; at the snapshot levels, fail if it changed after the snapshot"
        )
    }

    /// Commits `tx`, making its writes visible to statements that start afterwards.
    pub fn commit(&mut self, tx: TxId) -> Result<(), TxError> {
        todo!(
            "at serializable, refuse a dangerous structure; then stamp the writes with the next commit number"
        )
    }

    /// Aborts `tx`, discarding its writes. Aborting an ended transaction does nothing.
    pub fn abort(&mut self, tx: TxId) {
        todo!("remove its versions and mark it aborted")
    }
}
