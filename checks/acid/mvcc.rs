//! Checks for `exercises/acid/src/mvcc.rs`.
//!
//! Each phenomenon is an interleaving of two transactions, T1 and T2, run statement by
//! statement. A statement that fails with anything but `WouldBlock` ends its
//! transaction, whose later statements are then skipped: the phenomenon "occurs" only
//! if the anomalous result is actually committed or seen.

use acid::mvcc::{Database, Isolation, TxError, TxId};
use proptest::prelude::*;
use rstest::rstest;

mod support;

use Isolation::{ReadCommitted, RepeatableRead};

#[path = "support/phenomena.rs"]
mod phenomena;

use phenomena::*;

#[rstest]
fn each_level_allows_exactly_what_postgres_allows(
    #[values(ReadCommitted, RepeatableRead)] level: Isolation,
    #[values(
        DirtyRead,
        NonRepeatableRead,
        Phantom,
        LostUpdate,
        WriteSkew,
        WriteSkewOnInsert
    )]
    phenomenon: Phenomenon,
) {
    let allowed = postgres_allows(level, phenomenon);
    assert_eq!(
        occurs(level, phenomenon),
        allowed,
        "at {level:?}, PostgreSQL {} {phenomenon:?}",
        if allowed { "allows" } else { "prevents" }
    );
}

#[rstest]
fn a_transaction_reads_its_own_writes_in_key_order(
    #[values(ReadCommitted, RepeatableRead)] level: Isolation,
) {
    let mut db = database(&[(2, 20), (5, 50)]);
    let tx = db.begin(level);
    db.write(tx, 9, 90).unwrap();
    db.write(tx, 1, 10).unwrap();
    db.write(tx, 5, 55).unwrap();
    db.write(tx, 5, 56).unwrap();
    assert_eq!(
        db.read(tx, 5).unwrap(),
        Some(56),
        "{level:?}: a transaction reads its own latest write"
    );
    assert_eq!(db.read(tx, 3).unwrap(), None, "key 3 was never written");
    assert_eq!(
        db.scan(tx, &|_, _| true).unwrap(),
        [(1, 10), (2, 20), (5, 56), (9, 90)],
        "{level:?}: a scan sees the committed rows and the transaction's own writes, in key order"
    );
    assert_eq!(
        db.scan(tx, &|key, value| key > 1 && value < 60).unwrap(),
        [(2, 20), (5, 56)],
        "the predicate sees the key and the value"
    );
    db.commit(tx).unwrap();
    assert_eq!(
        committed(&mut db, 5),
        Some(56),
        "{level:?}: a transaction that starts after the commit sees it"
    );
}

#[test]
fn readers_never_wait_for_writers() {
    let mut db = database(&[(1, 10)]);
    let writer = db.begin(ReadCommitted);
    db.write(writer, 1, 11).unwrap();
    let reader = db.begin(RepeatableRead);
    assert_eq!(
        db.read(reader, 1),
        Ok(Some(10)),
        "a read of a row being written sees the last committed version, at once"
    );
}

#[rstest]
fn a_second_writer_waits_and_changes_nothing(
    #[values(ReadCommitted, RepeatableRead)] level: Isolation,
) {
    let mut db = database(&[(1, 10)]);
    let (t1, t2) = (db.begin(level), db.begin(level));
    db.write(t1, 1, 11).unwrap();
    assert_eq!(
        db.write(t2, 1, 12),
        Err(TxError::WouldBlock),
        "{level:?}: T1 has written row 1 and is still open, so T2's write must wait"
    );
    assert_eq!(
        db.write(t2, 1, 12),
        Err(TxError::WouldBlock),
        "still blocked"
    );
    assert_eq!(
        db.read(t2, 2),
        Ok(None),
        "WouldBlock does not end the transaction: it can go on with other rows"
    );
    db.abort(t1);
    assert_eq!(
        db.write(t2, 1, 12),
        Ok(()),
        "T1 aborted, so the row never changed: T2's write goes ahead at every level"
    );
    db.commit(t2).unwrap();
    assert_eq!(
        committed(&mut db, 1),
        Some(12),
        "{level:?}: T2 committed 12; a transaction that starts afterwards must see it"
    );
}

