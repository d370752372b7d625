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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Active,
    /// Committed, as the n-th commit of the database (the store's commit number).
    Committed(u64),
    Aborted,
}

/// What SSI keeps of one serializable transaction.
#[derive(Debug)]
struct Serializable {
    status: Status,
    /// The number of commits its snapshot sees, fixed by its first statement.
    snapshot: Option<u64>,
    /// The keys it read, and whether it scanned the whole table (PostgreSQL's SIREAD
    /// locks: a sequential scan locks the relation). Kept after it commits, since a
    /// concurrent transaction may still overwrite what it read.
    reads: BTreeSet<u64>,
    scanned: bool,
    /// Read-write dependencies. `self -> out` means self read a version that `out`
    /// overwrote, so self must come first in any serial order.
    ins: BTreeSet<TxId>,
    outs: BTreeSet<TxId>,
}

/// A multi-version store with PostgreSQL's three levels. Each method call is one
/// statement.
#[derive(Debug, Default)]
pub struct Database {
    store: mvcc::Database,
    /// The serializable transactions that can still matter.
    serializable: HashMap<TxId, Serializable>,
    /// The number of commits so far, of every level: the store's commit number.
    commits: u64,
}

impl Database {
    /// An empty database.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a transaction at `level`.
    pub fn begin(&mut self, level: Isolation) -> TxId {
        let tx = self.store.begin(match level {
            Isolation::ReadCommitted => mvcc::Isolation::ReadCommitted,
            Isolation::RepeatableRead | Isolation::Serializable => mvcc::Isolation::RepeatableRead,
        });
        if level == Isolation::Serializable {
            self.serializable.insert(
                tx,
                Serializable {
                    status: Status::Active,
                    snapshot: None,
                    reads: BTreeSet::new(),
                    scanned: false,
                    ins: BTreeSet::new(),
                    outs: BTreeSet::new(),
                },
            );
        }
        tx
    }

    /// The value of `key` as `tx` sees it.
    pub fn read(&mut self, tx: TxId, key: u64) -> Result<Option<i64>, TxError> {
        self.statement_starts(tx);
        let value = self
            .store
            .read(tx, key)
            .map_err(|error| self.ended(tx, error))?;
        if let Some(transaction) = self.serializable.get_mut(&tx) {
            transaction.reads.insert(key);
            self.depend_on_unseen_writers(tx, key..=key)?;
        }
        Ok(value)
    }

    /// The rows `tx` sees for which `pred(key, value)` holds, in key order.
    pub fn scan(
        &mut self,
        tx: TxId,
        pred: &dyn Fn(u64, i64) -> bool,
    ) -> Result<Vec<(u64, i64)>, TxError> {
        self.statement_starts(tx);
        let rows = self
            .store
            .scan(tx, pred)
            .map_err(|error| self.ended(tx, error))?;
        if let Some(transaction) = self.serializable.get_mut(&tx) {
            transaction.scanned = true;
            self.depend_on_unseen_writers(tx, ..)?;
        }
        Ok(rows)
    }

    /// Sets `key` to `value` (inserting it if it does not exist).
    pub fn write(&mut self, tx: TxId, key: u64, value: i64) -> Result<(), TxError> {
        self.statement_starts(tx);
        self.store
            .write(tx, key, value)
            .map_err(|error| self.ended(tx, error))?;
        if self.serializable.contains_key(&tx) {
            self.depend_readers_on(tx, key)?;
        }
        Ok(())
    }

    /// Commits `tx`, making its writes visible to statements that start afterwards.
    pub fn commit(&mut self, tx: TxId) -> Result<(), TxError> {
        if self.serializable.contains_key(&tx) && self.is_dangerous_pivot(tx) {
            return Err(self.fail(tx));
        }
        self.store
            .commit(tx)
            .map_err(|error| self.ended(tx, error))?;
        self.commits += 1;
        if let Some(transaction) = self.serializable.get_mut(&tx) {
            transaction.status = Status::Committed(self.commits);
            self.forget_the_past();
        }
        Ok(())
    }

    /// Aborts `tx`, discarding its writes. Aborting an ended transaction does nothing.
    pub fn abort(&mut self, tx: TxId) {
        self.store.abort(tx);
        self.ended(tx, TxError::NotActive);
    }

