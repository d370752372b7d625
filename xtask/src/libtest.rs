//! Running a check binary under a time limit, and reading libtest's report.
//!
//! Learner code may loop forever, so the binary runs in a process group of its own:
//! when time runs out, or the learner presses Ctrl-C, the whole group is killed,
//! threads and children with it.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::cargo::TestBinary;
use crate::interrupt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    Ignored,
}

#[derive(Debug, Clone)]
pub struct Check {
    pub name: String,
    pub outcome: Outcome,
    /// What the check printed when it failed: its panic message, mostly.
    pub output: String,
}

#[derive(Debug, Clone)]
pub enum Ending {
    /// The binary ran to the end and reported every check.
    Finished,
    /// The time limit ran out; these checks had not reported.
    TimedOut {
        limit: Duration,
        unfinished: Vec<String>,
    },
    /// The binary died without finishing its report (stack overflow, abort, exit).
    Crashed { how: String },
    /// The learner pressed Ctrl-C.
    Interrupted,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub checks: Vec<Check>,
    pub ending: Ending,
    /// What the binary wrote to stderr past libtest's capture: a crash's last words,
    /// and the compile-fail checks' report (trybuild writes it there).
    pub stderr: String,
}

impl Report {
    pub fn passed(&self) -> bool {
        matches!(self.ending, Ending::Finished)
            && !self.checks.is_empty()
            && self
                .checks
                .iter()
                .all(|check| check.outcome != Outcome::Failed)
    }

    pub fn count(&self, outcome: Outcome) -> usize {
        self.checks
            .iter()
            .filter(|check| check.outcome == outcome)
            .count()
    }

    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks
            .iter()
            .filter(|check| check.outcome == Outcome::Failed)
    }
}

/// Runs a check binary from its package folder, as `cargo test` would, for at most
/// `limit`. `workspace_root` tells insta where the snapshots' paths start.
pub fn run(binary: &TestBinary, workspace_root: &Path, limit: Duration) -> Result<Report> {
    let mut report = run_with(binary, workspace_root, limit, &[])?;
    if let Ending::TimedOut { .. } = report.ending {
        recover_messages(binary, workspace_root, limit, &mut report);
    }
    Ok(report)
}

/// libtest prints what a failing check said only at the end of the run, which a run
/// stopped at its time limit never reaches. Each check that failed before the limit is
/// run again on its own (they finished once, so they should again) to get its message,
/// all within one more time limit.
fn recover_messages(
    binary: &TestBinary,
    workspace_root: &Path,
    limit: Duration,
    report: &mut Report,
) {
    let deadline = Instant::now() + limit;
    for check in &mut report.checks {
        let left = deadline.saturating_duration_since(Instant::now());
        if check.outcome != Outcome::Failed || !check.output.is_empty() || left.is_zero() {
            continue;
        }
        let alone = run_with(binary, workspace_root, left, &[&check.name, "--exact"]);
        if let Some(again) = alone
            .ok()
            .and_then(|again| again.checks.into_iter().find(|c| c.name == check.name))
        {
            check.output = again.output;
        }
    }
}

fn run_with(
    binary: &TestBinary,
    workspace_root: &Path,
    limit: Duration,
    filter: &[&str],
) -> Result<Report> {
    let mut command = Command::new(&binary.path);
    command
        .current_dir(&binary.package_dir)
        // As `cargo test` sets it: trybuild reads it to find the crate under test, and
        // the runner's own (it runs under `cargo run`) would point at xtask/.
        .env("CARGO_MANIFEST_DIR", &binary.package_dir)
        .args(["--color", "never"])
        .args(filter)
        // A failing learner run must not write into checks/ (see COURSE-DESIGN.md).
        .env("INSTA_UPDATE", "no")
        .env("INSTA_WORKSPACE_ROOT", workspace_root)
        .env_remove("INSTA_FORCE_PASS")
        .env("RUST_BACKTRACE", "0")
        // The runner paints its own screens; and a compile-fail check must compare the
        // compiler's message with the recorded one, never overwrite it.
        .env("NO_COLOR", "1")
        .env_remove("TRYBUILD")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    own_process_group(&mut command);
    let mut child = command
        .spawn()
        .with_context(|| format!("could not run {}", binary.path.display()))?;
    let stdout = read_all(child.stdout.take());
    let stderr = read_all(child.stderr.take());

    let waited = wait_with_limit(&mut child, limit)?;
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let checks = parse(&stdout);

    let ending = match waited {
        Waited::Exited(status) if exited_normally(status) => Ending::Finished,
        Waited::Exited(status) => Ending::Crashed {
            how: describe(status),
        },
        Waited::TimedOut => Ending::TimedOut {
            limit,
            unfinished: unfinished(binary, &checks),
        },
        Waited::Interrupted => Ending::Interrupted,
    };
    Ok(Report {
        checks,
        ending,
        stderr,
    })
}

