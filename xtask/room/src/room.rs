//! The room as a model: who is in it, where each learner is, and what the dashboard
//! and `GET /api/room` show of it. Times are seconds since the Unix epoch, passed in,
//! so the model is tested without waiting.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::limit::Bucket;

/// The course as the runner describes it when it opens the room.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Outline {
    pub topics: Vec<Topic>,
    /// The track the room works through; the whole course when `None`.
    #[serde(default)]
    pub track: Option<Track>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Topic {
    pub name: String,
    pub exercises: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Track {
    pub name: String,
    pub exercises: Vec<String>,
}

impl Outline {
    /// The topics the room works through, each with its exercises in the room's track.
    pub fn shown(&self) -> Vec<Topic> {
        self.topics
            .iter()
            .map(|topic| Topic {
                name: topic.name.clone(),
                exercises: topic
                    .exercises
                    .iter()
                    .filter(|exercise| self.in_room(exercise))
                    .cloned()
                    .collect(),
            })
            .filter(|topic| !topic.exercises.is_empty())
            .collect()
    }

    fn in_room(&self, exercise: &str) -> bool {
        self.track
            .as_ref()
            .is_none_or(|track| track.exercises.iter().any(|name| name == exercise))
    }

    fn knows(&self, exercise: &str) -> bool {
        self.topics
            .iter()
            .any(|topic| topic.exercises.iter().any(|name| name == exercise))
    }
}

/// An exercise's state as the learner's runner reports it (`cargo xtask list`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Done,
    Failing,
    Unseen,
    ChecksChanged,
}

/// One exercise in a progress update, as `PUT /api/learners/<id>/progress` takes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExerciseProgress {
    pub exercise: String,
    pub state: State,
    pub hints: u32,
    pub solution_seen: bool,
    /// Whether the solution was shown before the exercise passed (`solution --force`).
    /// Sent by the course's runner; other clients leave it out, and then a solution
    /// seen while the exercise does not pass counts as early.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution_seen_early: Option<bool>,
}

impl ExerciseProgress {
    fn seen_early(&self) -> bool {
        self.solution_seen_early
            .unwrap_or(self.solution_seen && self.state != State::Done)
    }
}

/// The body of a progress update.
#[derive(Debug, Deserialize)]
pub struct Update {
    pub course: String,
    pub current: Option<String>,
    pub exercises: Vec<ExerciseProgress>,
}

/// A learner as the room keeps them, in the state file too.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Learner {
    pub id: String,
    pub name: String,
    /// SHA-256 of the learner's token, in hex.
    token_digest: String,
    /// The course commit their runner last reported.
    #[serde(default)]
    course: Option<String>,
    #[serde(default)]
    current: Option<String>,
    /// Since when `current` has been what it is.
    current_since: u64,
    last_seen: u64,
    #[serde(default)]
    exercises: Vec<ExerciseProgress>,
    #[serde(skip)]
    bucket: Bucket,
}

/// Why a join was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum JoinRefusal {
    WrongCode,
    BadName(&'static str),
    NameTaken,
    Full,
}

/// Why an update was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum UpdateRefusal {
    /// No learner has this id, or the token is not theirs.
    NotYours,
    /// Too many updates, too fast: try again after this many seconds.
    TooFast(u64),
    Invalid(String),
}

/// How many learners a room takes: a workshop is a few dozen, and this bounds the
/// memory strangers with the code could make it hold.
pub const MAX_LEARNERS: usize = 1000;
/// The longest `course` an update may carry: a git commit, in hex, is 40 or 64.
pub const MAX_COURSE: usize = 100;
/// The longest name, in characters.
pub const MAX_NAME: usize = 40;

pub struct Room {
    code: String,
    outline: Outline,
    learners: Vec<Learner>,
    changed: bool,
}

