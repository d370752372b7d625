//! A real room on 127.0.0.1, and a blocking client that speaks its API.

#![allow(dead_code)] // Each test file uses its own part of this.

use std::path::{Path, PathBuf};
use std::time::Duration;

use room::{Config, Outline, Running, Topic};
use serde_json::{Value, json};

pub const CODE: &str = "K7Q2PX";

/// A state directory of the test's own, empty.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("room-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("state.json")
}

pub fn outline() -> Outline {
    Outline {
        topics: vec![
            Topic {
                name: "hashing".into(),
                exercises: vec!["modulo".into(), "ring".into()],
            },
            Topic {
                name: "caching".into(),
                exercises: vec!["lru".into(), "lfu".into()],
            },
        ],
        track: None,
    }
}

pub fn start(state: &Path, code: Option<&str>) -> Running {
    let config = Config {
        code: code.map(str::to_string),
        outline: outline(),
        state: state.to_path_buf(),
        advertised: "http://192.0.2.7:7878".into(),
    };
    Running::start(config, "127.0.0.1:0".parse().unwrap()).unwrap()
}

pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.body))
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn reply(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut response = result.expect("the room answers");
    Reply {
        status: response.status().as_u16(),
        body: response.body_mut().read_to_string().unwrap_or_default(),
    }
}

pub fn post(url: &str, path: &str, body: &str) -> Reply {
    reply(
        agent()
            .post(format!("{url}{path}"))
            .header("Content-Type", "application/json")
            .send(body),
    )
}

pub fn put(url: &str, path: &str, token: Option<&str>, body: &str) -> Reply {
    let mut request = agent()
        .put(format!("{url}{path}"))
        .header("Content-Type", "application/json");
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    reply(request.send(body))
}

pub fn get(url: &str, path: &str) -> Reply {
    reply(agent().get(format!("{url}{path}")).call())
}

/// Joins as `name`: the learner's id and token.
pub fn join(url: &str, name: &str) -> (String, String) {
    let reply = post(
        url,
        "/api/join",
        &json!({ "code": CODE, "name": name }).to_string(),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    let body = reply.json();
    (
        body["learner"].as_str().unwrap().to_string(),
        body["token"].as_str().unwrap().to_string(),
    )
}

/// A progress update: `done` passed, `current` failing, the rest unseen.
pub fn update(current: Option<&str>, done: &[&str]) -> String {
    let exercises: Vec<Value> = ["modulo", "ring", "lru", "lfu"]
        .iter()
        .map(|name| {
            let state = if done.contains(name) {
                "done"
            } else if Some(*name) == current {
                "failing"
            } else {
                "unseen"
            };
            json!({ "exercise": name, "state": state, "hints": 1, "solution_seen": false })
        })
        .collect();
    json!({ "course": "0123abc", "current": current, "exercises": exercises }).to_string()
}

pub fn send(url: &str, id: &str, token: &str, body: &str) -> Reply {
    put(
        url,
        &format!("/api/learners/{id}/progress"),
        Some(token),
        body,
    )
}

/// The learners as `GET /api/room` lists them, by name.
pub fn learners(url: &str) -> Vec<Value> {
    let reply = get(url, "/api/room");
    assert_eq!(reply.status, 200);
    reply.json()["learners"].as_array().unwrap().clone()
}
