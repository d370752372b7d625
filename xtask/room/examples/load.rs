//! The room under a workshop's load, measured: 200 learners each sending their whole
//! progress once a second, and a projector fetching the dashboard every two seconds,
//! against a room on 127.0.0.1 in this process. Bounded in learners and seconds.
//!
//!     cargo run --manifest-path xtask/room/Cargo.toml --example load -- [--learners 200] [--seconds 30]
//!
//! It runs the build `cargo xtask room serve` runs (the dev profile), and prints the
//! latency of every kind of request: p50, p90, p99 and the slowest.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use room::{Config, Outline, Running, Topic};
use serde_json::json;
use support::{CODE, agent};

#[path = "../tests/support/mod.rs"]
mod support;
const TOPICS: usize = 11;
const PER_TOPIC: usize = 8;

fn main() {
    let mut learners = 200usize;
    let mut seconds = 30u64;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value: u64 = args
            .next()
            .and_then(|value| value.parse().ok())
            .unwrap_or_else(|| panic!("{flag} needs a number"));
        match flag.as_str() {
            "--learners" => learners = value.clamp(1, 1000) as usize,
            "--seconds" => seconds = value.clamp(1, 300),
            _ => panic!("unknown option {flag}: --learners N, --seconds N"),
        }
    }

    let state = std::env::temp_dir().join(format!("room-load-{}/state.json", std::process::id()));
    let room = Running::start(
        Config {
            code: Some(CODE.into()),
            outline: outline(),
            state: state.clone(),
            advertised: "http://127.0.0.1".into(),
        },
        "127.0.0.1:0".parse().unwrap(),
    )
    .unwrap();
    let url = room.url.clone();
    println!("{learners} learners, one update a second each, for {seconds} s, against {url}");

    let joined = Instant::now();
    let members: Vec<(String, String)> = (0..learners)
        .map(|n| support::join(&url, &format!("learner {n}")))
        .collect();
    println!(
        "{learners} joins in {:.2} s (each written to the state file before its answer)",
        joined.elapsed().as_secs_f64()
    );

    let start = Arc::new(Barrier::new(learners + 1));
    let senders: Vec<_> = members
        .into_iter()
        .enumerate()
        .map(|(n, (id, token))| {
            let (url, start) = (url.clone(), Arc::clone(&start));
            std::thread::spawn(move || {
                let agent = agent();
                start.wait();
                let began = Instant::now();
                // Spread the learners over the second, as real ones are.
                let phase = Duration::from_millis((n as u64 * 1000) / learners as u64);
                let mut timings = Vec::new();
                for second in 0..seconds {
                    let due = phase + Duration::from_secs(second);
                    if let Some(wait) = due.checked_sub(began.elapsed()) {
                        std::thread::sleep(wait);
                    }
                    let body = progress(n, second);
                    let sent = Instant::now();
                    let status = agent
                        .put(format!("{url}/api/learners/{id}/progress"))
                        .header("Authorization", format!("Bearer {token}"))
                        .send(body)
                        .map(|response| response.status().as_u16())
                        .unwrap_or(0);
                    timings.push((status, sent.elapsed()));
                }
                timings
            })
        })
        .collect();
    let projector = {
        let url = url.clone();
        std::thread::spawn(move || {
            let agent = agent();
            let mut timings = Vec::new();
            let began = Instant::now();
            while began.elapsed() < Duration::from_secs(seconds) {
                for path in ["/", "/api/room"] {
                    let sent = Instant::now();
                    let status = agent
                        .get(format!("{url}{path}"))
                        .call()
                        .map(|mut response| {
                            let _ = response.body_mut().read_to_string();
                            response.status().as_u16()
                        })
                        .unwrap_or(0);
                    timings.push((status, sent.elapsed()));
                }
                std::thread::sleep(Duration::from_secs(2));
            }
            timings
        })
    };
    start.wait();
    let updates: Vec<(u16, Duration)> = senders
        .into_iter()
        .flat_map(|sender| sender.join().unwrap())
        .collect();
    report("progress updates (PUT)", &updates);
    report("dashboard and room JSON (GET)", &projector.join().unwrap());
    room.stop().unwrap();
    let saved = std::fs::metadata(&state)
        .map(|meta| meta.len())
        .unwrap_or(0);
    println!("state file at the end: {} KiB", saved / 1024);
    let _ = std::fs::remove_dir_all(state.parent().unwrap());
}

fn outline() -> Outline {
    Outline {
        topics: (0..TOPICS)
            .map(|topic| Topic {
                name: format!("topic-{topic}"),
                exercises: (0..PER_TOPIC).map(|n| format!("t{topic}-e{n}")).collect(),
            })
            .collect(),
        track: None,
    }
}

/// Learner `n`'s whole progress after `second` seconds: they pass an exercise every
/// 20 seconds or so, each at their own pace.
fn progress(n: usize, second: u64) -> String {
    let done = ((second as usize + n) / 20).min(TOPICS * PER_TOPIC);
    let exercises: Vec<serde_json::Value> = (0..TOPICS * PER_TOPIC)
        .map(|i| {
            let state = match i.cmp(&done) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "failing",
                std::cmp::Ordering::Greater => "unseen",
            };
            json!({
                "exercise": format!("t{}-e{}", i / PER_TOPIC, i % PER_TOPIC),
                "state": state, "hints": i % 3, "solution_seen": false,
            })
        })
        .collect();
    let current =
        (done < TOPICS * PER_TOPIC).then(|| format!("t{}-e{}", done / PER_TOPIC, done % PER_TOPIC));
    json!({ "course": "0123456789ab", "current": current, "exercises": exercises }).to_string()
}

fn report(what: &str, timings: &[(u16, Duration)]) {
    let mut latencies: Vec<Duration> = timings.iter().map(|(_, took)| *took).collect();
    latencies.sort();
    let at = |quantile: f64| {
        let index = ((latencies.len() as f64 * quantile).ceil() as usize).saturating_sub(1);
        latencies[index.min(latencies.len() - 1)].as_secs_f64() * 1000.0
    };
    let mut statuses = std::collections::BTreeMap::new();
    for (status, _) in timings {
        *statuses.entry(*status).or_insert(0) += 1;
    }
    println!(
        "{what}: {} requests, statuses {statuses:?}; p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, slowest {:.1} ms",
        latencies.len(),
        at(0.50),
        at(0.90),
        at(0.99),
        latencies
            .last()
            .map_or(0.0, |slowest| slowest.as_secs_f64() * 1000.0),
    );
}
