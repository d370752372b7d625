//! `cargo xtask reset <exercise>`: put the shipped stub back, keeping the learner's file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::course::Course;
use crate::progress::now_secs;
use crate::shipped;
use crate::ui;

/// Where replaced files are kept, at the course root; git ignores it.
pub const BACKUPS: &str = ".backups";

#[derive(clap::Args)]
pub struct Args {
    /// The exercise, by name (`cargo xtask list` shows them).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub exercise: Option<String>,
    /// Reset every exercise's stub (each replaced file is backed up).
    #[arg(long)]
    pub all: bool,
    /// Restore the exercise's check file instead of its stub.
    #[arg(long)]
    pub checks: bool,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let exercises = match &args.exercise {
        Some(name) => vec![course.exercise(name)?],
        None => course.exercises().collect(),
    };
    let mut restored = 0;
    for exercise in &exercises {
        let (path, label) = if args.checks {
            (exercise.check_path(), format!("{}-checks", exercise.name()))
        } else {
            (exercise.stub_path(), exercise.name().to_string())
        };
        let changed = restore(&course.root, &path, &label)?;
        if !changed && exercises.len() == 1 {
            println!("{} is already as shipped; nothing to do.", path.display());
        }
        restored += usize::from(changed);
    }
    if exercises.len() > 1 {
        println!(
            "Restored {restored} of {} files; the others were already as shipped.",
            exercises.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Puts the shipped `path` back, first backing up the file it replaces under a name
/// made from `label`. Returns whether anything changed.
fn restore(root: &Path, path: &Path, label: &str) -> Result<bool> {
    let shipped = shipped::content(root, path)?;
    let full_path = root.join(path);
    let current = std::fs::read(&full_path).ok();
    if current.as_deref() == Some(shipped.as_slice()) {
        return Ok(false);
    }
    if let Some(current) = current {
        let backup = backup_path(root, label);
        std::fs::create_dir_all(root.join(BACKUPS)).context("could not create .backups/")?;
        // Written before the file is touched: if this fails, nothing is lost.
        std::fs::write(root.join(&backup), current)
            .with_context(|| format!("could not back up your file to {}", backup.display()))?;
        println!("Kept your version as {}.", backup.display());
    }
    std::fs::write(&full_path, shipped)
        .with_context(|| format!("could not restore {}", path.display()))?;
    println!("Restored {} as shipped.", path.display());
    Ok(true)
}

/// `.backups/<label>-<UTC time>.rs`, with a counter if two resets share a second.
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
