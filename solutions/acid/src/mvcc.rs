//! Exercise: Mvcc.
//!
//! TODO: the task in the learner's terms. Read "Mvcc" in `notes/acid.md`.

/// TODO: what this returns.
pub fn answer() -> u32 {
    todo!("TODO: a nudge")
}
