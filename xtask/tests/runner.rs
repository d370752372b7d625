//! The real runner on a tiny fixture course (`tests/fixture`), its screens snapshotted.
//!
//! Each test copies the fixture to a scratch folder of its own, so tests can edit
//! stubs and progress freely and run in parallel.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("xtask-runner-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture"),
            &dir,
        );
        Scratch { dir }
    }

    /// Runs `cargo xtask <args>` in the scratch course; returns (exit code, stdout, stderr).
    fn xtask(&self, args: &[&str]) -> (i32, String, String) {
        // A target folder per test: cargo names a workspace's artifacts by their path
        // inside the workspace, so two copies of the fixture would overwrite each other's.
        let target = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../target/fixture")
            .join(self.dir.file_name().unwrap());
        let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .current_dir(&self.dir)
            .env("NO_COLOR", "1")
            .env("CARGO_TARGET_DIR", target)
            .output()
            .expect("the runner starts");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.dir.join(path)).unwrap()
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .args(args)
            .current_dir(&self.dir)
            .env("GIT_AUTHOR_NAME", "learner")
            .env("GIT_AUTHOR_EMAIL", "learner@example.com")
            .env("GIT_COMMITTER_NAME", "learner")
            .env("GIT_COMMITTER_EMAIL", "learner@example.com")
            .output()
            .unwrap()
            .status;
        assert!(status.success(), "git {args:?}");
    }

    fn solve(&self, exercise: &str) {
        let path = format!("demo/src/{exercise}.rs");
        self.write(
            &format!("exercises/{path}"),
            &self.read(&format!("solutions/{path}")),
        );
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn next_shows_the_first_failing_exercise() {
    let course = Scratch::new("failing");
    let (code, stdout, _) = course.xtask(&["next"]);
    assert_eq!(code, 1, "next exits non-zero while an exercise fails");
    insta::assert_snapshot!(stdout);
}

#[test]
fn next_shows_a_compile_error_from_the_learners_file() {
    let course = Scratch::new("compile-error");
    course.write(
        "exercises/demo/src/add.rs",
        "pub fn add(a: u32, b: u32) -> u32 {\n    a + b + \"one\"\n}\n",
    );
    let (code, stdout, _) = course.xtask(&["next"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("Edit   exercises/demo/src/add.rs"),
        "{stdout}"
    );
    assert!(
        stdout.contains("--> exercises/demo/src/add.rs:2"),
        "{stdout}"
    );
    // rustc's wording changes between releases; the screen around it is ours.
    let (before, rest) = stdout.split_once("(1 error):\n").unwrap();
    let (_, after) = rest.split_once("\nProgress").unwrap();
    let screen = format!("{before}(1 error):\n  [rustc's message]\n\nProgress{after}");
    insta::assert_snapshot!(screen);
}

#[test]
fn a_compile_error_in_another_exercise_names_that_file() {
    let course = Scratch::new("elsewhere");
    course.write(
        "exercises/demo/src/greet.rs",
        "pub fn greet(name: &str) -> String {\n    name + 1\n}\n",
    );
    let (code, stdout, _) = course.xtask(&["next"]);
    assert_eq!(code, 1);
    let last = stdout.trim_end().lines().last().unwrap_or_default();
    assert_eq!(
        last,
        "The errors are in exercises/demo/src/greet.rs, not in exercises/demo/src/add.rs: \
         every exercise of the topic compiles together. Fix it, or `cargo xtask reset greet` \
         puts it back as shipped (keeping yours in .backups/).",
        "{stdout}"
    );
}

#[test]
fn a_loop_that_never_ends_is_stopped_at_the_time_limit() {
    let course = Scratch::new("timeout");
    course.write(
        "exercises/demo/src/add.rs",
        "pub fn add(a: u32, b: u32) -> u32 {\n    if b == 0 {\n        return 99;\n    }\n    \
         #[allow(clippy::empty_loop)]\n    loop {}\n}\n",
    );
    let started = Instant::now();
    let (code, stdout, _) = course.xtask(&["next"]);
    let elapsed = started.elapsed();
    assert_eq!(code, 1);
    assert!(
        elapsed < Duration::from_secs(60),
        "the runner took {elapsed:?}; it should stop the checks after the 2 s limit"
    );
    // The check that failed before the limit keeps its message.
    assert!(stdout.contains("7 + 0 should be 7"), "{stdout}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn a_solved_exercise_moves_next_on_and_the_course_completes() {
    let course = Scratch::new("complete");
    course.solve("add");
    let (code, stdout, _) = course.xtask(&["next"]);
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with(
            "✓ add: every check passes (`cargo xtask solution add` to compare). On to the next one."
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("Edit   exercises/demo/src/greet.rs"),
        "{stdout}"
    );

    course.solve("greet");
    let (code, stdout, _) = course.xtask(&["next"]);
    assert_eq!(code, 0, "next exits 0 once the course is complete");
    assert!(
        !stdout.contains("exercises/"),
        "a complete course names no file:\n{stdout}"
    );
    insta::assert_snapshot!(stdout);

    let (_, json, _) = course.xtask(&["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let states: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["exercise"].as_str().unwrap(),
                row["state"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(states, [("add", "done"), ("greet", "done")]);
}

#[test]
fn a_track_limits_next_and_list() {
    let course = Scratch::new("track");
    let (_, stdout, _) = course.xtask(&["next", "--track", "greet-half-day"]);
    assert!(
        stdout.contains("Edit   exercises/demo/src/greet.rs"),
        "{stdout}"
    );
    let (_, json, _) = course.xtask(&["list", "--json", "--track", "greet-half-day"]);
    assert!(
        json.contains("\"greet\"") && !json.contains("\"add\""),
        "{json}"
    );
    let (code, _, stderr) = course.xtask(&["list", "--track", "greet-half-dy"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean `greet-half-day`?"),
        "{stderr}"
    );
}

#[test]
fn a_malformed_manifest_names_its_line_and_column() {
    let course = Scratch::new("bad-yaml");
    let yaml = course
        .read("course.yaml")
        .replace("    title: Demo", "    title: [Demo");
    course.write("course.yaml", &yaml);
    let (code, stdout, stderr) = course.xtask(&["next"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_garbage_progress_file_is_set_aside_and_nothing_is_lost() {
    let course = Scratch::new("garbage-progress");
    course.write(".progress.json", "\u{0}\u{1} not json at all");
    let (code, stdout, stderr) = course.xtask(&["next"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("Edit   exercises/demo/src/add.rs"),
        "{stdout}"
    );
    insta::assert_snapshot!(stderr);
    assert_eq!(
        course.read(".progress.json.corrupt-0"),
        "\u{0}\u{1} not json at all"
    );
}

#[test]
fn hints_come_one_at_a_time() {
    let course = Scratch::new("hints");
    let (_, first, _) = course.xtask(&["hint", "add"]);
    let (_, second, _) = course.xtask(&["hint", "add"]);
    assert!(
        first.contains("1. Use the plus sign.") && !first.contains("2."),
        "{first}"
    );
    assert!(second.contains("2. `a + b`"), "{second}");
    insta::assert_snapshot!(second);
}

#[test]
fn the_solution_stays_hidden_until_the_exercise_passes() {
    let course = Scratch::new("solution");
    let (code, stdout, _) = course.xtask(&["solution", "add"]);
    assert_eq!(code, 1);
    assert!(!stdout.contains("a + b"), "{stdout}");
    let (code, stdout, _) = course.xtask(&["solution", "add", "--force"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("a + b"), "{stdout}");
}

#[test]
fn reset_restores_the_shipped_stub_and_keeps_a_backup() {
    let course = Scratch::new("reset");
    let git = |args: &[&str]| course.git(args);
    git(&["init", "-q"]);
    assert_eq!(course.xtask(&["lock"]).0, 0);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "the course as shipped"]);
    let shipped = course.read("exercises/demo/src/add.rs");

    // The learner's work, committed: reset must still find the shipped stub.
    course.solve("add");
    git(&["commit", "-q", "-am", "my answer"]);
    let (code, stdout, _) = course.xtask(&["reset", "add"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(course.read("exercises/demo/src/add.rs"), shipped);
    let backups: Vec<_> = std::fs::read_dir(course.dir.join(".backups"))
        .unwrap()
        .collect();
    assert_eq!(backups.len(), 1);
    let backup = std::fs::read_to_string(backups[0].as_ref().unwrap().path()).unwrap();
    assert!(
        backup.contains("a + b"),
        "the backup holds the learner's answer"
    );
}

#[test]
fn an_unknown_exercise_gets_a_suggestion() {
    let course = Scratch::new("unknown");
    let (code, _, stderr) = course.xtask(&["run", "ad"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(stderr);
}

#[test]
fn outside_a_course_the_runner_says_where_to_run_it() {
    let elsewhere = std::env::temp_dir().join(format!("xtask-nowhere-{}", std::process::id()));
    std::fs::create_dir_all(&elsewhere).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("next")
        .current_dir(&elsewhere)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("no course.yaml in"), "{stderr}");
    assert!(
        stderr.contains("Run `cargo xtask` from inside the course"),
        "{stderr}"
    );
}

#[test]
fn new_scaffolds_an_exercise_and_check_lists_what_is_left() {
    let course = Scratch::new("new");
    course.git(&["init", "-q"]);
    let (code, stdout, stderr) = course.xtask(&["new", "demo", "subtract"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("new", stdout);
    assert!(
        course
            .read("course.yaml")
            .contains("      - name: subtract\n"),
        "the entry goes under the topic's exercises"
    );
    assert_eq!(
        course.read("exercises/demo/src/lib.rs"),
        course.read("solutions/demo/src/lib.rs")
    );

    // Helpers all topics share are not a topic, so check does not list them.
    course.write("checks/support/shared.rs", "pub fn helper() {}\n");
    course.xtask(&["lock"]);
    let (code, stdout, _) = course.xtask(&["check", "--exercise", "subtract"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_after_new", stdout);

    let (code, _, stderr) = course.xtask(&["new", "demo", "add"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already an exercise `add`"), "{stderr}");
    let (code, _, stderr) = course.xtask(&["new", "support", "helper"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`support` is taken"), "{stderr}");
}

#[test]
fn check_proves_that_every_wrong_answer_fails() {
    let course = Scratch::new("wrong");
    course.git(&["init", "-q"]);
    course.xtask(&["lock"]);
    let (code, stdout, stderr) = course.xtask(&["check", "--exercise", "add"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("; 3 wrong answers all fail"), "{stdout}");

    // One the checks accept, one that no longer applies, one that no longer compiles,
    // and one caught only by an assertion that says nothing.
    let diff = |sentence: &str, file: &str, old: &str, new: &str| {
        format!(
            "{sentence}\n\n--- a/solutions/demo/src/{file}.rs\n+++ b/solutions/demo/src/{file}.rs\n\
             @@ -2,3 +2,3 @@\n {}\n-    {old}\n+    {new}\n }}\n",
            if file == "add" {
                "pub fn add(a: u32, b: u32) -> u32 {"
            } else {
                "pub fn greet(name: &str) -> String {"
            }
        )
    };
    course.write(
        "checks/demo/wrong/add/swaps-the-numbers.diff",
        &diff("Adds b to a instead of a to b.", "add", "a + b", "b + a"),
    );
    course.write(
        "checks/demo/wrong/add/subtracts.diff",
        &diff("Subtracts.", "add", "a + b + 0", "a - b"),
    );
    course.write(
        "checks/demo/wrong/add/adds-c.diff",
        &diff("Adds a number that is not there.", "add", "a + b", "a + c"),
    );
    course.write(
        "checks/demo/wrong/greet/no-exclamation.diff",
        &diff(
            "Forgets the exclamation mark.",
            "greet",
            "format!(\"Hello, {name}!\")",
            "format!(\"Hello, {name}\")",
        ),
    );
    let solution = course.read("solutions/demo/src/add.rs");
    let (code, stdout, _) = course.xtask(&["check", "--topic", "demo"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_wrong_answers", stdout);
    assert_eq!(
        course.read("solutions/demo/src/add.rs"),
        solution,
        "wrong answers are applied to a copy, never to solutions/"
    );
}

#[test]
fn a_design_exercise_asks_for_the_seam_its_checks_reach_it_through() {
    let course = Scratch::new("seams");
    let manifest = course.read("course.yaml").replace(
        "        notes: Greeting\n",
        "        notes: Greeting\n        seams: [trait Greeter]\n",
    );
    course.write("course.yaml", &manifest);
    course.write(
        "checks/demo/greet.rs",
        "use demo::greet::{English, Greeter};\n\n#[test]\nfn greets_by_name() {\n    \
         assert_eq!(English.greet(\"Ada\"), \"Hello, Ada!\", \"the greeting for Ada\");\n}\n",
    );
    course.write(
        "solutions/demo/src/greet.rs",
        "pub trait Greeter {\n    fn greet(&self, name: &str) -> String;\n}\n\n\
         pub struct English;\n\nimpl Greeter for English {\n    \
         fn greet(&self, name: &str) -> String {\n        format!(\"Hello, {name}!\")\n    }\n}\n",
    );
    course.solve("add");
    let (code, stdout, _) = course.xtask(&["next"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("The checks need `trait Greeter` (see the goal)"),
        "{stdout}"
    );
    assert_eq!(
        stdout.trim_end().lines().last(),
        Some("Edit exercises/demo/src/greet.rs: introduce trait Greeter as the goal says."),
        "{stdout}"
    );
    for (name, greeting) in [
        ("no-mark", "Hello, {name}"),
        ("hi", "Hi, {name}!"),
        ("no-comma", "Hello {name}!"),
    ] {
        course.write(
            &format!("checks/demo/wrong/greet/{name}.diff"),
            &format!(
                "Greets wrongly.\n\n--- a/solutions/demo/src/greet.rs\n+++ b/solutions/demo/src/greet.rs\n\
                 @@ -8,3 +8,3 @@\n     fn greet(&self, name: &str) -> String {{\n\
                 -        format!(\"Hello, {{name}}!\")\n+        format!(\"{greeting}\")\n     }}\n"
            ),
        );
    }
    let (code, stdout, _) = course.xtask(&["doctor"]);
    assert!(
        stdout.contains("compiled (the checks of 1 design exercise wait for the seams"),
        "a design exercise's checks waiting for their seams is how the course ships: {stdout}"
    );
    assert_eq!(code, 0, "{stdout}");
    course.git(&["init", "-q"]);
    course.xtask(&["lock"]);
    let (_, stdout, _) = course.xtask(&["check", "--exercise", "greet"]);
    assert!(
        stdout.contains("stub's checks need trait Greeter; solution passes 1"),
        "{stdout}"
    );
}

/// The doctor's screen without what differs from laptop to laptop: versions and free space.
fn doctor_screen(stdout: &str) -> String {
    stdout
        .lines()
        .map(|line| {
            if let Some(rest) = line.strip_prefix("✓ Rust toolchain: rustc ") {
                let after_version = rest.find([',', ';']).map_or("", |at| &rest[at..]);
                format!("✓ Rust toolchain: rustc [version]{after_version}")
            } else if line.starts_with("✓ git: ") {
                "✓ git: [version]".to_string()
            } else if line.starts_with("✓ disk space: ") && line.ends_with(" GiB free") {
                "✓ disk space: [n] GiB free".to_string()
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn doctor_says_the_laptop_is_ready() {
    let course = Scratch::new("doctor");
    let (code, stdout, stderr) = course.xtask(&["doctor"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    insta::assert_snapshot!(doctor_screen(&stdout));
}

#[test]
fn doctor_names_each_problem_with_its_fix() {
    let course = Scratch::new("doctor-problem");
    course.write(
        "solutions/demo/src/add.rs",
        "pub fn add(a: u32) -> u32 { a + }\n",
    );
    let (code, stdout, _) = course.xtask(&["doctor"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(doctor_screen(&stdout));
}

#[test]
fn an_edited_check_file_never_counts_as_a_pass() {
    let course = Scratch::new("honest");
    course.git(&["init", "-q"]);
    assert_eq!(course.xtask(&["lock"]).0, 0);
    course.solve("add");
    // The learner "fixes" the greeting by commenting out its check.
    let check = course.read("checks/demo/greet.rs");
    course.write(
        "checks/demo/greet.rs",
        &check.replace("assert", "// assert"),
    );

    let (code, stdout, _) = course.xtask(&["next"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("The checks of `greet` are not as shipped"),
        "{stdout}"
    );
    let (_, json, _) = course.xtask(&["list", "--json"]);
    assert!(json.contains("\"state\": \"checks-changed\""), "{json}");

    let (code, _, _) = course.xtask(&["reset", "greet", "--checks"]);
    assert_eq!(code, 0);
    assert_eq!(course.read("checks/demo/greet.rs"), check);
    let (_, json, _) = course.xtask(&["list", "--json"]);
    assert!(!json.contains("checks-changed"), "{json}");
}

#[test]
fn a_helper_the_checks_share_is_part_of_every_verdict_that_uses_it() {
    let course = Scratch::new("support");
    course.git(&["init", "-q"]);
    let helper = "pub fn expect(actual: u32, wanted: u32) {\n    assert_eq!(actual, wanted);\n}\n";
    course.write("checks/demo/support/mod.rs", helper);
    assert_eq!(course.xtask(&["lock"]).0, 0);
    course.solve("add");
    assert_eq!(course.xtask(&["run", "add"]).0, 0);

    // Turning the shared helper into a no-op must not leave anything "failing with
    // fewer failures", nor let `run` report a pass.
    course.write(
        "checks/demo/support/mod.rs",
        "pub fn expect(_: u32, _: u32) {}\n",
    );
    let (_, json, _) = course.xtask(&["list", "--json"]);
    assert_eq!(
        json.matches("\"state\": \"checks-changed\"").count(),
        2,
        "{json}"
    );
    let (code, stdout, _) = course.xtask(&["run", "add"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("(checks/demo/support/mod.rs changed)"),
        "{stdout}"
    );
    assert!(!stdout.contains("checks pass"), "{stdout}");

    let (code, _, stderr) = course.xtask(&["reset", "add", "--checks"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(course.read("checks/demo/support/mod.rs"), helper);
    let (_, list, _) = course.xtask(&["list"]);
    assert!(list.contains("add       done"), "{list}");

    // The topic's lib.rs is the learner's too: a change to it re-runs the exercise.
    let lib = course.read("exercises/demo/src/lib.rs");
    course.write("exercises/demo/src/lib.rs", &format!("{lib}\n// a note\n"));
    let (_, list, _) = course.xtask(&["list"]);
    assert!(list.contains("add       unseen"), "{list}");
}

#[test]
fn the_small_things_a_learner_trips_on() {
    let course = Scratch::new("small");
    course.git(&["init", "-q"]);
    course.xtask(&["lock"]);

    // `hint` without a name means the current exercise.
    let (code, stdout, _) = course.xtask(&["hint"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Hints for add:"), "{stdout}");

    // A solution identical to yours says so instead of printing an empty diff.
    course.solve("add");
    assert_eq!(course.xtask(&["next"]).0, 1, "add passes, greet does not");
    let (_, stdout, _) = course.xtask(&["solution", "add", "--diff"]);
    assert!(
        stdout.contains("is the same as the reference solution"),
        "{stdout}"
    );

    // Resetting every stub asks first; with nobody to ask, it refuses and changes nothing.
    let (code, _, stderr) = course.xtask(&["reset", "--all"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("add `--yes` to confirm"), "{stderr}");
    assert_eq!(
        course.read("exercises/demo/src/add.rs"),
        course.read("solutions/demo/src/add.rs")
    );
    let (code, stdout, _) = course.xtask(&["reset", "--all", "--yes"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Restored 1 of 2 files"), "{stdout}");

    // Usage names the command a learner types.
    let (_, _, stderr) = course.xtask(&["hint", "--bogus"]);
    assert!(stderr.contains("Usage: cargo xtask hint"), "{stderr}");
}

#[test]
fn next_from_starts_the_room_at_an_exercise_without_marking_earlier_ones() {
    let course = Scratch::new("from");
    let (code, stdout, _) = course.xtask(&["next", "--from", "greet"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("starts at `greet`"), "{stdout}");
    assert!(stdout.contains("Exercise 2 of 2: greet"), "{stdout}");
    // Remembered: a plain `next` starts there too, and `add` is not done.
    let (_, stdout, _) = course.xtask(&["next"]);
    assert!(stdout.contains("Exercise 2 of 2: greet"), "{stdout}");
    let (_, json, _) = course.xtask(&["list", "--json"]);
    assert!(!json.contains("\"state\": \"done\""), "{json}");
    course.solve("greet");
    let (code, stdout, _) = course.xtask(&["next"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("Every exercise from `greet` on passes"),
        "{stdout}"
    );
}

/// A stand-in for the room's server that answers as the real one does and records
/// what the runner sent. (The real server is tested over the same API in
/// `xtask/room/tests`.)
struct FakeRoom {
    url: String,
    heard: std::sync::Arc<std::sync::Mutex<Vec<Heard>>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Debug, Clone)]
struct Heard {
    request: String,
    authorization: Option<String>,
    body: serde_json::Value,
}

impl FakeRoom {
    fn open() -> FakeRoom {
        use std::io::{BufRead, BufReader, Read, Write};
        use std::sync::atomic::Ordering;

        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (log, stopped) = (heard.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !stopped.load(Ordering::SeqCst) {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                let mut reader = BufReader::new(stream);
                let mut request = String::new();
                reader.read_line(&mut request).unwrap();
                let (mut length, mut authorization) = (0, None);
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let (name, value) = line.split_once(": ").unwrap();
                    match name.to_ascii_lowercase().as_str() {
                        "content-length" => length = value.parse().unwrap(),
                        "authorization" => authorization = Some(value.to_string()),
                        _ => {}
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let request = request.trim_end().to_string();
                let answer = if request.starts_with("POST /api/join ") {
                    "201 Created\r\nContent-Type: application/json\r\nContent-Length: 35\r\n\r\n{\"learner\":\"l1\",\"token\":\"secret-1\"}"
                } else {
                    "204 No Content\r\n\r\n"
                };
                log.lock().unwrap().push(Heard {
                    request,
                    authorization,
                    body: serde_json::from_slice(&body).unwrap_or_default(),
                });
                let mut stream = reader.into_inner();
                let _ = write!(stream, "HTTP/1.1 {answer}");
            }
        });
        FakeRoom {
            url,
            heard,
            stop,
            thread: Some(thread),
        }
    }

    /// What the room heard since this was last asked.
    fn heard(&self) -> Vec<Heard> {
        std::mem::take(&mut *self.heard.lock().unwrap())
    }

    fn close(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
    }
}

impl Drop for FakeRoom {
    fn drop(&mut self) {
        self.close();
    }
}

/// `(exercise, state, hints, solution_seen)` for each exercise in a progress update.
fn states(update: &Heard) -> Vec<(String, String, u64, bool)> {
    update.body["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["exercise"].as_str().unwrap().to_string(),
                entry["state"].as_str().unwrap().to_string(),
                entry["hints"].as_u64().unwrap(),
                entry["solution_seen"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_learner_in_a_room_tells_it_where_they_are_after_every_verdict() {
    let course = Scratch::new("room");
    let mut room = FakeRoom::open();
    let address = room.url.trim_start_matches("http://").to_string() + "/";
    let (code, stdout, stderr) = course.xtask(&[
        "room", "join", &address, "--code", "K7Q2PX", "--name", "ada",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!("joined the room at {} as ada", room.url)),
        "{stdout}"
    );
    let heard = room.heard();
    assert_eq!(heard[0].request, "POST /api/join HTTP/1.1");
    assert_eq!(
        heard[0].body,
        serde_json::json!({"code": "K7Q2PX", "name": "ada"})
    );
    assert_eq!(heard[1].request, "PUT /api/learners/l1/progress HTTP/1.1");
    assert_eq!(heard[1].authorization.as_deref(), Some("Bearer secret-1"));
    assert_eq!(heard[1].body["current"], "add");

    assert_eq!(course.xtask(&["next"]).0, 1);
    let heard = room.heard();
    assert_eq!(heard.len(), 1, "one update per verdict: {heard:?}");
    assert_eq!(heard[0].body["current"], "add");
    assert!(heard[0].body["course"].is_string());
    assert_eq!(
        states(&heard[0]),
        [
            ("add".into(), "failing".into(), 0, false),
            ("greet".into(), "unseen".into(), 0, false)
        ]
    );

    // A hint and a look at a solution before passing are part of what the room hears.
    course.xtask(&["hint", "greet"]);
    course.xtask(&["solution", "greet", "--force"]);
    course.solve("add");
    assert_eq!(course.xtask(&["next"]).0, 1);
    let heard = room.heard();
    assert_eq!(heard[0].body["current"], "greet");
    assert_eq!(
        states(&heard[0]),
        [
            ("add".into(), "done".into(), 0, false),
            ("greet".into(), "failing".into(), 1, true)
        ]
    );
    assert_eq!(heard[0].body["exercises"][1]["solution_seen_early"], true);
    let code_sent = heard[0].body.to_string();
    assert!(
        !code_sent.contains("fn "),
        "no code is ever sent: {code_sent}"
    );

    // The room goes away: the learner is told once, quietly, and nothing fails.
    room.close();
    let (code, stdout, _) = course.xtask(&["run", "add"]);
    assert_eq!(code, 0, "an unreachable room does not fail a run");
    assert!(stdout.contains("did not answer"), "{stdout}");
    let (_, stdout, _) = course.xtask(&["run", "add"]);
    assert!(
        !stdout.contains("did not answer"),
        "said once only:\n{stdout}"
    );

    let (code, stdout, _) = course.xtask(&["room", "leave"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("You left the room"), "{stdout}");
    assert!(!course.read(".progress.json").contains("secret-1"));
}
