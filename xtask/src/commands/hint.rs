//! `cargo xtask hint [exercise]`: one more hint each time, from a nudge to nearly the answer.

use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::commands::next;
use crate::course::Course;
use crate::progress::Progress;
use crate::ui::{self, Paint};

#[derive(clap::Args)]
pub struct Args {
    /// The exercise, by name (`cargo xtask list` shows them); the current one if left out.
    pub exercise: Option<String>,
    /// Show every hint at once.
    #[arg(long)]
    pub all: bool,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let mut progress = Progress::load(course);
    let exercise = match &args.exercise {
        Some(name) => course.exercise(name)?,
        None => next::current(course, &progress).context(
            "every exercise passes, so there is no current one: name the exercise, \
             `cargo xtask hint <exercise>`",
        )?,
    };
    let hints = &exercise.entry.hints;
    let shown = if args.all {
        hints.len()
    } else {
        (progress.hints_shown(&exercise) + 1).min(hints.len())
    };
    progress.set_hints_shown(&exercise, shown);
    progress.save()?;

    println!(
        "{} for {}:\n",
        ui::paint(Paint::Bold, "Hints"),
        exercise.name()
    );
    for (number, hint) in hints.iter().enumerate().take(shown) {
        println!("  {}. {}\n", number + 1, hint.trim());
    }
    if shown < hints.len() {
        println!(
            "Ask again for hint {} of {}: `cargo xtask hint {}`.",
            shown + 1,
            hints.len(),
            exercise.name()
        );
    } else {
        println!(
            "That is every hint. The notes go deeper: {}, \"{}\".\n\
             Still stuck? `cargo xtask solution {} --force` shows the reference solution.",
            exercise.notes_path().display(),
            exercise.entry.notes,
            exercise.name()
        );
    }
    Ok(ExitCode::SUCCESS)
}
