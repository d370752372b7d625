//! `cargo xtask solution <exercise>`: the reference solution, once the exercise passes.

use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::course::Course;
use crate::progress::{Progress, State};
use crate::ui::{self, Paint};

#[derive(clap::Args)]
pub struct Args {
    /// The exercise, by name (`cargo xtask list` shows them).
    pub exercise: String,
    /// Show it even though the exercise does not pass yet.
    #[arg(long)]
    pub force: bool,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let exercise = course.exercise(&args.exercise)?;
    let progress = Progress::load(&course.root);
    let state = if crate::commands::lock::changed_checks(course).contains(exercise.name()) {
        State::ChecksChanged
    } else {
        progress.current_state(&course.root, &exercise)
    };
    if state != State::Done && !args.force {
        println!(
            "{} does not pass yet (state: {}), so its solution stays hidden.\n\
             Run `cargo xtask run {}` once it passes, or `cargo xtask solution {} --force` to look now.",
            exercise.name(),
            state.label(),
            exercise.name(),
            exercise.name()
        );
        return Ok(ExitCode::FAILURE);
    }
    let path = exercise.solution_path();
    let text = std::fs::read_to_string(course.root.join(&path))
        .with_context(|| format!("could not read the reference solution {}", path.display()))?;
    println!(
        "{}\n",
        ui::paint(Paint::Bold, format!("// {}", path.display()))
    );
    println!("{}", text.trim_end());
    Ok(ExitCode::SUCCESS)
}
