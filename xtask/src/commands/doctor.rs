//! `cargo xtask doctor`: is this laptop ready for the workshop?
//!
//! One screen, one line per item, each problem with the command that fixes it. Once
//! it passes, every dependency of both workspaces is downloaded and compiled, so
//! `next`, `watch` and `check` work with the network off.

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use anyhow::Result;

use crate::cargo::{self, Targets, Workspace};
use crate::course::Course;
use crate::room;
use crate::ui::{self, Paint};
use crate::verdict;

/// Below this much free space, a first build may not fit.
const DISK_NEEDED_GIB: f64 = 2.0;

#[derive(clap::Args)]
pub struct Args {}

/// One item's result: what was found, or what is wrong and how to fix it.
enum Finding {
    Fine(String),
    Problem { what: String, fix: String },
}

pub fn run(course: &Course, _args: &Args) -> Result<ExitCode> {
    let root = &course.root;
    println!(
        "{}",
        ui::paint(Paint::Bold, "Is this laptop ready for the course?")
    );
    let mut problems = 0;
    let mut report = |name: &str, finding: Finding| match finding {
        Finding::Fine(found) => println!("{} {name}: {found}", ui::pass_mark()),
        Finding::Problem { what, fix } => {
            problems += 1;
            println!("{} {name}: {what}\n    fix: {fix}", ui::fail_mark());
        }
    };
    report("Rust toolchain", toolchain(root));
    report("git", git());
    report("disk space", disk_space(root));
    for workspace in [Workspace::Exercises, Workspace::Solutions] {
        let name = match workspace {
            Workspace::Exercises => "the exercises",
            Workspace::Solutions => "the reference solutions",
        };
        let fetched = fetch(&workspace.dir(root), "downloaded");
        let fetched_ok = matches!(fetched, Finding::Fine(_));
        report(&format!("dependencies of {name}"), fetched);
        if fetched_ok {
            report(&format!("{name} compile"), compile(course, workspace));
        }
    }
    // Only downloaded: the server is compiled by the one laptop that opens the room.
    let server = room::server_dir(root);
    if server.join("Cargo.toml").exists() {
        report(
            "the workshop room's server",
            fetch(
                &server,
                "downloaded (`cargo xtask room serve` compiles it, on the instructor's laptop)",
            ),
        );
    }
    if problems == 0 {
        println!(
            "\n{} Ready. Everything the course needs is downloaded and compiled: it works \
             from here with the network off.",
            ui::pass_mark()
        );
        println!("Start with `cargo xtask next`.");
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "\n{} {problems} problem{} to fix; then run `cargo xtask doctor` again.",
            ui::fail_mark(),
            if problems == 1 { "" } else { "s" }
        );
        Ok(ExitCode::FAILURE)
    }
}

/// The installed rustc against the course's `rust-version`.
fn toolchain(root: &Path) -> Finding {
    let Some(version) = output_of(Command::new("rustc").arg("--version")) else {
        return Finding::Problem {
            what: "rustc does not run".into(),
            fix: "install Rust from https://rustup.rs".into(),
        };
    };
    let required = std::fs::read_to_string(root.join("Cargo.toml"))
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|line| line.trim().strip_prefix("rust-version = "))
                .map(|value| value.trim_matches('"').to_string())
        });
    let installed = version.split_whitespace().nth(1).unwrap_or("0").to_string();
    let Some(required) = required else {
        return Finding::Fine(format!("rustc {installed}; the course sets no minimum"));
    };
    if parse_version(&installed) >= parse_version(&required) {
        Finding::Fine(format!("rustc {installed}, at least {required} needed"))
    } else {
        Finding::Problem {
            what: format!("rustc {installed} is older than the {required} the course needs"),
            fix: "rustup update stable".into(),
        }
    }
}

fn parse_version(text: &str) -> Vec<u64> {
    text.split(['.', '-'])
        .map_while(|part| part.parse().ok())
        .collect()
}

fn git() -> Finding {
    match output_of(Command::new("git").arg("--version")) {
        Some(version) => Finding::Fine(version),
        None => Finding::Problem {
            what: "git does not run; `cargo xtask reset` needs it".into(),
            fix: "install git (https://git-scm.com/downloads)".into(),
        },
    }
}

