//! One exercise's checks, built and run, and the screen that explains the result.
//! `next`, `run` and `watch` all show this screen.

use std::fmt::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::cargo::{self, Diagnostic, Targets, Workspace};
use crate::course::{Course, Exercise};
use crate::libtest::{self, Ending, Outcome, Report};
use crate::ui::{self, Paint};

/// How many compile errors, and how many kinds of failure, a screen shows in full.
const SHOWN_IN_FULL: usize = 3;
/// How many lines of one message a screen shows.
const LINES_PER_MESSAGE: usize = 20;

#[derive(Debug)]
pub enum Verdict {
    /// The exercise's crate or its checks do not compile.
    CompileError { errors: Vec<Diagnostic> },
    /// The checks ran (to the end, or until stopped).
    Ran {
        report: Report,
        warnings: Vec<Diagnostic>,
    },
}

impl Verdict {
    pub fn passed(&self) -> bool {
        matches!(self, Verdict::Ran { report, .. } if report.passed())
    }

    pub fn interrupted(&self) -> bool {
        matches!(self, Verdict::Ran { report, .. } if matches!(report.ending, Ending::Interrupted))
    }
}

/// Builds and runs one exercise's checks in the given workspace.
pub fn verify(course: &Course, exercise: &Exercise, workspace: Workspace) -> Result<Verdict> {
    let stub = match workspace {
        Workspace::Exercises => exercise.stub_path(),
        Workspace::Solutions => exercise.solution_path(),
    };
    for path in [stub, exercise.check_path()] {
        if !course.root.join(&path).is_file() {
            bail!(
                "{}: exercise `{}` needs {}, which does not exist\n\
                 `cargo xtask reset {}` restores a missing stub; `git status` shows what moved.",
                course.place_of(exercise.name()),
                exercise.name(),
                path.display(),
                exercise.name()
            );
        }
    }
    let build = cargo::build_tests(
        &course.root,
        workspace,
        Targets::One {
            package: &exercise.topic.name,
            test: exercise.name(),
        },
    )?;
    if !build.errors.is_empty() {
        return Ok(Verdict::CompileError {
            errors: build.errors,
        });
    }
    let binary = build.binary(exercise.name()).with_context(|| {
        format!(
            "cargo built no check binary `{}`; does exercises/{}/Cargo.toml have its [[test]] entry?",
            exercise.name(),
            exercise.topic.name
        )
    })?;
    let running = ui::Status::start("Running the checks");
    let report = libtest::run(
        binary,
        &workspace.dir(&course.root),
        exercise.time_limit(course),
    )?;
    drop(running);
    Ok(Verdict::Ran {
        report,
        warnings: build.warnings,
    })
}

/// The exercise's heading: where it is in the course, what it asks, which file to edit.
pub fn header(course: &Course, exercise: &Exercise) -> String {
    format!(
        "{} {} of {}: {} ({})\n  {}\n\n  Edit   {}\n  Notes  {}, \"{}\"\n",
        ui::paint(Paint::Bold, "Exercise"),
        exercise.index + 1,
        course.exercise_count(),
        ui::paint(Paint::Bold, exercise.name()),
        exercise.topic.title,
        exercise.entry.goal,
        ui::paint(Paint::Cyan, exercise.stub_path().display()),
        exercise.notes_path().display(),
        exercise.entry.notes,
    )
}

/// How much of a failing run a screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The first few kinds of failure in full, the rest by name.
    Brief,
    /// Every message (`run --all`).
    Full,
}