impl Room {
    pub fn new(code: String, outline: Outline, learners: Vec<Learner>) -> Room {
        Room {
            code,
            outline,
            learners,
            changed: false,
        }
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    /// Admits a learner: their id and their token, which only they are ever told.
    pub fn join(
        &mut self,
        code: &str,
        name: &str,
        now: u64,
    ) -> Result<(String, String), JoinRefusal> {
        // Read off a projector and typed by hand: case does not matter.
        let (given, code) = (code.trim().to_uppercase(), self.code.to_uppercase());
        if !same_secret(given.as_bytes(), code.as_bytes()) {
            return Err(JoinRefusal::WrongCode);
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(JoinRefusal::BadName("a name must not be empty"));
        }
        if name.chars().count() > MAX_NAME {
            return Err(JoinRefusal::BadName("a name is at most 40 characters"));
        }
        if name.chars().any(|c| c.is_control() || invisible(c)) {
            return Err(JoinRefusal::BadName(
                "a name is one line of printable characters",
            ));
        }
        if self
            .learners
            .iter()
            .any(|learner| learner.name.to_lowercase() == name.to_lowercase())
        {
            return Err(JoinRefusal::NameTaken);
        }
        if self.learners.len() >= MAX_LEARNERS {
            return Err(JoinRefusal::Full);
        }
        let id = loop {
            let id = random_hex(6);
            if self.learners.iter().all(|learner| learner.id != id) {
                break id;
            }
        };
        let token = random_hex(16);
        self.learners.push(Learner {
            id: id.clone(),
            name: name.to_string(),
            token_digest: digest(&token),
            course: None,
            current: None,
            current_since: now,
            last_seen: now,
            exercises: Vec::new(),
            bucket: Bucket::default(),
        });
        self.changed = true;
        Ok((id, token))
    }

    /// Lets the learner `id` send an update if `token` is theirs and they are not
    /// sending too fast. Nothing changes when they may not.
    pub fn admit(
        &mut self,
        id: &str,
        token: &str,
        now: std::time::Instant,
    ) -> Result<(), UpdateRefusal> {
        let learner = self
            .learners
            .iter_mut()
            .find(|learner| learner.id == id)
            .filter(|learner| {
                same_secret(digest(token).as_bytes(), learner.token_digest.as_bytes())
            })
            .ok_or(UpdateRefusal::NotYours)?;
        learner.bucket.take(now).map_err(UpdateRefusal::TooFast)
    }

    /// Checks an update against the course, before it is applied.
    pub fn validate(&self, update: &Update) -> Result<(), UpdateRefusal> {
        let unknown = |name: &str| {
            UpdateRefusal::Invalid(format!("no exercise of this course is named `{name}`"))
        };
        if update.course.chars().count() > MAX_COURSE {
            return Err(UpdateRefusal::Invalid(format!(
                "`course` is the course's git commit, at most {MAX_COURSE} characters"
            )));
        }
        if let Some(current) = &update.current
            && !self.outline.knows(current)
        {
            return Err(unknown(current));
        }
        // An exercise has one state: listed twice, it would count twice on the dashboard.
        let mut listed = HashSet::new();
        for entry in &update.exercises {
            if !self.outline.knows(&entry.exercise) {
                return Err(unknown(&entry.exercise));
            }
            if !listed.insert(entry.exercise.as_str()) {
                return Err(UpdateRefusal::Invalid(format!(
                    "`{}` is listed twice",
                    entry.exercise
                )));
            }
        }
        Ok(())
    }

    /// Records a learner's progress, admitted and validated.
    pub fn update(&mut self, id: &str, update: Update, now: u64) {
        let Some(learner) = self.learners.iter_mut().find(|learner| learner.id == id) else {
            return;
        };
        if learner.current != update.current {
            learner.current = update.current;
            learner.current_since = now;
        }
        learner.course = Some(update.course);
        learner.exercises = update.exercises;
        learner.last_seen = now;
        self.changed = true;
    }

    /// Whether the room changed since this was last asked.
    pub fn take_changed(&mut self) -> bool {
        std::mem::take(&mut self.changed)
    }

    /// Marks the room as changed again, when what `take_changed` reported could not be
    /// saved.
    pub fn mark_changed(&mut self) {
        self.changed = true;
    }

    pub fn learners(&self) -> &[Learner] {
        &self.learners
    }

    /// The room as the dashboard and `GET /api/room` show it. It is computed under
    /// the room's lock, while updates wait: one pass over each learner's exercises.
    pub fn view(&self, now: u64) -> View {
        let topics = self.outline.shown();
        // Where each exercise of the room is: its topic, and its row in `exercises`.
        let mut place: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut exercises = Vec::new();
        for (topic_index, topic) in topics.iter().enumerate() {
            for name in &topic.exercises {
                place.insert(name.as_str(), (topic_index, exercises.len()));
                exercises.push(ExerciseView {
                    exercise: name.clone(),
                    topic: topic.name.clone(),
                    done: 0,
                    here: 0,
                    longest_here_secs: None,
                });
            }
        }
        let mut learners: Vec<LearnerView> = self
            .learners
            .iter()
            .map(|learner| {
                let mut done_by_topic = vec![0; topics.len()];
                for entry in &learner.exercises {
                    if entry.state == State::Done
                        && let Some(&(topic, row)) = place.get(entry.exercise.as_str())
                    {
                        done_by_topic[topic] += 1;
                        exercises[row].done += 1;
                    }
                }
                let stuck_for_secs = now.saturating_sub(learner.current_since);
                if let Some(&(_, row)) = learner.current.as_deref().and_then(|name| place.get(name))
                {
                    let exercise = &mut exercises[row];
                    exercise.here += 1;
                    exercise.longest_here_secs =
                        exercise.longest_here_secs.max(Some(stuck_for_secs));
                }
                LearnerView {
                    name: learner.name.clone(),
                    current: learner.current.clone(),
                    done: done_by_topic.iter().sum(),
                    stuck_for_secs: if learner.current.is_some() {
                        stuck_for_secs
                    } else {
                        0
                    },
                    hints: learner
                        .exercises
                        .iter()
                        .map(|entry| u64::from(entry.hints))
                        .sum(),
                    last_seen_secs: now.saturating_sub(learner.last_seen),
                    done_by_topic,
                    solutions_seen_early: learner
                        .exercises
                        .iter()
                        .filter(|entry| entry.seen_early())
                        .map(|entry| entry.exercise.clone())
                        .collect(),
                    course: learner.course.clone(),
                }
            })
            .collect();
        // The longest-stuck learner first; those who have finished last.
        learners.sort_by(|a, b| {
            (b.current.is_some(), b.stuck_for_secs)
                .cmp(&(a.current.is_some(), a.stuck_for_secs))
                .then_with(|| a.name.cmp(&b.name))
        });
        View {
            code: self.code.clone(),
            track: self.outline.track.as_ref().map(|track| track.name.clone()),
            topics: topics
                .into_iter()
                .map(|topic| TopicView {
                    exercises: topic.exercises.len(),
                    name: topic.name,
                })
                .collect(),
            learners,
            exercises,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct View {
    pub code: String,
    pub track: Option<String>,
    pub topics: Vec<TopicView>,
    pub learners: Vec<LearnerView>,
    /// Where the room is, exercise by exercise.
    pub exercises: Vec<ExerciseView>,
}

#[derive(Debug, Serialize)]
pub struct TopicView {
    pub name: String,
    pub exercises: usize,
}

#[derive(Debug, Serialize)]
pub struct LearnerView {
    pub name: String,
    pub current: Option<String>,
    /// Exercises done, of the room's track.
    pub done: usize,
    /// How long the learner has been on their current exercise.
    pub stuck_for_secs: u64,
    /// Hints seen, over all exercises: a `u64`, so that no sum of the `u32` counts an
    /// update may carry overflows (which would panic every view of the room).
    pub hints: u64,
    pub last_seen_secs: u64,
    /// Exercises done in each of `View::topics`, in order.
    pub done_by_topic: Vec<usize>,
    /// Exercises whose solution they looked at before passing.
    pub solutions_seen_early: Vec<String>,
    pub course: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ExerciseView {
    pub exercise: String,
    pub topic: String,
    pub done: usize,
    /// Learners on it now.
    pub here: usize,
    pub longest_here_secs: Option<u64>,
}

/// A room code: six characters that cannot be misread for one another on a projector.
pub fn draw_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    // 32 symbols divide 256, so every symbol is equally likely.
    bytes
        .iter()
        .map(|byte| ALPHABET[usize::from(byte % 32)] as char)
        .collect()
}

/// Characters that print nothing, or reorder the text around them: in a name, they
/// would let it look exactly like another learner's on the dashboard.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{61C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).expect("the operating system's random source");
    buffer.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Compares two secrets in time that depends on their length only, not on where they
/// first differ (the security topic's `hmac` lesson).
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |difference, (a, b)| difference | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline() -> Outline {
        Outline {
            topics: vec![
                Topic {
                    name: "hashing".into(),
                    exercises: vec!["modulo".into(), "ring".into()],
                },
                Topic {
                    name: "caching".into(),
                    exercises: vec!["lru".into()],
                },
            ],
            track: None,
        }
    }

    fn progress(current: Option<&str>, done: &[&str]) -> Update {
        Update {
            course: "abc".into(),
            current: current.map(str::to_string),
            exercises: done
                .iter()
                .map(|name| ExerciseProgress {
                    exercise: name.to_string(),
                    state: State::Done,
                    hints: 1,
                    solution_seen: false,
                    solution_seen_early: None,
                })
                .collect(),
        }
    }

    #[test]
    fn joins_are_refused_for_a_wrong_code_a_bad_name_or_a_taken_one() {
        let mut room = Room::new("K7Q2PX".into(), outline(), Vec::new());
        assert_eq!(room.join("K7Q2PY", "ada", 0), Err(JoinRefusal::WrongCode));
        assert!(
            room.join(" k7q2px ", "typed", 0).is_ok(),
            "as typed off a projector"
        );
        assert!(matches!(
            room.join("K7Q2PX", "  ", 0),
            Err(JoinRefusal::BadName(_))
        ));
        assert!(matches!(
            room.join("K7Q2PX", &"a".repeat(41), 0),
            Err(JoinRefusal::BadName(_))
        ));
        assert!(
            room.join("K7Q2PX", &"é".repeat(40), 0).is_ok(),
            "40 characters, 80 bytes"
        );
        assert!(room.join("K7Q2PX", "ada", 0).is_ok());
        assert_eq!(room.join("K7Q2PX", "Ada", 0), Err(JoinRefusal::NameTaken));
        // Invisible or reordering characters would let a name pass for Ada's.
        for lookalike in [
            "ada\u{200B}",
            "a\u{200D}da",
            "\u{202E}ada",
            "ad\u{AD}a",
            "\u{FEFF}ada",
        ] {
            assert!(
                matches!(
                    room.join("K7Q2PX", lookalike, 0),
                    Err(JoinRefusal::BadName(_))
                ),
                "{lookalike:?}"
            );
        }
    }

    #[test]
    fn only_the_learners_own_token_is_admitted() {
        let mut room = Room::new("C".into(), outline(), Vec::new());
        let (ada, ada_token) = room.join("C", "ada", 0).unwrap();
        let (bob, _) = room.join("C", "bob", 0).unwrap();
        let now = std::time::Instant::now();
        assert_eq!(room.admit(&ada, &ada_token, now), Ok(()));
        assert_eq!(
            room.admit(&bob, &ada_token, now),
            Err(UpdateRefusal::NotYours)
        );
        assert_eq!(
            room.admit("nobody", &ada_token, now),
            Err(UpdateRefusal::NotYours)
        );
        assert_eq!(room.admit(&ada, "", now), Err(UpdateRefusal::NotYours));
    }

    #[test]
    fn the_longest_stuck_learner_comes_first_and_finished_ones_last() {
        let mut room = Room::new("C".into(), outline(), Vec::new());
        let ids: Vec<String> = ["ada", "bob", "cy"]
            .iter()
            .map(|name| room.join("C", name, 0).unwrap().0)
            .collect();
        room.update(&ids[0], progress(Some("ring"), &["modulo"]), 100);
        room.update(&ids[1], progress(Some("modulo"), &[]), 10);
        room.update(&ids[2], progress(None, &["modulo", "ring", "lru"]), 50);
        let view = room.view(200);
        let order: Vec<&str> = view.learners.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(order, ["bob", "ada", "cy"]);
        assert_eq!(view.learners[0].stuck_for_secs, 190);
        assert_eq!(view.learners[1].done_by_topic, [1, 0]);
        assert_eq!(view.learners[2].done, 3);

        // Ada moves on: her clock starts again, and Bob stays on top.
        room.update(&ids[0], progress(Some("lru"), &["modulo", "ring"]), 200);
        let view = room.view(230);
        assert_eq!(view.learners[1].name, "ada");
        assert_eq!(view.learners[1].stuck_for_secs, 30);
        // An update that stays on the same exercise does not reset the clock.
        room.update(&ids[1], progress(Some("modulo"), &[]), 220);
        assert_eq!(room.view(230).learners[0].stuck_for_secs, 220);
        let modulo = &room.view(230).exercises[0];
        assert_eq!(
            (modulo.done, modulo.here, modulo.longest_here_secs),
            (2, 1, Some(220))
        );
    }

    #[test]
    fn a_track_narrows_what_counts_but_every_course_exercise_is_known() {
        let mut outline = outline();
        outline.track = Some(Track {
            name: "hashing-half-day".into(),
            exercises: vec!["ring".into()],
        });
        let mut room = Room::new("C".into(), outline, Vec::new());
        let (id, _) = room.join("C", "ada", 0).unwrap();
        let update = progress(Some("lru"), &["modulo", "ring"]);
        assert_eq!(room.validate(&update), Ok(()));
        room.update(&id, update, 5);
        let view = room.view(5);
        assert_eq!(view.topics.len(), 1);
        assert_eq!(view.learners[0].done, 1);
        assert!(matches!(
            room.validate(&progress(Some("nope"), &[])),
            Err(UpdateRefusal::Invalid(_))
        ));
        assert!(matches!(
            room.validate(&progress(None, &["nope"])),
            Err(UpdateRefusal::Invalid(_))
        ));
        let mut commit_course = progress(None, &[]);
        commit_course.course = "f".repeat(MAX_COURSE);
        assert_eq!(room.validate(&commit_course), Ok(()));
        let mut long_course = progress(None, &[]);
        long_course.course = "f".repeat(MAX_COURSE + 1);
        assert!(matches!(
            room.validate(&long_course),
            Err(UpdateRefusal::Invalid(_))
        ));
    }

    #[test]
    fn a_solution_seen_before_the_pass_counts_as_early() {
        let entry = |state, seen, early| ExerciseProgress {
            exercise: "lru".into(),
            state,
            hints: 0,
            solution_seen: seen,
            solution_seen_early: early,
        };
        assert!(entry(State::Failing, true, None).seen_early());
        assert!(!entry(State::Done, true, None).seen_early());
        assert!(entry(State::Done, true, Some(true)).seen_early());
        assert!(!entry(State::Failing, false, None).seen_early());
    }

    #[test]
    fn codes_are_six_unambiguous_characters() {
        let code = draw_code();
        assert_eq!(code.len(), 6);
        assert!(
            code.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        );
        assert!(!code.contains(['0', 'O', '1', 'I']));
        // Every one of the 32 symbols turns up: 1,200 draws miss one with a chance
        // of about 32 × (31/32)^1200, below 10^-15.
        let drawn: std::collections::HashSet<char> = (0..200)
            .flat_map(|_| draw_code().chars().collect::<Vec<_>>())
            .collect();
        assert_eq!(drawn.len(), 32);
    }

    #[test]
    fn secrets_match_only_when_every_byte_does() {
        assert!(same_secret(b"K7Q2PX", b"K7Q2PX"));
        assert!(!same_secret(b"K7Q2PX", b"K7Q2P"));
        // Two bytes that differ by the same bits must not cancel each other out.
        assert!(!same_secret(b"J7P2PX", b"K7Q2PX"));
    }
}
