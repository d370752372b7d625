//! Checks for `exercises/acid/src/seat_booking.rs`.
//!
//! Every check runs on a real SQLite database file in a fresh temporary folder, and
//! every concurrent check gives each thread its own connection, as separate processes
//! of a booking service would have.

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};
use std::thread;

use acid::seat_booking::{BookingError, Strategy, book, connect, create, holders};
use proptest::prelude::*;
use rstest::rstest;

mod support;

use support::ScratchDir;

const SEATS: u32 = 40;

/// A database file with `SEATS` available seats.
fn theatre(dir: &ScratchDir) -> PathBuf {
    let path = dir.path().join("theatre.db");
    let mut connection = connect(&path).expect("connect to a new database file");
    create(&mut connection, SEATS).expect("create the tables");
    path
}

/// Runs each `(range, user)` booking on its own thread and connection, released
/// together by a barrier.
fn book_concurrently(
    path: &Path,
    strategy: Strategy,
    bookings: &[(RangeInclusive<u32>, i64)],
) -> Vec<Result<(), String>> {
    let barrier = Arc::new(Barrier::new(bookings.len()));
    let handles: Vec<_> = bookings
        .iter()
        .cloned()
        .map(|(seats, user)| {
            let (barrier, path) = (Arc::clone(&barrier), path.to_owned());
            thread::spawn(move || {
                let mut connection = connect(&path).expect("connect");
                barrier.wait();
                match book(&mut connection, strategy, seats, user) {
                    Ok(()) => Ok(()),
                    Err(BookingError::Unavailable) => Err("unavailable".to_string()),
                    Err(BookingError::Database(error)) => {
                        panic!("user {user}'s booking failed in the database: {error}")
                    }
                }
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a booking thread panicked"))
        .collect()
}

fn held(path: &Path, strategy: Strategy) -> Vec<(u32, i64)> {
    holders(&connect(path).unwrap(), strategy).expect("read who holds which seat")
}

#[test]
fn a_connection_waits_for_the_write_lock_instead_of_failing() {
    let dir = ScratchDir::new("seats-busy");
    let connection = connect(&dir.path().join("theatre.db")).unwrap();
    let waits: i64 = connection
        .query_row("PRAGMA busy_timeout", [], |row| row.get(0))
        .unwrap();
    assert!(
        waits >= 1_000,
        "busy_timeout is {waits} ms: with several writers, a connection that does not wait fails with `database is locked`"
    );
}

#[rstest]
fn a_booking_takes_every_seat_or_none(
    #[values(
        Strategy::Pessimistic,
        Strategy::ConditionalUpdate,
        Strategy::UniqueConstraint
    )]
    strategy: Strategy,
) {
    let dir = ScratchDir::new("seats-one");
    let path = theatre(&dir);
    let mut connection = connect(&path).unwrap();
    book(&mut connection, strategy, 1..=3, 7).expect("seats 1-3 are free");
    let result = book(&mut connection, strategy, 3..=6, 8);
    assert!(
        matches!(result, Err(BookingError::Unavailable)),
        "{strategy:?}: seat 3 is taken, so 3-6 must be refused as unavailable, got {result:?}"
    );
    book(&mut connection, strategy, 4..=6, 9).expect("seats 4-6 are still free");
    assert_eq!(
        held(&path, strategy),
        [(1, 7), (2, 7), (3, 7), (4, 9), (5, 9), (6, 9)],
        "{strategy:?}: user 8's refused booking must leave no seat behind"
    );
}

#[rstest]
fn a_database_failure_is_not_reported_as_taken_seats(
    #[values(
        Strategy::Pessimistic,
        Strategy::ConditionalUpdate,
        Strategy::UniqueConstraint
    )]
    strategy: Strategy,
) {
    let dir = ScratchDir::new("seats-readonly");
    let path = theatre(&dir);
    let mut read_only =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let result = book(&mut read_only, strategy, 1..=3, 7);
    assert!(
        matches!(result, Err(BookingError::Database(_))),
        "{strategy:?}: on a read-only connection the booking cannot write; that is the \
         database's error to report, not unavailable seats (seats 1-3 are free): got {result:?}"
    );
    assert_eq!(
        BookingError::Unavailable.to_string(),
        "some of the seats are already booked"
    );
}

#[rstest]
fn of_the_seeds_two_overlapping_bookings_exactly_one_wins(
    #[values(
        Strategy::Pessimistic,
        Strategy::ConditionalUpdate,
        Strategy::UniqueConstraint
    )]
    strategy: Strategy,
) {
    for _ in 0..5 {
        let dir = ScratchDir::new("seats-race");
        let path = theatre(&dir);
        let results = book_concurrently(&path, strategy, &[(1..=10, 1), (5..=10, 2)]);
        let winners: Vec<i64> = [1, 2]
            .into_iter()
            .zip(&results)
            .filter(|(_, result)| result.is_ok())
            .map(|(user, _)| user)
            .collect();
        assert_eq!(
            winners.len(),
            1,
            "{strategy:?}: A books 1-10 and B 5-10 at once; they overlap, so exactly one may \
             win: {results:?}"
        );
        let range = if winners[0] == 1 { 1..=10 } else { 5..=10 };
        let expected: Vec<(u32, i64)> = range.map(|seat| (seat, winners[0])).collect();
        assert_eq!(held(&path, strategy), expected, "{strategy:?}");
        assert!(
            path.metadata().unwrap().len() > 0,
            "the bookings live in a file"
        );
    }
}

fn strategy() -> impl proptest::strategy::Strategy<Value = Strategy> {
    prop_oneof![
        Just(Strategy::Pessimistic),
        Just(Strategy::ConditionalUpdate),
        Just(Strategy::UniqueConstraint),
    ]
}

proptest! {
    #![proptest_config(support::proptest_config(12))]

    #[test]
    fn no_seat_is_ever_booked_twice(
        strategy in strategy(),
        ranges in proptest::collection::vec((1..=SEATS - 6, 1..=6u32), 2..6),
    ) {
        let dir = ScratchDir::new("seats-many");
        let path = theatre(&dir);
        let bookings: Vec<(RangeInclusive<u32>, i64)> = ranges
            .iter()
            .enumerate()
            .map(|(user, &(first, length))| (first..=first + length - 1, user as i64))
            .collect();
        let results = book_concurrently(&path, strategy, &bookings);
        let mut expected: Vec<(u32, i64)> = bookings
            .iter()
            .zip(&results)
            .filter(|(_, result)| result.is_ok())
            .flat_map(|((seats, user), _)| seats.clone().map(move |seat| (seat, *user)))
            .collect();
        expected.sort_unstable();
        let held = held(&path, strategy);
        prop_assert_eq!(
            &held, &expected,
            "{:?}: the winners' seats, each once, and nothing of the losers' ({:?} gave {:?})",
            strategy, bookings, results
        );
        let mut seats: Vec<u32> = held.iter().map(|(seat, _)| *seat).collect();
        seats.dedup();
        prop_assert_eq!(seats.len(), held.len(), "a seat is booked twice");
        prop_assert!(results.iter().any(|r| r.is_ok()), "someone must win: {:?}", results);
    }
}
