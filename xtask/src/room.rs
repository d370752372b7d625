//! The learner's side of the room: joining it, and telling it where the learner is
//! after every verdict. What is sent is progress only (states, counts, times), never
//! a line of the learner's code. The room is a nicety: an unreachable one never fails
//! a run, and costs it at most `WAIT`.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::course::{Course, Exercise};
use crate::progress::{Membership, Progress};
use crate::ui::{self, Paint};

/// How long a verdict waits for the room to take the learner's progress. A room on the
/// workshop's network answers in milliseconds; one that does not answer in this time
/// is told again after the next verdict.
const WAIT: Duration = Duration::from_millis(500);
/// The wait once the room has not answered: long enough for a room that is back on
/// the network, short enough that a room gone for good costs a verdict nothing.
const WAIT_WHILE_AWAY: Duration = Duration::from_millis(50);
/// How long the sending thread itself gives the room, where it outlives the wait
/// (`watch` keeps running).
const TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Serialize)]
struct Update<'a> {
    course: String,
    current: Option<&'a str>,
    exercises: Vec<ExerciseProgress<'a>>,
}

#[derive(Serialize)]
struct ExerciseProgress<'a> {
    exercise: &'a str,
    state: &'static str,
    hints: usize,
    solution_seen: bool,
    solution_seen_early: bool,
}

/// Where the room's server lives: a workspace of its own, which only
/// `cargo xtask room serve` (and the course's own `check`) compiles.
pub fn server_dir(root: &Path) -> PathBuf {
    root.join("xtask").join("room")
}

/// Joins the room at `url` as `name`, with the room's `code`.
pub fn join(url: &str, code: &str, name: &str) -> Result<Membership> {
    let url = normalise(url)?;
    let body = serde_json::json!({ "code": code, "name": name }).to_string();
    let mut response = agent(Some(Duration::from_secs(5)))
        .post(format!("{url}/api/join"))
        .header("Content-Type", "application/json")
        .send(body)
        .with_context(|| format!("could not reach the room at {url}: is the address right, and is this laptop on the room's network?"))?;
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    let reply: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    match status {
        201 => {
            let field = |key: &str| {
                reply[key].as_str().map(str::to_string).with_context(|| {
                    format!("the room at {url} answered without a `{key}`: {text}")
                })
            };
            let (learner, token) = (field("learner")?, field("token")?);
            Ok(Membership {
                url,
                learner,
                token,
                name: name.trim().to_string(),
                problem: None,
            })
        }
        403 => bail!("the room at {url} has another code: ask the instructor for it"),
        409 => bail!("someone in the room is already called `{name}`: choose another with --name"),
        _ => bail!(
            "the room at {url} refused the join ({status}): {}",
            reply["error"].as_str().unwrap_or(&text)
        ),
    }
}

/// `http://host:port`, from what a learner may type: `host:port`, a trailing slash.
fn normalise(url: &str) -> Result<String> {
    let url = url.trim().trim_end_matches('/');
    if url.starts_with("https://") {
        bail!("{url}: a room speaks plain HTTP on the workshop's network; use http://");
    }
    let url = if url.starts_with("http://") {
        url.to_string()
    } else {
        format!("http://{url}")
    };
    if url.len() <= "http://".len() {
        bail!("the room's address is missing: the instructor's screen shows it");
    }
    Ok(url)
}

fn agent(timeout: Option<Duration>) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(timeout)
        .build()
        .into()
}

/// Tells the room, if the learner joined one, where they are now. Says so once,
/// quietly, when the room cannot be told, and once when it can again. Returns whether
/// `progress` changed (what to say next time), so the caller saves it.
pub fn tell(course: &Course, progress: &mut Progress, current: Option<&Exercise>) -> bool {
    let Some(membership) = progress.room.clone() else {
        return false;
    };
    let body = update(course, progress, current);
    let (sender, outcome) = mpsc::channel();
    let url = format!(
        "{}/api/learners/{}/progress",
        membership.url, membership.learner
    );
    let token = membership.token.clone();
    std::thread::spawn(move || {
        let sent = agent(Some(TIMEOUT))
            .put(url)
            .header("Content-Type", "application/json")
            .header("Authorization", format!("Bearer {token}"))
            .send(body);
        let _ = sender.send(sent.map(|response| response.status().as_u16()));
    });
    let wait = if membership.problem.as_deref() == Some(&did_not_answer(&membership)) {
        WAIT_WHILE_AWAY
    } else {
        WAIT
    };
    let problem = match outcome.recv_timeout(wait) {
        Ok(Ok(204)) => None,
        // Sending too fast: the next verdict sends again, and nothing is wrong.
        Ok(Ok(429)) => membership.problem.clone(),
        Ok(Ok(401 | 403)) => Some(format!(
            "The room at {0} no longer knows you (was it opened afresh?): \
             `cargo xtask room join {0} --code <CODE> --name \"{1}\"` joins again.",
            membership.url, membership.name
        )),
        Ok(Ok(status)) => Some(format!(
            "The room at {} refused your progress ({status}): is your course at the \
             room's commit? `git pull` may help.",
            membership.url
        )),
        Ok(Err(_)) | Err(_) => Some(did_not_answer(&membership)),
    };
    if problem == membership.problem {
        return false;
    }
    match &problem {
        Some(problem) => println!("\n{}", ui::paint(Paint::Dim, problem)),
        None => println!(
            "\n{}",
            ui::paint(
                Paint::Dim,
                format!("The room at {} has your progress again.", membership.url)
            )
        ),
    }
    if let Some(room) = &mut progress.room {
        room.problem = problem;
    }
    true
}

fn did_not_answer(membership: &Membership) -> String {
    format!(
        "The room at {} did not answer; your progress stays here and goes with the next \
         verdict (`cargo xtask room leave` stops sending).",
        membership.url
    )
}

/// The learner's progress over the whole course, as the room takes it.
fn update(course: &Course, progress: &Progress, current: Option<&Exercise>) -> String {
    let exercises = course
        .exercises()
        .map(|exercise| {
            let seen = progress.solution_seen(&exercise);
            ExerciseProgress {
                exercise: exercise.entry.name.as_str(),
                state: progress.current_state(&course.root, &exercise).label(),
                hints: progress.hints_shown(&exercise),
                solution_seen: seen.is_some(),
                solution_seen_early: seen == Some(true),
            }
        })
        .collect();
    let update = Update {
        course: commit(course),
        current: current.map(Exercise::name),
        exercises,
    };
    serde_json::to_string(&update).unwrap_or_default()
}

/// The course's git commit, which tells the instructor who is on an old one.
fn commit(course: &Course) -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(&course.root)
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_address_becomes_a_room_url() {
        assert_eq!(
            normalise("192.168.1.20:7878/").unwrap(),
            "http://192.168.1.20:7878"
        );
        assert_eq!(normalise(" http://room:7878 ").unwrap(), "http://room:7878");
        assert!(normalise("https://room:7878").is_err());
        assert!(normalise("").is_err());
    }
}
