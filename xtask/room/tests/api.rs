//! The room's fixed API, driven over HTTP against the real server.

mod support;

use serde_json::json;
use support::*;

#[test]
fn a_join_gives_a_learner_and_a_token_and_refuses_what_it_must() {
    let room = start(&scratch("join"), Some(CODE));
    let url = &room.url;
    let join = |code: &str, name: &str| {
        post(
            url,
            "/api/join",
            &json!({ "code": code, "name": name }).to_string(),
        )
        .status
    };
    let reply = post(
        url,
        "/api/join",
        &json!({ "code": CODE, "name": "ada" }).to_string(),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    let body = reply.json();
    assert!(body["learner"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(
        body["token"]
            .as_str()
            .is_some_and(|token| token.len() >= 32)
    );

    assert_eq!(join("WRONG1", "bob"), 403, "a wrong code");
    assert_eq!(join(CODE, "ada"), 409, "a name already in the room");
    assert_eq!(join(CODE, ""), 400, "an empty name");
    assert_eq!(
        join(CODE, &"x".repeat(41)),
        400,
        "a name over 40 characters"
    );
    assert_eq!(join(CODE, &"x".repeat(40)), 201, "40 characters is allowed");
    assert_eq!(
        post(url, "/api/join", "{\"code\": ").status,
        400,
        "malformed JSON"
    );
    let padded = json!({ "code": CODE, "name": "cy" }).to_string();
    let padded = format!("{padded}{}", " ".repeat(4 * 1024 - padded.len()));
    assert_eq!(
        post(url, "/api/join", &padded).status,
        201,
        "a join of 4 KiB"
    );
    assert_eq!(
        post(url, "/api/join", &format!("{padded} ")).status,
        413,
        "a join over 4 KiB"
    );
    assert_eq!(
        learners(url).len(),
        3,
        "only the three good joins are in the room"
    );
}

#[test]
fn progress_is_taken_from_the_learners_own_token_only() {
    let room = start(&scratch("progress"), Some(CODE));
    let url = &room.url;
    let (ada, ada_token) = join(url, "ada");
    let (bob, bob_token) = join(url, "bob");
    let path = format!("/api/learners/{ada}/progress");

    assert_eq!(
        send(url, &ada, &ada_token, &update(Some("ring"), &["modulo"])).status,
        204
    );
    let seen = learners(url);
    let ada_row = seen.iter().find(|l| l["name"] == "ada").unwrap();
    assert_eq!(ada_row["current"], "ring");
    assert_eq!(ada_row["done"], 1);
    assert_eq!(ada_row["hints"], 4);
    assert!(ada_row["stuck_for_secs"].is_u64() && ada_row["last_seen_secs"].is_u64());

    let advance = update(Some("lfu"), &["modulo", "ring", "lru"]);
    assert_eq!(put(url, &path, None, &advance).status, 401, "no token");
    assert_eq!(
        put(url, &path, Some("not-a-token"), &advance).status,
        403,
        "a wrong token"
    );
    assert_eq!(
        send(url, &ada, &bob_token, &advance).status,
        403,
        "another learner's token"
    );
    assert_eq!(
        send(url, "nobody", &ada_token, &advance).status,
        403,
        "no such learner"
    );
    let big = format!("{}{}", advance, " ".repeat(64 * 1024));
    assert_eq!(
        send(url, &ada, &ada_token, &big).status,
        413,
        "a body over 64 KiB"
    );
    let roomy = format!("{}{}", advance, " ".repeat(64 * 1024 - advance.len()));
    assert_eq!(
        send(url, &bob, &bob_token, &roomy).status,
        204,
        "a body of exactly 64 KiB is taken"
    );
    assert_eq!(
        send(url, &ada, &ada_token, "{\"course\": [").status,
        400,
        "malformed JSON"
    );
    let unknown = update(Some("lfu"), &[]).replace("\"lfu\"", "\"btree\"");
    assert_eq!(
        send(url, &ada, &ada_token, &unknown).status,
        400,
        "an unknown exercise"
    );
    let bad_state = advance.replacen("\"done\"", "\"finished\"", 1);
    assert_eq!(
        send(url, &ada, &ada_token, &bad_state).status,
        400,
        "an unknown state"
    );

    let after = learners(url);
    let ada_row = after.iter().find(|l| l["name"] == "ada").unwrap();
    assert_eq!(
        (ada_row["current"].as_str(), ada_row["done"].as_u64()),
        (Some("ring"), Some(1)),
        "no refused update changed anything"
    );
    assert_eq!(send(url, &bob, &bob_token, &advance).status, 204);
}

#[test]
fn a_learner_sending_too_fast_is_slowed_and_no_one_else_is() {
    let room = start(&scratch("limit"), Some(CODE));
    let url = &room.url;
    let (ada, ada_token) = join(url, "ada");
    let (bob, bob_token) = join(url, "bob");
    let body = update(Some("modulo"), &[]);
    let started = std::time::Instant::now();
    let statuses: Vec<u16> = (0..40)
        .map(|_| send(url, &ada, &ada_token, &body).status)
        .collect();
    // A burst of 10, then 2 a second: however slow this machine, no more got through.
    let allowed = 10 + (started.elapsed().as_secs_f64() * 2.0).ceil() as usize;
    let passed = statuses.iter().filter(|&&status| status == 204).count();
    assert!(
        (10..=allowed).contains(&passed),
        "{passed} of 40 passed: {statuses:?}"
    );
    assert!(statuses.contains(&429), "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|&status| status == 204 || status == 429),
        "{statuses:?}"
    );
    assert_eq!(
        send(url, &bob, &bob_token, &body).status,
        204,
        "Bob is not slowed by Ada"
    );
}

#[test]
fn names_are_text_on_the_dashboard() {
    let room = start(&scratch("escape"), Some(CODE));
    let url = &room.url;
    let (id, token) = join(url, "<script>alert(1)</script>");
    assert_eq!(
        send(url, &id, &token, &update(Some("ring"), &[])).status,
        204
    );
    let page = get(url, "/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("<script>alert"),
        "a name reached the page as markup"
    );
    assert_eq!(
        page.body.matches("<script>").count(),
        1,
        "the page's own script only"
    );
}

#[test]
fn a_restart_keeps_the_room_its_code_and_its_learners() {
    let state = scratch("restart");
    let room = start(&state, Some(CODE));
    let (id, token) = join(&room.url, "ada");
    assert_eq!(
        send(
            &room.url,
            &id,
            &token,
            &update(Some("lru"), &["modulo", "ring"])
        )
        .status,
        204
    );
    room.stop().unwrap();

    let again = start(&state, None);
    let row = &learners(&again.url)[0];
    assert_eq!(
        (row["name"].as_str(), row["done"].as_u64()),
        (Some("ada"), Some(2))
    );
    assert_eq!(row["current"], "lru");
    assert_eq!(
        send(
            &again.url,
            &id,
            &token,
            &update(Some("lfu"), &["modulo", "ring", "lru"])
        )
        .status,
        204,
        "the learner's token still opens their door"
    );
    let room_json = get(&again.url, "/api/room").json();
    assert_eq!(room_json["code"], CODE, "the room keeps its code");
    let state_text = std::fs::read_to_string(&state).unwrap();
    assert!(
        !state_text.contains(&token),
        "the state file keeps no token"
    );
}

#[test]
fn a_corrupt_state_file_is_set_aside_and_the_room_opens_empty() {
    let state = scratch("corrupt");
    std::fs::write(&state, "{ not a room").unwrap();
    let room = start(&state, Some(CODE));
    assert!(learners(&room.url).is_empty());
    let kept = state.with_extension("json.corrupt-0");
    assert_eq!(std::fs::read_to_string(kept).unwrap(), "{ not a room");
    join(&room.url, "ada");
    room.stop().unwrap();
    assert!(std::fs::read_to_string(&state).unwrap().contains("ada"));
}

#[test]
fn the_dashboard_and_the_room_json_answer() {
    let room = start(&scratch("pages"), Some(CODE));
    let page = get(&room.url, "/");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("cargo xtask room join http://192.0.2.7:7878 --code K7Q2PX")
    );
    let body = get(&room.url, "/api/room").json();
    assert_eq!(body["learners"], json!([]));
    assert_eq!(get(&room.url, "/nothing-here").status, 404);
}

#[test]
fn hint_counts_as_large_as_the_api_takes_leave_the_room_readable() {
    let room = start(&scratch("hints"), Some(CODE));
    let url = &room.url;
    let (id, token) = join(url, "ada");
    let many =
        json!({ "exercise": "modulo", "state": "done", "hints": u32::MAX, "solution_seen": false });
    let more = json!({ "exercise": "ring", "state": "failing", "hints": u32::MAX, "solution_seen": false });
    let body = json!({ "course": "0123abc", "current": "ring", "exercises": [many, more] });
    assert_eq!(send(url, &id, &token, &body.to_string()).status, 204);
    assert_eq!(learners(url)[0]["hints"], 2 * u64::from(u32::MAX));
    assert_eq!(get(url, "/").status, 200, "the dashboard still renders");
}

#[test]
fn an_update_listing_an_exercise_twice_is_refused() {
    let room = start(&scratch("twice"), Some(CODE));
    let url = &room.url;
    let (id, token) = join(url, "ada");
    let done = json!({ "exercise": "modulo", "state": "done", "hints": 0, "solution_seen": false });
    let body = json!({ "course": "0123abc", "current": null, "exercises": [done, done, done] });
    assert_eq!(send(url, &id, &token, &body.to_string()).status, 400);
    assert_eq!(
        learners(url)[0]["done"],
        0,
        "no exercise counts three times"
    );
}

#[test]
fn a_join_that_could_not_be_saved_is_saved_once_it_can_be() {
    let state = scratch("unwritable");
    // A directory where the state file goes: every write fails until it is gone.
    std::fs::create_dir(&state).unwrap();
    let room = start(&state, Some(CODE));
    join(&room.url, "ada");
    std::fs::remove_dir(&state).unwrap();
    room.stop().unwrap();
    let saved = std::fs::read_to_string(&state).expect("the room saved on closing");
    assert!(saved.contains("ada"), "{saved}");
}

#[test]
fn a_state_file_that_is_not_even_text_is_set_aside_too() {
    let state = scratch("binary");
    let garbage = [0xff, 0xfe, 0x00, 0x80, b'{'];
    std::fs::write(&state, garbage).unwrap();
    let room = start(&state, Some(CODE));
    assert!(learners(&room.url).is_empty());
    join(&room.url, "ada");
    room.stop().unwrap();
    let kept = state.with_extension("json.corrupt-0");
    assert_eq!(std::fs::read(kept).ok(), Some(garbage.to_vec()));
    assert!(std::fs::read_to_string(&state).unwrap().contains("ada"));
}

#[test]
fn a_stalled_connection_does_not_keep_the_room_from_closing() {
    use std::io::Write;
    use std::time::Duration;

    let state = scratch("stalled");
    let room = start(&state, Some(CODE));
    join(&room.url, "ada");
    // A client that sends half a join and then nothing, like a laptop whose lid closed.
    let address = room.url.trim_start_matches("http://");
    let mut stalled = std::net::TcpStream::connect(address).unwrap();
    stalled
        .write_all(b"POST /api/join HTTP/1.1\r\nHost: room\r\nContent-Length: 100\r\n\r\n{")
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let (stopped, stop) = std::sync::mpsc::channel();
    std::thread::spawn(move || stopped.send(room.stop().is_ok()));
    assert_eq!(
        stop.recv_timeout(Duration::from_secs(15)),
        Ok(true),
        "the room closes in seconds, not when the stalled client gives up"
    );
    assert!(std::fs::read_to_string(&state).unwrap().contains("ada"));
    drop(stalled);
}

#[test]
fn times_are_counted_from_the_clock_of_the_room() {
    let state = scratch("clock");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let saved = json!({ "code": CODE, "learners": [{
        "id": "a1", "name": "ada", "token_digest": "00", "current": "ring",
        "current_since": now - 600, "last_seen": now - 300, "exercises": [],
    }] });
    std::fs::write(&state, saved.to_string()).unwrap();
    let room = start(&state, None);
    let ada = &learners(&room.url)[0];
    let stuck = ada["stuck_for_secs"].as_u64().unwrap();
    let seen = ada["last_seen_secs"].as_u64().unwrap();
    assert!((600..660).contains(&stuck), "stuck for {stuck} s");
    assert!((300..360).contains(&seen), "last seen {seen} s ago");
}

#[test]
fn a_room_opened_again_keeps_the_code_it_had() {
    let state = scratch("code");
    assert_eq!(room::code_for(Some("MINE42"), &state), "MINE42");
    start(&state, Some(CODE)).stop().unwrap();
    assert_eq!(room::code_for(None, &state), CODE);
    assert_eq!(
        room::code_for(Some("MINE42"), &state),
        "MINE42",
        "--code wins"
    );
    // Opened with another code and closed at once: that code is the room's now.
    start(&state, Some("MINE42")).stop().unwrap();
    assert_eq!(room::code_for(None, &state), "MINE42");
}
