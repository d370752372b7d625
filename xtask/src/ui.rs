//! Terminal output: colour when the terminal has it, none with `NO_COLOR` or when piped.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub enum Paint {
    Bold,
    Dim,
    Red,
    Green,
    Yellow,
    Cyan,
}

/// Whether standard output gets colour; decided once per run.
pub fn colour() -> bool {
    static COLOUR: OnceLock<bool> = OnceLock::new();
    *COLOUR.get_or_init(|| colour_on(std::io::stdout().is_terminal()))
}

/// Colour goes to a terminal, unless `NO_COLOR` is set (https://no-color.org).
fn colour_on(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

pub fn paint(style: Paint, text: impl std::fmt::Display) -> String {
    paint_if(colour(), style, text)
}

/// The `error` or `warning` label of a message on standard error, which may be a
/// terminal when standard output is not, or the other way round.
pub fn stderr_label(label: &str, style: Paint) -> String {
    paint_if(colour_on(std::io::stderr().is_terminal()), style, label)
}

fn paint_if(colour: bool, style: Paint, text: impl std::fmt::Display) -> String {
    if !colour {
        return text.to_string();
    }
    let code = match style {
        Paint::Bold => "1",
        Paint::Dim => "2",
        Paint::Red => "31",
        Paint::Green => "32",
        Paint::Yellow => "33",
        Paint::Cyan => "36",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

pub fn pass_mark() -> String {
    paint(Paint::Green, "✓")
}

pub fn fail_mark() -> String {
    paint(Paint::Red, "✗")
}

pub fn warn(message: &str) {
    eprintln!("{}: {message}", stderr_label("warning", Paint::Yellow));
}

/// Erases the last `count` lines a terminal shows on standard error.
pub fn wipe_lines_above(count: usize) {
    if std::io::stderr().is_terminal() {
        eprint!("{}", "\x1b[1A\x1b[2K".repeat(count));
    }
}

/// A line on standard error that says what the runner is waiting for and for how
/// long, redrawn every second so a long wait never looks like a hang; cleared when
/// dropped. Nothing at all when standard error is not a terminal.
pub struct Status {
    live: Option<Live>,
}

struct Live {
    shared: Arc<(Mutex<StatusLine>, Condvar)>,
    ticker: Option<JoinHandle<()>>,
}

struct StatusLine {
    text: String,
    started: Instant,
    done: bool,
}

impl Status {
    pub fn start(text: impl Into<String>) -> Status {
        if !std::io::stderr().is_terminal() {
            return Status { live: None };
        }
        let line = StatusLine {
            text: text.into(),
            started: Instant::now(),
            done: false,
        };
        let shared = Arc::new((Mutex::new(line), Condvar::new()));
        let ticking = Arc::clone(&shared);
        let ticker = std::thread::spawn(move || {
            let (line, wake) = &*ticking;
            let Ok(mut line) = line.lock() else { return };
            while !line.done {
                line.draw();
                line = match wake.wait_timeout(line, Duration::from_secs(1)) {
                    Ok((line, _)) => line,
                    Err(_) => return,
                };
            }
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
        });
        Status {
            live: Some(Live {
                shared,
                ticker: Some(ticker),
            }),
        }
    }

    /// Says what is happening now; shown at once.
    pub fn set(&self, text: impl Into<String>) {
        if let Some(live) = &self.live
            && let Ok(mut line) = live.shared.0.lock()
        {
            line.text = text.into();
            line.draw();
        }
    }
}

impl StatusLine {
    fn draw(&self) {
        let seconds = self.started.elapsed().as_secs();
        let text: String = self.text.chars().take(90).collect();
        eprint!(
            "\r\x1b[2K{}",
            // Drawn only on a terminal, so NO_COLOR alone decides.
            paint_if(colour_on(true), Paint::Dim, format!("{text} ({seconds} s)"))
        );
        let _ = std::io::stderr().flush();
    }
}

impl Drop for Status {
    fn drop(&mut self) {
        if let Some(live) = &mut self.live {
            if let Ok(mut line) = live.shared.0.lock() {
                line.done = true;
            }
            live.shared.1.notify_all();
            if let Some(ticker) = live.ticker.take() {
                let _ = ticker.join();
            }
        }
    }
}

/// Drops the " at line L column C" that serde adds, for messages that name the place first.
pub fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => &message[..at],
        _ => message,
    }
}

/// `[####------] 4/10`
pub fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}] {done}/{total}",
        paint(Paint::Green, "#".repeat(filled)),
        "-".repeat(width - filled)
    )
}

/// Indents every line of `text` by `by` spaces.
pub fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Keeps the first `max` lines of `text`, saying how many were left out.
pub fn first_lines(text: &str, max: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= max {
        return text.trim_end().to_string();
    }
    format!(
        "{}\n{}",
        lines[..max].join("\n"),
        paint(Paint::Dim, format!("… {} more lines", lines.len() - max))
    )
}

/// A local date and time for file names and listings, from seconds since the Unix
/// epoch (UTC; good enough to order backups).
pub fn timestamp(secs: u64) -> String {
    let days = secs / 86_400;
    let rest = secs % 86_400;
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A length of time for people: `45 min`, `2 h`, `3 h 30 min`.
pub fn hours_and_minutes(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, minutes) => format!("{minutes} min"),
        (hours, 0) => format!("{hours} h"),
        (hours, minutes) => format!("{hours} h {minutes} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_calendar_dates() {
        assert_eq!(timestamp(0), "1970-01-01T000000Z");
        assert_eq!(timestamp(951_782_400), "2000-02-29T000000Z");
        assert_eq!(timestamp(1_795_000_000), "2026-11-18T110640Z");
    }

    #[test]
    fn long_text_is_cut_with_a_count() {
        let text = "a\nb\nc\nd";
        assert_eq!(first_lines(text, 4), text);
        assert!(first_lines(text, 2).starts_with("a\nb\n"));
        assert!(first_lines(text, 2).contains("2 more lines"));
    }

    #[test]
    fn lengths_of_time_read_as_people_say_them() {
        assert_eq!(hours_and_minutes(45), "45 min");
        assert_eq!(hours_and_minutes(120), "2 h");
        assert_eq!(hours_and_minutes(210), "3 h 30 min");
    }
}
