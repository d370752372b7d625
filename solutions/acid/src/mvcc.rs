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

/// One version of a row.
#[derive(Debug, Clone)]
struct Version {
    value: i64,
    writer: TxId,
    /// The writer's commit number, once it has committed.
    committed: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Active,
    Committed(u64),
    Aborted,
}

#[derive(Debug)]
struct Transaction {
    level: Isolation,
    status: Status,
    /// For repeatable read and serializable: the last commit number it sees, taken
    /// at its first statement (as PostgreSQL does, not at `begin`).
    snapshot: Option<u64>,
    /// The keys it wrote: where its versions are, to stamp or remove them.
    written: BTreeSet<u64>,
    /// Serializable only: the keys it read, and whether it scanned the whole table
    /// (PostgreSQL's SIREAD locks; a scan locks the relation).
    reads: BTreeSet<u64>,
    scanned: bool,
    /// Serializable only: read-write dependencies. `self -> out` means self read a
    /// version that `out` overwrote, so self must come first in any serial order.
    ins: BTreeSet<TxId>,
    outs: BTreeSet<TxId>,
}

/// A multi-version key-value store. Each method call is one statement.
#[derive(Debug, Default)]
pub struct Database {
    /// Every key's versions, oldest first. Only the last can be uncommitted.
    rows: BTreeMap<u64, Vec<Version>>,
    transactions: HashMap<TxId, Transaction>,
    /// The number of the latest commit.
    clock: u64,
    next_tx: u64,
}

impl Database {
    /// An empty database.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a transaction at `level`.
    pub fn begin(&mut self, level: Isolation) -> TxId {
        self.next_tx += 1;
        let tx = TxId(self.next_tx);
        self.transactions.insert(
            tx,
            Transaction {
                level,
                status: Status::Active,
                snapshot: None,
                written: BTreeSet::new(),
                reads: BTreeSet::new(),
                scanned: false,
                ins: BTreeSet::new(),
                outs: BTreeSet::new(),
            },
        );
        tx
    }

    /// The value of `key` as `tx` sees it.
    pub fn read(&mut self, tx: TxId, key: u64) -> Result<Option<i64>, TxError> {
        let snapshot = self.statement_snapshot(tx)?;
        if self.level(tx) == Isolation::Serializable {
            self.transaction(tx).reads.insert(key);
            self.depend_on_writers_of(tx, key, snapshot)?;
        }
        Ok(self.visible(tx, key, snapshot))
    }

    /// The rows `tx` sees for which `pred(key, value)` holds, in key order.
    pub fn scan(
        &mut self,
        tx: TxId,
        pred: &dyn Fn(u64, i64) -> bool,
    ) -> Result<Vec<(u64, i64)>, TxError> {
        let snapshot = self.statement_snapshot(tx)?;
        let keys: Vec<u64> = self.rows.keys().copied().collect();
        if self.level(tx) == Isolation::Serializable {
            self.transaction(tx).scanned = true;
            for &key in &keys {
                self.depend_on_writers_of(tx, key, snapshot)?;
            }
        }
        Ok(keys
            .into_iter()
            .filter_map(|key| Some((key, self.visible(tx, key, snapshot)?)))
            .filter(|&(key, value)| pred(key, value))
            .collect())
    }

    /// Sets `key` to `value` (inserting it if it does not exist).
    pub fn write(&mut self, tx: TxId, key: u64, value: i64) -> Result<(), TxError> {
        let snapshot = self.statement_snapshot(tx)?;
        let level = self.level(tx);
        let latest = self.rows.get(&key).and_then(|versions| versions.last());
        if let Some(version) = latest {
            if version.writer != tx && version.committed.is_none() {
                return Err(TxError::WouldBlock);
            }
            let changed_since_snapshot = version.committed.is_some_and(|at| at > snapshot);
            if level != Isolation::ReadCommitted && changed_since_snapshot {
                return Err(self.fail(tx, TxError::SerializationFailure));
            }
        }
        if level == Isolation::Serializable {
            self.depend_readers_on(tx, key, snapshot)?;
        }
        self.transaction(tx).written.insert(key);
        let versions = self.rows.entry(key).or_default();
        match versions.last_mut() {
            Some(own) if own.writer == tx => own.value = value,
            _ => versions.push(Version {
                value,
                writer: tx,
                committed: None,
            }),
        }
        Ok(())
    }

    /// Commits `tx`, making its writes visible to statements that start afterwards.
    pub fn commit(&mut self, tx: TxId) -> Result<(), TxError> {
        self.active(tx)?;
        if self.level(tx) == Isolation::Serializable && self.is_dangerous_pivot(tx) {
            return Err(self.fail(tx, TxError::SerializationFailure));
        }
        self.clock += 1;
        let at = self.clock;
        let transaction = self
            .transactions
            .get_mut(&tx)
            .expect("checked active above");
        for key in &transaction.written {
            if let Some(own) = self
                .rows
                .get_mut(key)
                .and_then(|versions| versions.last_mut())
            {
                own.committed = Some(at);
            }
        }
        transaction.status = Status::Committed(at);
        self.forget_the_past();
        Ok(())
    }