#[rstest]
#[case(ReadCommitted, Ok(()))]
#[case(RepeatableRead, Err(TxError::SerializationFailure))]
fn after_the_first_writer_commits_the_waiting_write_depends_on_the_level(
    #[case] level: Isolation,
    #[case] expected: Result<(), TxError>,
) {
    let mut db = database(&[(1, 10)]);
    let (t1, t2) = (db.begin(level), db.begin(level));
    assert_eq!(db.read(t2, 1), Ok(Some(10)), "T2 takes its snapshot");
    db.write(t1, 1, 11).unwrap();
    assert_eq!(
        db.write(t2, 1, 12),
        Err(TxError::WouldBlock),
        "{level:?}: T1 has written row 1 and is still open, so T2's write must wait"
    );
    db.commit(t1).unwrap();
    assert_eq!(
        db.write(t2, 1, 12),
        expected,
        "{level:?}: read committed updates the newest version; snapshot levels refuse a row changed after the snapshot"
    );
}

#[test]
fn a_failed_transaction_is_over_and_its_writes_are_gone() {
    let mut db = database(&[(1, 10)]);
    let (t1, t2) = (db.begin(RepeatableRead), db.begin(ReadCommitted));
    db.read(t1, 1).unwrap();
    db.write(t1, 2, 20).unwrap();
    db.write(t2, 1, 11).unwrap();
    db.commit(t2).unwrap();
    assert_eq!(
        db.write(t1, 1, 12),
        Err(TxError::SerializationFailure),
        "T2 changed row 1 after T1's snapshot: at repeatable read T1's write must fail \
         (first updater wins), or T2's update is lost"
    );
    assert!(
        db.read(t1, 1).is_err(),
        "a failed transaction runs no more statements"
    );
    assert!(db.commit(t1).is_err(), "a failed transaction cannot commit");
    assert_eq!(
        committed(&mut db, 2),
        None,
        "T1's earlier write must be discarded"
    );
    let t3 = db.begin(RepeatableRead);
    assert_eq!(db.write(t3, 2, 30), Ok(()), "and it holds no row any more");
}

#[test]
fn repeatable_read_takes_its_snapshot_at_the_first_statement_not_at_begin() {
    let mut db = database(&[(1, 10)]);
    let t1 = db.begin(RepeatableRead);
    let t2 = db.begin(ReadCommitted);
    db.write(t2, 1, 11).unwrap();
    db.commit(t2).unwrap();
    assert_eq!(
        db.read(t1, 1),
        Ok(Some(11)),
        "T1 ran no statement before T2 committed, so its snapshot includes T2 (as in PostgreSQL)"
    );
    let t3 = db.begin(ReadCommitted);
    db.write(t3, 1, 12).unwrap();
    db.commit(t3).unwrap();
    assert_eq!(
        db.read(t1, 1),
        Ok(Some(11)),
        "from then on, T1's snapshot holds"
    );
}

#[test]
fn ids_and_errors_read_well_in_messages() {
    let mut db = Database::new();
    let (t1, t2) = (db.begin(ReadCommitted), db.begin(ReadCommitted));
    assert!(
        t1.to_string().starts_with('T') && t1.to_string() != t2.to_string(),
        "a transaction shows as T and its number: {t1}, {t2}"
    );
    assert_eq!(
        TxError::SerializationFailure.to_string(),
        "could not serialize access; retry the transaction",
        "PostgreSQL's words"
    );
}

/// One statement of a generated transaction.
#[derive(Debug, Clone)]
enum Statement {
    /// Read `key` and write it back plus one.
    Increment(u64),
}

/// Runs `scripts` (one transaction each) interleaved by `schedule`. A transaction
/// whose statement blocks waits until another makes progress; if every open one is
/// blocked, the one whose turn it is gives up, as a deadlock detector would decide.
/// Returns which transactions committed.
fn interleave(
    db: &mut Database,
    level: Isolation,
    scripts: &[Vec<Statement>],
    schedule: &[usize],
) -> Vec<bool> {
    let txs: Vec<TxId> = scripts.iter().map(|_| db.begin(level)).collect();
    let mut committed = vec![false; scripts.len()];
    let lengths: Vec<usize> = scripts.iter().map(Vec::len).collect();
    support::run_interleaved(
        db,
        Database::abort,
        &txs,
        &lengths,
        schedule,
        |db, i, statement| {
            let tx = txs[i];
            match statement.map(|n| &scripts[i][n]) {
                None => db.commit(tx).map(|()| committed[i] = true),
                Some(Statement::Increment(key)) => (|| {
                    let value = db.read(tx, *key)?.unwrap_or(0);
                    db.write(tx, *key, value + 1)
                })(),
            }
        },
    );
    committed
}