/// What happened, in the learner's terms.
pub fn render(course: &Course, exercise: &Exercise, verdict: &Verdict, detail: Detail) -> String {
    let mut out = String::new();
    match verdict {
        Verdict::CompileError { errors } => {
            if let Some(seams) = missing_seams(exercise, errors) {
                let _ = writeln!(
                    out,
                    "{} The checks need {} (see the goal), and your code does not have {} yet, \
                     or not in the shape the goal gives. This is a design exercise: you \
                     introduce the seam, and the checks reach your design through it.\n",
                    ui::fail_mark(),
                    seams
                        .iter()
                        .map(|seam| format!("`{seam}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if seams.len() == 1 { "it" } else { "them" },
                );
            }
            render_compile_errors(&mut out, course, exercise, errors)
        }
        Verdict::Ran { report, warnings } => {
            render_report(&mut out, course, exercise, report, detail);
            render_warnings(&mut out, course, exercise, warnings);
        }
    }
    out
}

/// The line every verdict ends with: what to do now, in view however far the screen
/// has scrolled.
pub fn next_step(exercise: &Exercise, verdict: &Verdict) -> String {
    if verdict.passed() {
        return format!(
            "{} `cargo xtask solution {}` shows the reference solution, to compare with yours.",
            ui::pass_mark(),
            exercise.name()
        );
    }
    let stub = exercise.stub_path().display().to_string();
    if let Verdict::CompileError { errors } = verdict {
        if let Some(seams) = missing_seams(exercise, errors) {
            return format!(
                "Edit {}: introduce {} as the goal says.",
                ui::paint(Paint::Cyan, stub),
                seams.join(", ")
            );
        }
        if let Some(elsewhere) = errors_elsewhere(exercise, errors) {
            return elsewhere;
        }
    }
    format!("Edit {}", ui::paint(Paint::Cyan, stub))
}

/// The seams of a design exercise that its checks ask for and the learner's code
/// lacks: `Some` when every compile error sits in the check file and names one of
/// the exercise's seams (`trait Notifier` is named as `Notifier`).
pub fn missing_seams<'c>(exercise: &Exercise<'c>, errors: &[Diagnostic]) -> Option<Vec<&'c str>> {
    let seams = &exercise.entry.seams;
    if seams.is_empty() || errors.is_empty() {
        return None;
    }
    let check = exercise.check_path();
    let mut named = Vec::new();
    for error in errors {
        let in_checks = error
            .files
            .iter()
            .any(|file| Path::new(file).ends_with(&check));
        let headline = error.rendered.lines().next().unwrap_or_default();
        // One error may name several seams: rustc reports a `use` of many missing
        // items as one "unresolved imports" error.
        let before = named.len();
        named.extend(
            seams
                .iter()
                .filter(|seam| names_item(headline, seam_item(seam)))
                .map(String::as_str),
        );
        if !in_checks || named.len() == before {
            return None;
        }
    }
    named.sort_unstable();
    named.dedup();
    Some(named)
}

/// The item a seam names: `Notifier` in `trait Notifier`.
fn seam_item(seam: &str) -> &str {
    seam.rsplit(' ').next().unwrap_or(seam)
}

/// Whether `text` names `item` as a whole word (`Notifier`, not `NotifierKind`).
fn names_item(text: &str, item: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(item).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(is_word)
            && !text[at + item.len()..].chars().next().is_some_and(is_word)
    })
}

/// When none of the compile errors is in the exercise's file but some are in another
/// file of its topic: which, and how to get it back.
fn errors_elsewhere(exercise: &Exercise, errors: &[Diagnostic]) -> Option<String> {
    let stub = exercise.stub_path().display().to_string();
    let topic_src = format!("exercises/{}/src/", exercise.topic.name);
    if errors.iter().any(|error| error.files.contains(&stub)) {
        return None;
    }
    let mut files: Vec<&str> = errors
        .iter()
        .flat_map(|error| &error.files)
        .map(String::as_str)
        .filter(|file| file.starts_with(&topic_src))
        .collect();
    files.sort_unstable();
    files.dedup();
    let first = files.first()?;
    let restore = match first
        .strip_prefix(&topic_src)
        .and_then(|f| f.strip_suffix(".rs"))
    {
        Some("lib") => format!("`git checkout {first}` puts it back as shipped"),
        Some(other) => format!(
            "`cargo xtask reset {other}` puts it back as shipped (keeping yours in .backups/)"
        ),
        None => String::new(),
    };
    Some(format!(
        "The errors are in {}, not in {stub}: every exercise of the topic compiles \
         together. Fix {}, or {restore}.",
        ui::paint(Paint::Cyan, files.join(", ")),
        if files.len() == 1 { "it" } else { "them" },
    ))
}

fn render_compile_errors(
    out: &mut String,
    course: &Course,
    exercise: &Exercise,
    errors: &[Diagnostic],
) {
    let stub = exercise.stub_path().display().to_string();
    let mut ordered: Vec<&Diagnostic> = errors.iter().collect();
    // The learner's own file first: that is where the fix most likely is.
    ordered.sort_by_key(|diagnostic| !diagnostic.files.contains(&stub));
    let _ = writeln!(
        out,
        "{} The code does not compile yet ({} error{}):\n",
        ui::fail_mark(),
        errors.len(),
        plural(errors.len())
    );
    for diagnostic in ordered.iter().take(SHOWN_IN_FULL) {
        let text = tidy(course, diagnostic.rendered.trim_end());
        let _ = writeln!(
            out,
            "{}\n",
            ui::indent(&ui::first_lines(&text, LINES_PER_MESSAGE * 2), 2)
        );
    }
    if errors.len() > SHOWN_IN_FULL {
        let _ = writeln!(
            out,
            "  … and {} more; `cargo test -p {} --test {}` shows every one.\n",
            errors.len() - SHOWN_IN_FULL,
            exercise.topic.name,
            exercise.name()
        );
    }
}

