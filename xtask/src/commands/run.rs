//! `cargo xtask run <exercise>`: one exercise's checks, whatever the progress says.

use std::process::ExitCode;

use anyhow::Result;

use crate::cargo::Workspace;
use crate::commands::next;
use crate::course::Course;
use crate::progress::{self, Progress};
use crate::verdict::{self, Detail};

#[derive(clap::Args)]
pub struct Args {
    /// The exercise, by name (`cargo xtask list` shows them).
    pub exercise: String,
    /// Show every failure's message, not only the first few kinds.
    #[arg(long)]
    pub all: bool,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let exercise = course.exercise(&args.exercise)?;
    let mut progress = Progress::load(course);
    if progress.changed_checks_advice(&exercise).is_some() {
        next::refuse_changed_checks(course, &progress, &exercise);
        return Ok(ExitCode::FAILURE);
    }
    let key = progress::key(&course.root, &exercise);
    let verdict = verdict::verify(course, &exercise, Workspace::Exercises)?;
    let detail = if args.all {
        Detail::Full
    } else {
        Detail::Brief
    };
    print!(
        "{}\n{}",
        verdict::header(course, &exercise),
        verdict::render(course, &exercise, &verdict, detail)
    );
    if !verdict.interrupted() {
        println!("\n{}", verdict::next_step(&exercise, &verdict));
        progress.set(&exercise, verdict.passed(), key);
        progress.save()?;
        let current = next::current(course, &progress);
        next::tell_room(course, &mut progress, current.as_ref())?;
    }
    Ok(if verdict.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
