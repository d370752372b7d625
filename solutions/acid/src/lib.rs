//! ACID transactions, built one mechanism at a time: an undo log for atomicity,
//! constraints for consistency, a write-ahead log for durability, and for isolation
//! a lock manager, optimistic version checks, multi-version concurrency control and
//! serializable snapshot isolation on top of it; to close, the seat-booking race on a
//! real SQLite database.
//! The concepts are in `notes/acid.md`.

pub mod constraints;
pub mod locks;
pub mod mvcc;
pub mod optimistic;
pub mod seat_booking;
pub mod ssi;
pub mod undo_log;
pub mod wal;
