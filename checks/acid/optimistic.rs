//! Checks for `exercises/acid/src/optimistic.rs`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

use acid::optimistic::{BookingError, Conflict, RetryError, Seat, Table, Versioned, book};
use proptest::prelude::*;

mod support;

#[test]
fn a_write_with_the_version_read_succeeds_and_bumps_it() {
    let table = Table::new(vec![100, 200]);
    assert_eq!(
        table.get(0),
        Versioned {
            value: 100,
            version: 0
        }
    );
    assert_eq!(
        table.compare_and_set(0, 0, 150),
        Ok(1),
        "version 0 becomes 1"
    );
    assert_eq!(
        table.compare_and_set(0, 1, 175),
        Ok(2),
        "the write with version 1, the one now stored, lands and makes it 2"
    );
    assert_eq!(
        table.get(0),
        Versioned {
            value: 175,
            version: 2
        },
        "every write stores its value and bumps the version"
    );
    assert_eq!(
        table.get(1),
        Versioned {
            value: 200,
            version: 0
        },
        "row 1 untouched"
    );
}

#[test]
fn a_table_debugs_as_its_rows() {
    let table = Table::new(vec![7]);
    let shown = format!("{table:?}");
    assert!(
        shown.starts_with("Table") && shown.contains("value: 7, version: 0"),
        "a table shows its rows when debugged: {shown}"
    );
}

#[test]
fn a_write_with_a_stale_version_changes_nothing() {
    let table = Table::new(vec![100]);
    let read_by_alice = table.get(0);
    let read_by_bob = table.get(0);
    assert_eq!(
        table.compare_and_set(0, read_by_alice.version, 90),
        Ok(1),
        "Alice read version 0 and nobody wrote since: her write lands and makes it version 1"
    );
    assert_eq!(
        table.compare_and_set(0, read_by_bob.version, 80),
        Err(Conflict { id: 0 }),
        "Bob read version 0, Alice has written since: WHERE version = 0 matches no row"
    );
    assert_eq!(
        table.get(0),
        Versioned {
            value: 90,
            version: 1
        },
        "Alice's write stands"
    );
}

#[test]
fn several_rows_are_written_together_or_not_at_all() {
    let table = Table::new(vec![1, 2, 3]);
    table.compare_and_set(2, 0, 30).unwrap();
    assert_eq!(
        table.compare_and_set_all(&[(0, 0, 10), (1, 0, 20), (2, 0, 31)]),
        Err(Conflict { id: 2 })
    );
    assert_eq!(
        (table.get(0), table.get(1)),
        (
            Versioned {
                value: 1,
                version: 0
            },
            Versioned {
                value: 2,
                version: 0
            }
        ),
        "row 2 had moved on, so rows 0 and 1 must not be written either"
    );
    assert_eq!(table.compare_and_set_all(&[(0, 0, 10), (2, 1, 31)]), Ok(()));
    assert_eq!((table.get(0).value, table.get(2).value), (10, 31));
}

