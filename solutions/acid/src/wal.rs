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

const WRITE: u8 = 1;
const COMMIT: u8 = 2;
/// A frame's header: the payload's length and its checksum, 4 bytes each.
const HEADER: usize = 8;

/// `record` framed for the log: the payload's length (`u32`, little-endian), the
/// payload's `crc32` (`u32`, little-endian), then the payload: a tag byte (1 for a
/// write, 2 for a commit) and the fields in order, each 8 bytes little-endian.
pub fn encode(record: &Record) -> Vec<u8> {
    let mut payload = Vec::with_capacity(25);
    match *record {
        Record::Write { tx, key, value } => {
            payload.push(WRITE);
            payload.extend_from_slice(&tx.to_le_bytes());
            payload.extend_from_slice(&key.to_le_bytes());
            payload.extend_from_slice(&value.to_le_bytes());
        }
        Record::Commit { tx } => {
            payload.push(COMMIT);
            payload.extend_from_slice(&tx.to_le_bytes());
        }
    }
    let mut frame = Vec::with_capacity(HEADER + payload.len());
    frame.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    frame.extend_from_slice(&crc32(&payload).to_le_bytes());
    frame.extend_from_slice(&payload);
    frame
}

/// Reads frames from the start of `bytes` up to the first that is incomplete, fails
/// its checksum or does not hold a record. Returns the records and how many bytes
/// they take: everything after that is a torn or corrupt tail.
pub fn decode(bytes: &[u8]) -> (Vec<Record>, usize) {
    let mut records = Vec::new();
    let mut offset = 0;
    while let Some((record, length)) = decode_frame(&bytes[offset..]) {
        records.push(record);
        offset += length;
    }
    (records, offset)
}

fn decode_frame(bytes: &[u8]) -> Option<(Record, usize)> {
    let length = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let checksum = u32::from_le_bytes(bytes.get(4..HEADER)?.try_into().ok()?);
    let payload = bytes.get(HEADER..HEADER.checked_add(length)?)?;
    if crc32(payload) != checksum {
        return None;
    }
    let field = |index: usize| -> Option<[u8; 8]> {
        payload.get(1 + 8 * index..9 + 8 * index)?.try_into().ok()
    };
    let record = match (payload.first()?, length) {
        (&WRITE, 25) => Record::Write {
            tx: u64::from_le_bytes(field(0)?),
            key: u64::from_le_bytes(field(1)?),
            value: i64::from_le_bytes(field(2)?),
        },
        (&COMMIT, 9) => Record::Commit {
            tx: u64::from_le_bytes(field(0)?),
        },
        _ => return None,
    };
    Some((record, HEADER + length))
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
    pub fn recover(mut disk: D) -> io::Result<Store<D>> {
        let mut committed = match disk.read(DATA_FILE)? {
            Some(bytes) => read_checkpoint(&bytes)?,
            None => BTreeMap::new(),
        };
        let next_tx = match disk.read(LOG_FILE)? {
            Some(bytes) => {
                let (records, valid) = decode(&bytes);
                if valid < bytes.len() {
                    disk.truncate(LOG_FILE, valid as u64)?;
                    disk.sync(LOG_FILE)?;
                }
                replay(records, &mut committed) + 1
            }
            None => {
                // A commit's `sync` makes the log's bytes last, not its name: the
                // new file must be in the folder's list on disk before anything relies
                // on it.
                disk.write(LOG_FILE, &[])?;
                disk.sync(LOG_FILE)?;
                disk.sync_dir()?;
                1
            }
        };
        Ok(Store {
            disk,
            committed,
            open: HashMap::new(),
            next_tx,
        })
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
        let writes = self.open.get_mut(&tx).ok_or_else(|| not_open(tx))?;
        self.disk
            .append(LOG_FILE, &encode(&Record::Write { tx, key, value }))?;
        writes.push((key, value));
        Ok(())
    }

    /// Commits `tx`: appends its commit marker and syncs the log to disk before its
    /// writes become visible and before returning.
    pub fn commit(&mut self, tx: TxId) -> io::Result<()> {
        if !self.open.contains_key(&tx) {
            return Err(not_open(tx));
        }
        self.disk
            .append(LOG_FILE, &encode(&Record::Commit { tx }))?;
        // Durability is this one line: the commit is not acknowledged before the
        // marker is on disk.
        self.disk.sync(LOG_FILE)?;
        let writes = self.open.remove(&tx).unwrap_or_default();
        self.committed.extend(writes);
        Ok(())
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
        if let Some(tx) = self.open.keys().min() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("transaction {tx} is still open; commit or abort it first"),
            ));
        }
        // Write beside, sync, then rename over: a crash leaves the old checkpoint or
        // the new one, never half of one. Syncing the folder makes the rename last.
        self.disk
            .write(TEMP_FILE, &write_checkpoint(&self.committed))?;
        self.disk.sync(TEMP_FILE)?;
        self.disk.rename(TEMP_FILE, DATA_FILE)?;
        self.disk.sync_dir()?;
        // Only now may the log go. A crash before this line replays a log whose
        // writes the checkpoint already holds: writes set values, so that is harmless.
        self.disk.truncate(LOG_FILE, 0)?;
        self.disk.sync(LOG_FILE)
    }

    /// The log's length in bytes.
    pub fn log_len(&self) -> io::Result<u64> {
        self.disk.size(LOG_FILE)
    }
}

fn not_open(tx: TxId) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("transaction {tx} is not open"),
    )
}

/// The checkpoint: its pairs as write records of transaction 0, then a commit, so it
/// reads with the log's own framing and a torn checkpoint cannot pass for a whole one.
fn write_checkpoint(state: &BTreeMap<u64, i64>) -> Vec<u8> {
    state
        .iter()
        .map(|(&key, &value)| Record::Write { tx: 0, key, value })
        .chain([Record::Commit { tx: 0 }])
        .flat_map(|record| encode(&record))
        .collect()
}

fn read_checkpoint(bytes: &[u8]) -> io::Result<BTreeMap<u64, i64>> {
    let (records, valid) = decode(bytes);
    if valid != bytes.len() || records.last() != Some(&Record::Commit { tx: 0 }) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the checkpoint file is damaged; restore it from a backup",
        ));
    }
    let mut state = BTreeMap::new();
    replay(records, &mut state);
    Ok(state)
}

/// Applies to `committed` the writes of every transaction whose commit marker is in
/// `records`, at its marker; returns the largest transaction id seen (0 if none).
fn replay(records: Vec<Record>, committed: &mut BTreeMap<u64, i64>) -> TxId {
    let mut pending: HashMap<TxId, Vec<(u64, i64)>> = HashMap::new();
    let mut last = 0;
    for record in records {
        let tx = match record {
            Record::Write { tx, key, value } => {
                pending.entry(tx).or_default().push((key, value));
                tx
            }
            Record::Commit { tx } => {
                committed.extend(pending.remove(&tx).unwrap_or_default());
                tx
            }
        };
        last = last.max(tx);
    }
    last
}
