//! The course manifest, `course.yaml`: topics and their exercises in order, hints,
//! notes headings and tracks. Everything else in the runner asks it where things are.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::{suggest, ui};

pub const MANIFEST: &str = "course.yaml";

/// `checks/support/`: helpers that every topic's checks may include (each topic's
/// own `support` module pulls them in with `#[path]`). It is not a topic.
pub const SHARED_SUPPORT: &str = "support";

/// How long a check run may take once it has compiled, unless `course.yaml` says otherwise.
const DEFAULT_TIME_LIMIT_SECS: u64 = 10;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    time_limit_secs: Option<u64>,
    topics: Vec<Topic>,
    #[serde(default)]
    tracks: Vec<Track>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The crate's folder under `exercises/` and its package name.
    pub name: String,
    pub title: String,
    pub exercises: Vec<ExerciseEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseEntry {
    /// The module's file stem and the check's test target; unique across the course.
    pub name: String,
    pub goal: String,
    /// The heading in `notes/<topic>.md` that teaches this exercise.
    pub notes: String,
    pub hints: Vec<String>,
    /// This exercise's own time limit, for checks that rightly take longer than the
    /// course's (compile-fail checks build a project of their own on the first run).
    #[serde(default)]
    pub time_limit_secs: Option<u64>,
    /// How long an intermediate Rust programmer takes to read the notes and solve it.
    pub minutes: u32,
    /// A design exercise's seams: the items (`trait Notifier`, `struct Email`) the
    /// learner introduces and the checks reach the design through. The stub does not
    /// have them, so its checks do not compile until the learner writes them.
    #[serde(default)]
    pub seams: Vec<String>,
}

impl ExerciseEntry {
    /// A design exercise ships the problem, not the design: its checks need seams.
    pub fn is_design(&self) -> bool {
        !self.seams.is_empty()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub name: String,
    pub description: String,
    pub exercises: Vec<String>,
}

impl Track {
    /// What the track's name promises: the length of the session it fits, and that
    /// length in minutes. A workshop is planned by the name, so the sum of its
    /// exercises' minutes must stay within it.
    pub fn promise(&self) -> Option<(&'static str, u32)> {
        if self.name.ends_with("half-day") {
            Some(("half a day", 210))
        } else if self.name.ends_with("day") {
            Some(("a day", 390))
        } else {
            None
        }
    }
}

/// The loaded course: where it lives and what it holds.
#[derive(Debug)]
pub struct Course {
    pub root: PathBuf,
    pub time_limit: Duration,
    pub topics: Vec<Topic>,
    pub tracks: Vec<Track>,
    /// The manifest's text, kept to point at the line an entry stands on.
    text: String,
}

/// One exercise with its place in the course.
#[derive(Debug, Clone, Copy)]
pub struct Exercise<'c> {
    pub topic: &'c Topic,
    pub entry: &'c ExerciseEntry,
    /// Position in course order, from 0.
    pub index: usize,
}

