//! `cargo xtask check`: the maintainer's proof that the course is sound.
//!
//! Every stub compiles and fails at least one of its checks; every solution passes
//! all of them unchanged; every catalogued wrong answer fails them (`wrong_answers`);
//! `course.yaml` and the files agree; `course.lock` is current;
//! failing runs leave nothing in `checks/`; fmt and clippy are clean in both
//! workspaces; the runner's own tests pass, and the room's server, which stays out
//! of the learner's workspace, passes its own. One line per item, then `N passed, M failed`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::cargo::{self, Build, Targets, Workspace};
use crate::commands::new;
use crate::course::{self, Course, Exercise, ExerciseEntry};
use crate::libtest::{self, Ending, Outcome, Report};
use crate::room;
use crate::shipped;
use crate::ui::{self, Paint};
use crate::verdict::{self, plural};

mod wrong_answers;

#[derive(clap::Args)]
pub struct Args {
    /// Prove only this exercise: a fast loop while writing it. Skips fmt, clippy
    /// and the runner's tests.
    #[arg(long, conflicts_with_all = ["topic", "track"])]
    pub exercise: Option<String>,
    /// Prove only this topic's exercises; skips fmt, clippy and the runner's tests.
    #[arg(long, conflicts_with = "track")]
    pub topic: Option<String>,
    /// Prove only this track's exercises; skips fmt, clippy and the runner's tests.
    #[arg(long)]
    pub track: Option<String>,
}

impl Args {
    fn narrowed(&self) -> bool {
        self.exercise.is_some() || self.topic.is_some() || self.track.is_some()
    }
}

/// Counts items and prints one line for each.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
}

impl Tally {
    fn exit_code(&self) -> ExitCode {
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }

    fn item(&mut self, name: &str, problems: &[String], fine: &str) {
        if problems.is_empty() {
            self.passed += 1;
            println!("{} {name}: {fine}", ui::pass_mark());
        } else {
            self.failed += 1;
            println!("{} {name}:", ui::fail_mark());
            for problem in problems {
                println!("{}", ui::indent(&format!("- {problem}"), 4));
            }
        }
    }
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let root = &course.root;
    let mut tally = Tally::default();
    let (exercises, targets) = if let Some(name) = &args.exercise {
        let exercise = course.exercise(name)?;
        let targets = Targets::One {
            package: &exercise.topic.name,
            test: exercise.entry.name.as_str(),
        };
        (vec![exercise], targets)
    } else if let Some(name) = &args.topic {
        let topic = course.topic(name)?;
        let exercises = course
            .exercises()
            .filter(|exercise| std::ptr::eq(exercise.topic, topic))
            .collect();
        (
            exercises,
            Targets::Topic {
                package: &topic.name,
            },
        )
    } else {
        (course.selection(args.track.as_deref())?, Targets::All)
    };

    tally.item(
        "course.yaml and the files",
        &layout_problems(course),
        "they agree",
    );
    tally.item(shipped::FILE, &lock_problems(course), "current");
    tally.item(
        "tracks",
        &track_problems(course),
        "each fits the time its name promises",
    );

    let leftovers_before = leftovers(root);
    println!(
        "{}",
        ui::paint(Paint::Dim, "Building the stubs and the solutions…")
    );
    let stubs = cargo::build_tests(root, Workspace::Exercises, targets)?;
    let solutions = cargo::build_tests(root, Workspace::Solutions, targets)?;
    let scratch = wrong_answers::Scratch::prepare(course)?;
    for exercise in &exercises {
        let mut problems = Vec::new();
        let stub_note = check_stub(course, exercise, &stubs, &mut problems);
        let solution_note = check_solution(course, exercise, &solutions, &mut problems);
        let wrong_note = scratch.prove(course, exercise, &mut problems)?;
        tally.item(
            exercise.name(),
            &problems,
            &format!("{stub_note}; {solution_note}; {wrong_note}"),
        );
    }
    let left: Vec<String> = leftovers(root)
        .difference(&leftovers_before)
        .map(|path| format!("{} was written by a run; see COURSE-DESIGN.md on INSTA_UPDATE and proptest persistence", path.display()))
        .collect();
    tally.item("checks/ after failing runs", &left, "nothing written");