enum Waited {
    Exited(ExitStatus),
    TimedOut,
    Interrupted,
}

fn wait_with_limit(child: &mut Child, limit: Duration) -> Result<Waited> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().context("waiting for the checks")? {
            return Ok(Waited::Exited(status));
        }
        let waited = if interrupt::requested() {
            Waited::Interrupted
        } else if Instant::now() >= deadline {
            Waited::TimedOut
        } else {
            std::thread::sleep(Duration::from_millis(5));
            continue;
        };
        kill_group(child);
        let _ = child.wait();
        return Ok(waited);
    }
}

/// libtest exits 0 when every check passed and 101 when some failed; anything else
/// means the binary died on the way.
fn exited_normally(status: ExitStatus) -> bool {
    matches!(status.code(), Some(0 | 101))
}

fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                libc::SIGABRT => "SIGABRT, an abort",
                libc::SIGSEGV => "SIGSEGV, a stack overflow or bad memory access",
                libc::SIGKILL => "SIGKILL, killed from outside, often for using too much memory",
                _ => "a signal",
            };
            return format!("was killed by signal {signal} ({name})");
        }
    }
    match status.code() {
        Some(code) => format!("exited with code {code} before reporting every check"),
        None => "stopped without an exit code".to_string(),
    }
}

/// The checks the binary lists that never reported a result.
fn unfinished(binary: &TestBinary, reported: &[Check]) -> Vec<String> {
    let listed = Command::new(&binary.path)
        .current_dir(&binary.package_dir)
        .args(["--list", "--format", "terse"])
        .stderr(Stdio::null())
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).into_owned())
        .unwrap_or_default();
    listed
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .filter(|name| !reported.iter().any(|check| check.name == *name))
        .map(str::to_string)
        .collect()
}

fn read_all(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

#[cfg(unix)]
fn own_process_group(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // The terminal's Ctrl-C then reaches only the runner, which kills the group itself.
    command.process_group(0);
}

#[cfg(not(unix))]
fn own_process_group(_command: &mut Command) {}

fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group the child leads;
        // it reads no memory of ours.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
}

/// Reads libtest's human report: `test NAME ... ok` lines, then a `---- NAME stdout ----`
/// section per failure.
pub fn parse(stdout: &str) -> Vec<Check> {
    let mut checks: Vec<Check> = stdout
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("test ")?;
            let (name, result) = rest.rsplit_once(" ... ")?;
            let name = name.strip_suffix(" - should panic").unwrap_or(name);
            let outcome = match result.trim() {
                "ok" => Outcome::Passed,
                "FAILED" => Outcome::Failed,
                result if result.starts_with("ignored") => Outcome::Ignored,
                _ => return None,
            };
            Some(Check {
                name: name.to_string(),
                outcome,
                output: String::new(),
            })
        })
        .collect();

    let mut current: Option<usize> = None;
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"))
        {
            current = checks.iter().position(|check| check.name == name);
        } else if line == "failures:" || line.starts_with("test result:") {
            current = None;
        } else if let Some(index) = current {
            checks[index].output.push_str(line);
            checks[index].output.push('\n');
        }
    }
    // Parallel checks report in the order they finish; name order reads the same every run.
    checks.sort_by(|a, b| a.name.cmp(&b.name));
    checks
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "
running 3 tests
test admits_a_burst ... ok
test cases::case_1_edge ... FAILED
test slow - should panic ... ignored, takes a minute
test refuses_past_the_limit ... FAILED

failures:

---- cases::case_1_edge stdout ----

thread 'cases::case_1_edge' (42) panicked at src/lib.rs:3:5:
not yet implemented
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

---- refuses_past_the_limit stdout ----
admitted 11; the limit is 10

failures:
    cases::case_1_edge
    refuses_past_the_limit

test result: FAILED. 1 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s
";

    #[test]
    fn reads_each_check_and_its_failure_output() {
        let checks = parse(REPORT);
        let summary: Vec<_> = checks
            .iter()
            .map(|c| (c.name.as_str(), c.outcome))
            .collect();
        assert_eq!(
            summary,
            [
                ("admits_a_burst", Outcome::Passed),
                ("cases::case_1_edge", Outcome::Failed),
                ("refuses_past_the_limit", Outcome::Failed),
                ("slow", Outcome::Ignored),
            ]
        );
        assert!(checks[1].output.contains("not yet implemented"));
        assert!(!checks[1].output.contains("admitted 11"));
        assert_eq!(checks[2].output.trim(), "admitted 11; the limit is 10");
    }

    #[test]
    fn a_report_with_no_checks_does_not_pass() {
        let report = Report {
            checks: parse("running 0 tests\n"),
            ending: Ending::Finished,
            stderr: String::new(),
        };
        assert!(!report.passed());
    }
}
