//! `cargo xtask room`: the workshop room. The instructor opens it with `serve`; each
//! learner joins once with `join`, and from then on every verdict of `next`, `watch`
//! and `run` tells the room where they are, until `leave`.

use std::process::{Command, ExitCode};

use anyhow::{Context, Result};

use crate::cargo;
use crate::commands::next;
use crate::course::Course;
use crate::progress::Progress;
use crate::room;
use crate::ui::{self, Paint};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Open the room on this laptop (the instructor's), with a live dashboard at `/`.
    Serve {
        /// The port to listen on, on every interface.
        #[arg(long, default_value_t = 7878)]
        port: u16,
        /// The code learners join with; by default the last room's, or a new random one.
        #[arg(long)]
        code: Option<String>,
        /// The track the room works through (`cargo xtask list --track` shows them).
        #[arg(long)]
        track: Option<String>,
    },
    /// Join the room at URL: every verdict then tells it where you are (never your code).
    Join {
        /// The room's address, as the instructor's screen shows it.
        url: String,
        /// The room's code, from the instructor.
        #[arg(long)]
        code: String,
        /// How the room will know you: at most 40 characters.
        #[arg(long)]
        name: String,
    },
    /// Stop telling the room where you are.
    Leave,
}

/// Where the room keeps its state and the course outline it is given.
const DIR: &str = ".room";

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    match &args.action {
        Action::Serve { port, code, track } => {
            serve(course, *port, code.as_deref(), track.as_deref())
        }
        Action::Join { url, code, name } => join(course, url, code, name),
        Action::Leave => leave(course),
    }
}

/// Builds and starts the room's server, a workspace of its own under `xtask/room`, so
/// that a learner's runner never compiles it.
fn serve(course: &Course, port: u16, code: Option<&str>, track: Option<&str>) -> Result<ExitCode> {
    let dir = course.root.join(DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let outline = outline(course, track)?;
    let outline_path = dir.join("outline.json");
    std::fs::write(&outline_path, outline)
        .with_context(|| format!("writing {}", outline_path.display()))?;
    println!(
        "{}",
        ui::paint(
            Paint::Dim,
            "Starting the room's server (its first build takes about a minute)…"
        )
    );
    let mut command = Command::new(cargo::cargo());
    // Run from the server's own folder, so that its cargo configuration (the course's
    // shared target directory) applies. Not `--quiet`: a first build takes a while,
    // and cargo's progress shows it is under way.
    command
        .current_dir(room::server_dir(&course.root))
        .args(["run", "--", "--port", &port.to_string(), "--outline"])
        .arg(&outline_path)
        .arg("--state")
        .arg(dir.join("state.json"));
    if let Some(code) = code {
        command.args(["--code", code]);
    }
    // Ctrl-C reaches the server too, which closes the room and saves it.
    let status = command
        .status()
        .context("could not start cargo; is a Rust toolchain installed (https://rustup.rs)?")?;
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        _ if crate::interrupt::requested() => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    })
}

/// The course's topics and the room's track, as the server takes them.
fn outline(course: &Course, track: Option<&str>) -> Result<String> {
    let topics: Vec<serde_json::Value> = course
        .topics
        .iter()
        .map(|topic| {
            let exercises: Vec<&str> = topic
                .exercises
                .iter()
                .map(|entry| entry.name.as_str())
                .collect();
            serde_json::json!({ "name": topic.name, "exercises": exercises })
        })
        .collect();
    let track = match track {
        Some(name) => {
            let exercises: Vec<String> = course
                .selection(Some(name))?
                .iter()
                .map(|exercise| exercise.name().to_string())
                .collect();
            serde_json::json!({ "name": name, "exercises": exercises })
        }
        None => serde_json::Value::Null,
    };
    Ok(serde_json::json!({ "topics": topics, "track": track }).to_string())
}

fn join(course: &Course, url: &str, code: &str, name: &str) -> Result<ExitCode> {
    let membership = room::join(url, code, name)?;
    let mut progress = Progress::load(course);
    if let Some(earlier) = &progress.room
        && earlier.url != membership.url
    {
        println!("You leave the room at {} for this one.", earlier.url);
    }
    println!(
        "You joined the room at {} as {}. From now on every verdict of `next`, `watch` \
         and `run` tells it where you are: states, counts and times, never your code. \
         `cargo xtask room leave` stops it.",
        membership.url, membership.name
    );
    progress.room = Some(membership);
    let current = next::current(course, &progress);
    room::tell(course, &mut progress, current.as_ref());
    progress.save()?;
    Ok(ExitCode::SUCCESS)
}

fn leave(course: &Course) -> Result<ExitCode> {
    let mut progress = Progress::load(course);
    match progress.room.take() {
        Some(membership) => {
            progress.save()?;
            println!(
                "You left the room at {}: nothing more is sent. Its dashboard keeps what it \
                 last heard from you.",
                membership.url
            );
        }
        None => println!(
            "You are in no room: `cargo xtask room join <URL> --code <CODE> --name <NAME>` joins one."
        ),
    }
    Ok(ExitCode::SUCCESS)
}
