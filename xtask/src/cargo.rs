//! Building check binaries with cargo, and reading what the compiler said.
//!
//! The runner builds with exactly the flags and environment of a plain
//! `cargo test -p <topic> --test <exercise>`, so the two share one set of compiled
//! artifacts and neither forces the other to rebuild. It then runs the check binary
//! itself (see `libtest`), which is what lets it enforce a time limit.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::ui;

/// The two workspaces that compile the same checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workspace {
    /// The learner's stubs: the course root.
    Exercises,
    /// The reference solutions: `solutions/`.
    Solutions,
}

impl Workspace {
    pub fn dir(self, root: &Path) -> PathBuf {
        match self {
            Workspace::Exercises => root.to_path_buf(),
            Workspace::Solutions => root.join("solutions"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Workspace::Exercises => "stub",
            Workspace::Solutions => "solution",
        }
    }
}

/// Which test targets to build.
#[derive(Clone, Copy)]
pub enum Targets<'a> {
    /// One exercise's checks: `-p <package> --test <name>`.
    One { package: &'a str, test: &'a str },
    /// Every exercise's checks of one topic: `-p <package> --tests`.
    Topic { package: &'a str },
    /// Every exercise's checks in the workspace.
    All,
}

/// A compiled check binary.
#[derive(Debug, Clone)]
pub struct TestBinary {
    /// The test target's name: the exercise.
    pub name: String,
    pub path: PathBuf,
    /// The package's folder; `cargo test` runs tests from there, and so do we.
    pub package_dir: PathBuf,
}

/// A message from rustc, as it rendered it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rendered: String,
    /// Files of the primary spans, relative to the workspace they were built in.
    pub files: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Build {
    pub binaries: Vec<TestBinary>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    pub success: bool,
    /// What cargo itself printed, for failures that are not compiler errors.
    pub cargo_output: String,
}

#[derive(Deserialize)]
// The variants mirror the `reason` field of cargo's JSON messages.
#[allow(clippy::enum_variant_names)]
#[serde(tag = "reason", rename_all = "kebab-case")]
enum Message {
    CompilerMessage {
        message: CompilerMessage,
    },
    CompilerArtifact {
        target: Target,
        manifest_path: PathBuf,
        executable: Option<PathBuf>,
    },
    BuildFinished {
        success: bool,
    },
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct CompilerMessage {
    level: String,
    rendered: Option<String>,
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Span {
    file_name: String,
    is_primary: bool,
}

#[derive(Deserialize)]
struct Target {
    name: String,
    kind: Vec<String>,
}

/// Builds check binaries without running them.
pub fn build_tests(root: &Path, workspace: Workspace, targets: Targets) -> Result<Build> {
    // The runner is a member of the learner's workspace but has no checks.
    let exclude = (workspace == Workspace::Exercises).then_some("xtask");
    build_tests_in(&workspace.dir(root), targets, exclude)
}

/// Builds check binaries in the workspace at `dir`, leaving out the package `exclude`
/// when building them all.
pub fn build_tests_in(dir: &Path, targets: Targets, exclude: Option<&str>) -> Result<Build> {
    let format = if ui::colour() {
        "--message-format=json-diagnostic-rendered-ansi"
    } else {
        "--message-format=json"
    };
    let mut command = Command::new(cargo());
    command.current_dir(dir);
    // Many targets are built with `cargo build --tests --keep-going`, which builds the
    // same test binaries as `cargo test --no-run` but does not stop at the first
    // target that fails to compile: a design topic's stubs leave several check files
    // waiting for their seams, and each one's errors must be seen.
    match targets {
        Targets::One { package, test } => {
            command.args(["test", "--no-run", format]);
            command.args(["--package", package, "--test", test]);
        }
        Targets::Topic { package } => {
            command.args(["build", "--tests", "--keep-going", format]);
            command.args(["--package", package]);
        }
        Targets::All => {
            command.args(["build", "--tests", "--keep-going", format]);
            command.args(["--workspace"]);
            if let Some(package) = exclude {
                command.args(["--exclude", package]);
            }
        }
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("could not start cargo; is a Rust toolchain installed (https://rustup.rs)?")?;

    let stderr = child.stderr.take().context("cargo's stderr")?;
    let cargo_output = std::thread::spawn(move || relay_progress(stderr));

    let mut build = Build::default();
    let stdout = child.stdout.take().context("cargo's stdout")?;
    for line in BufReader::new(stdout).lines() {
        let line = line.context("reading cargo's output")?;
        let Ok(message) = serde_json::from_str::<Message>(&line) else {
            continue;
        };
        match message {
            Message::CompilerMessage { message } => build.add_diagnostic(message),
            Message::CompilerArtifact {
                target,
                manifest_path,
                executable: Some(path),
            } if target.kind.iter().any(|kind| kind == "test") => {
                build.binaries.push(TestBinary {
                    name: target.name,
                    path,
                    package_dir: manifest_path
                        .parent()
                        .map(Path::to_path_buf)
                        .unwrap_or_default(),
                });
            }
            Message::BuildFinished { success } => build.success = success,
            _ => {}
        }
    }
    child.wait().context("waiting for cargo")?;
    build.cargo_output = cargo_output.join().unwrap_or_default();
    if !build.success && build.errors.is_empty() && build.binaries.is_empty() {
        bail!(
            "cargo could not build the checks:\n{}",
            ui::indent(build.cargo_output.trim_end(), 2)
        );
    }
    Ok(build)
}

impl Build {
    fn add_diagnostic(&mut self, message: CompilerMessage) {
        let Some(rendered) = message.rendered else {
            return;
        };
        let diagnostic = Diagnostic {
            rendered,
            files: message
                .spans
                .iter()
                .filter(|span| span.is_primary)
                .map(|span| span.file_name.clone())
                .collect(),
        };
        let list = match message.level.as_str() {
            "error" | "error: internal compiler error" => &mut self.errors,
            "warning" => &mut self.warnings,
            _ => return,
        };
        // The same message comes once per target that compiles the file.
        if !list.iter().any(|seen| seen.rendered == diagnostic.rendered) {
            list.push(diagnostic);
        }
    }

    /// The errors whose primary span is in `file` (a path relative to the course root).
    pub fn errors_in(&self, file: &Path) -> Vec<Diagnostic> {
        self.errors
            .iter()
            .filter(|error| {
                error
                    .files
                    .iter()
                    .any(|span| Path::new(span).ends_with(file))
            })
            .cloned()
            .collect()
    }

    pub fn binary(&self, name: &str) -> Option<&TestBinary> {
        self.binaries.iter().find(|binary| binary.name == name)
    }
}

/// Collects cargo's stderr, and says on the status line what cargo is doing: which
/// crate it compiles (a first run compiles every dependency once), or that it waits
/// for a lock another cargo holds.
fn relay_progress(stderr: impl std::io::Read) -> String {
    let status = ui::Status::start("Building the checks");
    let mut collected = String::new();
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        if let Some(text) = progress_of(&line) {
            status.set(text);
        }
        collected.push_str(&line);
        collected.push('\n');
    }
    collected
}

/// What one line of cargo's output says is happening, in the learner's terms.
fn progress_of(line: &str) -> Option<String> {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix("Compiling ") {
        let name = rest.split(' ').next().unwrap_or(rest);
        // A crate from the registry has no path after its version: a dependency.
        return Some(if rest.contains(" (") {
            format!("Compiling {name}")
        } else {
            format!("Compiling {name}: a first run compiles the dependencies once (about a minute)")
        });
    }
    if line.starts_with("Blocking waiting for file lock") {
        return Some(
            "Waiting for another cargo to finish: another terminal, or your editor's \
             rust-analyzer (the README says how to give it a folder of its own)"
                .to_string(),
        );
    }
    if line.starts_with("Downloading") || line.starts_with("Downloaded") {
        return Some("Downloading crates".to_string());
    }
    None
}

/// Runs `cargo <args>` in `dir` with its output captured: what it printed to stdout,
/// or on failure everything it printed.
pub fn run_quietly(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new(cargo())
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("could not run `cargo {}`: {error}", args.join(" ")))?;
    if output.status.success() {
        return Ok(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    Err(format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

/// The cargo that runs us, so a toolchain chosen by rustup is kept.
pub fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

#[cfg(test)]
mod tests {
    use super::progress_of;

    #[test]
    fn cargo_progress_is_said_in_the_learners_terms() {
        assert_eq!(
            progress_of("   Compiling rate-limiting v0.1.0 (/course/exercises/rate-limiting)"),
            Some("Compiling rate-limiting".to_string())
        );
        assert!(
            progress_of("   Compiling proptest v1.9.0")
                .is_some_and(|text| text.contains("a first run compiles the dependencies once"))
        );
        assert!(
            progress_of("    Blocking waiting for file lock on build directory")
                .is_some_and(|text| text.contains("rust-analyzer"))
        );
        assert_eq!(progress_of("warning: unused variable: `x`"), None);
    }
}
