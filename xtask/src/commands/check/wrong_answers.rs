//! The third part of an exercise's proof, after "the stub fails" and "the solution
//! passes": every catalogued wrong answer fails the same checks.
//!
//! Wrong answers are applied to a scratch copy of the solutions workspace under
//! `target/`, never to `solutions/` itself, so the work tree is the same afterwards
//! whatever happens, Ctrl-C included. The copy keeps its crates at `topics/<topic>`:
//! cargo names a member's artifacts by its path inside the workspace, so they cannot
//! overwrite the solutions' (`<topic>`) or the learner's (`exercises/<topic>`) in the
//! target directory the three share, and the dependencies are compiled once for all.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cargo::{self, Targets};
use crate::course::{Course, Exercise};
use crate::libtest::{self, Ending, Report};
use crate::verdict::{self, plural};
use crate::wrong::{self, WrongAnswer};

/// Where the copy's crates live inside it.
const TOPICS: &str = "topics";

/// A scratch copy of `solutions/` and `checks/` that wrong answers are applied to.
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    /// Lays out the copy, or brings it up to date with the course; files that have not
    /// changed keep their times, so cargo rebuilds only what a wrong answer touches.
    pub fn prepare(course: &Course) -> Result<Scratch> {
        let root = &course.root;
        let dir = root.join("target").join("wrong-answers");
        let topics = dir.join(TOPICS);
        std::fs::create_dir_all(&topics)
            .with_context(|| format!("could not create {}", topics.display()))?;
        for topic in &course.topics {
            mirror(
                &root.join("solutions").join(&topic.name),
                &topics.join(&topic.name),
            )?;
        }
        mirror(&root.join("checks"), &dir.join("checks"))?;
        let lock = std::fs::read(root.join("solutions/Cargo.lock"))
            .context("could not read solutions/Cargo.lock")?;
        write_if_changed(&dir.join("Cargo.lock"), &lock)?;
        let manifest = std::fs::read_to_string(root.join("solutions/Cargo.toml"))
            .context("could not read solutions/Cargo.toml")?;
        write_if_changed(&dir.join("Cargo.toml"), with_members(&manifest)?.as_bytes())?;
        // The copy shares the course's target directory, so the dependencies are built once.
        let config = format!(
            "[build]\ntarget-dir = {:?}\n",
            root.join("target").display().to_string()
        );
        write_if_changed(&dir.join(".cargo/config.toml"), config.as_bytes())?;
        Ok(Scratch { dir })
    }

    /// Proves every wrong answer of `exercise` fails its checks. Returns what to say
    /// when they all do; adds a problem for each that does not.
    pub fn prove(
        &self,
        course: &Course,
        exercise: &Exercise,
        problems: &mut Vec<String>,
    ) -> Result<String> {
        let folder = wrong::dir(exercise);
        let answers = wrong::catalogue(&course.root, exercise)?;
        let mut rejected = 0;
        for answer in &answers {
            if answer.is_placeholder() {
                problems.push(format!(
                    "{} is the placeholder from `cargo xtask new` ({}): replace it with \
                     wrong answers (README: wrong answers)",
                    answer.path.display(),
                    wrong::PLACEHOLDER_NAME
                ));
                continue;
            }
            match self.try_answer(course, exercise, answer)? {
                Ok(report) if report.passed() => problems.push(format!(
                    "wrong answer `{}` passes every check: \"{}\". A learner who makes this \
                     mistake is told they are done; add a check that fails it",
                    answer.name,
                    answer.mistake()
                )),
                Ok(report) => {
                    rejected += 1;
                    if let Some(problem) = bare_first_failure(course, &report) {
                        problems.push(format!("wrong answer `{}` {problem}", answer.name));
                    }
                }
                Err(stale) => problems.push(format!(
                    "wrong answer `{}` is stale: {stale}; make it again from the solution \
                     as it is now",
                    answer.name
                )),
            }
        }
        let real = answers
            .iter()
            .filter(|answer| !answer.is_placeholder())
            .count();
        if real < wrong::AT_LEAST {
            problems.push(format!(
                "{real} wrong answer{} in {}; write at least {} (README: wrong answers)",
                plural(real),
                folder.display(),
                wrong::AT_LEAST
            ));
        }
        Ok(if real > 0 && rejected == real {
            format!("{real} wrong answer{} all fail", plural(real))
        } else {
            format!("{rejected} of {real} wrong answers fail")
        })
    }

    /// Applies one wrong answer, builds and runs the exercise's checks, and puts the
    /// copy back. The outer error stops the proof (Ctrl-C, a file that cannot be
    /// written); the inner one says why the answer is stale.
    fn try_answer(
        &self,
        course: &Course,
        exercise: &Exercise,
        answer: &WrongAnswer,
    ) -> Result<Result<Report, String>> {
        let patch = match &answer.patch {
            Ok(patch) => patch,
            Err(reason) => {
                return Ok(Err(format!(
                    "{} cannot be read: {reason}",
                    answer.path.display()
                )));
            }
        };
        let mut originals = Vec::new();
        for file in &patch.files {
            let inside = file
                .path
                .strip_prefix("solutions")
                .context("a wrong answer changes solutions/ only")?;
            let path = self.dir.join(TOPICS).join(inside);
            let Ok(original) = std::fs::read_to_string(&path) else {
                return Ok(Err(format!("{} does not exist", file.path.display())));
            };
            match file.apply(&original) {
                Ok(changed) => originals.push((path, original, changed)),
                Err(error) => {
                    return Ok(Err(format!(
                        "it no longer applies to {}: {error:#}",
                        file.path.display()
                    )));
                }
            }
        }
        for (path, _, changed) in &originals {
            std::fs::write(path, changed)
                .with_context(|| format!("could not write {}", path.display()))?;
        }
        let outcome = self.build_and_run(course, exercise);
        for (path, original, _) in &originals {
            std::fs::write(path, original)
                .with_context(|| format!("could not write {}", path.display()))?;
        }
        outcome
    }

    fn build_and_run(
        &self,
        course: &Course,
        exercise: &Exercise,
    ) -> Result<Result<Report, String>> {
        let targets = Targets::One {
            package: &exercise.topic.name,
            test: exercise.name(),
        };
        let build = cargo::build_tests_in(&self.dir, targets, None)?;
        let Some(binary) = build.binary(exercise.name()) else {
            let error = build
                .errors
                .first()
                .map(|error| super::first_line(&verdict::tidy(course, &error.rendered)))
                .unwrap_or_else(|| "no check binary was built".to_string());
            return Ok(Err(format!("it no longer compiles: {error}")));
        };
        let report = libtest::run(binary, &self.dir, exercise.time_limit(course))?;
        if let Ending::Interrupted = report.ending {
            bail!("Stopped: the work tree is as it was; the scratch copy is redone next time");
        }
        Ok(Ok(report))
    }
}

