//! `cargo xtask lock`: record the shipped stubs and checks in `course.lock`.
//!
//! Each line holds a file's git blob id. `reset` uses it to find the shipped stub in
//! git's object store, which works even after the learner has committed over it;
//! `check` proves the lock matches the files, so the record is never stale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, Result, bail};

use crate::course::Course;

pub const FILE: &str = "course.lock";

const PREAMBLE: &str = "\
# The shipped stubs and checks, as git blob ids; written by `cargo xtask lock`.
# `cargo xtask reset` restores a stub from here; `cargo xtask check` proves it current.
";

pub fn run(course: &Course) -> Result<ExitCode> {
    let count = write(course)?;
    println!("Recorded {count} files in {FILE}; commit it with them.");
    Ok(ExitCode::SUCCESS)
}

/// Rewrites the lock from the files as they are now; returns how many it records.
pub fn write(course: &Course) -> Result<usize> {
    let paths = locked_paths(course);
    let ids = blob_ids(&course.root, &paths, true)?;
    let mut text = PREAMBLE.to_string();
    for (path, id) in paths.iter().zip(&ids) {
        text.push_str(&format!("{id}  {}\n", path.display()));
    }
    std::fs::write(course.root.join(FILE), text)
        .with_context(|| format!("could not write {FILE}"))?;
    Ok(paths.len())
}

/// The files whose shipped content the course keeps: every stub and every check file.
pub fn locked_paths(course: &Course) -> Vec<PathBuf> {
    course
        .exercises()
        .flat_map(|exercise| [exercise.stub_path(), exercise.check_path()])
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

/// The shipped content of a locked file, from git's object store.
pub fn shipped(root: &Path, path: &Path) -> Result<Vec<u8>> {
    let lock = read(root)?;
    let id = lock
        .get(path)
        .with_context(|| format!("{FILE} does not list {}", path.display()))?;
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
    Ok(output.stdout)
}

/// Blob ids of files as they are now; `write` also stores them in git's object store.
pub fn blob_ids(root: &Path, paths: &[PathBuf], write: bool) -> Result<Vec<String>> {
    let mut command = git(root);
    command.arg("hash-object");
    if write {
        command.arg("-w");
    }
    let output = command
        .arg("--")
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

/// The exercises whose check file is not as shipped: a learner's edit to a check
/// must not count as a pass. Without a readable lock, nothing can be told.
pub fn changed_checks(course: &Course) -> BTreeSet<String> {
    let Ok(lock) = read(&course.root) else {
        return BTreeSet::new();
    };
    course
        .exercises()
        .filter(|exercise| {
            let path = exercise.check_path();
            lock.get(&path).is_some_and(|shipped| {
                let now = std::fs::read(course.root.join(&path)).unwrap_or_default();
                blob_id(&now) != *shipped
            })
        })
        .map(|exercise| exercise.name().to_string())
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
