//! `cargo xtask list`: every exercise with its state, as a table or as JSON.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::course::Course;
use crate::progress::{Progress, State};
use crate::ui::{self, Paint};

#[derive(clap::Args)]
pub struct Args {
    /// Print a JSON array, one object per exercise, for scripts and graders.
    #[arg(long)]
    pub json: bool,
    /// Only the exercises of this track.
    #[arg(long)]
    pub track: Option<String>,
}

#[derive(Serialize)]
struct Row<'a> {
    topic: &'a str,
    exercise: &'a str,
    path: String,
    state: State,
    goal: &'a str,
    /// The estimated time to read its notes and solve it.
    minutes: u32,
    /// When the exercise last passed, in seconds since the Unix epoch.
    passed_at: Option<u64>,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let progress = Progress::load(course);
    let exercises = course.selection(args.track.as_deref())?;
    let rows: Vec<Row> = exercises
        .iter()
        .map(|exercise| {
            let state = progress.current_state(&course.root, exercise);
            Row {
                topic: &exercise.topic.name,
                exercise: exercise.name(),
                path: exercise.stub_path().display().to_string(),
                state,
                goal: &exercise.entry.goal,
                minutes: exercise.entry.minutes,
                passed_at: progress
                    .record(exercise)
                    .filter(|_| state == State::Done)
                    .map(|record| record.at),
            }
        })
        .collect();

    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let topic_width = rows
        .iter()
        .map(|row| row.topic.len())
        .max()
        .unwrap_or(0)
        .max(5);
    let name_width = rows
        .iter()
        .map(|row| row.exercise.len())
        .max()
        .unwrap_or(0)
        .max(8);
    println!(
        "{}",
        ui::paint(
            Paint::Bold,
            format!(
                "  #  {:topic_width$}  {:name_width$}  state           file",
                "topic", "exercise"
            )
        )
    );
    for (number, row) in rows.iter().enumerate() {
        let label = format!("{:14}", row.state.label());
        let state = match row.state {
            State::Done => ui::paint(Paint::Green, label),
            State::Failing | State::ChecksChanged => ui::paint(Paint::Red, label),
            State::Unseen => ui::paint(Paint::Dim, label),
        };
        println!(
            "{:>3}  {:topic_width$}  {:name_width$}  {state}  {}",
            number + 1,
            row.topic,
            row.exercise,
            row.path
        );
    }
    let done = rows.iter().filter(|row| row.state == State::Done).count();
    let total: u32 = rows.iter().map(|row| row.minutes).sum();
    let left: u32 = rows
        .iter()
        .filter(|row| row.state != State::Done)
        .map(|row| row.minutes)
        .sum();
    let time = if left == total {
        format!("about {} in all", ui::hours_and_minutes(total))
    } else {
        format!(
            "about {} still to go, of {} in all",
            ui::hours_and_minutes(left),
            ui::hours_and_minutes(total)
        )
    };
    println!("\n{done} of {} done; {time}.", rows.len());
    for exercise in &exercises {
        if let Some(advice) = progress.changed_checks_advice(exercise) {
            println!("{}", ui::paint(Paint::Red, advice));
        }
    }
    Ok(ExitCode::SUCCESS)
}
