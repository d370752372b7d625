//! Checks for `exercises/acid/src/ssi.rs`.
//!
//! Serializable runs beside the `mvcc` store's two levels, so the isolation matrix
//! is checked at all three: the wrapper must leave the other two as they were.
//!
//! Each phenomenon is an interleaving of two transactions, T1 and T2, run statement by
//! statement. A statement that fails with anything but `WouldBlock` ends its
//! transaction, whose later statements are then skipped: the phenomenon "occurs" only
//! if the anomalous result is actually committed or seen.

use acid::ssi::{Database, Isolation, TxError, TxId};
use proptest::prelude::*;
use rstest::rstest;

mod support;

use Isolation::{ReadCommitted, RepeatableRead, Serializable};

#[path = "support/phenomena.rs"]
mod phenomena;

use phenomena::*;

#[rstest]
fn each_level_allows_exactly_what_postgres_allows(
    #[values(ReadCommitted, RepeatableRead, Serializable)] level: Isolation,
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
    #[values(ReadCommitted, RepeatableRead, Serializable)] level: Isolation,
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
    let reader = db.begin(Serializable);
    assert_eq!(
        db.read(reader, 1),
        Ok(Some(10)),
        "a read of a row being written sees the last committed version, at once"
    );
}

#[rstest]
fn a_second_writer_waits_and_changes_nothing(
    #[values(ReadCommitted, RepeatableRead, Serializable)] level: Isolation,
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
#[case(Serializable, Err(TxError::SerializationFailure))]
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
fn a_read_only_transaction_beside_a_writer_commits_at_serializable() {
    let mut db = database(&[(1, 10), (2, 20)]);
    let (reader, writer) = (db.begin(Serializable), db.begin(Serializable));
    assert_eq!(
        db.read(reader, 1),
        Ok(Some(10)),
        "the committed value before anyone writes"
    );
    db.write(writer, 1, 11).unwrap();
    db.commit(writer).unwrap();
    assert_eq!(
        db.read(reader, 2),
        Ok(Some(20)),
        "the reader's snapshot, taken at its first statement, still shows row 2"
    );
    assert_eq!(
        db.commit(reader),
        Ok(()),
        "the reader simply comes first in the serial order: nothing to abort"
    );
}

#[test]
fn a_writer_whose_commit_a_reader_saw_comes_before_it_and_blocks_nothing() {
    let mut db = database(&[(1, 0), (2, 0)]);
    let (w, r, x) = (
        db.begin(Serializable),
        db.begin(Serializable),
        db.begin(Serializable),
    );
    db.write(w, 1, 10).unwrap();
    db.write(w, 1, 11).unwrap();
    db.commit(w).unwrap();
    assert_eq!(
        db.read(r, 1),
        Ok(Some(11)),
        "R's snapshot, taken after W committed, holds W's last write"
    );
    assert_eq!(db.read(x, 2), Ok(Some(0)));
    assert_eq!(
        db.write(r, 2, 5),
        Ok(()),
        "X read row 2 before R wrote it, so X comes before R; R saw W's commit, so W comes \
         before R too, with no rw dependency from R to W: W, X, R is a serial order. A \
         version committed at R's snapshot (or a writer's earlier version of the same row \
         left behind) must not count as written after R's snapshot"
    );
    assert_eq!(db.commit(r), Ok(()), "W, X, R is a serial order");
    assert_eq!(db.commit(x), Ok(()), "W, X, R is a serial order");
}

/// T1 -> T2 -> T3, each arrow a read-write dependency, with T3 committing last: a
/// chain, not a cycle, since T1, T2, T3 is a serial order. The 2008 algorithm aborts
/// any transaction with a dependency in and one out; PostgreSQL's commit-order rule
/// lets this run, because the structure is dangerous only if T3 commits first.
#[test]
fn a_chain_of_dependencies_whose_last_transaction_commits_last_all_commits() {
    let (x, y) = (1, 2);
    let mut db = database(&[(x, 0), (y, 0)]);
    let (t1, t2, t3) = (
        db.begin(Serializable),
        db.begin(Serializable),
        db.begin(Serializable),
    );
    let steps: [(&str, Result<(), TxError>); 7] = [
        ("T1 reads x", db.read(t1, x).map(drop)),
        ("T2 reads y", db.read(t2, y).map(drop)),
        (
            "T2 writes x, after T1 read it (T1 -> T2)",
            db.write(t2, x, 1),
        ),
        (
            "T3 writes y, after T2 read it (T2 -> T3)",
            db.write(t3, y, 1),
        ),
        ("T1 commits", db.commit(t1)),
        ("T2 commits", db.commit(t2)),
        ("T3 commits", db.commit(t3)),
    ];
    for (step, result) in steps {
        assert_eq!(
            result,
            Ok(()),
            "{step}: T1, T2, T3 is a serial order and T3 commits last, so T2 is a pivot \
             but not a dangerous one: abort only when the pivot's out-transaction \
             committed before both the pivot and its in-transaction"
        );
    }
}

/// T_in -> T_pivot -> T_out with T_out committed first is dangerous while T_in can
/// still commit; once T_in has aborted, it is in no serial order and the pivot is safe.
#[rstest]
fn a_pivot_whose_in_transaction_aborted_commits(#[values(true, false)] in_fails_on_its_own: bool) {
    let (x, y) = (1, 2);
    let mut db = database(&[(x, 0), (y, 0)]);
    let (t_in, pivot, t_out) = (
        db.begin(Serializable),
        db.begin(Serializable),
        db.begin(Serializable),
    );
    let blocker = db.begin(ReadCommitted);
    assert_eq!(db.read(t_in, x), Ok(Some(0)), "T_in reads x");
    assert_eq!(db.read(pivot, y), Ok(Some(0)), "the pivot reads y");
    assert_eq!(
        db.write(pivot, x, 1),
        Ok(()),
        "the pivot writes x: T_in -> pivot"
    );
    assert_eq!(
        db.write(t_out, y, 1),
        Ok(()),
        "T_out writes y: pivot -> T_out"
    );
    assert_eq!(db.commit(t_out), Ok(()), "T_out commits first");
    if in_fails_on_its_own {
        db.write(blocker, 3, 0).unwrap();
        db.commit(blocker).unwrap();
        assert_eq!(
            db.write(t_in, 3, 1),
            Err(TxError::SerializationFailure),
            "row 3 was written after T_in's snapshot: first updater wins, T_in fails"
        );
    } else {
        db.abort(t_in);
    }
    assert_eq!(
        db.commit(pivot),
        Ok(()),
        "T_in {}, so the pivot's only in-dependency is gone: no cycle can pass through \
         it, and the pivot must commit. An ended transaction must stop counting in the \
         dependencies",
        if in_fails_on_its_own {
            "failed on a write"
        } else {
            "was aborted"
        }
    );
}

#[test]
fn a_repeatable_read_transaction_takes_part_in_no_dependency() {
    let mut db = database(&[(1, 1), (2, 1)]);
    let (t1, t2) = (db.begin(Serializable), db.begin(RepeatableRead));
    for tx in [t1, t2] {
        assert_eq!(db.read(tx, 1), Ok(Some(1)), "{tx} reads x: on call");
        assert_eq!(db.read(tx, 2), Ok(Some(1)), "{tx} reads y: on call");
    }
    assert_eq!(db.write(t1, 1, 0), Ok(()), "T1 takes x off call");
    assert_eq!(db.write(t2, 2, 0), Ok(()), "T2 takes y off call");
    assert_eq!(db.commit(t1), Ok(()), "T1 commits first");
    assert_eq!(
        db.commit(t2),
        Ok(()),
        "T2 runs at repeatable read: as in PostgreSQL, SSI tracks and aborts only \
         serializable transactions, so this write skew between levels goes through"
    );
}

#[test]
fn write_skew_at_serializable_lets_the_first_committer_win() {
    let mut db = database(&[(1, 1), (2, 1)]);
    let (t1, t2) = (db.begin(Serializable), db.begin(Serializable));
    for tx in [t1, t2] {
        assert_eq!(db.read(tx, 1), Ok(Some(1)), "{tx} reads x: on call");
        assert_eq!(db.read(tx, 2), Ok(Some(1)), "{tx} reads y: on call");
    }
    assert_eq!(db.write(t1, 1, 0), Ok(()), "T1 takes x off call");
    assert_eq!(
        db.write(t2, 2, 0),
        Ok(()),
        "T2 takes y off call: T1 -> T2 -> T1 are dependencies both ways, but neither has \
         committed, so no out-transaction committed first and nothing is dangerous yet; \
         PostgreSQL lets both run and lets the first to commit win"
    );
    assert_eq!(db.commit(t1), Ok(()), "nothing has committed yet: T1 may");
    assert_eq!(
        db.commit(t2),
        Err(TxError::SerializationFailure),
        "T1 read y before T2 wrote it, and T2 read x before T1 wrote it: a cycle"
    );
}

/// One statement of a generated transaction.
#[derive(Debug, Clone)]
enum Statement {
    /// Read every key; if the total on call is at least 2, take `key` off call.
    TakeOffCall(u64),
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
    keys: u64,
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
                Some(Statement::TakeOffCall(key)) => (|| {
                    let mut total = 0;
                    for k in 0..keys {
                        total += db.read(tx, k)?.unwrap_or(0);
                    }
                    if total >= 2 {
                        db.write(tx, *key, 0)
                    } else {
                        Ok(())
                    }
                })(),
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
    fn serializable_keeps_someone_on_call_under_any_interleaving(
        scripts in proptest::collection::vec(proptest::collection::vec((0..3u64).prop_map(Statement::TakeOffCall), 1..3), 2..5),
        schedule in proptest::collection::vec(0..8usize, 1..40),
    ) {
        let mut db = database(&[(0, 1), (1, 1), (2, 1)]);
        interleave(&mut db, Serializable, &scripts, &schedule, 3);
        let on_call: i64 = (0..3).map(|k| committed(&mut db, k).unwrap_or(0)).sum();
        prop_assert!(on_call >= 1, "nobody is on call after {:?} scheduled {:?}", scripts, schedule);
    }

    #[test]
    fn snapshot_levels_lose_no_increment_under_any_interleaving(
        level in prop_oneof![Just(RepeatableRead), Just(Serializable)],
        scripts in proptest::collection::vec(proptest::collection::vec((0..3u64).prop_map(Statement::Increment), 1..4), 2..5),
        schedule in proptest::collection::vec(0..8usize, 1..40),
    ) {
        let mut db = database(&[(0, 0), (1, 0), (2, 0)]);
        let committed_txs = interleave(&mut db, level, &scripts, &schedule, 3);
        for key in 0..3 {
            let expected: i64 = scripts
                .iter()
                .zip(&committed_txs)
                .filter(|(_, done)| **done)
                .map(|(script, _)| script.iter().filter(|s| matches!(s, Statement::Increment(k) if *k == key)).count() as i64)
                .sum();
            prop_assert_eq!(
                committed(&mut db, key), Some(expected),
                "key {}: every committed transaction's increments must count ({:?} at {:?}, schedule {:?})",
                key, scripts, level, schedule
            );
        }
    }
}

/// Fekete, O'Neil and O'Neil's read-only anomaly (2004), with checking `x` and
/// savings `y`, both 0. T2, a withdrawal of 10 from checking, reads both and so
/// charges a penalty of 1 for going overdrawn. T1 deposits 20 into savings and
/// commits. T3, a report, reads savings: 20. T2 writes checking, -11, and commits.
/// T3 reads checking: 0, from its snapshot. In every serial order T2 (which saw no
/// deposit) comes before T1, and T1 before T3 (which saw the deposit), so T3 should
/// have seen T2's withdrawal: its report is of no serial order. Only the report,
/// which writes nothing, makes the cycle, and it closes the cycle with a read after
/// the others have committed.
#[test]
fn a_read_only_report_cannot_see_a_deposit_without_the_withdrawal_before_it() {
    let (x, y) = (1, 2);
    let mut db = database(&[(x, 0), (y, 0)]);
    let (t1, t2, t3) = (
        db.begin(Serializable),
        db.begin(Serializable),
        db.begin(Serializable),
    );
    let (mut alive1, mut alive2, mut alive3) = (true, true, true);
    let checking = run(&mut db, &mut alive2, |db| db.read(t2, x)).flatten();
    let savings = run(&mut db, &mut alive2, |db| db.read(t2, y)).flatten();
    let deposit = run(&mut db, &mut alive1, |db| db.read(t1, y)).flatten();
    run(&mut db, &mut alive1, |db| {
        db.write(t1, y, deposit.unwrap_or(0) + 20)
    });
    run(&mut db, &mut alive1, |db| db.commit(t1));
    let reported_savings = run(&mut db, &mut alive3, |db| db.read(t3, y)).flatten();
    let balance = checking.unwrap_or(0) + savings.unwrap_or(0);
    let penalty = if balance < 10 { 1 } else { 0 };
    run(&mut db, &mut alive2, |db| {
        db.write(t2, x, checking.unwrap_or(0) - 10 - penalty)
    });
    run(&mut db, &mut alive2, |db| db.commit(t2));
    let reported_checking = run(&mut db, &mut alive3, |db| db.read(t3, x)).flatten();
    run(&mut db, &mut alive3, |db| db.commit(t3));
    assert!(
        !(alive1 && alive2 && alive3),
        "the report T3 committed checking {reported_checking:?} and savings \
         {reported_savings:?}: it saw T1's deposit but not T2's withdrawal, which saw no \
         deposit and so comes before T1 in any serial order. T3 -rw(x)-> T2 -rw(y)-> T1 \
         -wr(y)-> T3 is a cycle; the dangerous structure T3 -> T2 -> T1 was completed by \
         T3's read of x, after T2 and T1 had committed, so it must be looked for when each \
         dependency is added, not only when the pivot commits"
    );
    assert!(
        alive1 && alive2,
        "T1 and T2 committed before anything was dangerous; only the report T3 can fail"
    );
}

/// One statement of a transaction in the serializability check.
#[derive(Debug, Clone, Copy)]
enum Access {
    Read(u64),
    Write(u64),
    /// Reads every row.
    Scan,
}

/// What a committed transaction did, as an observer of its statements saw it.
#[derive(Debug, Default)]
struct History {
    /// Each transaction's reads of rows it had not written itself: key and value.
    reads: Vec<Vec<(u64, i64)>>,
    /// Each transaction's writes, in order: key and value (every value unique).
    writes: Vec<Vec<(u64, i64)>>,
    /// The transactions that committed, in commit order.
    commits: Vec<usize>,
}

/// Runs one transaction per script at serializable, interleaved by `schedule` as
/// `interleave` does, writing a value no other write uses, and records the history.
fn record_history(scripts: &[Vec<Access>], schedule: &[usize], keys: u64) -> History {
    let mut db = database(&(0..keys).map(|key| (key, 0)).collect::<Vec<_>>());
    let txs: Vec<TxId> = scripts.iter().map(|_| db.begin(Serializable)).collect();
    let mut history = History {
        reads: vec![Vec::new(); scripts.len()],
        writes: vec![Vec::new(); scripts.len()],
        commits: Vec::new(),
    };
    let lengths: Vec<usize> = scripts.iter().map(Vec::len).collect();
    support::run_interleaved(
        &mut db,
        Database::abort,
        &txs,
        &lengths,
        schedule,
        |db, i, statement| {
            let tx = txs[i];
            let own =
                |history: &History, key: u64| history.writes[i].iter().any(|&(k, _)| k == key);
            match statement.map(|n| (n, &scripts[i][n])) {
                None => db.commit(tx).map(|()| history.commits.push(i)),
                Some((_, &Access::Read(key))) => db.read(tx, key).map(|value| {
                    if !own(&history, key) {
                        history.reads[i].push((key, value.expect("every row exists")));
                    }
                }),
                Some((_, Access::Scan)) => db.scan(tx, &|_, _| true).map(|rows| {
                    for (key, value) in rows {
                        if !own(&history, key) {
                            history.reads[i].push((key, value));
                        }
                    }
                }),
                Some((n, &Access::Write(key))) => {
                    let value = 1_000 * (i as i64 + 1) + n as i64;
                    db.write(tx, key, value)
                        .map(|()| history.writes[i].push((key, value)))
                }
            }
        },
    );
    history
}

/// A dependency between two committed transactions, Adya's: `wr` (the second read
/// what the first wrote), `ww` (the second overwrote the first), `rw` (the second
/// overwrote what the first read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dependency {
    from: usize,
    to: usize,
    kind: &'static str,
    key: u64,
}