impl Exercise<'_> {
    pub fn name(&self) -> &str {
        &self.entry.name
    }

    /// The learner's file, relative to the course root.
    pub fn stub_path(&self) -> PathBuf {
        Path::new("exercises").join(self.module_path())
    }

    /// The reference solution, relative to the course root.
    pub fn solution_path(&self) -> PathBuf {
        Path::new("solutions").join(self.module_path())
    }

    /// The checks, relative to the course root.
    pub fn check_path(&self) -> PathBuf {
        Path::new("checks")
            .join(&self.topic.name)
            .join(format!("{}.rs", self.entry.name))
    }

    pub fn notes_path(&self) -> PathBuf {
        notes_path(self.topic)
    }

    /// How long its checks may run once compiled: its own limit, or the course's.
    pub fn time_limit(&self, course: &Course) -> Duration {
        self.entry
            .time_limit_secs
            .map_or(course.time_limit, Duration::from_secs)
    }

    /// The learner's files its verdict depends on: the stub and the topic's `lib.rs`,
    /// which every exercise of the topic compiles through.
    pub fn learner_files(&self) -> Vec<PathBuf> {
        vec![
            self.stub_path(),
            Path::new("exercises")
                .join(&self.topic.name)
                .join("src/lib.rs"),
        ]
    }

    /// Every file of the course's own that the checks' verdict depends on, as they are on
    /// disk: the check file, the topic's `support/` and `compile_fail/` folders, the
    /// exercise's snapshots, the shared `checks/support/`, and the crate manifest that
    /// holds the `[[test]]` entries. Sorted, relative to the root.
    pub fn check_files(&self, root: &Path) -> Vec<PathBuf> {
        let mut files = vec![self.check_path(), self.manifest_path()];
        for dir in self.check_folders() {
            files.extend(
                files_under(root, &dir)
                    .into_iter()
                    .filter(|path| self.owns_check_file(path)),
            );
        }
        files.sort();
        files
    }

    /// Whether `path` is one of the files `check_files` lists for this exercise,
    /// whether or not it exists.
    pub fn owns_check_file(&self, path: &Path) -> bool {
        let snapshots = Path::new("checks").join(&self.topic.name).join("snapshots");
        if path.starts_with(&snapshots) {
            // A snapshot belongs to the check file insta named it after.
            let prefix = format!("{}__", self.entry.name);
            return path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(&prefix));
        }
        path == self.check_path()
            || path == self.manifest_path()
            || self.check_folders().iter().any(|dir| path.starts_with(dir))
    }

    /// The folders whose files the checks may use: the topic's helpers, compile-fail
    /// cases and snapshots, and the helpers every topic shares.
    fn check_folders(&self) -> [PathBuf; 4] {
        let topic_checks = Path::new("checks").join(&self.topic.name);
        [
            topic_checks.join("support"),
            topic_checks.join("compile_fail"),
            topic_checks.join("snapshots"),
            Path::new("checks").join(SHARED_SUPPORT),
        ]
    }

    /// `exercises/<topic>/Cargo.toml`: its `[[test]]` entries say which file is a check.
    fn manifest_path(&self) -> PathBuf {
        Path::new("exercises")
            .join(&self.topic.name)
            .join("Cargo.toml")
    }

    fn module_path(&self) -> PathBuf {
        Path::new(&self.topic.name)
            .join("src")
            .join(format!("{}.rs", self.entry.name))
    }
}

/// Every file below `dir` (relative to `root`), relative to `root`; none if it does
/// not exist. Files a failing run may leave (pending snapshots) are not the course's.
pub fn files_under(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = dir.join(entry.file_name());
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                stack.push(path);
            } else if !is_leftover(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// What a failing run may write beside the checks: pending snapshots and proptest
/// regression files.
pub fn is_leftover(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| {
            name.ends_with(".snap.new")
                || name.ends_with(".pending-snap")
                || name.ends_with(".proptest-regressions")
        })
}

pub fn notes_path(topic: &Topic) -> PathBuf {
    notes_path_of(&topic.name)
}

/// `notes/<topic>.md`.
pub fn notes_path_of(topic: &str) -> PathBuf {
    Path::new("notes").join(format!("{topic}.md"))
}

impl Course {
    /// Finds the course root at or above `start` and loads its manifest.
    pub fn discover(start: &Path) -> Result<Course> {
        let root = start
            .ancestors()
            .find(|dir| dir.join(MANIFEST).is_file() && dir.join("Cargo.toml").is_file())
            .with_context(|| {
                format!(
                    "no {MANIFEST} in {} or any folder above it\n\
                     Run `cargo xtask` from inside the course: the folder that holds {MANIFEST}, \
                     exercises/ and checks/, or any folder below it.",
                    start.display()
                )
            })?;
        Course::load(root)
    }