proptest! {
    #![proptest_config(support::proptest_config(200))]

    #[test]
    fn repeatable_read_loses_no_increment_under_any_interleaving(
        scripts in proptest::collection::vec(proptest::collection::vec((0..3u64).prop_map(Statement::Increment), 1..4), 2..5),
        schedule in proptest::collection::vec(0..8usize, 1..40),
    ) {
        let mut db = database(&[(0, 0), (1, 0), (2, 0)]);
        let committed_txs = interleave(&mut db, RepeatableRead, &scripts, &schedule);
        for key in 0..3 {
            let expected: i64 = scripts
                .iter()
                .zip(&committed_txs)
                .filter(|(_, done)| **done)
                .map(|(script, _)| script.iter().filter(|s| matches!(s, Statement::Increment(k) if *k == key)).count() as i64)
                .sum();
            prop_assert_eq!(
                committed(&mut db, key), Some(expected),
                "key {}: every committed transaction's increments must count at repeatable read ({:?}, schedule {:?})",
                key, scripts, schedule
            );
        }
    }
}

#[test]
fn a_first_statement_that_waits_still_fixes_the_snapshot() {
    let mut db = database(&[(1, 10), (2, 20)]);
    let holder = db.begin(ReadCommitted);
    db.write(holder, 1, 11).unwrap();
    let t = db.begin(RepeatableRead);
    assert_eq!(
        db.write(t, 1, 12),
        Err(TxError::WouldBlock),
        "row 1 is being written by an open transaction"
    );
    let other = db.begin(ReadCommitted);
    db.write(other, 2, 21).unwrap();
    db.commit(other).unwrap();
    db.abort(holder);
    assert_eq!(
        db.read(t, 2),
        Ok(Some(20)),
        "T's first statement (a write that had to wait) took its snapshot, as PostgreSQL's \
         does; a commit after it must stay invisible to T"
    );
}

#[test]
fn unseen_writers_names_who_wrote_what_the_snapshot_does_not_show() {
    let mut db = database(&[(1, 10), (2, 20), (3, 30)]);
    let before = db.begin(ReadCommitted);
    db.write(before, 1, 11).unwrap();
    db.commit(before).unwrap();
    let reader = db.begin(RepeatableRead);
    assert_eq!(
        db.read(reader, 1),
        Ok(Some(11)),
        "the snapshot includes the first commit"
    );
    let (open, late, dropped) = (
        db.begin(ReadCommitted),
        db.begin(ReadCommitted),
        db.begin(ReadCommitted),
    );
    db.write(open, 2, 21).unwrap();
    db.write(late, 3, 31).unwrap();
    db.commit(late).unwrap();
    db.write(dropped, 4, 40).unwrap();
    db.abort(dropped);
    db.write(reader, 1, 12).unwrap();
    let name = |txs: &[TxId]| txs.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(
        db.unseen_writers(reader, ..)
            .map(|set| name(&set.into_iter().collect::<Vec<_>>())),
        Ok(name(&[open, late])),
        "{open} (still open, row 2) and {late} (committed after the snapshot, row 3) wrote \
         versions the reader cannot see; {before} committed before its snapshot, {dropped} \
         aborted, and the reader's own write is its own"
    );
    assert_eq!(
        db.unseen_writers(reader, 3..=3)
            .map(|set| name(&set.into_iter().collect::<Vec<_>>())),
        Ok(name(&[late])),
        "a range of keys limits the answer to those rows"
    );
    db.commit(reader).unwrap();
    assert_eq!(
        db.unseen_writers(reader, ..),
        Err(TxError::NotActive),
        "an ended transaction has no snapshot to ask about"
    );
}

#[test]
fn a_version_committed_at_the_snapshot_is_seen_even_after_two_writes() {
    let mut db = database(&[(1, 0)]);
    let (writer, reader) = (db.begin(ReadCommitted), db.begin(RepeatableRead));
    db.write(writer, 1, 10).unwrap();
    db.write(writer, 1, 11).unwrap();
    db.commit(writer).unwrap();
    assert_eq!(
        db.read(reader, 1),
        Ok(Some(11)),
        "the reader's snapshot, taken after the writer committed, holds its last write"
    );
    assert_eq!(
        db.unseen_writers(reader, ..).map(|set| set.len()),
        Ok(0),
        "the writer committed at the reader's snapshot, so the reader sees all it wrote: \
         no version is unseen. A version committed exactly at the snapshot must not count \
         as newer, and a writer's second write to a row must replace its first version, \
         not leave it behind uncommitted"
    );
}