#[test]
fn concurrent_increments_with_retries_lose_nothing() {
    let table = Arc::new(Table::new(vec![0i64]));
    let threads = 8;
    let increments = 250;
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (table, barrier) = (Arc::clone(&table), Arc::clone(&barrier));
            thread::spawn(move || {
                barrier.wait();
                for _ in 0..increments {
                    table
                        .update_with_retry(0, u32::MAX, |n| Ok::<_, ()>(n + 1))
                        .expect("with unlimited attempts, an increment always lands");
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    let row = table.get(0);
    assert_eq!(
        row.value,
        (threads * increments) as i64,
        "{threads} threads x {increments} increments: a lost update is a missing increment"
    );
    assert_eq!(
        row.version,
        (threads * increments) as u64,
        "one version per write"
    );
}

#[test]
fn a_retry_reads_again_and_gives_up_after_its_attempts() {
    let table = Table::new(vec![0i64]);
    let mut calls = 0;
    let result = table.update_with_retry(0, 3, |n| {
        calls += 1;
        // Another writer gets in between every read and write.
        let current = table.get(0);
        table
            .compare_and_set(0, current.version, current.value + 100)
            .unwrap();
        Ok::<_, ()>(n + 1)
    });
    assert_eq!(
        result,
        Err(RetryError::GaveUp { attempts: 3 }),
        "another writer got in between every read and write: after 3 attempts, give up"
    );
    assert_eq!(calls, 3, "one read-and-compute per attempt");
    assert_eq!(
        table.get(0).value,
        300,
        "only the other writer's three writes landed"
    );

    let mut seen = Vec::new();
    let attempts = table.update_with_retry(0, 5, |n| {
        seen.push(*n);
        if seen.len() == 1 {
            let current = table.get(0);
            table.compare_and_set(0, current.version, 1_000).unwrap();
        }
        Ok::<_, ()>(n + 1)
    });
    assert_eq!(
        attempts,
        Ok(2),
        "another writer got in after the first read only: the second attempt, reading \
         again, must land"
    );
    assert_eq!(
        seen,
        [300, 1_000],
        "the retry must compute from a fresh read"
    );
    assert_eq!(table.get(0).value, 1_001);
}

#[test]
fn a_refused_update_writes_nothing() {
    let table = Table::new(vec![50i64]);
    let withdraw = |amount: i64| {
        move |balance: &i64| {
            if *balance >= amount {
                Ok(balance - amount)
            } else {
                Err("insufficient funds")
            }
        }
    };
    assert_eq!(
        table.update_with_retry(0, 3, withdraw(80)),
        Err(RetryError::Rejected("insufficient funds"))
    );
    assert_eq!(
        table.get(0),
        Versioned {
            value: 50,
            version: 0
        }
    );
    assert_eq!(table.update_with_retry(0, 3, withdraw(30)), Ok(1));
    assert_eq!(table.get(0).value, 20);
}

fn seats(count: usize) -> Table<Seat> {
    Table::new(vec![Seat::Available; count])
}

/// Runs each `(range, user)` booking on its own thread, all released at once.
fn book_concurrently(
    table: &Arc<Table<Seat>>,
    bookings: &[(std::ops::RangeInclusive<usize>, u32)],
) -> Vec<Result<u32, BookingError>> {
    let barrier = Arc::new(Barrier::new(bookings.len()));
    let handles: Vec<_> = bookings
        .iter()
        .cloned()
        .map(|(range, user)| {
            let (table, barrier) = (Arc::clone(table), Arc::clone(&barrier));
            thread::spawn(move || {
                barrier.wait();
                book(&table, range, user, u32::MAX)
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("a booking thread panicked"))
        .collect()
}

#[test]
fn a_booking_takes_every_seat_of_its_range_or_none() {
    let table = seats(20);
    assert_eq!(book(&table, 3..=4, 7, 1), Ok(1));
    assert_eq!(
        book(&table, 1..=10, 8, 5),
        Err(BookingError::Unavailable { seat: 3 }),
        "seat 3 is taken: the first taken seat of the range is named"
    );
    for seat in (1..=2).chain(5..=10) {
        assert_eq!(
            table.get(seat).value,
            Seat::Available,
            "seat {seat} was booked by a refused booking"
        );
    }
    assert_eq!(table.get(3).value, Seat::Booked { user: 7 });
}

#[test]
fn of_the_seeds_two_overlapping_bookings_exactly_one_wins() {
    for _ in 0..20 {
        let table = Arc::new(seats(12));
        let results = book_concurrently(&table, &[(1..=10, 1), (5..=10, 2)]);
        let winners = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(
            winners, 1,
            "A books 1-10 and B 5-10 at once; results {results:?}"
        );
        let winner = if results[0].is_ok() { 1 } else { 2 };
        let range = if winner == 1 { 1..=10 } else { 5..=10 };
        for seat in 0..12 {
            let expected = if range.contains(&seat) {
                Seat::Booked { user: winner }
            } else {
                Seat::Available
            };
            assert_eq!(
                table.get(seat).value,
                expected,
                "seat {seat} after user {winner} won"
            );
        }
    }
}

/// User 1 books seats 1-10. Right after it reads seat `slip_in_at`, before it
/// writes anything, user 2 books seats 5-10 in one go. Returns the table and both
/// results. The interleaving is the same on every run: no threads, no timing.
fn book_with_a_rival_slipped_in_after_seat(
    slip_in_at: usize,
) -> (
    Table<Seat>,
    Result<u32, BookingError>,
    Result<u32, BookingError>,
) {
    let slipped_in = Arc::new(AtomicBool::new(false));
    let rival = Arc::new(Mutex::new(None));
    let table = {
        let (slipped_in, rival) = (Arc::clone(&slipped_in), Arc::clone(&rival));
        Table::with_hook(vec![Seat::Available; 12], move |table, seat| {
            // Swapped before booking, so the rival's own reads do not slip in again.
            if seat == slip_in_at && !slipped_in.swap(true, Ordering::Relaxed) {
                let result = book(table, 5..=10, 2, 1);
                *rival.lock().unwrap() = Some(result);
            }
        })
    };
    let mine = book(&table, 1..=10, 1, 3);
    let rival =
        rival.lock().unwrap().take().unwrap_or_else(|| {
            panic!("user 1's booking of seats 1-10 never read seat {slip_in_at}")
        });
    (table, mine, rival)
}

#[test]
fn a_booking_overtaken_between_its_reads_and_its_writes_books_none_of_its_seats() {
    for slip_in_at in [5, 10] {
        let (table, mine, rival) = book_with_a_rival_slipped_in_after_seat(slip_in_at);
        let holds = |user: u32| -> Vec<usize> {
            (0..12)
                .filter(|&seat| table.get(seat).value == Seat::Booked { user })
                .collect()
        };
        let story = format!(
            "user 1 books seats 1-10; after it read seat {slip_in_at}, user 2 booked seats \
             5-10 ({rival:?}); user 1 got {mine:?}"
        );
        for (user, result, range) in [(1, &mine, 1..=10), (2, &rival, 5..=10)] {
            let expected: Vec<usize> = match result {
                Ok(_) => range.collect(),
                Err(_) => Vec::new(),
            };
            assert_eq!(
                holds(user),
                expected,
                "{story}. User {user} holds the wrong seats: a booking that fails must leave \
                 none of its seats booked, so all its seats are written by one \
                 compare_and_set_all, not one compare-and-set per seat"
            );
        }
        assert!(
            mine.is_ok() != rival.is_ok(),
            "{story}: the two bookings overlap, so exactly one must win"
        );
    }
}

proptest! {
    #![proptest_config(support::proptest_config(64))]

    #[test]
    fn no_seat_is_ever_booked_twice(
        ranges in proptest::collection::vec((0..30usize, 1..8usize), 2..8),
    ) {
        let table = Arc::new(seats(40));
        let bookings: Vec<_> = ranges
            .iter()
            .enumerate()
            .map(|(user, &(first, length))| (first..=first + length - 1, user as u32))
            .collect();
        let results = book_concurrently(&table, &bookings);
        for ((range, user), result) in bookings.iter().zip(&results) {
            let owned = range.clone().filter(|&seat| table.get(seat).value == Seat::Booked { user: *user }).count();
            match result {
                Ok(_) => prop_assert_eq!(owned, range.clone().count(), "user {} won {:?} but does not hold it all", user, range),
                Err(_) => prop_assert_eq!(owned, 0, "user {} lost but holds seats of {:?}", user, range),
            }
        }
        for (i, ((a, _), ra)) in bookings.iter().zip(&results).enumerate() {
            for ((b, _), rb) in bookings.iter().zip(&results).skip(i + 1) {
                let overlap = a.start() <= b.end() && b.start() <= a.end();
                prop_assert!(!(overlap && ra.is_ok() && rb.is_ok()), "{:?} and {:?} overlap, yet both won", a, b);
            }
        }
        for seat in 0..40 {
            if let Seat::Booked { user } = table.get(seat).value {
                let (range, _) = &bookings[user as usize];
                prop_assert!(range.contains(&seat) && results[user as usize].is_ok(), "seat {} belongs to user {} who did not win it", seat, user);
            }
        }
    }
}