/// A wrong answer must be told what it got wrong: its first failing check may not end
/// in an assertion that says nothing but `left == right`.
fn bare_first_failure(course: &Course, report: &Report) -> Option<String> {
    let check = report.failures().next()?;
    let message = verdict::tidy(course, &check.output);
    let bare = message.lines().find(|line| {
        let line = line.trim();
        line == "assertion `left == right` failed"
            || line == "assertion `left != right` failed"
            || line.starts_with("assertion failed: ")
    })?;
    Some(format!(
        "is first caught by `{}` with a bare \"{bare}\"; give that assertion a message that \
         says, in the domain's words, what is wrong",
        check.name
    ))
}

/// `solutions/Cargo.toml` with its members moved to where the copy keeps them.
fn with_members(manifest: &str) -> Result<String> {
    let mut found = false;
    let lines: Vec<String> = manifest
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("members") {
                found = true;
                format!("members = [\"{TOPICS}/*\"]")
            } else {
                line.to_string()
            }
        })
        .collect();
    if !found {
        bail!("solutions/Cargo.toml has no `members = [...]` line on one line of its own");
    }
    Ok(lines.join("\n") + "\n")
}

/// Makes `to` hold exactly what `from` holds, leaving alone what is already the same.
/// Build output and the wrong answers themselves are not copied.
fn mirror(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("could not create {}", to.display()))?;
    let mut wanted = Vec::new();
    for entry in
        std::fs::read_dir(from).with_context(|| format!("could not read {}", from.display()))?
    {
        let entry = entry.with_context(|| format!("could not read {}", from.display()))?;
        let name = entry.file_name();
        if ["target", "wip", "wrong"].iter().any(|skip| name == *skip) {
            continue;
        }
        let (source, copy) = (entry.path(), to.join(&name));
        if source.is_dir() {
            mirror(&source, &copy)?;
        } else {
            let bytes = std::fs::read(&source)
                .with_context(|| format!("could not read {}", source.display()))?;
            write_if_changed(&copy, &bytes)?;
        }
        wanted.push(name);
    }
    for entry in
        std::fs::read_dir(to).with_context(|| format!("could not read {}", to.display()))?
    {
        let entry = entry.with_context(|| format!("could not read {}", to.display()))?;
        if !wanted.contains(&entry.file_name()) {
            let path = entry.path();
            let removed = if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
            removed.with_context(|| format!("could not remove {}", path.display()))?;
        }
    }
    Ok(())
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<()> {
    if std::fs::read(path).is_ok_and(|current| current == bytes) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("could not create {}", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("could not write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_keeps_its_crates_under_topics() {
        let manifest = "[workspace]\nresolver = \"3\"\nmembers = [\"a\", \"b\"]\n\n[profile.dev]\n";
        assert_eq!(
            with_members(manifest).unwrap(),
            "[workspace]\nresolver = \"3\"\nmembers = [\"topics/*\"]\n\n[profile.dev]\n"
        );
    }
}
