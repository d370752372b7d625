//! `cargo xtask`: the course runner.
//!
//! A small core (the manifest in `course`, what the course `shipped`, the learner's
//! `progress` and the `room` it is reported to, building with `cargo` and running
//! checks with `libtest`, the `verdict` screen, and the catalogue of `wrong` answers
//! the checks must reject, read with `patch`) serves one module per command under
//! `commands/`.

mod cargo;
mod commands;
mod course;
mod interrupt;
mod libtest;
mod patch;
mod progress;
mod room;
mod shipped;
mod suggest;
mod ui;
mod verdict;
mod wrong;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::course::Course;

/// The runner of the system-design course: `cargo xtask next` to start.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", version, about)]
struct Cli {
    /// Set by the `cargo xtask` alias: cargo has just printed its "Finished" and
    /// "Running" lines, which say nothing a learner needs.
    #[arg(long, hide = true)]
    after_cargo: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check this laptop is ready: toolchain, downloads, the course compiling, disk space.
    Doctor(commands::doctor::Args),
    /// Run the first exercise that does not pass yet and show what to do.
    Next(commands::next::Args),
    /// Like `next`, again on every save; Ctrl-C to stop.
    Watch(commands::watch::Args),
    /// Every exercise and its state (`--json` for scripts).
    List(commands::list::Args),
    /// One line per topic: exercises done and the time of the last pass.
    Status(commands::status::Args),
    /// Show one more hint for an exercise (`--all` for every hint).
    Hint(commands::hint::Args),
    /// Run one exercise's checks, whatever the progress.
    Run(commands::run::Args),
    /// Restore an exercise's stub (or `--checks`, or `--all` stubs) as shipped, keeping backups.
    Reset(commands::reset::Args),
    /// Show the reference solution of an exercise you have passed.
    Solution(commands::solution::Args),
    /// Prove the course: stubs fail, solutions pass, manifest and files agree, lints clean.
    Check(commands::check::Args),
    /// Record the shipped stubs and checks in course.lock (for course maintainers).
    Lock,
    /// The workshop room: `serve` it (instructor), `join` it or `leave` it (learner).
    Room(commands::room::Args),
    /// Scaffold a new exercise (and its topic, if new) for a course maintainer to fill in.
    New(commands::new::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.after_cargo {
        ui::wipe_lines_above(2);
    }
    interrupt::install();
    match run(cli.command) {
        Ok(code) => code,
        // Whatever failed, the learner asked it to stop: cargo was killed with us.
        Err(_) if interrupt::requested() => {
            eprintln!("Stopped (Ctrl-C).");
            ExitCode::from(130)
        }
        Err(error) => {
            let label = ui::stderr_label("error", ui::Paint::Red);
            let mut chain = error.chain();
            if let Some(first) = chain.next() {
                eprintln!("{label}: {first}");
            }
            for cause in chain {
                eprintln!("  because: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    let here = std::env::current_dir()?;
    let course = Course::discover(&here)?;
    match command {
        Command::Doctor(args) => commands::doctor::run(&course, &args),
        Command::Next(args) => commands::next::run(&course, &args),
        Command::Watch(args) => commands::watch::run(&course, &args),
        Command::List(args) => commands::list::run(&course, &args),
        Command::Status(args) => commands::status::run(&course, &args),
        Command::Hint(args) => commands::hint::run(&course, &args),
        Command::Run(args) => commands::run::run(&course, &args),
        Command::Reset(args) => commands::reset::run(&course, &args),
        Command::Solution(args) => commands::solution::run(&course, &args),
        Command::Check(args) => commands::check::run(&course, &args),
        Command::Room(args) => commands::room::run(&course, &args),
        Command::Lock => commands::lock::run(&course),
        Command::New(args) => commands::new::run(&course, &args),
    }
}