/// The direct serialization graph of the committed transactions, or a description
/// of a read that no committed write explains.
fn dependencies(history: &History) -> Result<Vec<Dependency>, String> {
    let committed = |tx: usize| history.commits.contains(&tx);
    // Each key's versions in commit order: (writer, value); `None` is the setup's.
    let mut versions: std::collections::BTreeMap<u64, Vec<(Option<usize>, i64)>> =
        Default::default();
    for &tx in &history.commits {
        let mut last = std::collections::BTreeMap::new();
        for &(key, value) in &history.writes[tx] {
            last.insert(key, value);
        }
        for (key, value) in last {
            versions.entry(key).or_default().push((Some(tx), value));
        }
    }
    let mut edges = Vec::new();
    for (&key, list) in &versions {
        for pair in list.windows(2) {
            if let [(Some(from), _), (Some(to), _)] = *pair {
                edges.push(Dependency {
                    from,
                    to,
                    kind: "ww",
                    key,
                });
            }
        }
    }
    for &reader in &history.commits {
        for &(key, value) in &history.reads[reader] {
            let list = versions.get(&key).map(Vec::as_slice).unwrap_or(&[]);
            // The version read: the setup's (value 0) or a committed final write.
            let position = if value == 0 {
                None
            } else {
                let Some(position) = list.iter().position(|&(_, v)| v == value) else {
                    let writer = (0..history.writes.len()).find(|&tx| {
                        history.writes[tx]
                            .iter()
                            .any(|&(k, v)| k == key && v == value)
                    });
                    return Err(match writer {
                        Some(writer) if !committed(writer) => format!(
                            "T{} read {value} at key {key}, written by T{}, which never committed",
                            reader + 1,
                            writer + 1
                        ),
                        Some(writer) => format!(
                            "T{} read {value} at key {key}, a value T{} overwrote before it committed",
                            reader + 1,
                            writer + 1
                        ),
                        None => format!(
                            "T{} read {value} at key {key}, which nobody wrote",
                            reader + 1
                        ),
                    });
                };
                Some(position)
            };
            if let Some(position) = position {
                let writer = list[position].0.expect("committed writes have writers");
                if writer != reader {
                    edges.push(Dependency {
                        from: writer,
                        to: reader,
                        kind: "wr",
                        key,
                    });
                }
            }
            let overwritten_by = position.map_or(0, |p| p + 1);
            if let Some(&(Some(writer), _)) = list.get(overwritten_by)
                && writer != reader
            {
                edges.push(Dependency {
                    from: reader,
                    to: writer,
                    kind: "rw",
                    key,
                });
            }
        }
    }
    Ok(edges)
}

