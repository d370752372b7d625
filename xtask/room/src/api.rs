//! The room over HTTP. The paths, bodies and status codes are fixed: tools outside
//! the course drive the room through them.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::Result;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post, put};
use serde::Deserialize;

use crate::page;
use crate::room::{JoinRefusal, Room, Update, UpdateRefusal};
use crate::store::{self, Saved};

/// The largest progress update: a whole course's states fit in a tenth of it.
const MAX_UPDATE: usize = 64 * 1024;
/// The largest join: a code and a name.
const MAX_JOIN: usize = 4 * 1024;

pub struct Shared {
    room: Mutex<Room>,
    state: PathBuf,
    advertised: String,
    /// Held while the state file is written, so that writes land in the order their
    /// snapshots were taken. Owned by the write itself: a save whose task is cut short
    /// (the saver when the room closes, a join whose client hangs up) still holds it
    /// until its thread has renamed the file, so no two writes share the temporary one.
    writing: Arc<tokio::sync::Mutex<()>>,
}

impl Shared {
    pub fn new(room: Room, state: PathBuf, advertised: String) -> Shared {
        Shared {
            room: Mutex::new(room),
            state,
            advertised,
            writing: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    fn room(&self) -> MutexGuard<'_, Room> {
        // A panic while the lock was held left a room that is still whole: every
        // change to it is a single assignment.
        self.room
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Writes the room to its state file if it changed since the last write.
    pub async fn save_if_changed(&self) -> Result<()> {
        let writing = Arc::clone(&self.writing).lock_owned().await;
        let saved = {
            let mut room = self.room();
            if !room.take_changed() {
                return Ok(());
            }
            Saved {
                code: room.code().to_string(),
                learners: room.learners().to_vec(),
            }
        };
        let path = self.state.clone();
        let written = tokio::task::spawn_blocking(move || {
            let _writing = writing;
            let text = serde_json::to_string(&saved)?;
            store::save(&path, &text)
        })
        .await?;
        if written.is_err() {
            // Still unsaved: the next tick (or the closing) tries again, once the disk
            // has room or the path can be written.
            self.room().mark_changed();
        }
        written
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(dashboard))
        .route("/api/room", get(room_json))
        .route("/api/join", post(join))
        .route("/api/learners/{id}/progress", put(progress))
        .with_state(shared)
}

async fn dashboard(State(shared): State<Arc<Shared>>) -> Html<String> {
    let view = shared.room().view(now());
    Html(page::render(&view, &shared.advertised))
}

async fn room_json(State(shared): State<Arc<Shared>>) -> Response {
    let view = shared.room().view(now());
    json(StatusCode::OK, &view)
}

#[derive(Deserialize)]
struct Join {
    code: String,
    name: String,
}

async fn join(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let body = match read_body(request.into_body(), MAX_JOIN).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    let join: Join = match serde_json::from_slice(&body) {
        Ok(join) => join,
        Err(error) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                &format!("expected {{\"code\": …, \"name\": …}}: {error}"),
            );
        }
    };
    let joined = shared.room().join(&join.code, &join.name, now());
    match joined {
        Ok((learner, token)) => {
            if let Err(error) = shared.save_if_changed().await {
                eprintln!("warning: {error:#}");
            }
            json(
                StatusCode::CREATED,
                &serde_json::json!({ "learner": learner, "token": token }),
            )
        }
        Err(JoinRefusal::WrongCode) => {
            refuse(StatusCode::FORBIDDEN, "that is not this room's code")
        }
        Err(JoinRefusal::BadName(why)) => refuse(StatusCode::BAD_REQUEST, why),
        Err(JoinRefusal::NameTaken) => refuse(
            StatusCode::CONFLICT,
            "someone in the room already has that name: choose another",
        ),
        Err(JoinRefusal::Full) => refuse(StatusCode::SERVICE_UNAVAILABLE, "the room is full"),
    }
}

async fn progress(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let Some(token) = bearer(request.headers()) else {
        let mut response = refuse(
            StatusCode::UNAUTHORIZED,
            "send `Authorization: Bearer <token>`, the token your join returned",
        );
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return response;
    };
    let admitted = shared.room().admit(&id, &token, Instant::now());
    if let Err(refusal) = admitted {
        return update_refused(refusal);
    }
    let body = match read_body(request.into_body(), MAX_UPDATE).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(error) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                &format!("not a progress update: {error}"),
            );
        }
    };
    let mut room = shared.room();
    if let Err(refusal) = room.validate(&update) {
        return update_refused(refusal);
    }
    room.update(&id, update, now());
    StatusCode::NO_CONTENT.into_response()
}

fn update_refused(refusal: UpdateRefusal) -> Response {
    match refusal {
        UpdateRefusal::NotYours => {
            refuse(StatusCode::FORBIDDEN, "that token is not this learner's")
        }
        UpdateRefusal::TooFast(seconds) => {
            let mut response = refuse(StatusCode::TOO_MANY_REQUESTS, "too many updates: slow down");
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            response
        }
        UpdateRefusal::Invalid(why) => refuse(StatusCode::BAD_REQUEST, &why),
    }
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
        .filter(|token| !token.is_empty())
}

/// The body, if it is at most `limit` bytes; `413` if it is longer.
async fn read_body(body: Body, limit: usize) -> Result<Bytes, Response> {
    axum::body::to_bytes(body, limit).await.map_err(|_| {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("a request body here is at most {limit} bytes"),
        )
    })
}

fn json(status: StatusCode, value: &impl serde::Serialize) -> Response {
    let body = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn refuse(status: StatusCode, why: &str) -> Response {
    json(status, &serde_json::json!({ "error": why }))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::room::{ExerciseProgress, Outline, State, Topic};

    #[tokio::test]
    async fn a_save_cut_short_holds_the_state_file_until_its_write_ends() {
        let names: Vec<String> = (0..88).map(|n| format!("exercise-{n}")).collect();
        let topic = Topic {
            name: "t".into(),
            exercises: names.clone(),
        };
        let outline = Outline {
            topics: vec![topic],
            track: None,
        };
        let mut room = Room::new("C".into(), outline, Vec::new());
        for n in 0..200 {
            let (id, _) = room.join("C", &format!("learner {n}"), 0).unwrap();
            let exercises = names
                .iter()
                .map(|name| ExerciseProgress {
                    exercise: name.clone(),
                    state: State::Done,
                    hints: 1,
                    solution_seen: false,
                    solution_seen_early: None,
                })
                .collect();
            let current = Some(names[0].clone());
            let course = "0123abc".into();
            room.update(
                &id,
                Update {
                    course,
                    current,
                    exercises,
                },
                0,
            );
        }
        let dir = std::env::temp_dir().join(format!("room-unit-cut-{}", std::process::id()));
        let shared = Arc::new(Shared::new(room, dir.join("state.json"), String::new()));
        // The room's saver is cut short like this when the room closes, and a join's
        // save when its client hangs up.
        let saving = tokio::spawn({
            let shared = Arc::clone(&shared);
            async move { shared.save_if_changed().await }
        });
        // The save takes its snapshot and hands the write to a thread of its own.
        tokio::task::yield_now().await;
        saving.abort();
        let _ = saving.await;
        assert!(
            shared.writing.try_lock().is_err(),
            "another save could write the same temporary file at the same time"
        );
        let _ = shared.writing.lock().await;
        let _ = std::fs::remove_dir_all(dir);
    }
}
