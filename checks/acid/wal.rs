//! Checks for `exercises/acid/src/wal.rs`.

use std::cell::{Ref, RefCell, RefMut};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;
use std::rc::Rc;

use acid::wal::{DATA_FILE, Disk, LOG_FILE, Record, Store, crc32, decode, encode};
use proptest::prelude::*;

mod support;

use support::ScratchDir;

fn open(dir: &Path) -> Store {
    Store::open(dir)
        .unwrap_or_else(|error| panic!("opening the store in {}: {error}", dir.display()))
}

fn log_bytes(dir: &Path) -> Vec<u8> {
    fs::read(dir.join(LOG_FILE)).expect("the log file exists once the store is open")
}

#[test]
fn a_record_is_framed_by_its_length_and_checksum() {
    assert_eq!(
        crc32(b"123456789"),
        0xCBF4_3926,
        "the given crc32 is the standard one"
    );
    let payload = [2, 7, 0, 0, 0, 0, 0, 0, 0];
    let mut commit = vec![9, 0, 0, 0];
    commit.extend(crc32(&payload).to_le_bytes());
    commit.extend(payload);
    assert_eq!(
        encode(&Record::Commit { tx: 7 }),
        commit,
        "length 9 (u32 LE), crc32 of the payload (u32 LE), tag 2, tx 7 (u64 LE)"
    );

    let mut payload = vec![1];
    payload.extend(3u64.to_le_bytes());
    payload.extend(42u64.to_le_bytes());
    payload.extend((-5i64).to_le_bytes());
    let mut write = vec![25, 0, 0, 0];
    write.extend(crc32(&payload).to_le_bytes());
    write.extend(&payload);
    assert_eq!(
        encode(&Record::Write {
            tx: 3,
            key: 42,
            value: -5
        }),
        write,
        "length 25, checksum, tag 1, then tx, key and value"
    );
}

#[test]
fn decoding_stops_at_a_corrupt_record() {
    let records = [
        Record::Write {
            tx: 1,
            key: 1,
            value: 10,
        },
        Record::Commit { tx: 1 },
        Record::Commit { tx: 2 },
    ];
    let mut bytes: Vec<u8> = records.iter().flat_map(encode).collect();
    let first_two = encode(&records[0]).len() + encode(&records[1]).len();
    assert_eq!(decode(&bytes), (records.to_vec(), bytes.len()));
    bytes[first_two + 10] ^= 0x01;
    assert_eq!(
        decode(&bytes),
        (records[..2].to_vec(), first_two),
        "one flipped bit in the third record's payload: its checksum no longer matches"
    );
}

#[test]
fn a_committed_transaction_survives_a_restart() {
    let dir = ScratchDir::new("wal-restart");
    {
        let mut store = open(dir.path());
        let tx = store.begin();
        store.write(tx, 1, 100).unwrap();
        store.write(tx, 2, 200).unwrap();
        assert_eq!(store.get(1), None, "nothing is visible before the commit");
        store.commit(tx).unwrap();
        assert_eq!(store.get(1), Some(100), "visible once committed");
        assert_eq!(
            store.log_len().unwrap(),
            log_bytes(dir.path()).len() as u64,
            "log_len is the length of the log file: two writes and a commit marker"
        );
    }
    let store = open(dir.path());
    assert_eq!(
        store.committed(),
        &BTreeMap::from([(1, 100), (2, 200)]),
        "a reopened store must replay the committed transaction from its log"
    );
}

#[test]
fn an_uncommitted_or_aborted_transaction_leaves_no_trace() {
    let dir = ScratchDir::new("wal-uncommitted");
    {
        let mut store = open(dir.path());
        let kept = store.begin();
        let aborted = store.begin();
        let unfinished = store.begin();
        store.write(kept, 1, 1).unwrap();
        store.write(aborted, 2, 2).unwrap();
        store.write(unfinished, 3, 3).unwrap();
        store.commit(kept).unwrap();
        store.abort(aborted);
        assert!(
            store.commit(aborted).is_err(),
            "an aborted transaction cannot commit"
        );
        // The process stops here, `unfinished` still open.
    }
    let store = open(dir.path());
    assert_eq!(store.committed(), &BTreeMap::from([(1, 1)]));
}