    pub fn load(root: &Path) -> Result<Course> {
        let path = root.join(MANIFEST);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("could not read {}", path.display()))?;
        Course::parse(root, text)
    }

    pub fn parse(root: &Path, text: String) -> Result<Course> {
        let manifest: Manifest = serde_yaml::from_str(&text).map_err(|error| {
            let place = match error.location() {
                Some(at) => format!("{MANIFEST}:{}:{}", at.line(), at.column()),
                None => MANIFEST.to_string(),
            };
            anyhow::anyhow!(
                "{place}: {}\nFix {MANIFEST} at that line; `git diff {MANIFEST}` shows what changed.",
                ui::without_position(&error.to_string())
            )
        })?;
        let course = Course {
            root: root.to_path_buf(),
            time_limit: Duration::from_secs(
                manifest.time_limit_secs.unwrap_or(DEFAULT_TIME_LIMIT_SECS),
            ),
            topics: manifest.topics,
            tracks: manifest.tracks,
            text,
        };
        course.validate()?;
        Ok(course)
    }

    /// What serde cannot see: names must be unique, and tracks must name real exercises.
    fn validate(&self) -> Result<()> {
        let mut seen = HashSet::new();
        for topic in &self.topics {
            if !is_identifier(&topic.name, '-') {
                bail!(
                    "{}: topic `{}` is not a folder name of lowercase letters, digits and `-`",
                    self.place_of(&topic.name),
                    topic.name
                );
            }
            for entry in &topic.exercises {
                if !is_identifier(&entry.name, '_') {
                    bail!(
                        "{}: exercise `{}` is not a Rust module name (lowercase letters, digits and `_`)",
                        self.place_of(&entry.name),
                        entry.name
                    );
                }
                if !seen.insert(entry.name.as_str()) {
                    bail!(
                        "{}: exercise `{}` appears twice; exercise names are unique across the course",
                        self.place_of_nth(&entry.name, 1),
                        entry.name
                    );
                }
            }
        }
        for track in &self.tracks {
            for name in &track.exercises {
                if !seen.contains(name.as_str()) {
                    bail!(
                        "{}: track `{}` names exercise `{name}`, which the course does not have{}",
                        self.place_of(name),
                        track.name,
                        suggest::did_you_mean(name, seen.iter().copied())
                    );
                }
            }
        }
        Ok(())
    }

    /// Every exercise in course order.
    pub fn exercises(&self) -> impl Iterator<Item = Exercise<'_>> {
        self.topics
            .iter()
            .flat_map(|topic| topic.exercises.iter().map(move |entry| (topic, entry)))
            .enumerate()
            .map(|(index, (topic, entry))| Exercise {
                topic,
                entry,
                index,
            })
    }

    /// The estimated minutes of these exercises together; names it does not have count 0.
    pub fn minutes<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> u32 {
        names
            .into_iter()
            .filter_map(|name| self.exercises().find(|exercise| exercise.name() == name))
            .map(|exercise| exercise.entry.minutes)
            .sum()
    }

    /// The first exercise's name: where `next --from` goes back to.
    pub fn first_exercise_name(&self) -> &str {
        self.exercises()
            .next()
            .map_or("", |first| first.entry.name.as_str())
    }

    /// The length of the longest topic name, to line up one row per topic.
    pub fn topic_name_width(&self) -> usize {
        self.topics
            .iter()
            .map(|topic| topic.name.len())
            .max()
            .unwrap_or(0)
    }

    pub fn exercise_count(&self) -> usize {
        self.topics.iter().map(|topic| topic.exercises.len()).sum()
    }

    /// The exercise called `name`, or an error that suggests the closest name.
    pub fn exercise(&self, name: &str) -> Result<Exercise<'_>> {
        if let Some(found) = self.exercises().find(|exercise| exercise.name() == name) {
            return Ok(found);
        }
        bail!(
            "there is no exercise `{name}` in {MANIFEST}{}\n`cargo xtask list` shows them all.",
            suggest::did_you_mean(
                name,
                self.exercises()
                    .map(|exercise| exercise.entry.name.as_str())
            )
        )
    }

    /// The topic called `name`, or an error that suggests the closest name.
    pub fn topic(&self, name: &str) -> Result<&Topic> {
        if let Some(topic) = self.topics.iter().find(|topic| topic.name == name) {
            return Ok(topic);
        }
        bail!(
            "there is no topic `{name}` in {MANIFEST}{}",
            suggest::did_you_mean(name, self.topics.iter().map(|topic| topic.name.as_str()))
        )
    }

    pub fn track(&self, name: &str) -> Result<&Track> {
        if let Some(track) = self.tracks.iter().find(|track| track.name == name) {
            return Ok(track);
        }
        let listing: String = self
            .tracks
            .iter()
            .map(|track| format!("\n  {}: {}", track.name, track.description))
            .collect();
        bail!(
            "there is no track `{name}` in {MANIFEST}{}\nThe tracks are:{}",
            suggest::did_you_mean(name, self.tracks.iter().map(|track| track.name.as_str())),
            if listing.is_empty() {
                " none yet."
            } else {
                &listing
            }
        )
    }

    /// The exercises of a track (or the whole course), in course order.
    pub fn selection(&self, track: Option<&str>) -> Result<Vec<Exercise<'_>>> {
        let Some(name) = track else {
            return Ok(self.exercises().collect());
        };
        let track = self.track(name)?;
        Ok(self
            .exercises()
            .filter(|exercise| track.exercises.iter().any(|name| name == exercise.name()))
            .collect())
    }

    /// `course.yaml:LINE` for the first line that holds `value` as a YAML value, for errors.
    pub fn place_of(&self, value: &str) -> String {
        self.place_of_nth(value, 0)
    }

    fn place_of_nth(&self, value: &str, occurrence: usize) -> String {
        let holds_value = |line: &str| {
            let line = line.trim_start().trim_start_matches("- ");
            let after_key = line.split_once(':').map_or(line, |(_, rest)| rest);
            [line, after_key]
                .iter()
                .any(|part| part.trim().trim_matches(['"', '\'']) == value)
        };
        let lines = self.text.lines().enumerate();
        match lines.filter(|(_, line)| holds_value(line)).nth(occurrence) {
            Some((index, _)) => format!("{MANIFEST}:{}", index + 1),
            None => MANIFEST.to_string(),
        }
    }
}