    if args.narrowed() {
        println!(
            "\n{} passed, {} failed ({} of {} exercises; fmt, clippy and the runner's tests \
             skipped: run `cargo xtask check` before you commit)",
            tally.passed,
            tally.failed,
            exercises.len(),
            course.exercise_count()
        );
        return Ok(tally.exit_code());
    }

    let server = room::server_dir(root);
    // The solutions and the room's server have no seams left to write: linted whole.
    let lint = [
        (
            Workspace::Exercises.dir(root),
            "the learner's workspace",
            waiting_for_seams(course),
        ),
        (
            Workspace::Solutions.dir(root),
            "the solutions workspace",
            Vec::new(),
        ),
        (server.clone(), "the room's server", Vec::new()),
    ];
    for (dir, name, waiting_for_seams) in lint {
        // rustfmt colours its diff even into a pipe; the report is plain text.
        let fmt = cargo_step(&dir, &["fmt", "--all", "--check", "--", "--color", "never"]);
        tally.item(&format!("cargo fmt, {name}"), &fmt, "formatted");
        let clippy: Vec<String> = clippy_runs(&waiting_for_seams)
            .iter()
            .flat_map(|args| cargo_step(&dir, &args.iter().map(String::as_str).collect::<Vec<_>>()))
            .collect();
        tally.item(&format!("cargo clippy, {name}"), &clippy, "no warnings");
    }
    let tests = cargo_step(root, &["test", "--quiet", "--package", "xtask"]);
    tally.item("the runner's own tests", &tests, "pass");
    tally.item(
        "the learner's workspace",
        &server_in_learners_path(root),
        "compiles no part of the room's server",
    );
    // Over HTTP on 127.0.0.1, and the dashboard in headless Chromium.
    let tests = cargo_step(&server, &["test", "--quiet"]);
    tally.item("the room's own tests", &tests, "pass");

    println!("\n{} passed, {} failed", tally.passed, tally.failed);
    Ok(tally.exit_code())
}

/// The stub must compile and fail at least one check. Returns what to say when it does.
fn check_stub(
    course: &Course,
    exercise: &Exercise,
    build: &Build,
    problems: &mut Vec<String>,
) -> String {
    if build.binary(exercise.name()).is_none()
        && let Some(seams) =
            verdict::missing_seams(exercise, &build.errors_in(&exercise.check_path()))
    {
        return format!("stub's checks need {}", seams.join(", "));
    }
    let Some(report) = run_checks(course, exercise, build, Workspace::Exercises, problems) else {
        return String::new();
    };
    let total = report.checks.len();
    let failed = report.count(Outcome::Failed);
    let passing: Vec<&str> = report
        .checks
        .iter()
        .filter(|check| check.outcome == Outcome::Passed)
        .map(|check| check.name.as_str())
        .collect();
    if report.passed() {
        problems.push(format!(
            "the stub passes all {total} checks: they do not test the exercise \
             (or the stub in exercises/ has been solved)"
        ));
    }
    if let Ending::TimedOut { .. } | Ending::Crashed { .. } = report.ending {
        problems.push(format!(
            "the stub's checks did not finish: {}",
            ending_text(&report.ending)
        ));
    }
    let mut note = format!("stub fails {failed} of {total}");
    if !passing.is_empty() {
        note.push_str(&format!(
            " ({} already pass{} on the stub: {})",
            passing.len(),
            if passing.len() == 1 { "es" } else { "" },
            passing.join(", ")
        ));
    }
    note
}

