//! Checks for `exercises/design-patterns/src/singleton.rs`.

mod support;

use std::collections::HashMap;
use std::process::Command;
use std::sync::mpsc;
use std::sync::{Barrier, Mutex};
use std::thread;
use std::time::Duration;

use design_patterns::singleton::{Config, ConfigError, LazyConfig, LogLevel, builds, config};
use proptest::prelude::*;
use support::{assert_does_not_compile, proptest_config};

/// Reads settings from a table instead of the process's environment.
fn settings<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    let table: HashMap<&str, &str> = pairs.iter().copied().collect();
    move |key| table.get(key).map(|value| value.to_string())
}

#[test]
fn settings_that_are_not_set_take_their_defaults() {
    let config = Config::from_lookup(settings(&[])).expect("no settings is a valid configuration");
    assert_eq!(
        config,
        Config {
            region: "ap-south-1".into(),
            max_connections: 100,
            log_level: LogLevel::Info
        },
        "the defaults"
    );
}

#[test]
fn each_setting_is_read_from_its_variable() {
    let config = Config::from_lookup(settings(&[
        ("APP_REGION", "eu-west-1"),
        ("APP_MAX_CONNECTIONS", "250"),
        ("APP_LOG_LEVEL", "Debug"),
    ]))
    .expect("three valid settings (a log level may be written in any case)");
    assert_eq!(
        config,
        Config {
            region: "eu-west-1".into(),
            max_connections: 250,
            log_level: LogLevel::Debug
        },
        "log levels ignore case"
    );
    let config =
        Config::from_lookup(settings(&[("APP_LOG_LEVEL", "warn")])).expect("a valid level");
    assert_eq!(config.log_level, LogLevel::Warn, "APP_LOG_LEVEL=warn");
    assert_eq!(
        config.max_connections, 100,
        "settings not given keep their defaults"
    );
    for (value, level) in [("error", LogLevel::Error), ("INFO", LogLevel::Info)] {
        let read = Config::from_lookup(settings(&[("APP_LOG_LEVEL", value)]));
        assert_eq!(
            read.map(|config| config.log_level),
            Ok(level),
            "APP_LOG_LEVEL={value}"
        );
    }
}

#[test]
fn a_bad_setting_is_an_error_naming_the_variable_and_its_value() {
    let cases = [
        ("APP_MAX_CONNECTIONS", "lots"),
        ("APP_MAX_CONNECTIONS", "0"),
        ("APP_MAX_CONNECTIONS", "10001"),
        ("APP_LOG_LEVEL", "verbose"),
        ("APP_REGION", ""),
        ("APP_REGION", "   "),
    ];
    for (key, value) in cases {
        let error = match Config::from_lookup(settings(&[(key, value)])) {
            Ok(config) => panic!("{key}={value:?} was accepted as {config:?}"),
            Err(error) => error,
        };
        assert_eq!(
            (error.key, error.value.as_str()),
            (key, value),
            "the error for {key}={value:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains(key)
                && message.contains(&format!("{value:?}"))
                && message.contains(error.expected),
            "the message should name the variable, quote its value and say what was expected; it was: {message}"
        );
    }
}

#[test]
fn max_connections_may_be_one_or_ten_thousand() {
    for count in [1, 10_000] {
        let read = Config::from_lookup(settings(&[("APP_MAX_CONNECTIONS", &count.to_string())]));
        assert_eq!(
            read.map(|config| config.max_connections),
            Ok(count),
            "APP_MAX_CONNECTIONS={count} is within 1 to 10,000, both ends included"
        );
    }
}

/// How long a check waits for a thread to do what it should do at once; only a
/// failing check, or the one that proves a thread waits, waits this long.
const PATIENCE: Duration = Duration::from_secs(2);
/// How long a check gives a thread to do something it must not do.
const GRACE: Duration = Duration::from_millis(100);

#[test]
fn whoever_asks_while_the_configuration_is_being_read_waits_for_it() {
    let lazy = LazyConfig::new();
    let (inside, first_is_inside) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let released = Mutex::new(released);
    let (asking, second_is_asking) = mpsc::channel();
    let (read_again, second_read) = mpsc::channel();
    thread::scope(|scope| {
        // Moved in here, so a failing check drops it, and frees the first reader,
        // before the scope waits for the threads.
        let release = release;
        let first = scope.spawn(|| {
            lazy.get_or_read(|key| {
                if key == "APP_REGION" {
                    // Held here, inside the reading, until the check lets go.
                    let _ = inside.send(());
                    let _ = released.lock().expect("one reader").recv();
                }
                settings(&[("APP_REGION", "eu-west-1")])(key)
            })
        });
        first_is_inside.recv_timeout(PATIENCE).unwrap_or_else(|_| {
            panic!("the first caller did not read the configuration through its lookup")
        });
        let second = scope.spawn(|| {
            let _ = asking.send(());
            lazy.get_or_read(|key| {
                let _ = read_again.send(());
                settings(&[])(key)
            })
        });
        second_is_asking
            .recv_timeout(PATIENCE)
            .expect("the second thread started");
        let raced = second_read.recv_timeout(GRACE).is_ok();
        drop(release); // let the first reader finish
        let first = first.join().expect("the first caller panicked");
        let second = second.join().expect("the second caller panicked");
        assert!(
            !raced,
            "while one thread was reading the configuration, a second thread that asked read \
             it too: checking whether it is there and then setting it lets both build; \
             `get_or_init` makes the second one wait"
        );
        assert_eq!(lazy.builds(), 1, "the configuration is read once");
        assert!(
            matches!((first, second), (Ok(a), Ok(b)) if std::ptr::eq(a, b)),
            "both callers get the same configuration, the one the first read, not a copy: \
             {first:?} and {second:?}"
        );
    });
}

