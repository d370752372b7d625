//! Exercise: Interface segregation.
//!
//! TODO: the task in the learner's terms. Read "Interface segregation" in `notes/solid.md`.

/// TODO: what this returns.
pub fn answer() -> u32 {
    todo!("TODO: a nudge")
}
