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
    /// For repeatable read: the last commit number it sees, taken at its first
    /// statement (as PostgreSQL does, not at `begin`).
    snapshot: Option<u64>,
    /// The keys it wrote: where its versions are, to stamp or remove them.
    written: BTreeSet<u64>,
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
            },
        );
        tx
    }

    /// The value of `key` as `tx` sees it.
    pub fn read(&mut self, tx: TxId, key: u64) -> Result<Option<i64>, TxError> {
        let snapshot = self.statement_snapshot(tx)?;
        Ok(self.visible(tx, key, snapshot))
    }

    /// The rows `tx` sees for which `pred(key, value)` holds, in key order.
    pub fn scan(
        &mut self,
        tx: TxId,
        pred: &dyn Fn(u64, i64) -> bool,
    ) -> Result<Vec<(u64, i64)>, TxError> {
        let snapshot = self.statement_snapshot(tx)?;
        Ok(self
            .rows
            .keys()
            .filter_map(|&key| Some((key, self.visible(tx, key, snapshot)?)))
            .filter(|&(key, value)| pred(key, value))
            .collect())
    }

    /// Sets `key` to `value` (inserting it if it does not exist).
    pub fn write(&mut self, tx: TxId, key: u64, value: i64) -> Result<(), TxError> {
        let snapshot = self.statement_snapshot(tx)?;
        let level = self.level(tx);
        if let Some(version) = self.rows.get(&key).and_then(|versions| versions.last()) {
            if version.writer != tx && version.committed.is_none() {
                return Err(TxError::WouldBlock);
            }
            let changed_since_snapshot = version.committed.is_some_and(|at| at > snapshot);
            if level == Isolation::RepeatableRead && changed_since_snapshot {
                self.discard(tx);
                return Err(TxError::SerializationFailure);
            }
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

    /// The other transactions that wrote a version of a key in `keys` which `tx`'s
    /// snapshot does not show: one still open, or one that committed after the
    /// snapshot. (Before `tx`'s first statement, and at read committed, the snapshot
    /// is the one a statement would take now.) Aborted writers left no versions.
    /// PostgreSQL's serializable level asks its heap the same question on every read.
    pub fn unseen_writers(
        &self,
        tx: TxId,
        keys: impl RangeBounds<u64>,
    ) -> Result<BTreeSet<TxId>, TxError> {
        let transaction = self.active(tx)?;
        let snapshot = match transaction.level {
            Isolation::ReadCommitted => self.clock,
            Isolation::RepeatableRead => transaction.snapshot.unwrap_or(self.clock),
        };
        Ok(self
            .rows
            .range(keys)
            .flat_map(|(_, versions)| versions)
            .filter(|version| version.writer != tx)
            .filter(|version| version.committed.is_none_or(|at| at > snapshot))
            .map(|version| version.writer)
            .collect())
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
    /// At repeatable read the first statement fixes it, even one that then waits.
    fn statement_snapshot(&mut self, tx: TxId) -> Result<u64, TxError> {
        self.active(tx)?;
        let clock = self.clock;
        let transaction = self.transaction(tx);
        Ok(match transaction.level {
            Isolation::ReadCommitted => clock,
            Isolation::RepeatableRead => *transaction.snapshot.get_or_insert(clock),
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

    /// With no transaction open, no snapshot can see an old version: keep each row's
    /// latest value and nothing else.
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
