//! `cargo xtask lock`: record the shipped stubs and check files in `course.lock`.
//!
//! See `shipped` for what the lock holds and who reads it.

use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::course::Course;
use crate::shipped::{self, FILE};

const PREAMBLE: &str = "\
# The shipped stubs and every file their checks depend on, as git blob ids; written by
# `cargo xtask lock`. `cargo xtask reset` restores from here; `cargo xtask check` proves
# it current.
";

pub fn run(course: &Course) -> Result<ExitCode> {
    let count = write(course)?;
    println!("Recorded {count} files in {FILE}; commit it with them.");
    Ok(ExitCode::SUCCESS)
}

/// Rewrites the lock from the files as they are now; returns how many it records.
pub fn write(course: &Course) -> Result<usize> {
    let paths = shipped::locked_paths(course);
    let ids = shipped::store(&course.root, &paths)?;
    let mut text = PREAMBLE.to_string();
    for (path, id) in paths.iter().zip(&ids) {
        text.push_str(&format!("{id}  {}\n", path.display()));
    }
    std::fs::write(course.root.join(FILE), text)
        .with_context(|| format!("could not write {FILE}"))?;
    Ok(paths.len())
}
