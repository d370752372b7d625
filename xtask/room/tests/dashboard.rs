//! The dashboard in a real browser: headless Chromium, driven over WebDriver by
//! chromedriver. It loads, shows the learners with their exercises, and re-sorts by
//! itself when one of them moves on.

mod support;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::*;

/// chromedriver on a port of its own, stopped when dropped.
struct Driver {
    url: String,
    child: Child,
}

impl Driver {
    fn start() -> Driver {
        let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .unwrap()
            .port();
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| {
                panic!(
                    "could not start {program} ({error}). The dashboard's test needs Chromium \
                     and its driver: `apt-get install chromium chromium-driver` on Debian, as \
                     .ci/run does, or set CHROMEDRIVER to the driver's path."
                )
            });
        let driver = Driver {
            url: format!("http://127.0.0.1:{port}"),
            child,
        };
        wait_for("chromedriver to listen", || {
            ureq::get(format!("{}/status", driver.url))
                .call()
                .is_ok()
                .then_some(())
        });
        driver
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let url = format!("{}{path}", self.url);
        let mut response = match method {
            "POST" => agent.post(&url).send(body.to_string()),
            _ => agent.get(&url).call(),
        }
        .expect("chromedriver answers");
        let text = response.body_mut().read_to_string().unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert!(
            response.status().is_success(),
            "chromedriver: {method} {path}: {text}"
        );
        value["value"].clone()
    }
}

/// A browser session, closed when dropped, also when a check fails: chromedriver
/// does not end the browser it started when it is itself killed.
struct Session<'a> {
    driver: &'a Driver,
    path: String,
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = ureq::delete(format!("{}{}", self.driver.url, self.path)).call();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Asks `probe` every 100 ms until it answers, for at most 20 seconds.
fn wait_for<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The learners' rows as the browser shows them: name, exercise now, done per topic.
const ROWS: &str = "return Array.from(document.querySelectorAll('#learners tbody tr')).map(row => \
    [row.querySelector('.name').textContent, row.querySelector('.current').textContent, \
     Array.from(row.querySelectorAll('.done')).map(cell => cell.textContent).join(' '), \
     row.querySelector('.name').children.length])";

#[test]
fn the_dashboard_shows_the_room_and_follows_it_without_a_reload() {
    let room = start(&scratch("browser"), Some(CODE));
    let (ada, ada_token) = join(&room.url, "ada <b>lovelace</b>");
    let (bob, bob_token) = join(&room.url, "bob");
    assert_eq!(
        send(
            &room.url,
            &ada,
            &ada_token,
            &update(Some("ring"), &["modulo"])
        )
        .status,
        204
    );
    assert_eq!(
        send(&room.url, &bob, &bob_token, &update(Some("modulo"), &[])).status,
        204
    );

    let driver = Driver::start();
    let profile = std::env::temp_dir().join(format!("room-test-chromium-{}", std::process::id()));
    let session = driver.call(
        "POST",
        "/session",
        json!({ "capabilities": { "alwaysMatch": { "goog:chromeOptions": { "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", format!("--user-data-dir={}", profile.display()),
        ] } } } }),
    );
    let browser = Session {
        driver: &driver,
        path: format!("/session/{}", session["sessionId"].as_str().unwrap()),
    };
    let session = &browser.path;
    driver.call(
        "POST",
        &format!("{session}/url"),
        json!({ "url": format!("{}/", room.url) }),
    );
    let rows = |driver: &Driver| {
        driver.call(
            "POST",
            &format!("{session}/execute/sync"),
            json!({ "script": ROWS, "args": [] }),
        )
    };

    // Ada has been on her exercise at least as long as Bob, and the names tie-break.
    let first = rows(&driver);
    assert_eq!(
        first,
        json!([
            ["ada <b>lovelace</b>", "ring", "1/2 0/2", 0],
            ["bob", "modulo", "0/2 0/2", 0]
        ]),
        "a name is shown as text, never as markup"
    );

    // Ada finishes everything: her row drops below Bob's without anyone reloading.
    let everything = update(None, &["modulo", "ring", "lru", "lfu"]);
    assert_eq!(send(&room.url, &ada, &ada_token, &everything).status, 204);
    let resorted = wait_for("the dashboard to re-sort", || {
        let now = rows(&driver);
        (now != first).then_some(now)
    });
    assert_eq!(
        resorted,
        json!([
            ["bob", "modulo", "0/2 0/2", 0],
            ["ada <b>lovelace</b>", "finished", "2/2 2/2", 0]
        ])
    );

    // The room closes: the page says it has lost the room rather than go on showing
    // an old picture as if it were live.
    room.stop().unwrap();
    let lost = "return document.body.classList.contains('lost')";
    wait_for("the dashboard to say the room does not answer", || {
        let script = json!({ "script": lost, "args": [] });
        (driver.call("POST", &format!("{session}/execute/sync"), script) == json!(true))
            .then_some(())
    });
    drop(browser);
    let _ = std::fs::remove_dir_all(profile);
}
