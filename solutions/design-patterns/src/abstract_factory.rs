//! Exercise: Abstract factory.
//!
//! TODO: the task in the learner's terms. Read "Abstract factory" in `notes/design-patterns.md`.

/// TODO: what this returns.
pub fn answer() -> u32 {
    todo!("TODO: a nudge")
}