/// The solution must pass every check. Returns what to say when it does.
fn check_solution(
    course: &Course,
    exercise: &Exercise,
    build: &Build,
    problems: &mut Vec<String>,
) -> String {
    let Some(report) = run_checks(course, exercise, build, Workspace::Solutions, problems) else {
        return String::new();
    };
    if !matches!(report.ending, Ending::Finished) {
        problems.push(format!(
            "the solution's checks did not finish: {}",
            ending_text(&report.ending)
        ));
    }
    for check in report.failures() {
        let message = verdict::tidy(course, &check.output);
        let first = message
            .lines()
            .find(|line| !line.starts_with("panicked at"))
            .unwrap_or("");
        problems.push(format!("the solution fails {}: {first}", check.name));
    }
    if report.failures().next().is_some()
        && let Some(compiler) = verdict::compile_fail_report(course, &report.stderr)
    {
        problems.push(format!("the compile-fail cases' report:\n{compiler}"));
    }
    if report.checks.is_empty() {
        problems.push("the check file holds no checks".to_string());
    }
    format!("solution passes {}", report.count(Outcome::Passed))
}

fn run_checks(
    course: &Course,
    exercise: &Exercise,
    build: &Build,
    workspace: Workspace,
    problems: &mut Vec<String>,
) -> Option<Report> {
    let Some(binary) = build.binary(exercise.name()) else {
        let error = build
            .errors
            .iter()
            .find(|error| {
                error
                    .files
                    .iter()
                    .any(|file| file.contains(&exercise.topic.name))
            })
            .or(build.errors.first())
            .map(|error| first_line(&verdict::tidy(course, &error.rendered)))
            .unwrap_or_else(|| {
                "no check binary was built; is its [[test]] entry in Cargo.toml?".into()
            });
        problems.push(format!(
            "the {} does not compile: {error}",
            workspace.label()
        ));
        return None;
    };
    match libtest::run(
        binary,
        &workspace.dir(&course.root),
        exercise.time_limit(course),
    ) {
        Ok(report) => Some(report),
        Err(error) => {
            problems.push(format!(
                "could not run the {}'s checks: {error:#}",
                workspace.label()
            ));
            None
        }
    }
}

fn ending_text(ending: &Ending) -> String {
    match ending {
        Ending::Finished => "finished".into(),
        Ending::TimedOut { limit, unfinished } => format!(
            "timed out after {} s in {}",
            limit.as_secs_f64(),
            unfinished.join(", ")
        ),
        Ending::Crashed { how, .. } => format!("the binary {how}"),
        Ending::Interrupted => "interrupted".into(),
    }
}