#[test]
fn a_transaction_begun_after_a_restart_never_reuses_the_id_of_one_left_open() {
    let dir = ScratchDir::new("wal-ids");
    {
        let mut store = open(dir.path());
        let done = store.begin();
        store.write(done, 1, 1).unwrap();
        store.commit(done).unwrap();
        let unfinished = store.begin();
        store.write(unfinished, 5, 666).unwrap();
        // The process stops here, `unfinished` still open: its write stays in the log.
    }
    {
        let mut store = open(dir.path());
        for key in 6..9 {
            let tx = store.begin();
            store.write(tx, key, key as i64).unwrap();
            store.commit(tx).unwrap();
        }
        assert_eq!(
            store.get(5),
            None,
            "the unfinished transaction never committed"
        );
    }
    let store = open(dir.path());
    assert_eq!(
        store.get(5),
        None,
        "key 5 came back from a transaction that never committed: after the restart a new \
         transaction got the id of the one left open, so its commit marker also committed the \
         old write; ids must continue past every id in the log"
    );
    assert_eq!(
        store.committed(),
        &BTreeMap::from([(1, 1), (6, 6), (7, 7), (8, 8)])
    );
}

#[test]
fn transactions_apply_in_commit_order_not_write_order() {
    let dir = ScratchDir::new("wal-order");
    let mut store = open(dir.path());
    let first = store.begin();
    let second = store.begin();
    store.write(first, 1, 10).unwrap();
    store.write(second, 1, 20).unwrap();
    store.commit(second).unwrap();
    store.commit(first).unwrap();
    assert_eq!(store.get(1), Some(10), "the later commit wins");
    drop(store);
    assert_eq!(
        open(dir.path()).get(1),
        Some(10),
        "recovery must apply each transaction at its commit marker"
    );
}

#[test]
fn recovery_cuts_a_torn_tail_so_new_records_follow_whole_ones() {
    let dir = ScratchDir::new("wal-torn");
    {
        let mut store = open(dir.path());
        let tx = store.begin();
        store.write(tx, 1, 1).unwrap();
        store.commit(tx).unwrap();
    }
    let whole = log_bytes(dir.path()).len();
    let mut torn = log_bytes(dir.path());
    torn.extend(
        &encode(&Record::Write {
            tx: 9,
            key: 5,
            value: 5,
        })[..10],
    );
    fs::write(dir.path().join(LOG_FILE), &torn).unwrap();
    {
        let mut store = open(dir.path());
        assert_eq!(store.committed(), &BTreeMap::from([(1, 1)]));
        assert_eq!(
            log_bytes(dir.path()).len(),
            whole,
            "recovery must cut the log back to its last whole record"
        );
        let tx = store.begin();
        store.write(tx, 2, 2).unwrap();
        store.commit(tx).unwrap();
    }
    assert_eq!(
        open(dir.path()).committed(),
        &BTreeMap::from([(1, 1), (2, 2)]),
        "a commit made after recovering a torn log must survive the next restart"
    );
}

