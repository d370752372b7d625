//! The isolation phenomena the `mvcc` and `ssi` checks share: each one an interleaving
//! of two transactions, T1 and T2, run statement by statement, and what PostgreSQL lets
//! happen at each level. A check file includes this module after importing its own
//! exercise's `Database`, `Isolation`, `TxError` and `TxId`, which it reaches through
//! `super`.
#![allow(dead_code)]

use super::{Database, Isolation, TxError, TxId};
use Isolation::{ReadCommitted, RepeatableRead};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phenomenon {
    DirtyRead,
    NonRepeatableRead,
    Phantom,
    LostUpdate,
    WriteSkew,
    /// The seed's last seat: two transactions each count the bookings, see room for
    /// one more, and insert a booking under different keys.
    WriteSkewOnInsert,
}

pub use Phenomenon::*;

/// What PostgreSQL lets happen (its documentation's table, plus lost updates and
/// write skew): repeatable read is snapshot isolation, stricter than the SQL standard
/// on phantoms, and only serializable (the `ssi` exercise) prevents write skew.
pub fn postgres_allows(level: Isolation, phenomenon: Phenomenon) -> bool {
    match (level, phenomenon) {
        (_, DirtyRead) => false,
        (ReadCommitted, _) => true,
        (RepeatableRead, WriteSkew | WriteSkewOnInsert) => true,
        _ => false,
    }
}

/// A database holding `rows`, committed.
pub fn database(rows: &[(u64, i64)]) -> Database {
    let mut db = Database::new();
    let setup = db.begin(ReadCommitted);
    for &(key, value) in rows {
        db.write(setup, key, value).expect("no one else is writing");
    }
    db.commit(setup).expect("the setup commits");
    db
}

/// Runs one statement of a transaction that is still alive; a failure other than
/// `WouldBlock` ends it.
pub fn run<T>(
    db: &mut Database,
    alive: &mut bool,
    statement: impl FnOnce(&mut Database) -> Result<T, TxError>,
) -> Option<T> {
    if !*alive {
        return None;
    }
    match statement(db) {
        Ok(value) => Some(value),
        Err(TxError::WouldBlock) => panic!(
            "a statement returned WouldBlock, but no other open transaction had written the row it touched"
        ),
        Err(_) => {
            *alive = false;
            None
        }
    }
}

/// The committed value of `key`, read by a fresh transaction.
pub fn committed(db: &mut Database, key: u64) -> Option<i64> {
    let reader = db.begin(ReadCommitted);
    let value = db.read(reader, key).expect("a fresh transaction can read");
    db.commit(reader).expect("a read-only transaction commits");
    value
}

pub fn occurs(level: Isolation, phenomenon: Phenomenon) -> bool {
    let (x, y) = (1, 2);
    match phenomenon {
        DirtyRead => {
            let mut db = database(&[(x, 10)]);
            let (t1, t2) = (db.begin(level), db.begin(level));
            db.write(t1, x, 20).unwrap();
            let seen = db.read(t2, x).unwrap();
            db.abort(t1);
            seen == Some(20)
        }
        NonRepeatableRead => {
            let mut db = database(&[(x, 10)]);
            let (t1, t2) = (db.begin(level), db.begin(level));
            let first = db.read(t1, x).unwrap();
            db.write(t2, x, 20).unwrap();
            db.commit(t2).unwrap();
            let second = db.read(t1, x).unwrap();
            first != second
        }
        Phantom => {
            let mut db = database(&[(1, 25), (2, 35), (3, 45)]);
            let (t1, t2) = (db.begin(level), db.begin(level));
            let over_30 = |_key: u64, age: i64| age > 30;
            let first = db.scan(t1, &over_30).unwrap();
            db.write(t2, 4, 50).unwrap();
            db.commit(t2).unwrap();
            let second = db.scan(t1, &over_30).unwrap();
            first != second
        }
        LostUpdate => {
            let mut db = database(&[(x, 100)]);
            let (t1, t2) = (db.begin(level), db.begin(level));
            let (mut alive1, mut alive2) = (true, true);
            let seen1 = run(&mut db, &mut alive1, |db| db.read(t1, x)).flatten();
            let seen2 = run(&mut db, &mut alive2, |db| db.read(t2, x)).flatten();
            run(&mut db, &mut alive1, |db| {
                db.write(t1, x, seen1.unwrap() + 10)
            });
            assert_eq!(
                db.write(t2, x, seen2.unwrap() + 20),
                Err(TxError::WouldBlock),
                "T1 has written x and is still open: T2's write must wait"
            );
            run(&mut db, &mut alive1, |db| db.commit(t1));
            run(&mut db, &mut alive2, |db| {
                db.write(t2, x, seen2.unwrap() + 20)
            });
            run(&mut db, &mut alive2, |db| db.commit(t2));
            committed(&mut db, x) == Some(120)
        }
        WriteSkew => {
            // Alice (x) and Bob (y) are on call; at least one must stay on call.
            let mut db = database(&[(x, 1), (y, 1)]);
            let (t1, t2) = (db.begin(level), db.begin(level));
            let (mut alive1, mut alive2) = (true, true);
            let on_call = |db: &mut Database, tx: TxId| -> Result<i64, TxError> {
                Ok(db.read(tx, x)?.unwrap_or(0) + db.read(tx, y)?.unwrap_or(0))
            };
            let seen1 = run(&mut db, &mut alive1, |db| on_call(db, t1));
            let seen2 = run(&mut db, &mut alive2, |db| on_call(db, t2));
            assert_eq!((seen1, seen2), (Some(2), Some(2)), "both see two on call");
            run(&mut db, &mut alive1, |db| db.write(t1, x, 0));
            run(&mut db, &mut alive2, |db| db.write(t2, y, 0));
            run(&mut db, &mut alive1, |db| db.commit(t1));
            run(&mut db, &mut alive2, |db| db.commit(t2));
            committed(&mut db, x) == Some(0) && committed(&mut db, y) == Some(0)
        }
        WriteSkewOnInsert => {
            // Seat 7 has room for one booking; bookings are keyed by booking number.
            let mut db = database(&[]);
            let (t1, t2) = (db.begin(level), db.begin(level));
            let (mut alive1, mut alive2) = (true, true);
            let bookings = |_key: u64, seat: i64| seat == 7;
            let seen1 = run(&mut db, &mut alive1, |db| db.scan(t1, &bookings));
            let seen2 = run(&mut db, &mut alive2, |db| db.scan(t2, &bookings));
            assert_eq!(
                (seen1, seen2),
                (Some(vec![]), Some(vec![])),
                "both see seat 7 free"
            );
            run(&mut db, &mut alive1, |db| db.write(t1, 201, 7));
            run(&mut db, &mut alive2, |db| db.write(t2, 202, 7));
            run(&mut db, &mut alive1, |db| db.commit(t1));
            run(&mut db, &mut alive2, |db| db.commit(t2));
            committed(&mut db, 201).is_some() && committed(&mut db, 202).is_some()
        }
    }
}
