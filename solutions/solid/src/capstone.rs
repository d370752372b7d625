//! Exercise: Capstone.
//!
//! TODO: the task in the learner's terms. Read "Capstone" in `notes/solid.md`.

/// TODO: what this returns.
pub fn answer() -> u32 {
    todo!("TODO: a nudge")
}