fn render_report(
    out: &mut String,
    course: &Course,
    exercise: &Exercise,
    report: &Report,
    detail: Detail,
) {
    let total = report.checks.len();
    let failed = report.count(Outcome::Failed);
    match &report.ending {
        Ending::Finished if report.passed() => {
            let _ = writeln!(
                out,
                "{} All {total} check{} pass.",
                ui::pass_mark(),
                plural(total)
            );
            return;
        }
        Ending::Finished if total == 0 => {
            let _ = writeln!(out, "{} The check file holds no checks.", ui::fail_mark());
            return;
        }
        Ending::Finished => {
            let _ = writeln!(
                out,
                "{} {failed} of {total} check{} fail:\n",
                ui::fail_mark(),
                plural(total)
            );
        }
        Ending::TimedOut { limit, unfinished } => {
            let _ = writeln!(
                out,
                "{} The checks did not finish within the time limit of {} s: a loop may never end.\n  \
                 Stopped while still running: {}.\n",
                ui::fail_mark(),
                limit.as_secs_f64(),
                if unfinished.is_empty() {
                    "(could not tell which)".to_string()
                } else {
                    abbreviated_list(&unfinished.iter().map(String::as_str).collect::<Vec<_>>())
                }
            );
        }
        Ending::Crashed { how } => {
            let stderr = &report.stderr;
            let cause = if stderr.contains("has overflowed its stack") {
                " Its stack overflowed: look for a recursion that never reaches its base case."
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{} The check binary crashed: it {how}.{cause}\n\n{}\n",
                ui::fail_mark(),
                ui::indent(&last_lines(stderr.trim(), LINES_PER_MESSAGE), 2)
            );
        }
        Ending::Interrupted => {
            let _ = writeln!(out, "Stopped (Ctrl-C) before the checks finished.");
            return;
        }
    }
    render_failures(out, course, exercise, report, detail);
    if !matches!(report.ending, Ending::Crashed { .. }) {
        render_stderr(out, course, &report.stderr);
    }
    let passed: Vec<&str> = report
        .checks
        .iter()
        .filter(|check| check.outcome == Outcome::Passed)
        .map(|check| check.name.as_str())
        .collect();
    if !passed.is_empty() {
        let _ = writeln!(
            out,
            "{} {} pass{}: {}",
            ui::pass_mark(),
            passed.len(),
            if passed.len() == 1 { "es" } else { "" },
            ui::paint(Paint::Dim, passed.join(", "))
        );
    }
}

/// Failures grouped by message: eleven checks that all hit the same `todo!()` are one story.
fn render_failures(
    out: &mut String,
    course: &Course,
    exercise: &Exercise,
    report: &Report,
    detail: Detail,
) {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for check in report.failures() {
        let message = tidy(course, &check.output);
        match groups.iter_mut().find(|(seen, _)| *seen == message) {
            Some((_, names)) => names.push(&check.name),
            None => groups.push((message, vec![&check.name])),
        }
    }
    for (shown, (message, names)) in groups.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {} {}",
            ui::fail_mark(),
            ui::paint(Paint::Bold, names[0])
        );
        if names.len() > 1 {
            let _ = writeln!(
                out,
                "    and {} more failing the same way: {}",
                names.len() - 1,
                ui::paint(Paint::Dim, abbreviated_list(&names[1..]))
            );
        }
        if (shown < SHOWN_IN_FULL || detail == Detail::Full) && !message.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                ui::indent(&ui::first_lines(message, LINES_PER_MESSAGE), 4)
            );
        }
        out.push('\n');
    }
    if groups.len() > SHOWN_IN_FULL && detail == Detail::Brief {
        let _ = writeln!(
            out,
            "  The last {} kind{} of failure show{} by name only; `cargo xtask run {} --all` \
             shows every message.\n",
            groups.len() - SHOWN_IN_FULL,
            plural(groups.len() - SHOWN_IN_FULL),
            if groups.len() - SHOWN_IN_FULL == 1 {
                "s"
            } else {
                ""
            },
            exercise.name()
        );
    }
}

