//! Exercise: Singleton.
//!
//! A process-wide configuration, read from the environment the first time anyone
//! asks for it and never again: [`config`], a `static` [`LazyConfig`] built on
//! `std::sync::OnceLock`. The reading itself is a plain function,
//! [`Config::from_lookup`], that takes where to look as an argument; that is what
//! the checks test it through, and what the rest of a program should prefer to a
//! global. A `LazyConfig` takes where to look too, so the checks can race threads
//! over one of their own while its first reader is held inside the reading.
//! Read "Singleton" in `notes/design-patterns.md`.

use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How much the program logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
}

/// The program's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `APP_REGION`, default `ap-south-1`.
    pub region: String,
    /// `APP_MAX_CONNECTIONS`, from 1 to 10,000, default 100.
    pub max_connections: u32,
    /// `APP_LOG_LEVEL`: `error`, `warn`, `info` or `debug` in any case, default `info`.
    pub log_level: LogLevel,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            region: "ap-south-1".to_owned(),
            max_connections: 100,
            log_level: LogLevel::Info,
        }
    }
}

/// A setting whose value cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The variable's name, such as `APP_MAX_CONNECTIONS`.
    pub key: &'static str,
    /// Its value, as found.
    pub value: String,
    /// What it should have been.
    pub expected: &'static str,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}={:?}: expected {}",
            self.key, self.value, self.expected
        )
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads the settings through `lookup` (a variable's name to its value, if set);
    /// a setting that is not set takes its default.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        if let Some(value) = lookup("APP_REGION") {
            if value.trim().is_empty() {
                return Err(ConfigError {
                    key: "APP_REGION",
                    value,
                    expected: "a region name such as ap-south-1",
                });
            }
            config.region = value.trim().to_owned();
        }
        if let Some(value) = lookup("APP_MAX_CONNECTIONS") {
            config.max_connections = match value.trim().parse() {
                Ok(count @ 1..=10_000) => count,
                _ => {
                    return Err(ConfigError {
                        key: "APP_MAX_CONNECTIONS",
                        value,
                        expected: "a whole number from 1 to 10000",
                    });
                }
            };
        }
        if let Some(value) = lookup("APP_LOG_LEVEL") {
            config.log_level = match value.trim().to_lowercase().as_str() {
                "error" => LogLevel::Error,
                "warn" => LogLevel::Warn,
                "info" => LogLevel::Info,
                "debug" => LogLevel::Debug,
                _ => {
                    return Err(ConfigError {
                        key: "APP_LOG_LEVEL",
                        value,
                        expected: "one of error, warn, info, debug",
                    });
                }
            };
        }
        Ok(config)
    }
}

/// A configuration read once, by the first caller, however many threads ask at the
/// same moment; a bad setting is kept as the error every caller gets, not a reason
/// to read again.
#[derive(Debug, Default)]
pub struct LazyConfig {
    read: OnceLock<Result<Config, ConfigError>>,
    /// How many times the configuration has been read.
    builds: AtomicUsize,
}

impl LazyConfig {
    /// Nothing read yet. `const`, so it can be a `static`.
    pub const fn new() -> Self {
        LazyConfig {
            read: OnceLock::new(),
            builds: AtomicUsize::new(0),
        }
    }

    /// The configuration, read through `lookup` by the first caller only. Whoever
    /// asks while it is being read waits for it; everyone gets the same one.
    pub fn get_or_read(
        &self,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<&Config, &ConfigError> {
        self.read
            .get_or_init(|| {
                self.builds.fetch_add(1, Ordering::Relaxed);
                Config::from_lookup(lookup)
            })
            .as_ref()
    }

    /// How many times the configuration has been read so far.
    pub fn builds(&self) -> usize {
        self.builds.load(Ordering::Relaxed)
    }
}

/// The process's configuration.
static CONFIG: LazyConfig = LazyConfig::new();

/// The process's configuration, read from the environment on the first call; every
/// call, from any thread, gets the same one. A bad setting is an error for every
/// caller, not a reason to read again.
pub fn config() -> Result<&'static Config, &'static ConfigError> {
    CONFIG.get_or_read(|key| std::env::var(key).ok())
}

/// How many times [`config`] has built the configuration so far.
pub fn builds() -> usize {
    CONFIG.builds()
}
