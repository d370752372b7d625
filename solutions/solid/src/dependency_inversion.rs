//! Exercise: Dependency inversion.
//!
//! TODO: the task in the learner's terms. Read "Dependency inversion" in `notes/solid.md`.

/// TODO: what this returns.
pub fn answer() -> u32 {
    todo!("TODO: a nudge")
}
