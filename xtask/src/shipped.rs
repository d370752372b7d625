//! What the course shipped: `course.lock`, the git blob id of every stub and of every
//! file the checks' verdict depends on (check files, support modules, snapshots,
//! compile-fail cases, the crates' `[[test]]` manifests) as the course was written.
//!
//! `reset` finds a shipped file in git's object store by its id, which works even
//! after the learner has committed over it; `next`, `run`, `list` and `status` compare
//! each exercise's check files with their ids, so an edited check never counts as a
//! pass; `check` proves the lock current, so the record is never stale. `cargo xtask
//! lock` writes it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::course::{Course, Exercise};

pub const FILE: &str = "course.lock";

/// The files whose shipped content the course keeps: every stub and every exercise's
/// check files, each once, in course order.
pub fn locked_paths(course: &Course) -> Vec<PathBuf> {
    let mut seen = BTreeSet::new();
    course
        .exercises()
        .flat_map(|exercise| {
            std::iter::once(exercise.stub_path()).chain(exercise.check_files(&course.root))
        })
        .filter(|path| seen.insert(path.clone()))
        .collect()
}

/// The lock as recorded: path to blob id.
pub fn read(root: &Path) -> Result<BTreeMap<PathBuf, String>> {
    let text = std::fs::read_to_string(root.join(FILE)).with_context(|| {
        format!("could not read {FILE}; a maintainer creates it with `cargo xtask lock`")
    })?;
    let mut entries = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((id, path)) = line.split_once("  ") else {
            bail!(
                "{FILE}:{}: expected `<blob id>  <path>`; restore the file with \
                 `git checkout {FILE}`",
                number + 1
            );
        };
        entries.insert(PathBuf::from(path), id.to_string());
    }
    Ok(entries)
}

/// The shipped content of a locked file, from git's object store; `None` if the lock
/// does not list it (the course did not ship it).
pub fn content(root: &Path, path: &Path) -> Result<Option<Vec<u8>>> {
    let lock = read(root)?;
    let Some(id) = lock.get(path) else {
        return Ok(None);
    };
    let output = git(root)
        .args(["cat-file", "blob", id])
        .stderr(Stdio::piped())
        .output()
        .context("could not run git, which reset needs to find the shipped file")?;
    if !output.status.success() {
        bail!(
            "git has no copy of the shipped {} (blob {id}): {}\
             This needs a git clone of the course; `git fetch` may bring the missing history.",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(Some(output.stdout))
}

/// Stores files as they are now in git's object store, where `reset` will find
/// them, and returns their blob ids.
pub fn store(root: &Path, paths: &[PathBuf]) -> Result<Vec<String>> {
    let output = git(root)
        .args(["hash-object", "-w", "--"])
        .args(paths)
        .stderr(Stdio::piped())
        .output()
        .context("could not run git hash-object")?;
    if !output.status.success() {
        bail!(
            "git hash-object failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let ids: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    if ids.len() != paths.len() {
        bail!(
            "git hash-object gave {} ids for {} files",
            ids.len(),
            paths.len()
        );
    }
    Ok(ids)
}

/// Git's blob id of `content` (SHA-1 of `blob <length>\0<content>`), computed here so
/// that the runner can compare a file with the lock without running git.
pub fn blob_id(content: &[u8]) -> String {
    use sha1::{Digest, Sha1};
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", content.len()).as_bytes());
    hasher.update(content);
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The blob id of a file as it is now; `None` if it cannot be read.
pub fn current_id(root: &Path, path: &Path) -> Option<String> {
    std::fs::read(root.join(path))
        .ok()
        .map(|bytes| blob_id(&bytes))
}

/// The exercises whose check files are not as shipped, with the files that differ
/// (edited, added or removed): a learner's edit to a check must not count as a pass.
/// Without a readable lock, nothing can be told.
pub fn changed_checks(course: &Course) -> BTreeMap<String, Vec<PathBuf>> {
    let Ok(lock) = read(&course.root) else {
        return BTreeMap::new();
    };
    let mut ids: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
    let mut changed = BTreeMap::new();
    for exercise in course.exercises() {
        let files = changed_files(course, &exercise, &lock, &mut ids);
        if !files.is_empty() {
            changed.insert(exercise.name().to_string(), files);
        }
    }
    changed
}

/// The exercise's check files that differ from the lock; `ids` remembers the files
/// already read, since topics share most of theirs.
fn changed_files(
    course: &Course,
    exercise: &Exercise,
    lock: &BTreeMap<PathBuf, String>,
    ids: &mut BTreeMap<PathBuf, Option<String>>,
) -> Vec<PathBuf> {
    let mut files: BTreeSet<PathBuf> = exercise.check_files(&course.root).into_iter().collect();
    files.extend(
        lock.keys()
            .filter(|path| exercise.owns_check_file(path))
            .cloned(),
    );
    files
        .into_iter()
        .filter(|path| {
            let current = ids
                .entry(path.clone())
                .or_insert_with(|| current_id(&course.root, path));
            current.as_ref() != lock.get(path)
        })
        .collect()
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command.current_dir(root).stdin(Stdio::null());
    command
}

#[cfg(test)]
mod tests {
    #[test]
    fn blob_ids_are_gits() {
        // `printf 'hello\n' | git hash-object --stdin`, and the empty blob.
        assert_eq!(
            super::blob_id(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        assert_eq!(
            super::blob_id(b""),
            "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
        );
    }
}
