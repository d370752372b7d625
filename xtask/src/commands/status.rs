//! `cargo xtask status`: one line per topic, for the instructor walking the room.

use std::process::ExitCode;

use anyhow::Result;

use crate::course::Course;
use crate::progress::{Progress, State};
use crate::ui::{self, Paint};

#[derive(clap::Args)]
pub struct Args {
    /// Only the exercises of this track.
    #[arg(long)]
    pub track: Option<String>,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let progress = Progress::load(course);
    let exercises = course.selection(args.track.as_deref())?;
    let width = course.topic_name_width();
    let (mut done_total, mut total) = (0, 0);
    for topic in &course.topics {
        let states: Vec<_> = exercises
            .iter()
            .filter(|exercise| std::ptr::eq(exercise.topic, topic))
            .map(|exercise| (exercise, progress.current_state(&course.root, exercise)))
            .collect();
        if states.is_empty() {
            continue;
        }
        let done: Vec<_> = states
            .iter()
            .filter(|(_, state)| *state == State::Done)
            .map(|(exercise, _)| exercise)
            .collect();
        let last_pass = done
            .iter()
            .filter_map(|exercise| progress.record(exercise).map(|record| record.at))
            .max()
            .map_or_else(
                || "no pass yet".to_string(),
                |at| format!("last pass {}", ui::timestamp(at)),
            );
        let edited = states
            .iter()
            .filter(|(_, state)| *state == State::ChecksChanged)
            .count();
        let note = if edited > 0 {
            ui::paint(Paint::Red, format!(", {edited} with edited checks"))
        } else {
            String::new()
        };
        println!(
            "{:width$}  {}  {last_pass}{note}",
            topic.name,
            ui::bar(done.len(), states.len(), 20)
        );
        done_total += done.len();
        total += states.len();
    }
    println!("\n{done_total} of {total} exercises done.");
    Ok(ExitCode::SUCCESS)
}