#[test]
fn a_checkpoint_empties_the_log_and_keeps_the_state() {
    let dir = ScratchDir::new("wal-checkpoint");
    let old_log;
    {
        let mut store = open(dir.path());
        for key in 0..5 {
            let tx = store.begin();
            store.write(tx, key, key as i64 * 10).unwrap();
            store.commit(tx).unwrap();
        }
        old_log = log_bytes(dir.path());
        let open_tx = store.begin();
        assert!(
            store.checkpoint().is_err(),
            "a checkpoint while a transaction is open would lose its logged writes"
        );
        store.abort(open_tx);
        store.checkpoint().unwrap();
        assert_eq!(
            store.log_len().unwrap(),
            0,
            "the log starts again from empty"
        );
        let tx = store.begin();
        store.write(tx, 0, -1).unwrap();
        store.commit(tx).unwrap();
    }
    let expected = BTreeMap::from([(0, -1), (1, 10), (2, 20), (3, 30), (4, 40)]);
    assert_eq!(
        open(dir.path()).committed(),
        &expected,
        "the checkpoint, then the log written after it"
    );

    // A crash after the checkpoint was saved but before the log was emptied leaves
    // the old log beside the new checkpoint; replaying it again must be harmless.
    fs::write(dir.path().join(LOG_FILE), &old_log).unwrap();
    let store = open(dir.path());
    assert_eq!(
        store.committed(),
        &BTreeMap::from([(0, 0), (1, 10), (2, 20), (3, 30), (4, 40)]),
        "the old log replayed over the checkpoint it was saved into"
    );
}

#[derive(Debug, Clone)]
enum Step {
    Begin,
    Write { tx: usize, key: u64, value: i64 },
    Commit(usize),
    Abort(usize),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        1 => Just(Step::Begin),
        4 => (0..4usize, 0..5u64, -99..99i64).prop_map(|(tx, key, value)| Step::Write { tx, key, value }),
        2 => (0..4usize).prop_map(Step::Commit),
        1 => (0..4usize).prop_map(Step::Abort),
    ];
    proptest::collection::vec(step, 1..24)
}

proptest! {
    #![proptest_config(support::proptest_config(48))]

    /// Runs random interleaved transactions, then pretends the machine died after
    /// any number of bytes of the log reached the disk.
    #[test]
    fn a_crash_at_any_byte_recovers_exactly_the_transactions_committed_before_it(
        steps in steps(),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 6),
    ) {
        let disk = CrashingDisk::default();
        let mut store = Store::recover(disk.clone()).unwrap();
        let mut open_txs = Vec::new();
        let mut writes: BTreeMap<u64, Vec<(u64, i64)>> = BTreeMap::new();
        // Each commit's writes, with the log's length once the commit returned.
        let mut commits: Vec<(u64, Vec<(u64, i64)>)> = Vec::new();
        for step in &steps {
            match *step {
                Step::Begin => open_txs.push(store.begin()),
                Step::Write { tx, key, value } if !open_txs.is_empty() => {
                    let tx = open_txs[tx % open_txs.len()];
                    store.write(tx, key, value).unwrap();
                    writes.entry(tx).or_default().push((key, value));
                }
                Step::Commit(tx) if !open_txs.is_empty() => {
                    let tx = open_txs.remove(tx % open_txs.len());
                    store.commit(tx).unwrap();
                    let durable_at = store.log_len().unwrap();
                    commits.push((durable_at, writes.remove(&tx).unwrap_or_default()));
                }
                Step::Abort(tx) if !open_txs.is_empty() => {
                    let tx = open_txs.remove(tx % open_txs.len());
                    store.abort(tx);
                    writes.remove(&tx);
                }
                _ => {}
            }
        }
        drop(store);
        let log = disk.read(LOG_FILE).unwrap().expect("the store has a log");
        for cut in cuts {
            let cut = cut.index(log.len() + 1);
            let crashed = CrashingDisk::holding(LOG_FILE, &log[..cut]);
            let mut expected = BTreeMap::new();
            for (durable_at, writes) in &commits {
                if *durable_at <= cut as u64 {
                    expected.extend(writes.iter().copied());
                }
            }
            let recovered = Store::recover(crashed).unwrap();
            prop_assert_eq!(
                recovered.committed(),
                &expected,
                "the log cut after {} of its {} bytes; steps {:?}", cut, log.len(), steps
            );
        }
    }
}