/// Everything `course.yaml` promises exists, and everything that exists is in it.
fn layout_problems(course: &Course) -> Vec<String> {
    let root = &course.root;
    let mut problems = Vec::new();
    let mut named = BTreeSet::new();
    for exercise in course.exercises() {
        let place = course.place_of(exercise.name());
        for path in [
            exercise.stub_path(),
            exercise.solution_path(),
            exercise.check_path(),
        ] {
            if !root.join(&path).is_file() {
                problems.push(format!(
                    "{place}: `{}` has no {}",
                    exercise.name(),
                    path.display()
                ));
            }
            named.insert(path);
        }
        if exercise.entry.hints.len() < 2 {
            problems.push(format!(
                "{place}: `{}` has {} hint{}; give it two or three, from a nudge to nearly the answer",
                exercise.name(),
                exercise.entry.hints.len(),
                plural(exercise.entry.hints.len())
            ));
        }
        let placeholders = [&exercise.entry.goal]
            .into_iter()
            .chain(&exercise.entry.hints)
            .any(|text| text.contains(new::PLACEHOLDER));
        if placeholders {
            problems.push(format!(
                "{place}: `{}` still has {} in its goal or hints; write them",
                exercise.name(),
                new::PLACEHOLDER
            ));
        }
        let notes = exercise.notes_path();
        let section = std::fs::read_to_string(root.join(&notes))
            .ok()
            .and_then(|text| notes_section(&text, &exercise.entry.notes));
        if section
            .as_deref()
            .is_some_and(|text| text.contains(new::PLACEHOLDER))
        {
            problems.push(format!(
                "{}: the section \"{}\" still has {}; teach `{}` there",
                notes.display(),
                exercise.entry.notes,
                new::PLACEHOLDER,
                exercise.name()
            ));
        }
        for path in [
            exercise.stub_path(),
            exercise.solution_path(),
            exercise.check_path(),
        ] {
            if std::fs::read_to_string(root.join(&path))
                .is_ok_and(|text| text.contains(new::PLACEHOLDER))
            {
                problems.push(format!(
                    "{} still has {}s from `cargo xtask new`",
                    path.display(),
                    new::PLACEHOLDER
                ));
            }
        }
        if section.is_none() {
            problems.push(format!(
                "{place}: `{}` points at the heading \"{}\", which {} does not have",
                exercise.name(),
                exercise.entry.notes,
                notes.display()
            ));
        }
    }
    for topic in &course.topics {
        for side in ["exercises", "solutions"] {
            let lib = Path::new(side).join(&topic.name).join("src/lib.rs");
            if !root.join(&lib).is_file() {
                problems.push(format!("topic `{}` has no {}", topic.name, lib.display()));
            }
        }
        let (stub_lib, solution_lib) = (
            std::fs::read(root.join("exercises").join(&topic.name).join("src/lib.rs")),
            std::fs::read(root.join("solutions").join(&topic.name).join("src/lib.rs")),
        );
        if let (Ok(stub_lib), Ok(solution_lib)) = (stub_lib, solution_lib)
            && stub_lib != solution_lib
        {
            problems.push(format!(
                "exercises/{0}/src/lib.rs and solutions/{0}/src/lib.rs differ; only exercise modules may",
                topic.name
            ));
        }
    }
    let known_topics: BTreeSet<&str> = course
        .topics
        .iter()
        .map(|topic| topic.name.as_str())
        .collect();
    for path in files_on_disk(root) {
        let is_lib = path.file_name().is_some_and(|name| name == "lib.rs");
        if !is_lib && !named.contains(&path) {
            problems.push(format!(
                "{} is not named in {}",
                path.display(),
                course::MANIFEST
            ));
        }
        let topic = path
            .iter()
            .nth(1)
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        if !known_topics.contains(topic) {
            problems.push(format!(
                "{} belongs to topic `{topic}`, which {} does not list",
                path.display(),
                course::MANIFEST
            ));
        }
    }
    problems.dedup();
    problems
}

/// A track's exercises must fit the session its name promises, or a workshop
/// planned by it runs out of day.
fn track_problems(course: &Course) -> Vec<String> {
    let mut problems = Vec::new();
    let readme = std::fs::read_to_string(course.root.join("README.md")).unwrap_or_default();
    for track in &course.tracks {
        let place = course.place_of(&track.name);
        let Some((length, budget)) = track.promise() else {
            problems.push(format!(
                "{place}: track `{}` does not say how long it is; end its name in `half-day` \
                 (3.5 h) or `day` (6.5 h)",
                track.name
            ));
            continue;
        };
        let minutes = course.minutes(track.exercises.iter().map(String::as_str));
        let time = ui::hours_and_minutes(minutes);
        let listed = format!("`{}`", track.name);
        if !readme
            .lines()
            .any(|line| line.contains(&listed) && line.contains(&format!(" {time} ")))
        {
            problems.push(format!(
                "README.md does not list track {listed} with its time, {time}: instructors plan \
                 by that table (a line with `{}` and \"{time}\")",
                track.name
            ));
        }
        if minutes > budget {
            problems.push(format!(
                "{place}: track `{}` takes {} by its exercises' `minutes`, more than {length} ({}); \
                 take exercises out or split it",
                track.name,
                time,
                ui::hours_and_minutes(budget)
            ));
        }
    }
    problems
}