/// A cycle of `edges`, if there is one.
fn find_cycle(edges: &[Dependency], nodes: usize) -> Option<Vec<Dependency>> {
    fn visit(
        node: usize,
        edges: &[Dependency],
        state: &mut [u8],
        path: &mut Vec<Dependency>,
    ) -> Option<Vec<Dependency>> {
        state[node] = 1;
        for edge in edges.iter().filter(|e| e.from == node) {
            path.push(*edge);
            match state[edge.to] {
                1 => {
                    let start = path.iter().position(|e| e.from == edge.to).unwrap();
                    return Some(path[start..].to_vec());
                }
                0 => {
                    if let Some(cycle) = visit(edge.to, edges, state, path) {
                        return Some(cycle);
                    }
                }
                _ => {}
            }
            path.pop();
        }
        state[node] = 2;
        None
    }
    let mut state = vec![0; nodes];
    (0..nodes).find_map(|node| {
        if state[node] == 0 {
            visit(node, edges, &mut state, &mut Vec::new())
        } else {
            None
        }
    })
}

fn describe(cycle: &[Dependency]) -> String {
    let mut text = format!("T{}", cycle[0].from + 1);
    for edge in cycle {
        text += &format!(" -{}({})-> T{}", edge.kind, edge.key, edge.to + 1);
    }
    text
}

