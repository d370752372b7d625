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

/// A set of operations, by index, as a bit set.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Done(Vec<u64>);

impl Done {
    fn new(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)])
    }
    fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn remove(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }
}

/// The operations that may come next once those in `done` have: every operation
/// not done that was called before the earliest return among the operations not
/// done (none of those returned before it was called). `ops` is sorted by call.
fn candidates(ops: &[Op], done: &Done, first: usize) -> Vec<usize> {
    let mut earliest_return = u64::MAX;
    let mut next = Vec::new();
    for (i, op) in ops.iter().enumerate().skip(first) {
        if op.call > earliest_return {
            break; // sorted by call: no later operation can be a candidate
        }
        if !done.contains(i) {
            earliest_return = earliest_return.min(op.ret);
            next.push(i);
        }
    }
    next.retain(|&i| ops[i].call < earliest_return);
    next
}

/// The register's value after `op` from `value`, or `None` if `op` cannot come
/// next (a read that does not return the current value).
fn step(value: i64, op: &Op) -> Option<i64> {
    match op.kind {
        OpKind::Write(written) => Some(written),
        OpKind::Read(read) => (read == value).then_some(value),
    }
}

/// Whether `history`, on a register that starts at `initial`, is linearizable: some
/// total order of its operations, in which an operation that returned before
/// another was called comes first, makes every read return the latest write before
/// it (or `initial`). The history may be given in any order.
pub fn is_linearizable(initial: i64, history: &[Op]) -> bool {
    let mut ops = history.to_vec();
    ops.sort_by_key(|op| op.call);
    let n = ops.len();

    // A depth-first search with an explicit stack (a history may be long): each
    // frame holds the candidates still to try after the operations done so far.
    struct Frame {
        candidates: Vec<usize>,
        tried: usize,
        /// The operation that led here and the value before it, to undo on the way
        /// back.
        undo: Option<(usize, i64)>,
    }
    let mut done = Done::new(n);
    let mut done_count = 0;
    let mut first = 0; // every operation before `first` (by call) is done
    let mut value = initial;
    let mut seen: HashSet<(Done, i64)> = HashSet::new();
    let mut stack = vec![Frame {
        candidates: candidates(&ops, &done, first),
        tried: 0,
        undo: None,
    }];
    while let Some(frame) = stack.last_mut() {
        if done_count == n {
            return true;
        }
        if let Some(&op) = frame.candidates.get(frame.tried) {
            frame.tried += 1;
            let Some(after) = step(value, &ops[op]) else {
                continue;
            };
            done.insert(op);
            if !seen.insert((done.clone(), after)) {
                done.remove(op);
                continue; // this set of done operations with this value failed before
            }
            done_count += 1;
            let before = value;
            value = after;
            while first < n && done.contains(first) {
                first += 1;
            }
            stack.push(Frame {
                candidates: candidates(&ops, &done, first),
                tried: 0,
                undo: Some((op, before)),
            });
        } else {
            let frame = stack.pop().expect("the loop holds a frame");
            if let Some((op, before)) = frame.undo {
                done.remove(op);
                done_count -= 1;
                value = before;
                first = first.min(op);
            }
        }
    }
    false
}
