//! Helpers the caching checks share: proptest's settings and a bounded wait for
//! work that must finish in reasonable time.
#![allow(dead_code, unused_imports)] // Each check file uses a different part of it.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

/// Runs `work` on a thread of its own and returns its result, or fails with
/// `too_slow` if it has not finished within `budget`. The budget is many times
/// what a constant-time answer needs in a debug build, and a small fraction of what
/// an answer that scans every entry needs, so the verdict does not depend on the
/// machine's load. (A thread still running when the check fails is abandoned; the
/// test process ends it.)
pub fn within<T: Send + 'static>(
    budget: Duration,
    too_slow: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(work());
    });
    match result.recv_timeout(budget) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{too_slow}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("the work panicked (see its message above)")
        }
    }
}