#[test]
fn a_log_of_random_bytes_recovers_as_whatever_whole_prefix_it_has() {
    let dir = ScratchDir::new("wal-garbage");
    fs::write(dir.path().join(LOG_FILE), [0xFFu8; 64]).unwrap();
    let store = open(dir.path());
    assert!(
        store.committed().is_empty(),
        "a length of 4 GiB cannot be read: recovery must stop, not panic or allocate it"
    );
}

/// What a simulated disk holds: each file as the process sees it and as the disk
/// has it, and the folder's list of names likewise.
#[derive(Debug, Default)]
struct Platter {
    files: Vec<File>,
    names: BTreeMap<String, usize>,
    names_on_disk: BTreeMap<String, usize>,
    /// Every change asked for, in order, described for a failure message.
    changes: Vec<String>,
    /// The change at which the machine dies, if it does; once dead, it does nothing.
    crash_before: Option<usize>,
    crashed: bool,
}

/// One file: what reads return, and what a crash leaves.
#[derive(Debug, Default, Clone)]
struct File {
    seen: Vec<u8>,
    on_disk: Vec<u8>,
}

/// A disk that loses everything not forced to it, and can die before any change.
/// Its model is pessimistic, as a careful database assumes: written or appended
/// bytes reach the disk only at `sync`; emptying or cutting a file reaches it at
/// once; a new name (a created file, a rename) only at `sync_dir`.
#[derive(Debug, Default, Clone)]
struct CrashingDisk(Rc<RefCell<Platter>>);

impl CrashingDisk {
    /// A disk holding one file, `name`, synced, with `bytes` in it.
    fn holding(name: &str, bytes: &[u8]) -> Self {
        let file = File {
            seen: bytes.to_vec(),
            on_disk: bytes.to_vec(),
        };
        let names = BTreeMap::from([(name.to_owned(), 0)]);
        CrashingDisk(Rc::new(RefCell::new(Platter {
            files: vec![file],
            names_on_disk: names.clone(),
            names,
            ..Platter::default()
        })))
    }

    /// A disk that dies just before its change number `change` (counting from 0).
    fn dying_before(change: usize) -> Self {
        let disk = Self::default();
        disk.0.borrow_mut().crash_before = Some(change);
        disk
    }

    fn changes(&self) -> Vec<String> {
        self.0.borrow().changes.clone()
    }

    /// The disk as the machine finds it when it boots again: only what was synced.
    fn after_crash(&self) -> CrashingDisk {
        let platter = self.0.borrow();
        let mut files = Vec::new();
        let mut names = BTreeMap::new();
        for (name, &inode) in &platter.names_on_disk {
            let bytes = platter.files[inode].on_disk.clone();
            names.insert(name.clone(), files.len());
            files.push(File {
                seen: bytes.clone(),
                on_disk: bytes,
            });
        }
        CrashingDisk(Rc::new(RefCell::new(Platter {
            files,
            names_on_disk: names.clone(),
            names,
            ..Platter::default()
        })))
    }

    /// Records a change; fails if the machine dies before it, or died already.
    fn change(&self, what: String) -> io::Result<RefMut<'_, Platter>> {
        let mut platter = self.0.borrow_mut();
        if platter.crashed || platter.crash_before == Some(platter.changes.len()) {
            platter.crashed = true;
            return Err(io::Error::other("the machine crashed"));
        }
        platter.changes.push(what);
        Ok(platter)
    }

    fn alive(&self) -> io::Result<Ref<'_, Platter>> {
        let platter = self.0.borrow();
        if platter.crashed {
            return Err(io::Error::other("the machine crashed"));
        }
        Ok(platter)
    }
}

impl Platter {
    fn file(&mut self, name: &str) -> io::Result<&mut File> {
        let inode = *self.names.get(name).ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, format!("no file named {name}"))
        })?;
        Ok(&mut self.files[inode])
    }

    fn create(&mut self, name: &str) -> &mut File {
        if !self.names.contains_key(name) {
            self.names.insert(name.to_owned(), self.files.len());
            self.files.push(File::default());
        }
        self.file(name).expect("just created")
    }
}

