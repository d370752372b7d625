//! `cargo xtask watch`: `next`, again on every save; single keys for a hint, the list,
//! a re-run or quitting.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::commands::next::{self, Stop};
use crate::commands::{hint, list};
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

/// What wakes a waiting watch.
enum Wake {
    Files(notify::Result<notify::Event>),
    Key(u8),
}

/// What the learner asked for while the watch waited.
enum Asked {
    Rerun,
    Hint,
    List,
    Quit,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let (sender, events) = mpsc::channel();
    let files = sender.clone();
    let on_change = move |event| {
        let _ = files.send(Wake::Files(event));
    };
    let mut watcher: Box<dyn Watcher> = if args.poll {
        let config = notify::Config::default().with_poll_interval(POLL_EVERY);
        Box::new(
            notify::PollWatcher::new(on_change, config)
                .context("could not start polling for changes")?,
        )
    } else {
        Box::new(notify::recommended_watcher(on_change).context(
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
    // Single keys, as rustlings takes them, when there is a terminal to read them from.
    let keys = keys::Raw::enable();
    if keys.is_some() {
        keys::forward(move |key| sender.send(Wake::Key(key)).is_ok());
    }
    let prompt = if keys.is_some() {
        "Watching for saves… h: next hint · l: list · r: run again · q: quit"
    } else {
        "Watching for saves… (Ctrl-C to stop)"
    };

    loop {
        if next::advance(course, args.track.as_deref())? == Stop::Interrupted {
            return Ok(ExitCode::SUCCESS);
        }
        println!("\n{}", ui::paint(Paint::Dim, prompt));
        loop {
            match wait(&events)? {
                Asked::Quit => {
                    println!("Stopped watching.");
                    return Ok(ExitCode::SUCCESS);
                }
                Asked::Hint => {
                    println!();
                    hint::run(
                        course,
                        &hint::Args {
                            exercise: None,
                            all: false,
                        },
                    )?;
                    println!("\n{}", ui::paint(Paint::Dim, prompt));
                }
                Asked::List => {
                    println!();
                    list::run(
                        course,
                        &list::Args {
                            json: false,
                            track: args.track.clone(),
                        },
                    )?;
                    println!("\n{}", ui::paint(Paint::Dim, prompt));
                }
                Asked::Rerun => break,
            }
        }
        if ui::colour() {
            // Clear the screen, so each verdict starts at the top.
            print!("\x1b[2J\x1b[H");
        }
        // Said at once: the verdict may take a second or more to build.
        println!("{}", ui::paint(Paint::Dim, "Re-running…"));
        std::io::stdout()
            .flush()
            .context("could not write to the terminal")?;
    }
}

/// Blocks until a source file changes or the learner presses a key or Ctrl-C.
fn wait(events: &mpsc::Receiver<Wake>) -> Result<Asked> {
    loop {
        if interrupt::requested() {
            return Ok(Asked::Quit);
        }
        match events.recv_timeout(TICK) {
            Ok(Wake::Files(Ok(event))) if is_save(&event) => {
                // Let the rest of the burst arrive, then forget it.
                std::thread::sleep(SETTLE);
                while let Ok(Wake::Files(_)) = events.try_recv() {}
                return Ok(Asked::Rerun);
            }
            Ok(Wake::Key(b'r')) => return Ok(Asked::Rerun),
            Ok(Wake::Key(b'h')) => return Ok(Asked::Hint),
            Ok(Wake::Key(b'l')) => return Ok(Asked::List),
            Ok(Wake::Key(b'q')) => return Ok(Asked::Quit),
            Ok(Wake::Files(Ok(_)) | Wake::Key(_)) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Ok(Wake::Files(Err(error))) => {
                ui::warn(&format!("the file watcher reported: {error}"));
            }
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

/// Reading single key presses from the terminal, without waiting for Enter.
mod keys {
    use std::io::{IsTerminal, Read};

    /// The terminal in non-canonical mode (keys arrive one at a time, unechoed) for as
    /// long as this lives; Ctrl-C still interrupts. Dropping it restores the terminal.
    pub struct Raw {
        #[cfg(unix)]
        saved: libc::termios,
    }

    impl Raw {
        /// `None` when standard input is not a terminal, or cannot be switched.
        #[cfg(unix)]
        pub fn enable() -> Option<Raw> {
            if !std::io::stdin().is_terminal() {
                return None;
            }
            // SAFETY: tcgetattr/tcsetattr on standard input, with a termios that
            // tcgetattr filled in before it is read or changed.
            unsafe {
                let mut saved: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(libc::STDIN_FILENO, &mut saved) != 0 {
                    return None;
                }
                let mut raw = saved;
                raw.c_lflag &= !(libc::ICANON | libc::ECHO);
                raw.c_cc[libc::VMIN] = 1;
                raw.c_cc[libc::VTIME] = 0;
                if libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &raw) != 0 {
                    return None;
                }
                Some(Raw { saved })
            }
        }

        #[cfg(not(unix))]
        pub fn enable() -> Option<Raw> {
            None
        }
    }

    #[cfg(unix)]
    impl Drop for Raw {
        fn drop(&mut self) {
            // SAFETY: restores the settings tcgetattr read in `enable`.
            unsafe {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &self.saved);
            }
        }
    }

    /// Hands every key pressed to `send` on a thread of its own, until it returns false.
    pub fn forward(mut send: impl FnMut(u8) -> bool + Send + 'static) {
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut byte = [0u8; 1];
            while stdin.read(&mut byte).is_ok_and(|read| read == 1) {
                if !send(byte[0].to_ascii_lowercase()) {
                    break;
                }
            }
        });
    }
}
