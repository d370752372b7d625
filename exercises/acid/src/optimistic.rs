//! Exercise: optimistic concurrency with a version column.
//!
//! Instead of locking a row while it thinks, a transaction reads the row with its
//! version number, computes, and writes back only if the version is still the one it
//! read: `UPDATE t SET ..., version = version + 1 WHERE id = ? AND version = ?`, then
//! checks that one row was affected. If someone else wrote first, nothing is written
//! and the transaction reads again and retries. No one waits while another computes;
//! the price is the retry, paid only when there is a conflict.
//! Read "Optimistic locking" in `notes/acid.md`.

use std::fmt;
use std::ops::RangeInclusive;
use std::sync::{Mutex, MutexGuard};

/// A row's value with its version, which goes up by one on every write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned<T> {
    pub value: T,
    pub version: u64,
}

/// A compare-and-set found a version other than the expected one: nothing was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    /// The row whose version had moved on.
    pub id: usize,
}

/// Why [`Table::update_with_retry`] gave up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryError<E> {
    /// The update function refused the value it read.
    Rejected(E),
    /// Every attempt met a conflict.
    GaveUp { attempts: u32 },
}

/// Rows numbered from 0, each with a version column. The mutex stands for the
/// database's own short latch on a row while one statement runs, held only inside
/// a method, never while the caller computes.
pub struct Table<T> {
    rows: Mutex<Vec<Versioned<T>>>,
    /// Runs after every read; see [`Table::with_hook`].
    after_read: Option<AfterRead<T>>,
}

/// Something to run after each read, given the table and the row just read.
type AfterRead<T> = Box<dyn Fn(&Table<T>, usize) + Send + Sync>;

impl<T: fmt::Debug> fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table")
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl<T: Clone> Table<T> {
    /// A table holding `values`, each at version 0.
    pub fn new(values: Vec<T>) -> Self {
        let rows = values
            .into_iter()
            .map(|value| Versioned { value, version: 0 })
            .collect();
        Self {
            rows: Mutex::new(rows),
            after_read: None,
        }
    }

    /// A table holding `values` that calls `after_read(table, id)` after every read
    /// of a row, outside the latch. The checks use it to slip another transaction in
    /// between a read and the write that depends on it, the moment optimistic
    /// concurrency is about.
    pub fn with_hook(
        values: Vec<T>,
        after_read: impl Fn(&Table<T>, usize) + Send + Sync + 'static,
    ) -> Self {
        Self {
            after_read: Some(Box::new(after_read)),
            ..Self::new(values)
        }
    }

    /// Row `id` and its version.
    ///
    /// # Panics
    ///
    /// If there is no row `id`.
    pub fn get(&self, id: usize) -> Versioned<T> {
        let row = self.rows()[id].clone();
        if let Some(after_read) = &self.after_read {
            after_read(self, id);
        }
        row
    }

    /// Writes `value` to row `id` if its version is still `expected`; returns the new
    /// version.
    pub fn compare_and_set(&self, id: usize, expected: u64, value: T) -> Result<u64, Conflict> {
        todo!("write and bump the version only if the version is still `expected`")
    }

    /// Several compare-and-sets as one transaction: all are written if every
    /// `(id, expected, value)` still has its expected version, otherwise none is.
    pub fn compare_and_set_all(&self, updates: &[(usize, u64, T)]) -> Result<(), Conflict> {
        todo!("check every expected version first, then write them all")
    }

    /// Read, compute with `update`, compare-and-set; on a conflict, again, at most
    /// `max_attempts` times in all. Returns how many attempts it took.
    pub fn update_with_retry<E>(
        &self,
        id: usize,
        max_attempts: u32,
        mut update: impl FnMut(&T) -> Result<T, E>,
    ) -> Result<u32, RetryError<E>> {
        todo!("get, update, compare_and_set; loop on a conflict")
    }

    fn rows(&self) -> MutexGuard<'_, Vec<Versioned<T>>> {
        // Every write above checks, then changes whole fields: a panic in between
        // cannot leave a row half-written, so a poisoned lock is still sound.
        self.rows
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A seat in the seats table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Available,
    Booked { user: u32 },
}

/// Why a booking failed. Either way, none of its seats was booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingError {
    /// This seat, the first of the range found taken, is booked already.
    Unavailable { seat: usize },
    /// Every attempt met a conflict.
    GaveUp { attempts: u32 },
}

/// Books every seat of `seats` for `user`, or none: read the seats and their versions,
/// refuse if one is taken, then compare-and-set them all at once; on a conflict, read
/// again. Returns how many attempts it took.
pub fn book(
    table: &Table<Seat>,
    seats: RangeInclusive<usize>,
    user: u32,
    max_attempts: u32,
) -> Result<u32, BookingError> {
    todo!("read every seat, refuse a taken one, compare_and_set_all; loop on a conflict")
}