impl Disk for CrashingDisk {
    fn read(&self, name: &str) -> io::Result<Option<Vec<u8>>> {
        let platter = self.alive()?;
        Ok(platter
            .names
            .get(name)
            .map(|&inode| platter.files[inode].seen.clone()))
    }

    fn size(&self, name: &str) -> io::Result<u64> {
        Ok(self.read(name)?.map_or(0, |bytes| bytes.len() as u64))
    }

    fn append(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let mut platter = self.change(format!("append {} bytes to {name}", bytes.len()))?;
        platter.create(name).seen.extend_from_slice(bytes);
        Ok(())
    }

    fn write(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let mut platter = self.change(format!("write {name} ({} bytes)", bytes.len()))?;
        let file = platter.create(name);
        file.seen = bytes.to_vec();
        file.on_disk.clear();
        Ok(())
    }

    fn truncate(&mut self, name: &str, len: u64) -> io::Result<()> {
        let mut platter = self.change(format!("cut {name} to {len} bytes"))?;
        let file = platter.file(name)?;
        file.seen.truncate(len as usize);
        file.on_disk.truncate(len as usize);
        Ok(())
    }

    fn sync(&mut self, name: &str) -> io::Result<()> {
        let mut platter = self.change(format!("sync {name}"))?;
        let file = platter.file(name)?;
        file.on_disk = file.seen.clone();
        Ok(())
    }

    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        let mut platter = self.change(format!("rename {from} to {to}"))?;
        let inode = platter.names.remove(from).ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, format!("no file named {from}"))
        })?;
        platter.names.insert(to.to_owned(), inode);
        Ok(())
    }

    fn sync_dir(&mut self) -> io::Result<()> {
        let mut platter = self.change("sync the folder".to_owned())?;
        platter.names_on_disk = platter.names.clone();
        Ok(())
    }
}

/// What the store acknowledged before the crash: the state a recovery must bring
/// back, and that state with the commit that was under way, which may have made it.
#[derive(Debug, Default)]
struct Acknowledged {
    state: BTreeMap<u64, i64>,
    in_flight: Option<BTreeMap<u64, i64>>,
}

/// Commits, an open transaction, checkpoints and more commits, until the disk dies.
fn checkpointing_workload(disk: CrashingDisk, acknowledged: &mut Acknowledged) -> io::Result<()> {
    let mut store = Store::recover(disk)?;
    let mut commit = |store: &mut Store<CrashingDisk>, writes: &[(u64, i64)]| {
        let tx = store.begin();
        for &(key, value) in writes {
            store.write(tx, key, value)?;
        }
        let mut after = acknowledged.state.clone();
        after.extend(writes.iter().copied());
        acknowledged.in_flight = Some(after);
        store.commit(tx)?;
        acknowledged.state = acknowledged.in_flight.take().expect("set above");
        Ok::<_, io::Error>(())
    };
    commit(&mut store, &[(1, 10), (2, 20)])?;
    commit(&mut store, &[(2, 21), (3, 30)])?;
    let open = store.begin();
    store.write(open, 9, 99)?;
    assert!(store.checkpoint().is_err(), "a transaction is open");
    store.abort(open);
    store.checkpoint()?;
    commit(&mut store, &[(1, -1), (4, 40)])?;
    store.checkpoint()?;
    commit(&mut store, &[(3, -3)])?;
    Ok(())
}

/// Every change the workload makes to a disk that never crashes.
fn workload_changes() -> Vec<String> {
    let disk = CrashingDisk::default();
    checkpointing_workload(disk.clone(), &mut Acknowledged::default())
        .expect("a disk that never crashes");
    disk.changes()
}

