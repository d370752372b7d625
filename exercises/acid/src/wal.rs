//! Exercise: durability with a write-ahead log.
//!
//! Every write goes to the end of a log file before anything else; a commit appends
//! a commit marker and forces the file to disk (`fsync`) before it returns, so a
//! committed transaction survives a crash the moment `commit` says so. After a
//! crash, recovery reads the log from the start and replays the writes of every
//! transaction whose commit marker made it, and nothing of the others. A crash can
//! tear the last record half-way, so each record is framed by its length and a
//! checksum: recovery stops at the first frame that is short or does not match, and
//! cuts the file there. A checkpoint saves the committed state in a data file, after
//! which the log can start again from empty.
//! Read "Write-ahead log" in `notes/acid.md`.

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The log's file name inside the store's folder.
pub const LOG_FILE: &str = "wal.log";
/// The checkpoint's file name inside the store's folder.
pub const DATA_FILE: &str = "data";

/// A transaction's id.
pub type TxId = u64;

/// One entry of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// Transaction `tx` set `key` to `value`.
    Write { tx: TxId, key: u64, value: i64 },
    /// Transaction `tx` committed: its writes count.
    Commit { tx: TxId },
}

/// The CRC-32 (IEEE) checksum of `bytes`, as zlib and Ethernet compute it. Given:
/// the exercise is where it goes, not how it works.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// `record` framed for the log: the payload's length (`u32`, little-endian), the
/// payload's `crc32` (`u32`, little-endian), then the payload: a tag byte (1 for a
/// write, 2 for a commit) and the fields in order, each 8 bytes little-endian.
pub fn encode(record: &Record) -> Vec<u8> {
    todo!("the header, then the tag byte and the fields")
}

/// Reads frames from the start of `bytes` up to the first that is incomplete, fails
/// its checksum or does not hold a record. Returns the records and how many bytes
/// they take: everything after that is a torn or corrupt tail.
pub fn decode(bytes: &[u8]) -> (Vec<Record>, usize) {
    todo!("frame after frame, stopping at the first that is short or fails its checksum")
}

/// A durable key-value store: a folder holding the log and the last checkpoint.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// The log, opened for appending.
    log: File,
    /// The committed state: what `get` reads.
    committed: BTreeMap<u64, i64>,
    /// Each open transaction's writes, in order, applied when it commits.
    open: HashMap<TxId, Vec<(u64, i64)>>,
    next_tx: TxId,
}

impl Store {
    /// Opens the store in `dir` (creating the folder and its files if needed) and
    /// recovers: loads the checkpoint, replays the committed transactions of the log,
    /// and cuts any torn tail off the log so that new records follow whole ones.
    pub fn open(dir: &Path) -> io::Result<Store> {
        todo!("load the checkpoint, replay the committed transactions, cut the torn tail")
    }

    /// Starts a transaction; ids are never reused within one log.
    pub fn begin(&mut self) -> TxId {
        let tx = self.next_tx;
        self.next_tx += 1;
        self.open.insert(tx, Vec::new());
        tx
    }

    /// Logs that `tx` sets `key` to `value`. Nobody sees it until `tx` commits.
    /// No `fsync`: until the commit marker is on disk, losing this is harmless.
    pub fn write(&mut self, tx: TxId, key: u64, value: i64) -> io::Result<()> {
        todo!("append a write record; remember the write until the commit")
    }

    /// Commits `tx`: appends its commit marker and syncs the log to disk before its
    /// writes become visible and before returning.
    pub fn commit(&mut self, tx: TxId) -> io::Result<()> {
        todo!("append the commit marker, make it durable, then apply the writes")
    }

    /// Forgets `tx`: its records stay in the log, but without a commit marker
    /// recovery skips them.
    pub fn abort(&mut self, tx: TxId) {
        self.open.remove(&tx);
    }

    /// The committed value of `key`.
    pub fn get(&self, key: u64) -> Option<i64> {
        self.committed.get(&key).copied()
    }

    /// Every committed key and value, in key order.
    pub fn committed(&self) -> &BTreeMap<u64, i64> {
        &self.committed
    }

    /// Saves the committed state to the data file (in a format of your choice; the log's
    /// own framing does nicely), durably and atomically, then empties the log.
    /// Refused while a transaction is open, since its records are in the log.
    pub fn checkpoint(&mut self) -> io::Result<()> {
        todo!("save the committed state durably and atomically, then empty the log")
    }

    /// The log's length in bytes.
    pub fn log_len(&self) -> io::Result<u64> {
        Ok(self.log.metadata()?.len())
    }
}
