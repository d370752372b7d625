//! Exercise: atomicity with an undo log.
//!
//! A transaction writes straight into the store, and before each write it records
//! what the write is about to overwrite: the key and its old value, or "absent". To
//! roll back, it replays those records newest first, putting every old value back.
//! Commit keeps the writes and throws the log away. A transaction that is dropped
//! without a commit (an early `return`, a `?`, a panic) rolls back, so "all or
//! nothing" holds on every path out of the code.
//! Read "Undo log" in `notes/acid.md`.

use std::collections::BTreeMap;
use std::fmt;

/// An in-memory table of named integers, such as account balances.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Store {
    rows: BTreeMap<String, i64>,
}

/// What one write overwrote: enough to put it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    /// The key that was written.
    pub key: String,
    /// Its value before the write, or `None` if the write created it.
    pub before: Option<i64>,
}

/// Why a step of a transaction failed. The transaction's earlier writes stay in
/// place until it is rolled back (or dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepError {
    /// `add` or `delete` named a key that does not exist.
    NoSuchKey(String),
    /// `add` would take the value past `i64`'s range.
    Overflow {
        key: String,
        value: i64,
        amount: i64,
    },
}

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepError::NoSuchKey(key) => write!(f, "no row `{key}`"),
            StepError::Overflow { key, value, amount } => {
                write!(f, "`{key}` is {value}; adding {amount} overflows")
            }
        }
    }
}

impl std::error::Error for StepError {}

/// One step of a transaction, for running a whole list with [`Store::run`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Put(String, i64),
    Add(String, i64),
    Delete(String),
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The committed value of `key`, if it exists.
    pub fn get(&self, key: &str) -> Option<i64> {
        self.rows.get(key).copied()
    }

    /// Every row, in key order.
    pub fn rows(&self) -> &BTreeMap<String, i64> {
        &self.rows
    }

    /// Starts a transaction. It borrows the store mutably, so nothing else can read
    /// its half-done writes while it is open.
    pub fn begin(&mut self) -> Transaction<'_> {
        Transaction {
            store: self,
            undo: Vec::new(),
        }
    }

    /// Runs `ops` as one transaction: commits if every step succeeds; otherwise rolls
    /// back everything and returns the first error, with its step's index.
    pub fn run(&mut self, ops: &[Op]) -> Result<(), (usize, StepError)> {
        todo!("begin, run each op through the transaction, commit; on an error, roll back")
    }
}

/// An open transaction. Dropping it without [`Transaction::commit`] rolls it back.
#[derive(Debug)]
pub struct Transaction<'a> {
    store: &'a mut Store,
    undo: Vec<UndoEntry>,
}

impl Transaction<'_> {
    /// The value of `key` as this transaction sees it, its own writes included.
    pub fn get(&self, key: &str) -> Option<i64> {
        self.store.get(key)
    }

    /// Sets `key` to `value`, creating it if needed.
    pub fn put(&mut self, key: &str, value: i64) {
        todo!("record what is overwritten, then write")
    }

    /// Adds `amount` (which may be negative) to an existing `key`; returns the new value.
    pub fn add(&mut self, key: &str, amount: i64) -> Result<i64, StepError> {
        todo!("a missing key or an overflow is an error; otherwise a put of the sum")
    }

    /// Removes an existing `key`; returns the value it had.
    pub fn delete(&mut self, key: &str) -> Result<i64, StepError> {
        todo!("remove the row and record its old value")
    }

    /// The undo entries recorded so far, oldest first: one per write.
    pub fn undo_log(&self) -> &[UndoEntry] {
        &self.undo
    }

    /// Keeps every write.
    pub fn commit(mut self) {
        todo!("keep the writes: make sure the drop that follows undoes nothing")
    }

    /// Undoes every write, newest first.
    pub fn rollback(self) {
        todo!("undo every write, newest first")
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        // This runs on every way out of a transaction: after `commit`, after
        // `rollback`, on `?` and during a panic. (A second panic while unwinding
        // aborts the whole process, hence the guard.)
        if !std::thread::panicking() {
            todo!("undo whatever is still in the log, newest first")
        }
    }
}
