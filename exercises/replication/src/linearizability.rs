//! Exercise: linearizability.
//!
//! A checker that decides whether a history of reads and writes on one register is
//! linearizable: whether the operations can be put in one order, consistent with
//! real time, in which every read returns the latest write before it. This is the
//! search of Wing and Gong, with the memoisation Lowe added and Porcupine uses:
//! never explore the same set of done operations with the same register value
//! twice. Read "Linearizability" in `notes/replication.md`.

use std::collections::HashSet;

/// What an operation did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpKind {
    /// Wrote this value.
    Write(i64),
    /// Read, and returned this value.
    Read(i64),
}

/// One operation of a history: called at `call`, returned at `ret` (`call < ret`;
/// all times of a history distinct).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Op {
    pub call: u64,
    pub ret: u64,
    pub kind: OpKind,
}

/// Whether `history`, on a register that starts at `initial`, is linearizable: some
/// total order of its operations, in which an operation that returned before
/// another was called comes first, makes every read return the latest write before
/// it (or `initial`). The history may be given in any order.
pub fn is_linearizable(initial: i64, history: &[Op]) -> bool {
    todo!("search the orders real time allows, remembering the states already explored")
}
