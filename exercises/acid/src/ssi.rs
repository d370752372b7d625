//! Exercise: serializable snapshot isolation, as PostgreSQL does it.
//!
//! Snapshot isolation (the `mvcc` exercise's repeatable read) still lets two
//! transactions each read what the other is about to change and both commit: write
//! skew. Serializable snapshot isolation keeps the snapshots and watches for that.
//! When a serializable transaction reads a version that a concurrent one overwrote
//! (or will overwrite), the reader must come first in any serial order: a read-write
//! dependency, reader -> writer. A cycle of them means no serial order exists, and
//! every such cycle has a *dangerous structure*, two dependencies in a row
//! `in -> pivot -> out` in which `out` committed before the other two. Refusing that
//! structure, by aborting the transaction that is running when it appears, refuses
//! every cycle.
//!
//! This database wraps the `mvcc` store, which keeps the versions and the snapshots;
//! what it adds is the bookkeeping of who read what and the dependencies between
//! serializable transactions. Transactions at the other two levels run on the store
//! as they are and take part in no dependency, as in PostgreSQL.
//! Read "Serializable snapshot isolation" in `notes/acid.md`.

use std::collections::{BTreeSet, HashMap};
use std::ops::RangeBounds;

use crate::mvcc;
pub use crate::mvcc::{TxError, TxId};

/// How much a transaction sees of the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Isolation {
    ReadCommitted,
    RepeatableRead,
    /// Repeatable read's snapshot, plus the dependency tracking of this exercise.
    Serializable,
}

/// A multi-version store with PostgreSQL's three levels. Each method call is one
/// statement.
///
/// What it keeps besides the `mvcc` store is yours to design. A workable shape: the
/// store; a count of commits (of every level, so that it matches the store's commit
/// numbers); and per serializable transaction, whether it is active, committed (as
/// which commit) or aborted, its snapshot (the count of commits at its first
/// statement), the keys it read and whether it scanned, and its read-write
/// dependencies in and out. Keep a committed transaction's reads: a concurrent one
/// may still overwrite what it read.
#[derive(Debug, Default)]
pub struct Database {}

impl Database {
    /// An empty database.
    pub fn new() -> Self {
        todo!("an empty store, no serializable transactions, no commits")
    }

    /// Starts a transaction at `level`.
    pub fn begin(&mut self, level: Isolation) -> TxId {
        todo!("serializable runs on the store's repeatable read; remember it if serializable")
    }

    /// The value of `key` as `tx` sees it.
    pub fn read(&mut self, tx: TxId, key: u64) -> Result<Option<i64>, TxError> {
        todo!(
            "the store's read; at serializable, record the read and depend on the writers it could not see"
        )
    }

    /// The rows `tx` sees for which `pred(key, value)` holds, in key order.
    pub fn scan(
        &mut self,
        tx: TxId,
        pred: &dyn Fn(u64, i64) -> bool,
    ) -> Result<Vec<(u64, i64)>, TxError> {
        todo!("the store's scan; at serializable, it read every key, present or to come")
    }

    /// Sets `key` to `value` (inserting it if it does not exist).
    pub fn write(&mut self, tx: TxId, key: u64, value: i64) -> Result<(), TxError> {
        todo!(
            "the store's write; at serializable, every concurrent reader of the key must come first"
        )
    }

    /// Commits `tx`, making its writes visible to statements that start afterwards.
    /// Fails with `SerializationFailure` (and aborts it) if it is a dangerous pivot.
    pub fn commit(&mut self, tx: TxId) -> Result<(), TxError> {
        todo!("refuse a dangerous pivot; then the store's commit, and count it")
    }

    /// Aborts `tx`, discarding its writes. Aborting an ended transaction does nothing.
    pub fn abort(&mut self, tx: TxId) {
        todo!("the store's abort; a serializable transaction is marked aborted")
    }
}
