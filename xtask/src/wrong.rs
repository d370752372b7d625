//! The catalogue of wrong answers: for each exercise, mistakes a learner plausibly
//! makes, kept as diffs against its reference solution in
//! `checks/<topic>/wrong/<exercise>/<name>.diff`. A check is only as good as the wrong
//! answers it has been seen to reject; `cargo xtask check` proves each one fails.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::course::Exercise;
use crate::patch::Patch;

/// How many wrong answers each exercise needs at least.
pub const AT_LEAST: usize = 3;

/// The name `cargo xtask new` gives the placeholder it writes.
pub const PLACEHOLDER_NAME: &str = "TODO";

/// One catalogued mistake.
#[derive(Debug)]
pub struct WrongAnswer {
    /// The file's stem: `refills-only-when-empty`.
    pub name: String,
    /// The diff, relative to the course root.
    pub path: PathBuf,
    /// What it holds: a sentence naming the mistake, then the diff; or why it cannot be read.
    pub patch: Result<Patch, String>,
}

impl WrongAnswer {
    /// The sentence that names the mistake.
    pub fn mistake(&self) -> &str {
        self.patch
            .as_ref()
            .map_or("", |patch| patch.preamble.lines().next().unwrap_or(""))
    }

    pub fn is_placeholder(&self) -> bool {
        self.name == PLACEHOLDER_NAME
    }
}

/// `checks/<topic>/wrong/<exercise>/`, relative to the course root.
pub fn dir(exercise: &Exercise) -> PathBuf {
    dir_of(&exercise.topic.name, exercise.name())
}

pub fn dir_of(topic: &str, exercise: &str) -> PathBuf {
    Path::new("checks").join(topic).join("wrong").join(exercise)
}

/// The exercise's wrong answers, by name. A diff that cannot be read is listed with
/// the reason, so that the proof can say so instead of skipping it.
pub fn catalogue(root: &Path, exercise: &Exercise) -> Result<Vec<WrongAnswer>> {
    let dir = dir(exercise);
    let entries = match std::fs::read_dir(root.join(&dir)) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(error).with_context(|| format!("could not read {}", dir.display()));
        }
    };
    let mut answers = Vec::new();
    for entry in entries {
        let file = entry.with_context(|| format!("could not read {}", dir.display()))?;
        let file_name = file.file_name();
        let Some(name) = file_name
            .to_str()
            .and_then(|name| name.strip_suffix(".diff"))
        else {
            continue;
        };
        let path = dir.join(&file_name);
        let patch = std::fs::read_to_string(root.join(&path))
            .map_err(|error| format!("could not read it: {error}"))
            .and_then(|text| read(&text, exercise).map_err(|error| format!("{error:#}")));
        answers.push(WrongAnswer {
            name: name.to_string(),
            path,
            patch,
        });
    }
    answers.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(answers)
}

/// A wrong answer's text: a sentence, then a diff that changes only the exercise's topic
/// in `solutions/`.
fn read(text: &str, exercise: &Exercise) -> Result<Patch> {
    let patch = Patch::parse(text)?;
    if patch.preamble.is_empty() {
        bail!("it does not open with a sentence that names the mistake");
    }
    let topic = Path::new("solutions").join(&exercise.topic.name);
    for file in &patch.files {
        if !file.path.starts_with(&topic) {
            bail!(
                "it changes {}; a wrong answer changes only files under {}/",
                file.path.display(),
                topic.display()
            );
        }
    }
    Ok(patch)
}

/// What `cargo xtask new` writes: a diff-less placeholder that the proof reports.
pub fn placeholder(exercise: &str) -> String {
    format!(
        "{PLACEHOLDER_NAME}: name, in one sentence, a mistake a learner plausibly makes in \
         `{exercise}`; then, after a blank line,\nthe output of `git diff` for the solution \
         with that mistake in it. Give the file a name that says the mistake, and write at \
         least {AT_LEAST}.\n"
    )
}
