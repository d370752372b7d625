//! Exercise: the seat-booking race on a real database.
//!
//! User A books seats 1-10 while user B books 5-10, at the same moment, each through
//! their own connection to one SQLite database file. Exactly one of them may win the
//! overlapping seats, and the loser must book nothing at all. Three ways to get there:
//!
//! - pessimistic: lock first, then look and write. SQLite has no row locks and no
//!   `SELECT ... FOR UPDATE`; `BEGIN IMMEDIATE` takes the database's write lock at the
//!   start of the transaction, so the check and the update happen with no other
//!   writer in between;
//! - conditional update: `UPDATE ... WHERE status = 'AVAILABLE'` and count the rows
//!   it changed; fewer than asked means someone was first, so roll back;
//! - unique constraint: insert one booking row per seat into a table where `seat_id`
//!   is `UNIQUE`, and let the database refuse the second booking of a seat.
//!
//! Read "Seat booking" in `notes/acid.md`.

use std::ops::RangeInclusive;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, TransactionBehavior, params};

/// How long a connection waits for another's write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The three ways to book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    Pessimistic,
    ConditionalUpdate,
    UniqueConstraint,
}

/// Why a booking failed. Either way, none of its seats was booked.
#[derive(Debug)]
pub enum BookingError {
    /// At least one seat of the range was booked already.
    Unavailable,
    /// The database failed (for example, still locked after the busy timeout).
    Database(rusqlite::Error),
}

impl From<rusqlite::Error> for BookingError {
    fn from(error: rusqlite::Error) -> Self {
        BookingError::Database(error)
    }
}

impl std::fmt::Display for BookingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BookingError::Unavailable => f.write_str("some of the seats are already booked"),
            BookingError::Database(error) => write!(f, "the database failed: {error}"),
        }
    }
}

impl std::error::Error for BookingError {}

/// Opens a connection to the database file at `path` (creating the file if needed),
/// ready to share the file with other connections: when another holds the write
/// lock, it waits up to [`BUSY_TIMEOUT`] instead of failing at once with "database
/// is locked".
pub fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    Ok(connection)
}

/// Creates the two tables of the seed's story, with seats `1..=seats` available:
/// `seats` (one row per seat, with its status and who booked it) for the first two
/// strategies, and `bookings` (one row per booked seat, `seat_id` unique) for the
/// third. Switches the file to write-ahead logging, so readers never wait for the
/// writer.
pub fn create(connection: &mut Connection, seats: u32) -> rusqlite::Result<()> {
    connection.pragma_update(None, "journal_mode", "WAL")?;
    let tx = connection.transaction()?;
    tx.execute_batch(
        "CREATE TABLE seats (
             seat    INTEGER PRIMARY KEY,
             status  TEXT NOT NULL DEFAULT 'AVAILABLE' CHECK (status IN ('AVAILABLE', 'BOOKED')),
             user_id INTEGER
         );
         CREATE TABLE bookings (
             seat_id INTEGER NOT NULL UNIQUE,
             user_id INTEGER NOT NULL
         );",
    )?;
    {
        let mut insert = tx.prepare("INSERT INTO seats (seat) VALUES (?1)")?;
        for seat in 1..=seats {
            insert.execute([seat])?;
        }
    }
    tx.commit()
}

/// Who holds which seat, in seat order, as `strategy` records it: the `seats` table
/// for the first two strategies, the `bookings` table for the third.
pub fn holders(connection: &Connection, strategy: Strategy) -> rusqlite::Result<Vec<(u32, i64)>> {
    let sql = match strategy {
        Strategy::Pessimistic | Strategy::ConditionalUpdate => {
            "SELECT seat, user_id FROM seats WHERE status = 'BOOKED' ORDER BY seat"
        }
        Strategy::UniqueConstraint => "SELECT seat_id, user_id FROM bookings ORDER BY seat_id",
    };
    let mut statement = connection.prepare(sql)?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    rows.collect()
}

/// Books every seat of `seats` for `user` with `strategy`, or none of them.
pub fn book(
    connection: &mut Connection,
    strategy: Strategy,
    seats: RangeInclusive<u32>,
    user: i64,
) -> Result<(), BookingError> {
    match strategy {
        Strategy::Pessimistic => book_pessimistic(connection, seats, user),
        Strategy::ConditionalUpdate => book_conditional(connection, seats, user),
        Strategy::UniqueConstraint => book_unique(connection, seats, user),
    }
}

/// Takes the write lock first (`BEGIN IMMEDIATE`), then counts the available seats of
/// the range, and books them only if all are. (A deferred transaction that reads
/// first and writes later cannot wait for the write lock: it fails with "database is
/// locked" if another got in between, since its snapshot would be stale.)
pub fn book_pessimistic(
    connection: &mut Connection,
    seats: RangeInclusive<u32>,
    user: i64,
) -> Result<(), BookingError> {
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let available: u32 = tx.query_row(
        "SELECT COUNT(*) FROM seats
         WHERE seat BETWEEN ?1 AND ?2 AND status = 'AVAILABLE'",
        params![seats.start(), seats.end()],
        |row| row.get(0),
    )?;
    if available != seat_count(&seats) {
        return Err(BookingError::Unavailable); // dropping `tx` rolls it back
    }
    tx.execute(
        "UPDATE seats SET status = 'BOOKED', user_id = ?3 WHERE seat BETWEEN ?1 AND ?2",
        params![seats.start(), seats.end(), user],
    )?;
    tx.commit()?;
    Ok(())
}

/// Updates only the seats still available, and keeps the change only if that was
/// every seat of the range. A plain (deferred) `BEGIN` is enough: the first statement
/// writes, so it takes the write lock there, waiting its turn.
pub fn book_conditional(
    connection: &mut Connection,
    seats: RangeInclusive<u32>,
    user: i64,
) -> Result<(), BookingError> {
    let tx = connection.transaction()?;
    let changed = tx.execute(
        "UPDATE seats SET status = 'BOOKED', user_id = ?3
         WHERE seat BETWEEN ?1 AND ?2 AND status = 'AVAILABLE'",
        params![seats.start(), seats.end(), user],
    )?;
    if changed != seat_count(&seats) as usize {
        return Err(BookingError::Unavailable);
    }
    tx.commit()?;
    Ok(())
}

/// Inserts one booking per seat; a seat booked already breaks `UNIQUE (seat_id)`, and
/// the whole transaction rolls back.
pub fn book_unique(
    connection: &mut Connection,
    seats: RangeInclusive<u32>,
    user: i64,
) -> Result<(), BookingError> {
    let tx = connection.transaction()?;
    {
        let mut insert = tx.prepare("INSERT INTO bookings (seat_id, user_id) VALUES (?1, ?2)")?;
        for seat in seats {
            match insert.execute(params![seat, user]) {
                Ok(_) => {}
                Err(rusqlite::Error::SqliteFailure(error, _))
                    if error.code == ErrorCode::ConstraintViolation =>
                {
                    return Err(BookingError::Unavailable);
                }
                Err(error) => return Err(error.into()),
            }
        }
    }
    tx.commit()?;
    Ok(())
}

fn seat_count(seats: &RangeInclusive<u32>) -> u32 {
    (seats.end() + 1).saturating_sub(*seats.start())
}