/// The text under the heading `title` in a notes file, up to the next heading of the
/// same or a higher level; `None` if there is no such heading.
fn notes_section(text: &str, title: &str) -> Option<String> {
    // `## Title` is a heading; `#[derive(...)]` in a code sample is not.
    let heading_level = |line: &str| {
        let level = line.chars().take_while(|&c| c == '#').count();
        (level > 0 && line[level..].starts_with(' ')).then_some(level)
    };
    let mut lines = text.lines();
    let depth = lines.find_map(|line| {
        heading_level(line).filter(|_| line.trim_start_matches('#').trim() == title)
    })?;
    Some(
        lines
            .take_while(|line| heading_level(line).is_none_or(|level| level > depth))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Every stub, solution and check source file there is: `exercises/*/src/*.rs`,
/// `solutions/*/src/*.rs`, `checks/*/*.rs` (but not the shared `checks/support/`).
fn files_on_disk(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for (side, inner) in [
        ("exercises", Some("src")),
        ("solutions", Some("src")),
        ("checks", None),
    ] {
        for topic in read_dir(&root.join(side)) {
            let Some(topic_name) = topic.file_name().map(|name| name.to_os_string()) else {
                continue;
            };
            if side == "checks" && topic_name == course::SHARED_SUPPORT {
                continue;
            }
            let folder = inner.map_or_else(|| topic.clone(), |inner| topic.join(inner));
            for file in read_dir(&folder) {
                if file.extension().is_some_and(|extension| extension == "rs")
                    && let Some(name) = file.file_name()
                {
                    let mut relative = PathBuf::from(side).join(&topic_name);
                    if let Some(inner) = inner {
                        relative.push(inner);
                    }
                    files.push(relative.join(name));
                }
            }
        }
    }
    files
}

fn read_dir(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    entries
}

fn lock_problems(course: &Course) -> Vec<String> {
    let fix = "run `cargo xtask lock` and commit course.lock with the change";
    let recorded = match shipped::read(&course.root) {
        Ok(recorded) => recorded,
        Err(error) => return vec![format!("{error:#}")],
    };
    // A missing file is the layout check's to report.
    let current: Vec<(PathBuf, String)> = shipped::locked_paths(course)
        .into_iter()
        .filter_map(|path| shipped::current_id(&course.root, &path).map(|id| (path, id)))
        .collect();
    let mut problems = Vec::new();
    for (path, id) in &current {
        match recorded.get(path) {
            Some(locked) if locked == id => {}
            Some(_) => problems.push(format!(
                "{} changed since it was locked; {fix}",
                path.display()
            )),
            None => problems.push(format!(
                "{} is not in {}; {fix}",
                path.display(),
                shipped::FILE
            )),
        }
    }
    for path in recorded.keys() {
        if !current.iter().any(|(locked, _)| locked == path) {
            problems.push(format!(
                "{} lists {}, which the course no longer has; {fix}",
                shipped::FILE,
                path.display()
            ));
        }
    }
    problems
}

/// Files a failing run might write into checks/: pending snapshots and proptest
/// regression files.
fn leftovers(root: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    let mut stack = vec![root.join("checks")];
    while let Some(dir) = stack.pop() {
        for path in read_dir(&dir) {
            if path.is_dir() {
                stack.push(path);
            } else if course::is_leftover(&path) {
                found.insert(
                    path.strip_prefix(root)
                        .map(Path::to_path_buf)
                        .unwrap_or(path),
                );
            }
        }
    }
    found
}

/// The topics whose stubs leave some check files waiting for the learner's seams.
fn waiting_for_seams(course: &Course) -> Vec<&course::Topic> {
    course
        .topics
        .iter()
        .filter(|topic| topic.exercises.iter().any(ExerciseEntry::is_design))
        .collect()
}

/// The clippy runs that lint a workspace, each as cargo's arguments. A design
/// exercise's checks cannot compile against its stub (they need the seams the
/// learner adds), so the learner's workspace lints those topics without those check
/// files; the solutions workspace lints the same files against the solution.
fn clippy_runs(waiting_for_seams: &[&course::Topic]) -> Vec<Vec<String>> {
    let owned = |args: &[&str]| args.iter().map(|arg| arg.to_string()).collect::<Vec<_>>();
    let lints = owned(&["--quiet", "--", "-D", "warnings"]);
    let mut everything = owned(&["clippy", "--workspace", "--all-targets"]);
    for topic in waiting_for_seams {
        everything.extend(owned(&["--exclude", &topic.name]));
    }
    everything.extend(lints.iter().cloned());
    let mut runs = vec![everything];
    for topic in waiting_for_seams {
        let mut run = owned(&["clippy", "--package", &topic.name, "--lib"]);
        for entry in topic.exercises.iter().filter(|entry| !entry.is_design()) {
            run.extend(owned(&["--test", &entry.name]));
        }
        run.extend(lints.iter().cloned());
        runs.push(run);
    }
    runs
}

/// The server's stack must stay out of what a learner compiles: `next`, `doctor`, and
/// rust-analyzer's check of the whole workspace.
fn server_in_learners_path(root: &Path) -> Vec<String> {
    const SERVER: [&str; 3] = ["axum", "hyper", "tokio"];
    match cargo::run_quietly(
        root,
        &["tree", "--workspace", "--edges", "all", "--prefix", "none"],
    ) {
        Ok(tree) => {
            let found: BTreeSet<&str> = tree
                .lines()
                .filter_map(|line| line.split_whitespace().next())
                .filter(|package| SERVER.contains(package))
                .collect();
            found
                .into_iter()
                .map(|package| {
                    format!(
                        "`cargo tree --workspace` has {package}: keep the server's dependencies \
                         in xtask/room, which only `cargo xtask room serve` builds"
                    )
                })
                .collect()
        }
        Err(error) => vec![format!(
            "`cargo tree` failed:\n{}",
            ui::indent(error.trim(), 2)
        )],
    }
}

/// Runs a cargo command; its output, shortened, is the list of problems if it fails.
fn cargo_step(dir: &Path, args: &[&str]) -> Vec<String> {
    match cargo::run_quietly(dir, args) {
        Ok(_) => Vec::new(),
        Err(text) => vec![format!(
            "`cargo {}` failed:\n{}",
            args.join(" "),
            ui::indent(&ui::first_lines(text.trim(), 30), 2)
        )],
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_learners_clippy_leaves_out_only_the_checks_that_need_seams() {
        let course = Course::parse(
            Path::new("/course"),
            "topics:\n  - name: solid\n    title: S\n    exercises:\n      \
             - {name: open, goal: g, notes: n, minutes: 5, hints: [x, y]}\n      \
             - {name: inversion, goal: g, notes: n, minutes: 5, hints: [x, y], \
             seams: [trait Notifier]}\n  - name: hashing\n    title: H\n    exercises:\n      \
             - {name: fnv, goal: g, notes: n, minutes: 5, hints: [x, y]}\n"
                .to_string(),
        )
        .unwrap();
        let lints = "--quiet -- -D warnings";
        assert_eq!(
            clippy_runs(&waiting_for_seams(&course))
                .iter()
                .map(|args| args.join(" "))
                .collect::<Vec<_>>(),
            [
                format!("clippy --workspace --all-targets --exclude solid {lints}"),
                format!("clippy --package solid --lib --test open {lints}"),
            ]
        );
        assert_eq!(
            clippy_runs(&[])
                .iter()
                .map(|args| args.join(" "))
                .collect::<Vec<_>>(),
            [format!("clippy --workspace --all-targets {lints}")],
            "the solutions have every seam, so every target is linted"
        );
    }
}
