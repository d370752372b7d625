//! `cargo xtask reset <exercise>`: put the shipped stub back, keeping the learner's file.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

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
    /// Restore the exercise's check files instead of its stub.
    #[arg(long)]
    pub checks: bool,
    /// With `--all`: do not ask first (for scripts).
    #[arg(long, requires = "all")]
    pub yes: bool,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    if args.all && !args.yes && !confirmed(course)? {
        println!("Nothing was reset.");
        return Ok(ExitCode::FAILURE);
    }
    let exercises = match &args.exercise {
        Some(name) => vec![course.exercise(name)?],
        None => course.exercises().collect(),
    };
    let changed_checks = if args.checks {
        shipped::changed_checks(course)
    } else {
        Default::default()
    };
    let (mut restored, mut considered) = (0, 0);
    for exercise in &exercises {
        let (paths, label) = if args.checks {
            let changed = changed_checks
                .get(exercise.name())
                .cloned()
                .unwrap_or_default();
            (changed, format!("{}-checks", exercise.name()))
        } else {
            (vec![exercise.stub_path()], exercise.name().to_string())
        };
        if paths.is_empty() && exercises.len() == 1 {
            println!(
                "The checks of `{}` are already as shipped; nothing to do.",
                exercise.name()
            );
        }
        for path in &paths {
            let label = match path.file_stem() {
                Some(stem) if args.checks => format!("{label}-{}", stem.to_string_lossy()),
                _ => label.clone(),
            };
            let shipped = shipped::content(&course.root, path)?;
            // Only a check folder may hold a file the course did not ship; a stub
            // missing from the lock is the lock's fault, and never a reason to delete.
            if shipped.is_none() && !args.checks {
                bail!(
                    "{} does not list {}; restore it with `git checkout {0}`",
                    shipped::FILE,
                    path.display()
                );
            }
            let changed = restore(&course.root, path, &label, shipped)?;
            if !changed && exercises.len() == 1 {
                println!("{} is already as shipped; nothing to do.", path.display());
            }
            restored += usize::from(changed);
            considered += 1;
        }
    }
    if exercises.len() > 1 {
        println!("Restored {restored} of {considered} files; the others were already as shipped.");
    }
    Ok(ExitCode::SUCCESS)
}

/// Puts `shipped` back at `path`, first backing up the file it replaces under a name
/// made from `label`. Returns whether anything changed. A file the course did not
/// ship (one added beside the checks) is backed up and removed.
fn restore(root: &Path, path: &Path, label: &str, shipped: Option<Vec<u8>>) -> Result<bool> {
    let full_path = root.join(path);
    let current = std::fs::read(&full_path).ok();
    if current == shipped {
        return Ok(false);
    }
    if let Some(current) = current {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("rs");
        let backup = backup_path(root, label, extension);
        std::fs::create_dir_all(root.join(BACKUPS)).context("could not create .backups/")?;
        // Written before the file is touched: if this fails, nothing is lost.
        std::fs::write(root.join(&backup), current)
            .with_context(|| format!("could not back up your file to {}", backup.display()))?;
        println!("Kept your version as {}.", backup.display());
    }
    match shipped {
        Some(shipped) => {
            std::fs::write(&full_path, shipped)
                .with_context(|| format!("could not restore {}", path.display()))?;
            println!("Restored {} as shipped.", path.display());
        }
        None => {
            std::fs::remove_file(&full_path)
                .with_context(|| format!("could not remove {}", path.display()))?;
            println!("Removed {}, which the course did not ship.", path.display());
        }
    }
    Ok(true)
}

/// `.backups/<label>-<UTC time>.<extension>`, with a counter if two resets share a second.
fn backup_path(root: &Path, label: &str, extension: &str) -> PathBuf {
    let stamp = ui::timestamp(now_secs());
    (0..)
        .map(|n| {
            let suffix = if n == 0 {
                String::new()
            } else {
                format!("-{n}")
            };
            PathBuf::from(BACKUPS).join(format!("{label}-{stamp}{suffix}.{extension}"))
        })
        .find(|path| !root.join(path).exists())
        .unwrap_or_else(|| PathBuf::from(BACKUPS).join(format!("{label}-{stamp}.{extension}")))
}

/// Asks before `--all` replaces every stub; without a terminal to ask on, refuses.
fn confirmed(course: &Course) -> Result<bool> {
    let question = format!(
        "Put all {} stubs back as shipped? Each file you changed is kept in {BACKUPS}/ first.",
        course.exercise_count()
    );
    if !std::io::stdin().is_terminal() {
        bail!("{question}\nThere is no terminal to ask on: add `--yes` to confirm.");
    }
    print!("{question} [y/N] ");
    std::io::stdout().flush().context("could not ask")?;
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .context("could not read the answer")?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