/// The compile-fail checks' report, which trybuild writes to stderr rather than into
/// libtest's capture: which case compiled though it must not, or what the compiler
/// said instead of the recorded message.
fn render_stderr(out: &mut String, course: &Course, stderr: &str) {
    if let Some(report) = compile_fail_report(course, stderr) {
        let _ = writeln!(
            out,
            "  The checks' report from the compiler (compile-fail cases):\n{}\n",
            ui::indent(&report, 4)
        );
    }
}

/// What a check binary wrote to stderr, tidied and without the tools' chatter;
/// `None` if nothing is left. `check` shows it for a failing solution too.
pub fn compile_fail_report(course: &Course, stderr: &str) -> Option<String> {
    let report = tidy(course, &without_tool_chatter(stderr));
    (!report.is_empty()).then(|| ui::first_lines(&report, LINES_PER_MESSAGE * 2))
}

/// Drops cargo's progress lines, which a check's own cargo run mixes in, and
/// trybuild's advice to overwrite the recorded message with the actual one: right
/// for the author of a case, wrong for a learner whose code produced that output.
fn without_tool_chatter(text: &str) -> String {
    text.lines()
        .filter(|line| !is_cargo_status(line))
        .filter(|line| {
            !line.starts_with("note: If the actual output is the correct output")
                && !line
                    .trim_start()
                    .starts_with("your test with the environment variable TRYBUILD")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Cargo right-aligns its status word to twelve columns: `   Compiling x`,
/// `    Finished ...`.
fn is_cargo_status(line: &str) -> bool {
    let Some((word, rest)) = line.split_at_checked(12) else {
        return false;
    };
    let word = word.trim_start();
    rest.starts_with(' ')
        && word.len() < 12
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphabetic())
}

fn render_warnings(
    out: &mut String,
    course: &Course,
    exercise: &Exercise,
    warnings: &[Diagnostic],
) {
    let stub = exercise.stub_path().display().to_string();
    let own: Vec<&Diagnostic> = warnings
        .iter()
        .filter(|diagnostic| diagnostic.files.contains(&stub))
        .collect();
    if own.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{} from the compiler about your file (not failures, but worth a look):\n",
        ui::paint(
            Paint::Yellow,
            format!("{} warning{}", own.len(), plural(own.len()))
        )
    );
    for diagnostic in own.iter().take(2) {
        let text = tidy(course, diagnostic.rendered.trim_end());
        let _ = writeln!(
            out,
            "{}\n",
            ui::indent(&ui::first_lines(&text, LINES_PER_MESSAGE), 2)
        );
    }
}

/// Makes a message read from the course root: `exercises/x/../../checks/x/y.rs` becomes
/// `checks/x/y.rs`, and libtest's thread names and backtrace notes go.
pub fn tidy(course: &Course, text: &str) -> String {
    let mut text = text.replace(&format!("{}/", course.root.display()), "");
    for topic in &course.topics {
        text = text
            .replace(&format!("exercises/{}/../../", topic.name), "")
            .replace(&format!("{}/../../", topic.name), "");
    }
    let text = text
        .lines()
        .filter(|line| !line.starts_with("note: run with `RUST_BACKTRACE=1`"))
        .filter(|line| !is_proptest_tally(line))
        .map(
            |line| match (line.strip_prefix("thread '"), line.find(" panicked at ")) {
                (Some(_), Some(at)) => &line[at + 1..],
                _ => line,
            },
        )
        .collect::<Vec<_>>()
        .join("\n");
    // proptest panics once per shrinking step; one copy of each message is enough.
    let mut paragraphs: Vec<&str> = Vec::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if !paragraphs.contains(&paragraph) {
            paragraphs.push(paragraph);
        }
    }
    paragraphs.join("\n\n")
}

/// proptest's counts after a failure (`\tsuccesses: 0`, `\tlocal rejects: 0`, ...):
/// nothing a learner can act on, next to the minimal failing input that is.
fn is_proptest_tally(line: &str) -> bool {
    line.strip_prefix('\t').is_some_and(|tally| {
        ["successes: ", "local rejects: ", "global rejects: "]
            .iter()
            .any(|name| tally.starts_with(name))
    })
}

/// `a, b, c and 7 others`
fn abbreviated_list(names: &[&str]) -> String {
    const SHOWN: usize = 3;
    if names.len() <= SHOWN {
        return names.join(", ");
    }
    let rest = names.len() - SHOWN;
    let others = if rest == 1 { "other" } else { "others" };
    format!("{} and {rest} {others}", names[..SHOWN].join(", "))
}

fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

pub fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_course(root: &str) -> Course {
        Course::parse(
            std::path::Path::new(root),
            "time_limit_secs: 10\ntopics: []\n".to_string(),
        )
        .expect("an empty course")
    }

    #[test]
    fn tidy_keeps_the_failing_input_and_drops_proptests_tallies() {
        let course = empty_course(".");
        let report = "thread 'never_over' (7) panicked at checks/demo/x.rs:9:1:\n\
            Test failed: admitted 3.\n\
            minimal failing input: limit = 1\n\
            \tsuccesses: 0\n\
            \tlocal rejects: 0\n\
            \tglobal rejects: 0\n";
        assert_eq!(
            tidy(&course, report),
            "panicked at checks/demo/x.rs:9:1:\nTest failed: admitted 3.\nminimal failing input: limit = 1"
        );
    }

    #[test]
    fn the_compile_fail_report_keeps_trybuild_and_drops_cargos_progress_and_the_bless_advice() {
        let course = empty_course("/course");
        let stderr = "  Downloaded serde v1.0.0\n\
            \x20  Compiling solid v0.1.0 (/course/exercises/solid)\n\
            \x20   Checking solid-tests v0.0.0 (/course/target/tests/trybuild/solid)\n\
            \x20   Finished `dev` profile [unoptimized + debuginfo] target(s) in 0.09s\n\n\n\
            test /course/checks/solid/compile_fail/penguin.rs ... error\n\
            Expected test case to fail to compile, but it succeeded.\n\
            \x20 |     Penguin.ceiling_m();\n\
            note: If the actual output is the correct output you can bless it by rerunning\n\
            \x20     your test with the environment variable TRYBUILD=overwrite\n\n";
        let mut out = String::new();
        render_stderr(&mut out, &course, stderr);
        assert!(
            out.contains(
                "\n    test checks/solid/compile_fail/penguin.rs ... error\n    Expected test case"
            ),
            "{out}"
        );
        assert!(out.contains("  |     Penguin.ceiling_m();"), "{out}");
        assert!(
            [
                "Downloaded",
                "Compiling",
                "Checking",
                "Finished",
                "TRYBUILD"
            ]
            .iter()
            .all(|status| !out.contains(status)),
            "{out}"
        );

        let mut quiet = String::new();
        render_stderr(&mut quiet, &course, "    Finished `dev` profile\n");
        assert_eq!(quiet, "", "cargo's progress alone is not a report");
    }

    #[test]
    fn a_design_exercises_checks_that_name_its_seams_ask_for_them() {
        let course = Course::parse(
            Path::new("/course"),
            "topics:\n  - name: solid\n    title: S\n    exercises:\n      \
             - {name: inversion, goal: g, notes: n, minutes: 5, hints: [x, y], \
             seams: [trait Notifier, struct Email]}\n"
                .to_string(),
        )
        .unwrap();
        let exercise = course.exercise("inversion").unwrap();
        let error = |headline: &str, file: &str| Diagnostic {
            rendered: format!("{headline}\n --> somewhere"),
            files: vec![file.to_string()],
        };
        let check = "exercises/solid/../../checks/solid/inversion.rs";
        let unresolved = error(
            "error[E0432]: unresolved import `solid::inversion::Notifier`",
            check,
        );
        let no_email = error(
            "error[E0433]: failed to resolve: could not find `Email` in `inversion`",
            check,
        );
        assert_eq!(
            missing_seams(
                &exercise,
                &[unresolved.clone(), no_email.clone(), unresolved.clone()]
            ),
            Some(vec!["struct Email", "trait Notifier"])
        );
        let both = error(
            "error[E0432]: unresolved imports `solid::inversion::Email`, \
             `solid::inversion::Notifier`",
            check,
        );
        assert_eq!(
            missing_seams(&exercise, &[both]),
            Some(vec!["struct Email", "trait Notifier"]),
            "one error that names two seams asks for both"
        );
        let other = error("error[E0308]: mismatched types", check);
        assert_eq!(missing_seams(&exercise, &[unresolved.clone(), other]), None);
        let in_stub = error(
            "error[E0405]: cannot find trait `Notifier`",
            "exercises/solid/src/inversion.rs",
        );
        assert_eq!(missing_seams(&exercise, &[in_stub]), None);
        let longer_name = error("error[E0432]: unresolved import `NotifierKind`", check);
        assert_eq!(missing_seams(&exercise, &[longer_name]), None);
    }
}