    /// A statement of `tx` starts: a serializable transaction's first one fixes its
    /// snapshot, as the store fixes its own, even if the statement then waits.
    fn statement_starts(&mut self, tx: TxId) {
        let commits = self.commits;
        if let Some(transaction) = self.serializable.get_mut(&tx)
            && transaction.status == Status::Active
        {
            transaction.snapshot.get_or_insert(commits);
        }
    }

    /// The store refused a statement of `tx` with `error`; all but `WouldBlock` end it.
    fn ended(&mut self, tx: TxId, error: TxError) -> TxError {
        if error != TxError::WouldBlock
            && let Some(transaction) = self.serializable.get_mut(&tx)
            && transaction.status == Status::Active
        {
            transaction.status = Status::Aborted;
            self.forget_the_past();
        }
        error
    }

    /// Aborts the serializable `tx` on a serialization failure and returns it.
    fn fail(&mut self, tx: TxId) -> TxError {
        self.store.abort(tx);
        self.ended(tx, TxError::SerializationFailure)
    }

    /// `reader` read `keys`: every serializable transaction that wrote a version of
    /// them the reader's snapshot does not show must come after the reader.
    fn depend_on_unseen_writers(
        &mut self,
        reader: TxId,
        keys: impl std::ops::RangeBounds<u64>,
    ) -> Result<(), TxError> {
        let writers = self.store.unseen_writers(reader, keys)?;
        for writer in writers {
            if self.serializable.contains_key(&writer) {
                self.add_dependency(reader, writer, reader)?;
            }
        }
        Ok(())
    }

    /// `writer` wrote `key`: every concurrent serializable transaction that read it
    /// (open, or committed after the writer's snapshot) must come before the writer.
    fn depend_readers_on(&mut self, writer: TxId, key: u64) -> Result<(), TxError> {
        let snapshot = self.serializable[&writer].snapshot.unwrap_or(self.commits);
        let readers: Vec<TxId> = self
            .serializable
            .iter()
            .filter(|&(&id, reader)| {
                id != writer
                    && (reader.scanned || reader.reads.contains(&key))
                    && match reader.status {
                        Status::Active => true,
                        Status::Committed(at) => at > snapshot,
                        Status::Aborted => false,
                    }
            })
            .map(|(&id, _)| id)
            .collect();
        for reader in readers {
            self.add_dependency(reader, writer, writer)?;
        }
        Ok(())
    }

    /// Records `reader -> writer`. If that completes a dangerous structure, the
    /// statement's own transaction `current` (always part of it) is aborted.
    fn add_dependency(&mut self, reader: TxId, writer: TxId, current: TxId) -> Result<(), TxError> {
        if let Some(transaction) = self.serializable.get_mut(&reader) {
            transaction.outs.insert(writer);
        }
        if let Some(transaction) = self.serializable.get_mut(&writer) {
            transaction.ins.insert(reader);
        }
        if self.is_dangerous_pivot(writer) || self.is_dangerous_pivot(reader) {
            return Err(self.fail(current));
        }
        Ok(())
    }

    /// Whether `pivot` sits in the middle of `in -> pivot -> out` with `out` committed
    /// before both others. Fekete et al. (2005): every cycle of dependencies among
    /// snapshot transactions has two dependencies in a row whose last transaction is
    /// the first of the cycle to commit; so refusing this structure refuses every
    /// cycle, and a pivot whose `out` has not committed first is no danger (the
    /// commit-order rule of PostgreSQL's implementation, Ports and Grittner 2012).
    fn is_dangerous_pivot(&self, pivot: TxId) -> bool {
        let status = |tx: &TxId| self.serializable.get(tx).map(|t| t.status);
        // Whether `tx` aborted, or committed before commit number `at`.
        let gone_before = |tx: &TxId, at: u64| match status(tx) {
            Some(Status::Committed(done)) => done < at,
            Some(Status::Active) => false,
            Some(Status::Aborted) | None => true,
        };
        let Some(transaction) = self.serializable.get(&pivot) else {
            return false;
        };
        transaction.outs.iter().any(|out| {
            let Some(Status::Committed(out_at)) = status(out) else {
                return false;
            };
            !gone_before(&pivot, out_at)
                && transaction
                    .ins
                    .iter()
                    .any(|inbound| !gone_before(inbound, out_at))
        })
    }

    /// With no serializable transaction open, every later one's snapshot sees all
    /// that the ended ones wrote and read: no dependency on them can arise again.
    fn forget_the_past(&mut self) {
        let any_active = self
            .serializable
            .values()
            .any(|transaction| transaction.status == Status::Active);
        if !any_active {
            self.serializable.clear();
        }
    }
}