pub fn is_identifier(name: &str, separator: char) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "\
time_limit_secs: 3
topics:
  - name: demo
    title: Demo
    exercises:
      - name: add
        goal: Add two numbers.
        notes: Adding
        minutes: 10
        hints: [one, two]
      - name: sub
        goal: Subtract.
        notes: Subtracting
        minutes: 10
        hints: [one, two]
  - name: more
    title: More
    exercises:
      - name: mul
        goal: Multiply.
        notes: Multiplying
        minutes: 10
        hints: [one, two]
tracks:
  - name: short
    description: Just two.
    exercises: [mul, add]
";

    fn parse(text: &str) -> Result<Course> {
        Course::parse(Path::new("/course"), text.to_string())
    }

    #[test]
    fn exercises_come_in_course_order_with_their_paths() {
        let course = parse(GOOD).unwrap();
        let names: Vec<_> = course.exercises().map(|e| e.name().to_string()).collect();
        assert_eq!(names, ["add", "sub", "mul"]);
        let mul = course.exercise("mul").unwrap();
        assert_eq!(mul.index, 2);
        assert_eq!(mul.stub_path(), Path::new("exercises/more/src/mul.rs"));
        assert_eq!(mul.solution_path(), Path::new("solutions/more/src/mul.rs"));
        assert_eq!(mul.check_path(), Path::new("checks/more/mul.rs"));
        assert_eq!(course.time_limit, Duration::from_secs(3));
    }

    #[test]
    fn a_track_keeps_course_order() {
        let course = parse(GOOD).unwrap();
        let names: Vec<_> = course
            .selection(Some("short"))
            .unwrap()
            .iter()
            .map(|e| e.name().to_string())
            .collect();
        assert_eq!(names, ["add", "mul"]);
    }

    #[test]
    fn an_unknown_exercise_suggests_the_closest() {
        let course = parse(GOOD).unwrap();
        let error = course.exercise("ad").unwrap_err().to_string();
        assert!(error.contains("did you mean `add`?"), "{error}");
    }

    #[test]
    fn a_syntax_error_names_line_and_column() {
        let broken = GOOD.replace("    title: More", "    title: [More");
        let error = parse(&broken).unwrap_err().to_string();
        assert!(error.starts_with("course.yaml:1"), "{error}");
        assert!(error.contains(':'), "{error}");
    }

    #[test]
    fn a_duplicate_exercise_is_named_with_its_line() {
        let twice = GOOD.replace("name: sub", "name: add");
        let error = parse(&twice).unwrap_err().to_string();
        assert!(error.starts_with("course.yaml:11:"), "{error}");
        assert!(error.contains("appears twice"), "{error}");
    }

    #[test]
    fn a_track_naming_a_missing_exercise_is_refused() {
        let wrong = GOOD.replace("[mul, add]", "[mull, add]");
        let error = parse(&wrong).unwrap_err().to_string();
        assert!(error.contains("did you mean `mul`?"), "{error}");
    }

    #[test]
    fn a_track_sums_its_exercises_minutes_and_promises_by_its_name() {
        let course = parse(GOOD).unwrap();
        assert_eq!(course.minutes(["mul", "add"]), 20);
        let promise = |name: &str| {
            Track {
                name: name.into(),
                description: String::new(),
                exercises: Vec::new(),
            }
            .promise()
        };
        assert_eq!(promise("acid-day"), Some(("a day", 390)));
        assert_eq!(promise("acid-half-day"), Some(("half a day", 210)));
        assert_eq!(promise("short"), None);
    }

    #[test]
    fn the_time_limit_defaults_to_ten_seconds() {
        let course = parse(&GOOD.replace("time_limit_secs: 3\n", "")).unwrap();
        assert_eq!(course.time_limit, Duration::from_secs(10));
    }

    #[test]
    fn an_exercise_may_have_a_time_limit_of_its_own() {
        let own = GOOD.replace(
            "notes: Subtracting\n",
            "notes: Subtracting\n        time_limit_secs: 60\n",
        );
        let course = parse(&own).unwrap();
        let limit = |name| course.exercise(name).unwrap().time_limit(&course);
        assert_eq!(limit("sub"), Duration::from_secs(60));
        assert_eq!(
            limit("add"),
            Duration::from_secs(3),
            "the others keep the course's"
        );
    }
}
