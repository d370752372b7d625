//! Helpers the ACID checks share: proptest's settings, scratch folders and the
//! scheduler that interleaves transactions statement by statement.
#![allow(dead_code, unused_imports)] // Each check file uses a different part of it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use acid::mvcc::{TxError, TxId};

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

/// A fresh, empty folder under the system's temporary folder, removed when dropped.
/// Real files, because durability and SQLite's locking are about real files.
pub struct ScratchDir {
    path: PathBuf,
}

impl ScratchDir {
    pub fn new(label: &str) -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "acid-{label}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)
            .unwrap_or_else(|error| panic!("could not create {}: {error}", path.display()));
        Self { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The scheduler the MVCC and SSI interleavings share, for either store (`abort` is
/// its `abort`). Each turn of `schedule` picks an open
/// transaction and runs its next statement with `step` (`Some(n)`, the n-th of its
/// `lengths[i]`), or its commit once they are done (`None`). A statement that would
/// block leaves its transaction waiting until another makes progress; if every open
/// one is blocked, the one whose turn it is gives up, as a deadlock detector would
/// decide. A transaction is done once it commits or fails.
pub fn run_interleaved<D>(
    db: &mut D,
    abort: fn(&mut D, TxId),
    txs: &[TxId],
    lengths: &[usize],
    schedule: &[usize],
    mut step: impl FnMut(&mut D, usize, Option<usize>) -> Result<(), TxError>,
) {
    let mut next = vec![0; txs.len()];
    let mut open: Vec<usize> = (0..txs.len()).collect();
    let mut blocked = vec![false; txs.len()];
    let mut turn = schedule.iter().cycle();
    while !open.is_empty() {
        let chosen = open[*turn.next().unwrap() % open.len()];
        // A blocked transaction waits: the turn passes to one that can run.
        let Some(i) = std::iter::once(chosen)
            .chain(open.iter().copied())
            .find(|&j| !blocked[j])
        else {
            abort(db, txs[chosen]);
            open.retain(|&j| j != chosen);
            blocked.iter_mut().for_each(|b| *b = false);
            continue;
        };
        let statement = (next[i] < lengths[i]).then_some(next[i]);
        match step(db, i, statement) {
            Err(TxError::WouldBlock) => {
                blocked[i] = true;
                continue;
            }
            Ok(()) if statement.is_some() => next[i] += 1,
            _ => open.retain(|&j| j != i),
        }
        blocked.iter_mut().for_each(|b| *b = false);
    }
}
