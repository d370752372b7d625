//! What the learner has done so far: `.progress.json` at the course root, ignored by git.
//!
//! A pass is remembered with a fingerprint of the exercise's stub and check file, so an
//! exercise seen passing is not re-run until one of them changes. The file is a cache:
//! if it is lost or corrupt, the runner warns, sets it aside and rebuilds it by running
//! the checks again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::course::{Course, Exercise};
use crate::shipped;
use crate::ui;

pub const FILE: &str = ".progress.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    exercises: BTreeMap<String, Record>,
    /// How many of each exercise's hints the learner has seen.
    #[serde(default)]
    hints_shown: BTreeMap<String, usize>,
    /// Where `next` starts, as set by an instructor with `next --from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Exercises whose reference solution the learner has looked at, each with
    /// whether that was before it passed (`solution --force`).
    #[serde(default)]
    solutions_seen: BTreeMap<String, bool>,
    /// The workshop room this learner joined, told of every verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<Membership>,
    #[serde(skip)]
    path: PathBuf,
    /// Exercises whose check files are not as shipped, with those files: found anew
    /// on every load.
    #[serde(skip)]
    checks_changed: BTreeMap<String, Vec<PathBuf>>,
}

/// A learner's place in a workshop room (`cargo xtask room join`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// `http://host:port`.
    pub url: String,
    /// The learner's id in the room.
    pub learner: String,
    /// The secret that lets only this learner send their progress.
    pub token: String,
    pub name: String,
    /// What the learner was last told about the room not taking their progress, so it
    /// is said once, not after every verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// The last run of one exercise's checks.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub passed: bool,
    /// The fingerprint of the stub and check file that were run.
    pub key: String,
    /// Seconds since the Unix epoch.
    pub at: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Seen passing, and neither its stub nor its checks changed since.
    Done,
    /// Seen failing on its last run.
    Failing,
    /// Never run, or changed since it last passed.
    Unseen,
    /// Its check file is not as shipped, so a pass would not count.
    #[serde(rename = "checks-changed")]
    ChecksChanged,
}

impl State {
    pub fn label(self) -> &'static str {
        match self {
            State::Done => "done",
            State::Failing => "failing",
            State::Unseen => "unseen",
            State::ChecksChanged => "checks-changed",
        }
    }
}

impl Progress {
    /// The learner's progress in `course`: the progress file, and which check files
    /// were edited (an edit outweighs any pass recorded in the file).
    pub fn load(course: &Course) -> Progress {
        let mut progress = Progress::load_file(&course.root);
        progress.checks_changed = shipped::changed_checks(course);
        progress
    }