    /// Aborts `tx`, discarding its writes. Aborting an ended transaction does nothing.
    pub fn abort(&mut self, tx: TxId) {
        if self.active(tx).is_ok() {
            self.discard(tx);
        }
    }

    fn active(&self, tx: TxId) -> Result<&Transaction, TxError> {
        self.transactions
            .get(&tx)
            .filter(|transaction| transaction.status == Status::Active)
            .ok_or(TxError::NotActive)
    }

    fn transaction(&mut self, tx: TxId) -> &mut Transaction {
        self.transactions
            .get_mut(&tx)
            .expect("only transactions checked to be active are looked up")
    }

    fn level(&self, tx: TxId) -> Isolation {
        self.transactions[&tx].level
    }

    /// The last commit this statement of `tx` sees; errors if `tx` is not active.
    fn statement_snapshot(&mut self, tx: TxId) -> Result<u64, TxError> {
        self.active(tx)?;
        let clock = self.clock;
        let transaction = self.transaction(tx);
        Ok(match transaction.level {
            Isolation::ReadCommitted => clock,
            _ => *transaction.snapshot.get_or_insert(clock),
        })
    }

    /// The newest version of `key` that `tx` wrote or that committed by `snapshot`.
    fn visible(&self, tx: TxId, key: u64, snapshot: u64) -> Option<i64> {
        self.rows
            .get(&key)?
            .iter()
            .rev()
            .find(|version| {
                version.writer == tx || version.committed.is_some_and(|at| at <= snapshot)
            })
            .map(|version| version.value)
    }

    /// Ends `tx` on an error and returns the error; an aborted transaction counts in no
    /// dependency.
    fn fail(&mut self, tx: TxId, error: TxError) -> TxError {
        self.discard(tx);
        error
    }

    /// Aborts the active `tx`: removes its versions and marks it aborted.
    fn discard(&mut self, tx: TxId) {
        let transaction = self
            .transactions
            .get_mut(&tx)
            .expect("only active ones are discarded");
        transaction.status = Status::Aborted;
        for key in std::mem::take(&mut transaction.written) {
            if let Some(versions) = self.rows.get_mut(&key) {
                versions.retain(|version| version.writer != tx);
                if versions.is_empty() {
                    self.rows.remove(&key);
                }
            }
        }
        self.forget_the_past();
    }

    /// `reader` (serializable) read `key`: every serializable transaction that wrote a
    /// version of it the reader's snapshot does not see must come after the reader.
    fn depend_on_writers_of(
        &mut self,
        reader: TxId,
        key: u64,
        snapshot: u64,
    ) -> Result<(), TxError> {
        let writers: Vec<TxId> = self
            .rows
            .get(&key)
            .into_iter()
            .flatten()
            .filter(|version| version.writer != reader)
            .filter(|version| version.committed.is_none_or(|at| at > snapshot))
            .map(|version| version.writer)
            .filter(|writer| {
                self.transactions
                    .get(writer)
                    .is_some_and(|t| t.level == Isolation::Serializable)
            })
            .collect();
        for writer in writers {
            self.add_dependency(reader, writer, reader)?;
        }
        Ok(())
    }

    /// `writer` (serializable) is writing `key`: every concurrent serializable
    /// transaction that read it must come before the writer.
    fn depend_readers_on(&mut self, writer: TxId, key: u64, snapshot: u64) -> Result<(), TxError> {
        let readers: Vec<TxId> = self
            .transactions
            .iter()
            .filter(|&(&id, reader)| {
                id != writer
                    && reader.level == Isolation::Serializable
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
        self.transaction(reader).outs.insert(writer);
        self.transaction(writer).ins.insert(reader);
        if self.is_dangerous_pivot(writer) || self.is_dangerous_pivot(reader) {
            return Err(self.fail(current, TxError::SerializationFailure));
        }
        Ok(())
    }

    /// Whether `pivot` sits in the middle of `in -> pivot -> out` with `out` committed
    /// before both others. Cahill's theorem: every cycle of dependencies among
    /// snapshot transactions has such a structure, so refusing it prevents them all.
    fn is_dangerous_pivot(&self, pivot: TxId) -> bool {
        // Whether `tx` aborted, or committed before commit number `at`.
        let gone_before = |tx: &TxId, at: u64| match self.transactions.get(tx).map(|t| t.status) {
            Some(Status::Committed(done)) => done < at,
            Some(Status::Active) => false,
            Some(Status::Aborted) | None => true,
        };
        let transaction = &self.transactions[&pivot];
        transaction.outs.iter().any(|out| {
            let Some(Status::Committed(out_at)) = self.transactions.get(out).map(|t| t.status)
            else {
                return false;
            };
            !gone_before(&pivot, out_at)
                && transaction
                    .ins
                    .iter()
                    .any(|inbound| !gone_before(inbound, out_at))
        })
    }

    /// With no transaction open, no snapshot can see an old version and no dependency
    /// can matter again: keep each row's latest value and nothing else.
    fn forget_the_past(&mut self) {
        let any_active = self
            .transactions
            .values()
            .any(|transaction| transaction.status == Status::Active);
        if any_active {
            return;
        }
        self.transactions.clear();
        for versions in self.rows.values_mut() {
            versions.drain(..versions.len() - 1);
        }
    }
}
