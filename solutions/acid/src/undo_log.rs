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
        let mut tx = self.begin();
        for (index, op) in ops.iter().enumerate() {
            let step = match op {
                Op::Put(key, value) => {
                    tx.put(key, *value);
                    Ok(())
                }
                Op::Add(key, amount) => tx.add(key, *amount).map(drop),
                Op::Delete(key) => tx.delete(key).map(drop),
            };
            // Returning drops `tx`, which rolls it back.
            step.map_err(|error| (index, error))?;
        }
        tx.commit();
        Ok(())
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
        let before = self.store.rows.insert(key.to_owned(), value);
        self.undo.push(UndoEntry {
            key: key.to_owned(),
            before,
        });
    }

    /// Adds `amount` (which may be negative) to an existing `key`; returns the new value.
    pub fn add(&mut self, key: &str, amount: i64) -> Result<i64, StepError> {
        let value = self
            .get(key)
            .ok_or_else(|| StepError::NoSuchKey(key.to_owned()))?;
        let sum = value.checked_add(amount).ok_or(StepError::Overflow {
            key: key.to_owned(),
            value,
            amount,
        })?;
        self.put(key, sum);
        Ok(sum)
    }

    /// Removes an existing `key`; returns the value it had.
    pub fn delete(&mut self, key: &str) -> Result<i64, StepError> {
        let before = self
            .store
            .rows
            .remove(key)
            .ok_or_else(|| StepError::NoSuchKey(key.to_owned()))?;
        self.undo.push(UndoEntry {
            key: key.to_owned(),
            before: Some(before),
        });
        Ok(before)
    }

    /// The undo entries recorded so far, oldest first: one per write.
    pub fn undo_log(&self) -> &[UndoEntry] {
        &self.undo
    }

    /// Keeps every write.
    pub fn commit(mut self) {
        // With the log empty, the drop that follows has nothing to undo.
        self.undo.clear();
    }

    /// Undoes every write, newest first.
    pub fn rollback(self) {
        // Dropping does the work, so that every way out of a transaction undoes it.
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        while let Some(UndoEntry { key, before }) = self.undo.pop() {
            match before {
                Some(value) => self.store.rows.insert(key, value),
                None => self.store.rows.remove(&key),
            };
        }
    }
}
