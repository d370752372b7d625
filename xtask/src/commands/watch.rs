//! `cargo xtask watch`: `next`, again on every save.

use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::commands::next::{self, Stop};
use crate::course::Course;
use crate::interrupt;
use crate::ui::{self, Paint};

#[derive(clap::Args)]
pub struct Args {
    /// Only the exercises of this track.
    #[arg(long)]
    pub track: Option<String>,
    /// Look for changes by polling every half second, for file systems whose change
    /// events do not arrive (network drives, some virtual machines).
    #[arg(long)]
    pub poll: bool,
}

/// How often `--poll` looks at the files.
const POLL_EVERY: Duration = Duration::from_millis(500);

/// Saves come in bursts (write, rename, touch): wait this long for the burst to end.
const SETTLE: Duration = Duration::from_millis(150);
/// How often an idle watch looks for Ctrl-C.
const TICK: Duration = Duration::from_millis(200);

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let (sender, events) = mpsc::channel();
    let mut watcher: Box<dyn Watcher> = if args.poll {
        let config = notify::Config::default().with_poll_interval(POLL_EVERY);
        Box::new(
            notify::PollWatcher::new(sender, config)
                .context("could not start polling for changes")?,
        )
    } else {
        Box::new(notify::recommended_watcher(sender).context(
            "could not start the file watcher; try `cargo xtask watch --poll`, or run \
             `cargo xtask next` after each save",
        )?)
    };
    for folder in ["exercises", "checks"] {
        watcher
            .watch(&course.root.join(folder), RecursiveMode::Recursive)
            .with_context(|| {
                format!(
                    "could not watch {folder}/ for changes{}",
                    if args.poll {
                        ""
                    } else {
                        "; `cargo xtask watch --poll` may work where change events do not"
                    }
                )
            })?;
    }

    loop {
        if next::advance(course, args.track.as_deref())? == Stop::Interrupted {
            return Ok(ExitCode::SUCCESS);
        }
        println!(
            "\n{}",
            ui::paint(Paint::Dim, "Watching for saves… (Ctrl-C to stop)")
        );
        if !wait_for_save(&events)? {
            println!("Stopped watching.");
            return Ok(ExitCode::SUCCESS);
        }
        if ui::colour() {
            // Clear the screen, so each verdict starts at the top.
            print!("\x1b[2J\x1b[H");
        }
    }
}

/// Blocks until a source file changes (true) or the learner presses Ctrl-C (false).
fn wait_for_save(events: &mpsc::Receiver<notify::Result<notify::Event>>) -> Result<bool> {
    loop {
        if interrupt::requested() {
            return Ok(false);
        }
        match events.recv_timeout(TICK) {
            Ok(Ok(event)) if is_save(&event) => {
                // Let the rest of the burst arrive, then forget it.
                std::thread::sleep(SETTLE);
                while events.try_recv().is_ok() {}
                return Ok(true);
            }
            Ok(Ok(_)) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Ok(Err(error)) => ui::warn(&format!("the file watcher reported: {error}")),
            Err(mpsc::RecvTimeoutError::Disconnected) => bail!("the file watcher stopped"),
        }
    }
}

fn is_save(event: &notify::Event) -> bool {
    let relevant = |path: &Path| {
        path.extension()
            .is_some_and(|extension| extension == "rs" || extension == "snap")
    };
    matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    ) && event.paths.iter().any(|path| relevant(path))
}
