//! `cargo xtask reset <exercise>`: put the shipped stub back, keeping the learner's file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::commands::lock;
use crate::course::Course;
use crate::progress::now_secs;
use crate::ui;

/// Where replaced files are kept, at the course root; git ignores it.
pub const BACKUPS: &str = ".backups";

#[derive(clap::Args)]
pub struct Args {
    /// The exercise, by name (`cargo xtask list` shows them).
    pub exercise: String,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let exercise = course.exercise(&args.exercise)?;
    let stub = exercise.stub_path();
    let shipped = lock::shipped(&course.root, &stub)?;
    let full_path = course.root.join(&stub);
    let current = std::fs::read(&full_path).ok();
    if current.as_deref() == Some(shipped.as_slice()) {
        println!("{} is already as shipped; nothing to do.", stub.display());
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(current) = current {
        let backup = backup_path(&course.root, exercise.name());
        let full_backup = course.root.join(&backup);
        std::fs::create_dir_all(course.root.join(BACKUPS)).context("could not create .backups/")?;
        // Written before the stub is touched: if this fails, nothing is lost.
        std::fs::write(&full_backup, current)
            .with_context(|| format!("could not back up your file to {}", backup.display()))?;
        println!("Kept your version as {}.", backup.display());
    }
    std::fs::write(&full_path, shipped)
        .with_context(|| format!("could not restore {}", stub.display()))?;
    println!("Restored {} as shipped.", stub.display());
    Ok(ExitCode::SUCCESS)
}

/// `.backups/<exercise>-<UTC time>.rs`, with a counter if two resets share a second.
fn backup_path(root: &Path, exercise: &str) -> PathBuf {
    let stamp = ui::timestamp(now_secs());
    (0..)
        .map(|n| {
            let suffix = if n == 0 {
                String::new()
            } else {
                format!("-{n}")
            };
            PathBuf::from(BACKUPS).join(format!("{exercise}-{stamp}{suffix}.rs"))
        })
        .find(|path| !root.join(path).exists())
        .unwrap_or_else(|| PathBuf::from(BACKUPS).join(format!("{exercise}-{stamp}.rs")))
}