fn access() -> impl Strategy<Value = Access> {
    prop_oneof![
        4 => (0..3u64).prop_map(Access::Read),
        3 => (0..3u64).prop_map(Access::Write),
        1 => Just(Access::Scan),
    ]
}

proptest! {
    #![proptest_config(proptest::test_runner::Config {
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5e7a_11ab),
        ..support::proptest_config(400)
    })]

    /// Not only the named phenomena: whatever the interleaving, the committed
    /// transactions' dependencies (Adya's direct serialization graph, as Jepsen's Elle
    /// checks it) must form no cycle, so that some serial order explains them all.
    #[test]
    fn serializable_histories_have_no_cycle_of_dependencies(
        scripts in proptest::collection::vec(proptest::collection::vec(access(), 1..5), 2..5),
        schedule in proptest::collection::vec(0..8usize, 1..40),
    ) {
        let history = record_history(&scripts, &schedule, 3);
        let edges = dependencies(&history).map_err(|read| {
            TestCaseError::fail(format!("{read}; scripts {scripts:?}, schedule {schedule:?}"))
        })?;
        if let Some(cycle) = find_cycle(&edges, scripts.len()) {
            prop_assert!(
                false,
                "the committed transactions {:?} have a cycle of dependencies, so no serial \
                 order explains them: {} (wr: read what the other wrote, ww: overwrote it, \
                 rw: overwrote what the other read). Scripts {:?} (T1 first), schedule {:?}",
                history.commits.iter().map(|tx| format!("T{}", tx + 1)).collect::<Vec<_>>(),
                describe(&cycle), scripts, schedule
            );
        }
    }
}