fn disk_space(root: &Path) -> Finding {
    let Some(free) = free_gib(root) else {
        return Finding::Fine("could not tell; skipped".into());
    };
    if free >= DISK_NEEDED_GIB {
        Finding::Fine(format!("{free:.1} GiB free"))
    } else {
        Finding::Problem {
            what: format!("{free:.1} GiB free; a first build needs about {DISK_NEEDED_GIB} GiB"),
            fix: "free some space (`cargo clean` in other Rust projects helps)".into(),
        }
    }
}

#[cfg(unix)]
fn free_gib(path: &Path) -> Option<f64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut stats = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `path` is a valid C string and `stats` is written by statvfs before it is read.
    let stats = unsafe {
        if libc::statvfs(path.as_ptr(), stats.as_mut_ptr()) != 0 {
            return None;
        }
        stats.assume_init()
    };
    Some(stats.f_bavail as f64 * stats.f_frsize as f64 / (1u64 << 30) as f64)
}

/// statvfs is Unix only; elsewhere the disk check says it could not tell, rather than
/// keep the runner from compiling.
#[cfg(not(unix))]
fn free_gib(_path: &Path) -> Option<f64> {
    None
}

/// Downloads every dependency the workspace's lockfile names.
fn fetch(dir: &Path, fine: &str) -> Finding {
    match cargo_quietly(dir, &["fetch"]) {
        Ok(()) => Finding::Fine(fine.into()),
        Err(error) => Finding::Problem {
            what: format!("not all downloaded: {error}"),
            fix: "connect to the network and run `cargo xtask doctor` again".into(),
        },
    }
}

/// Compiles every check, and with it every dependency, as `next` and `check` will.
/// A design exercise's checks wait for the seams the learner writes, so in the
/// learner's workspace their "needs `trait X`" errors are how the course ships.
fn compile(course: &Course, workspace: Workspace) -> Finding {
    println!(
        "{}",
        ui::paint(
            Paint::Dim,
            "  compiling (the first time takes a minute or two)…"
        )
    );
    let fix = match workspace {
        Workspace::Exercises => "`cargo test --no-run` shows every error",
        Workspace::Solutions => "`cargo test --no-run` in solutions/ shows every error",
    };
    let build = match cargo::build_tests(&course.root, workspace, Targets::All) {
        Ok(build) => build,
        Err(error) => {
            return Finding::Problem {
                what: format!("does not compile: {error:#}"),
                fix: fix.into(),
            };
        }
    };
    let mut waiting = 0;
    let mut as_shipped = Vec::new();
    if workspace == Workspace::Exercises {
        for exercise in course.exercises() {
            let errors = build.errors_in(&exercise.check_path());
            if verdict::missing_seams(&exercise, &errors).is_some() {
                waiting += 1;
                as_shipped.extend(errors.into_iter().map(|error| error.rendered));
            }
        }
    }
    match build
        .errors
        .iter()
        .find(|error| !as_shipped.contains(&error.rendered))
    {
        Some(error) => Finding::Problem {
            what: format!(
                "does not compile: {}",
                verdict::tidy(course, &error.rendered)
                    .lines()
                    .next()
                    .unwrap_or_default()
            ),
            fix: fix.into(),
        },
        None if waiting > 0 => Finding::Fine(format!(
            "compiled (the checks of {waiting} design exercise{} wait for the seams you \
             will write, as shipped)",
            verdict::plural(waiting)
        )),
        None => Finding::Fine("compiled".into()),
    }
}

/// `cargo <args>` in `dir`; on failure, the first error cargo printed.
fn cargo_quietly(dir: &Path, args: &[&str]) -> Result<(), String> {
    cargo::run_quietly(dir, args).map(drop).map_err(|text| {
        text.lines()
            .find(|line| line.starts_with("error"))
            .unwrap_or("cargo failed")
            .to_string()
    })
}

/// The first line of a command's output, if it runs and succeeds.
fn output_of(command: &mut Command) -> Option<String> {
    let output = command.stdin(Stdio::null()).output().ok()?;
    output.status.success().then(|| {
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    })
}
