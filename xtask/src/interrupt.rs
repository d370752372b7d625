//! Ctrl-C: the runner notices it and stops what it runs, instead of dying and leaving
//! a looping check behind in its own process group.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Whether the learner has pressed Ctrl-C since the runner started.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Routes SIGINT to a flag that long waits poll.
pub fn install() {
    #[cfg(unix)]
    {
        extern "C" fn on_sigint(_: libc::c_int) {
            // Only an atomic store: the one kind of work a signal handler may do.
            REQUESTED.store(true, Ordering::SeqCst);
        }
        let handler: extern "C" fn(libc::c_int) = on_sigint;
        // SAFETY: the handler is async-signal-safe (a single atomic store) and lives
        // for the whole program. Restoring SIGPIPE's default lets `list | head` end
        // the runner quietly, as it ends any Unix tool, where Rust would panic on the
        // closed pipe.
        unsafe {
            libc::signal(libc::SIGINT, handler as libc::sighandler_t);
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
}
