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
//!
//! The store reaches its files only through the [`Disk`] trait, given below with
//! [`Folder`], a real folder. The checks bring their own disk, one that can crash
//! between any two changes and keeps only what was synced: where `sync`, `rename`
//! and `sync_dir` go is checked, not only described.
//! Read "Write-ahead log" in `notes/acid.md`.

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The log's file name inside the store's folder.
pub const LOG_FILE: &str = "wal.log";
/// The checkpoint's file name inside the store's folder.
pub const DATA_FILE: &str = "data";
/// Where a checkpoint is written before it is renamed to [`DATA_FILE`].
pub const TEMP_FILE: &str = "data.tmp";

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

/// The file operations the store is built on, by file name inside one folder.
/// [`Folder`] does them on a real folder. The checks use a simulated disk that can
/// crash between any two of them and then keeps only what was forced to it.
pub trait Disk {
    /// The whole content of file `name`, or `None` if there is no such file.
    fn read(&self, name: &str) -> io::Result<Option<Vec<u8>>>;

    /// The length of file `name` in bytes.
    fn size(&self, name: &str) -> io::Result<u64>;

    /// Appends `bytes` to file `name`, creating it if needed. Like every change, it
    /// can be lost in a crash until the file is synced.
    fn append(&mut self, name: &str, bytes: &[u8]) -> io::Result<()>;

    /// Creates file `name`, or empties it, and writes `bytes` into it. Until the file
    /// is synced, a crash can leave it empty.
    fn write(&mut self, name: &str, bytes: &[u8]) -> io::Result<()>;

    /// Cuts file `name` to its first `len` bytes.
    fn truncate(&mut self, name: &str, len: u64) -> io::Result<()>;

    /// Forces the content of file `name` to the disk (`fsync`): a crash afterwards
    /// keeps it.
    fn sync(&mut self, name: &str) -> io::Result<()>;

    /// Renames file `from` to `to`, replacing `to` in one step: whoever reads `to`
    /// finds the old file or the new one, whole. Until [`Disk::sync_dir`], a crash
    /// can undo it.
    fn rename(&mut self, from: &str, to: &str) -> io::Result<()>;

    /// Forces the folder's list of names to the disk: until then a crash can undo the
    /// creation of a file or a rename.
    fn sync_dir(&mut self) -> io::Result<()>;
}

/// A real folder, its files written through the operating system.
#[derive(Debug)]
pub struct Folder {
    dir: PathBuf,
}

impl Folder {
    /// The folder `dir`, created if needed.
    pub fn new(dir: &Path) -> io::Result<Folder> {
        fs::create_dir_all(dir)?;
        Ok(Folder {
            dir: dir.to_owned(),
        })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Disk for Folder {
    fn read(&self, name: &str) -> io::Result<Option<Vec<u8>>> {
        match fs::read(self.path(name)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    fn size(&self, name: &str) -> io::Result<u64> {
        Ok(fs::metadata(self.path(name))?.len())
    }

    fn append(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.path(name))?
            .write_all(bytes)
    }

    fn write(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.path(name), bytes)
    }

    fn truncate(&mut self, name: &str, len: u64) -> io::Result<()> {
        OpenOptions::new()
            .write(true)
            .open(self.path(name))?
            .set_len(len)
    }

    fn sync(&mut self, name: &str) -> io::Result<()> {
        OpenOptions::new()
            .write(true)
            .open(self.path(name))?
            .sync_all()
    }

    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        fs::rename(self.path(from), self.path(to))
    }

    #[cfg(unix)]
    fn sync_dir(&mut self) -> io::Result<()> {
        File::open(&self.dir)?.sync_all()
    }

    #[cfg(not(unix))]
    fn sync_dir(&mut self) -> io::Result<()> {
        // Windows has no directory handles to sync; NTFS journals renames itself.
        Ok(())
    }
}

/// A durable key-value store: a log and the last checkpoint, on a [`Disk`].
#[derive(Debug)]
pub struct Store<D = Folder> {
    disk: D,
    /// The committed state: what `get` reads.
    committed: BTreeMap<u64, i64>,
    /// Each open transaction's writes, in order, applied when it commits.
    open: HashMap<TxId, Vec<(u64, i64)>>,
    next_tx: TxId,
}

impl Store {
    /// Opens the store in the real folder `dir`, creating it if needed, and recovers.
    pub fn open(dir: &Path) -> io::Result<Store> {
        Store::recover(Folder::new(dir)?)
    }
}

impl<D: Disk> Store<D> {
    /// Opens the store on `disk` and recovers: loads the checkpoint (refusing a
    /// damaged one with an error rather than losing part of it), replays the
    /// committed transactions of the log, and cuts any torn tail off the log so that
    /// new records follow whole ones. A log it creates lasts: the folder is synced.
    pub fn recover(disk: D) -> io::Result<Store<D>> {
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
    /// No `sync`: until the commit marker is on disk, losing this is harmless.
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

    /// Saves the committed state to the data file (in a format of your choice, as
    /// long as recovery can tell a damaged one; the log's own framing does nicely),
    /// durably and atomically, then empties the log.
    /// Refused while a transaction is open, since its records are in the log.
    pub fn checkpoint(&mut self) -> io::Result<()> {
        todo!("save the committed state durably and atomically, then empty the log")
    }

    /// The log's length in bytes.
    pub fn log_len(&self) -> io::Result<u64> {
        self.disk.size(LOG_FILE)
    }
}