    /// Loads the progress file; a corrupt one is set aside with a warning, never fatal.
    fn load_file(root: &Path) -> Progress {
        let path = root.join(FILE);
        let mut progress = match std::fs::read_to_string(&path) {
            Ok(text) => match serde_json::from_str::<Progress>(&text) {
                Ok(progress) => progress,
                Err(error) => {
                    let kept = set_aside(&path);
                    ui::warn(&format!(
                        "{FILE}:{}:{}: not a progress file ({}); kept it as {kept} and \
                         started a fresh one. Nothing is lost: passes are found again by \
                         running the checks.",
                        error.line(),
                        error.column(),
                        ui::without_position(&error.to_string())
                    ));
                    Progress::default()
                }
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Progress::default(),
            Err(error) => {
                ui::warn(&format!(
                    "could not read {FILE} ({error}); starting from no progress this time"
                ));
                Progress::default()
            }
        };
        progress.path = path;
        progress
    }

    /// Writes the file whole, through a temporary file, so a crash never leaves half of it.
    pub fn save(&self) -> Result<()> {
        let text = serde_json::to_string_pretty(self)?;
        let temporary = self.path.with_extension("json.tmp");
        std::fs::write(&temporary, text)
            .and_then(|()| std::fs::rename(&temporary, &self.path))
            .with_context(|| format!("could not save progress to {}", self.path.display()))
    }

    pub fn state(&self, exercise: &Exercise, key: &str) -> State {
        if self.checks_changed.contains_key(exercise.name()) {
            return State::ChecksChanged;
        }
        match self.exercises.get(exercise.name()) {
            Some(record) if record.passed && record.key == key => State::Done,
            Some(record) if !record.passed => State::Failing,
            _ => State::Unseen,
        }
    }

    /// The state of an exercise as its files are now.
    pub fn current_state(&self, root: &Path, exercise: &Exercise) -> State {
        self.state(exercise, &key(root, exercise))
    }

    /// What to do about an exercise whose check files were edited; `None` if they were not.
    pub fn changed_checks_advice(&self, exercise: &Exercise) -> Option<String> {
        let files = self.checks_changed.get(exercise.name())?;
        let list: Vec<String> = files
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        Some(format!(
            "The checks of `{0}` are not as shipped ({1} changed), so a pass does not \
             count. `cargo xtask reset {0} --checks` restores them (keeping a backup).",
            exercise.name(),
            list.join(", ")
        ))
    }

    pub fn record(&self, exercise: &Exercise) -> Option<&Record> {
        self.exercises.get(exercise.name())
    }

    pub fn set(&mut self, exercise: &Exercise, passed: bool, key: String) {
        let record = Record {
            passed,
            key,
            at: now_secs(),
        };
        self.exercises.insert(exercise.name().to_string(), record);
    }

    pub fn hints_shown(&self, exercise: &Exercise) -> usize {
        self.hints_shown.get(exercise.name()).copied().unwrap_or(0)
    }

    /// Whether the learner looked at the solution: `Some(true)` if before it passed.
    pub fn solution_seen(&self, exercise: &Exercise) -> Option<bool> {
        self.solutions_seen.get(exercise.name()).copied()
    }

    /// Remembers a look at the solution; a look before the pass stays early.
    pub fn saw_solution(&mut self, exercise: &Exercise, early: bool) {
        *self
            .solutions_seen
            .entry(exercise.name().to_string())
            .or_insert(early) |= early;
    }

    pub fn set_hints_shown(&mut self, exercise: &Exercise, count: usize) {
        self.hints_shown.insert(exercise.name().to_string(), count);
    }
}

/// The fingerprint of every file the exercise's verdict depends on, as they are now:
/// the learner's (`Exercise::learner_files`) and the checks' (`Exercise::check_files`).
/// A missing file reads as empty, which simply never matches a pass.
pub fn key(root: &Path, exercise: &Exercise) -> String {
    let mut hash = Fnv1a::default();
    for path in exercise
        .learner_files()
        .into_iter()
        .chain(exercise.check_files(root))
    {
        hash.write(path.to_string_lossy().as_bytes());
        hash.write(&[0xfe]);
        hash.write(&std::fs::read(root.join(path)).unwrap_or_default());
        // A separator, so that moving bytes from one file to the other changes the key.
        hash.write(&[0xff]);
    }
    format!("{:016x}", hash.0)
}

/// FNV-1a, 64-bit: stable across toolchains, unlike `DefaultHasher`.
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// Renames a corrupt file to a name that does not exist yet and returns that name.
fn set_aside(path: &Path) -> String {
    let kept = (0..)
        .map(|n| path.with_extension(format!("json.corrupt-{n}")))
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.with_extension("json.corrupt"));
    let name = kept
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    match std::fs::rename(path, &kept) {
        Ok(()) => name,
        Err(_) => format!("{FILE} (it could not be renamed)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xtask-progress-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        let hash = |bytes: &[u8]| {
            let mut h = Fnv1a::default();
            h.write(bytes);
            h.0
        };
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn progress_survives_a_save_and_load() {
        let dir = scratch("roundtrip");
        let mut progress = Progress::load_file(&dir);
        progress.exercises.insert(
            "add".into(),
            Record {
                passed: true,
                key: "k1".into(),
                at: 5,
            },
        );
        progress.hints_shown.insert("add".into(), 2);
        progress.save().unwrap();
        let again = Progress::load_file(&dir);
        assert_eq!(again.exercises["add"].key, "k1");
        assert_eq!(again.hints_shown["add"], 2);
    }

    #[test]
    fn an_exercise_is_done_only_while_its_files_are_as_they_passed() {
        let course = crate::course::Course::parse(
            Path::new("/course"),
            "topics:\n  - name: t\n    title: T\n    exercises:\n      \
             - {name: a, goal: g, notes: n, minutes: 5, hints: [x, y]}\n"
                .to_string(),
        )
        .unwrap();
        let exercise = course.exercise("a").unwrap();
        let mut progress = Progress::default();
        assert_eq!(progress.state(&exercise, "k1"), State::Unseen);
        progress.set(&exercise, false, "k1".into());
        assert_eq!(progress.state(&exercise, "k1"), State::Failing);
        progress.set(&exercise, true, "k1".into());
        assert_eq!(progress.state(&exercise, "k1"), State::Done);
        assert_eq!(
            progress.state(&exercise, "k2"),
            State::Unseen,
            "a pass is forgotten once the stub or the checks change"
        );
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_and_replaced_by_an_empty_one() {
        let dir = scratch("corrupt");
        std::fs::write(dir.join(FILE), "{ this is not json").unwrap();
        let progress = Progress::load_file(&dir);
        assert!(progress.exercises.is_empty());
        let kept = std::fs::read_to_string(dir.join(".progress.json.corrupt-0")).unwrap();
        assert_eq!(
            kept, "{ this is not json",
            "the corrupt file must be kept as it was"
        );
        progress.save().unwrap();
        assert!(dir.join(FILE).exists());
    }
}