#[test]
fn a_bad_setting_is_read_once_and_is_every_callers_error() {
    let lazy = LazyConfig::new();
    let bad = settings(&[("APP_LOG_LEVEL", "verbose")]);
    let first = lazy
        .get_or_read(&bad)
        .map_err(|error| error as *const ConfigError);
    let second = lazy
        .get_or_read(&bad)
        .map_err(|error| error as *const ConfigError);
    assert!(
        first.is_err() && first == second,
        "both calls get the same error, kept from the one reading: {first:?} and {second:?}"
    );
    assert_eq!(
        lazy.builds(),
        1,
        "a bad setting is an error for every caller, not a reason to read again"
    );
}

proptest! {

    #![proptest_config(proptest_config(300))]

    #[test]
    fn max_connections_is_accepted_from_one_to_ten_thousand(count in 0u32..20_000) {
        let text = count.to_string();
        let read = Config::from_lookup(settings(&[("APP_MAX_CONNECTIONS", &text)]));
        if (1..=10_000).contains(&count) {
            prop_assert_eq!(read.map(|config| config.max_connections), Ok(count));
        } else {
            let error = read.expect_err("outside 1 to 10,000");
            prop_assert_eq!(error.key, "APP_MAX_CONNECTIONS");
        }
    }
}

/// Set in the processes the last check starts, each of which races its threads
/// for a configuration of its own.
const RACE: &str = "DESIGN_PATTERNS_SINGLETON_RACE";

/// A process can build its configuration only once, so one process says little
/// about a race that is lost one time in three. This check starts itself again in
/// fresh processes (`ROUNDS` of them), each with settings in its environment, and
/// each of those runs `race_for_the_config`.
#[test]
fn the_global_config_is_built_once_on_first_use_however_many_threads_ask_at_once() {
    if std::env::var_os(RACE).is_some() {
        race_for_the_config();
        return;
    }
    const ROUNDS: usize = 12;
    let this_check =
        "the_global_config_is_built_once_on_first_use_however_many_threads_ask_at_once";
    for round in 1..=ROUNDS {
        let run = Command::new(std::env::current_exe().expect("the checks' own path"))
            .args(["--exact", this_check, "--nocapture", "--test-threads=1"])
            .env(RACE, "1")
            .env("APP_REGION", "eu-west-1")
            .env("APP_MAX_CONNECTIONS", "64")
            .env_remove("APP_LOG_LEVEL")
            .env("RUST_BACKTRACE", "0")
            .output()
            .expect("the checks can start themselves again");
        let output = String::from_utf8_lossy(&run.stdout) + String::from_utf8_lossy(&run.stderr);
        assert!(
            run.status.success(),
            "in a fresh process (round {round} of {ROUNDS}):\n{}",
            what_went_wrong(&output, this_check)
        );
    }
}

/// A line with the thread's id taken out: `thread '<unnamed>' (913) panicked at
/// src/...` is the same panic in every thread.
fn without_thread(line: &str) -> &str {
    line.split_once(") panicked").map_or(line, |(_, rest)| rest)
}

/// The lines of a fresh process's output that say something about the race, each
/// once: 32 threads that panic the same way say it 32 times, with different ids.
fn what_went_wrong(output: &str, this_check: &str) -> String {
    let noise = ["running ", "test ", "failures:", "note: ", "---- "];
    let mut said: Vec<&str> = Vec::new();
    for line in output.lines() {
        let is_noise = line.trim().is_empty()
            || line.trim() == this_check
            || noise.iter().any(|start| line.starts_with(start));
        let said_already = said
            .iter()
            .any(|earlier| without_thread(earlier) == without_thread(line));
        if !is_noise && !said_already {
            said.push(line);
        }
    }
    said.join("\n")
}

/// Many threads ask for the configuration at the same moment in a process where
/// nobody has asked yet.
fn race_for_the_config() {
    assert_eq!(
        builds(),
        0,
        "the configuration was built before anyone asked for it"
    );
    const THREADS: usize = 32;
    let start = Barrier::new(THREADS);
    let seen: Vec<usize> = thread::scope(|scope| {
        let askers: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    start.wait();
                    match config() {
                        Ok(config) => config as *const Config as usize,
                        Err(error) => error as *const ConfigError as usize,
                    }
                })
            })
            .collect();
        askers
            .into_iter()
            .map(|asker| asker.join().expect("config() panicked"))
            .collect()
    });
    assert_eq!(
        builds(),
        1,
        "{THREADS} threads asked at once; the configuration must be built exactly once"
    );
    assert!(
        seen.iter().all(|&address| address == seen[0]),
        "every caller must get the same configuration, not a copy"
    );
    assert_eq!(
        config().cloned().map_err(ConfigError::clone),
        Ok(Config {
            region: "eu-west-1".into(),
            max_connections: 64,
            log_level: LogLevel::Info
        }),
        "the configuration should come from the environment: APP_REGION=eu-west-1 APP_MAX_CONNECTIONS=64"
    );
    assert_eq!(builds(), 1, "later calls must not build it again");
}

#[test]
fn a_global_behind_a_cell_that_does_not_lock_does_not_compile() {
    assert_does_not_compile("unsynchronised_global");
}
