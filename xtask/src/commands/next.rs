//! `cargo xtask next`: run the first exercise that does not pass yet and show what to do.

use std::process::ExitCode;

use anyhow::Result;

use crate::cargo::Workspace;
use crate::course::{Course, Exercise};
use crate::progress::{self, Progress, State};
use crate::room;
use crate::ui::{self, Paint};
use crate::verdict::{self, Detail, Verdict};

#[derive(clap::Args)]
pub struct Args {
    /// Only the exercises of this track (see `course.yaml`).
    #[arg(long)]
    pub track: Option<String>,
    /// Start the course at this exercise from now on, without marking earlier ones
    /// done (for an instructor starting the room mid-course).
    #[arg(long)]
    pub from: Option<String>,
}

/// Where a walk through the course stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// At an exercise that does not pass.
    Stuck,
    /// Every exercise passes.
    Complete,
    /// Ctrl-C.
    Interrupted,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    if let Some(name) = &args.from {
        let exercise = course.exercise(name)?;
        let mut progress = Progress::load(course);
        if exercise.index == 0 {
            progress.start = None;
            println!("The course starts at the beginning again.");
        } else {
            progress.start = Some(exercise.name().to_string());
            println!(
                "From now on the course starts at `{name}`; `cargo xtask next --from {}` \
                 goes back to the beginning.",
                course.first_exercise_name()
            );
        }
        progress.save()?;
    }
    Ok(match advance(course, args.track.as_deref())? {
        Stop::Complete => ExitCode::SUCCESS,
        Stop::Stuck | Stop::Interrupted => ExitCode::FAILURE,
    })
}

/// Walks the exercises in course order, skipping those already seen passing, and
/// shows the first that fails.
pub fn advance(course: &Course, track: Option<&str>) -> Result<Stop> {
    let exercises = course.selection(track)?;
    let mut progress = Progress::load(course);
    // Each exercise's files are read once: for skipping it here and for the bars below.
    let keys: Vec<String> = exercises
        .iter()
        .map(|exercise| progress::key(&course.root, exercise))
        .collect();
    // Exercises before the remembered start are skipped, not marked done.
    let start_index = start_index(course, &progress);
    for (exercise, key) in exercises.iter().zip(&keys) {
        if exercise.index < start_index {
            continue;
        }
        match progress.state(exercise, key) {
            State::Done => continue,
            State::ChecksChanged => {
                refuse_changed_checks(course, &progress, exercise);
                tell_room(course, &mut progress, Some(exercise))?;
                return Ok(Stop::Stuck);
            }
            State::Failing | State::Unseen => {}
        }
        let verdict = verdict::verify(course, exercise, Workspace::Exercises)?;
        if verdict.interrupted() {
            println!("Stopped (Ctrl-C).");
            return Ok(Stop::Interrupted);
        }
        progress.set(exercise, verdict.passed(), key.clone());
        progress.save()?;
        if verdict.passed() {
            println!(
                "{} {name}: every check passes (`cargo xtask solution {name}` to compare). \
                 On to the next one.",
                ui::pass_mark(),
                name = exercise.name()
            );
            continue;
        }
        print!(
            "{}\n{}",
            verdict::header(course, exercise),
            verdict::render(course, exercise, &verdict, Detail::Brief)
        );
        println!("\n{}", summary(course, &progress, &exercises, &keys));
        println!("{}", hint_line(exercise, &progress, &verdict));
        println!("\n{}", verdict::next_step(exercise, &verdict));
        tell_room(course, &mut progress, Some(exercise))?;
        return Ok(Stop::Stuck);
    }
    println!(
        "\n{} {}",
        ui::pass_mark(),
        ui::paint(
            Paint::Bold,
            match (track, &progress.start) {
                (_, Some(start)) if start_index > 0 => format!(
                    "Every exercise from `{start}` on passes; `cargo xtask next --from {}` \
                     goes back to the ones before it.",
                    course.first_exercise_name()
                ),
                (Some(name), _) => format!(
                    "Track `{name}` complete: all {} exercises pass.",
                    exercises.len()
                ),
                (None, _) => {
                    format!("Course complete: all {} exercises pass.", exercises.len())
                }
            }
        )
    );
    println!("\n{}", summary(course, &progress, &exercises, &keys));
    println!("`cargo xtask solution <exercise>` shows how the reference solutions do it.");
    tell_room(course, &mut progress, None)?;
    Ok(Stop::Complete)
}

/// Tells the learner's room, if they joined one, where they are after a verdict.
pub fn tell_room(
    course: &Course,
    progress: &mut Progress,
    current: Option<&Exercise>,
) -> Result<()> {
    if room::tell(course, progress, current) {
        progress.save()?;
    }
    Ok(())
}

/// The exercise `next` would run: the first from the remembered start on that has
/// not been seen passing as its files are now. `None` once every one passes.
pub fn current<'c>(course: &'c Course, progress: &Progress) -> Option<Exercise<'c>> {
    let start_index = start_index(course, progress);
    course.exercises().find(|exercise| {
        exercise.index >= start_index
            && progress.current_state(&course.root, exercise) != State::Done
    })
}

/// Where an instructor's `next --from` put the start of the course.
fn start_index(course: &Course, progress: &Progress) -> usize {
    progress
        .start
        .as_deref()
        .and_then(|name| course.exercise(name).ok())
        .map_or(0, |start| start.index)
}

/// Says why an exercise whose check files were edited is not run: a pass would not count.
pub fn refuse_changed_checks(course: &Course, progress: &Progress, exercise: &Exercise) {
    print!("{}", verdict::header(course, exercise));
    if let Some(advice) = progress.changed_checks_advice(exercise) {
        println!("\n{} {advice}", ui::fail_mark());
    }
}

/// One progress bar per topic, for the exercises in play; `keys[i]` is the
/// fingerprint of `exercises[i]`.
fn summary(
    course: &Course,
    progress: &Progress,
    exercises: &[Exercise],
    keys: &[String],
) -> String {
    let width = course.topic_name_width();
    let mut lines = Vec::new();
    for topic in &course.topics {
        let of_topic: Vec<(&Exercise, &String)> = exercises
            .iter()
            .zip(keys)
            .filter(|(exercise, _)| std::ptr::eq(exercise.topic, topic))
            .collect();
        if of_topic.is_empty() {
            continue;
        }
        let done = of_topic
            .iter()
            .filter(|(exercise, key)| progress.state(exercise, key) == State::Done)
            .count();
        lines.push(format!(
            "  {:width$}  {}",
            topic.name,
            ui::bar(done, of_topic.len(), 20)
        ));
    }
    format!(
        "{}\n{}",
        ui::paint(Paint::Bold, "Progress"),
        lines.join("\n")
    )
}

fn hint_line(exercise: &Exercise, progress: &Progress, verdict: &Verdict) -> String {
    let total = exercise.entry.hints.len();
    let shown = progress.hints_shown(exercise).min(total);
    let mut line = if shown < total {
        format!(
            "Stuck? `cargo xtask hint {}` shows hint {} of {total}.",
            exercise.name(),
            shown + 1
        )
    } else {
        format!(
            "Stuck? You have seen all {total} hints; `cargo xtask hint {} --all` shows them again.",
            exercise.name()
        )
    };
    if matches!(verdict, Verdict::CompileError { .. }) {
        line.push_str(" Compile errors come first: fix the top one, then run again.");
    }
    line
}