/// Runs the workload on a disk that dies before change number `crash`, reboots,
/// recovers, and checks that recovery brought back what was acknowledged. Returns the
/// recovered store, its disk, and what happened, for messages.
fn crash_and_recover(
    changes: &[String],
    crash: usize,
) -> (Store<CrashingDisk>, CrashingDisk, String) {
    let disk = CrashingDisk::dying_before(crash);
    let mut acknowledged = Acknowledged::default();
    let _ = checkpointing_workload(disk.clone(), &mut acknowledged);
    let first = crash.saturating_sub(6);
    let mut story = changes[first..crash].join(", ");
    if first > 0 {
        story = format!("..., {story}");
    }
    let story = match changes.get(crash) {
        Some(next) => format!("[{story}], then the machine died before: {next}"),
        None => format!("[{story}], then the machine lost its power"),
    };
    let rebooted = disk.after_crash();
    let store = Store::recover(rebooted.clone()).unwrap_or_else(|error| {
        panic!(
            "the store's changes to the disk were {story}; recovery then failed: {error}. \
             Unsynced bytes and unsynced names are lost in a crash: the checkpoint must be \
             written beside the data file, synced, renamed over it and the folder synced, \
             and only then may the log be emptied"
        )
    });
    let recovered = store.committed();
    assert!(
        *recovered == acknowledged.state || Some(recovered) == acknowledged.in_flight.as_ref(),
        "the store's changes to the disk were {story}; recovery found {recovered:?}, but the \
         commits acknowledged before the crash hold {:?}. Only what was synced survives: \
         a commit must sync the log, a new file or a rename lasts once the folder is synced, \
         and a checkpoint may empty the log only once it is itself on disk for good",
        acknowledged.state
    );
    (store, rebooted, story)
}

#[test]
fn a_crash_between_any_two_changes_to_the_disk_loses_no_acknowledged_commit() {
    let changes = workload_changes();
    for crash in 0..=changes.len() {
        crash_and_recover(&changes, crash);
    }
}

#[test]
fn after_a_crash_and_recovery_the_next_commit_lasts() {
    let changes = workload_changes();
    for crash in 0..=changes.len() {
        let (mut store, rebooted, story) = crash_and_recover(&changes, crash);
        let mut expected = store.committed().clone();
        let tx = store.begin();
        store.write(tx, 42, 42).unwrap();
        store.commit(tx).unwrap();
        expected.insert(42, 42);
        let again = Store::recover(rebooted.after_crash()).unwrap();
        assert_eq!(
            again.committed(),
            &expected,
            "the store's changes to the disk were {story}; after recovery a transaction \
             set key 42 and committed, and a crash right after the commit returned lost it: \
             a commit must sync the log, and a log that recovery creates lasts only once \
             the folder is synced"
        );
    }
}

#[test]
fn a_damaged_checkpoint_is_refused_not_read_as_a_smaller_state() {
    let disk = CrashingDisk::default();
    let mut store = Store::recover(disk.clone()).unwrap();
    for key in 0..4 {
        let tx = store.begin();
        store.write(tx, key, key as i64).unwrap();
        store.commit(tx).unwrap();
    }
    store.checkpoint().unwrap();
    let data = disk
        .read(DATA_FILE)
        .unwrap()
        .expect("a checkpoint was saved");
    for cut in 0..data.len() {
        let torn = CrashingDisk::holding(DATA_FILE, &data[..cut]);
        if let Ok(store) = Store::recover(torn) {
            panic!(
                "the data file cut to {cut} of its {} bytes was read as {:?}; a damaged \
                 checkpoint must be refused with an error, or committed data is lost without \
                 a word",
                data.len(),
                store.committed()
            );
        }
    }
    let mut garbage = data.clone();
    garbage.extend([0xFF; 5]);
    assert!(
        Store::recover(CrashingDisk::holding(DATA_FILE, &garbage)).is_err(),
        "a data file with bytes after its last record is damaged, and must be refused"
    );
}
