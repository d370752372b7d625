//! Checks for `exercises/acid/src/locks.rs`.
//!
//! Real threads, started together by barriers; no sleeps. A thread that waits for a
//! lock reports through a channel once it has it, so "still waiting" is checked as
//! "has not reported while the lock is held", which cannot be a race.

use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use acid::locks::{Bank, Deadlock, LockManager, Mode, TransferError};
use proptest::prelude::*;

mod support;

use Mode::{Exclusive, Shared};

/// Long enough for any woken thread; reached only if one is never woken.
const NEVER: Duration = Duration::from_secs(5);

#[test]
fn shared_locks_coexist_and_an_exclusive_lock_excludes() {
    let locks = LockManager::new();
    assert!(locks.try_lock(1, 10, Shared));
    assert!(locks.try_lock(2, 10, Shared), "two readers may share a row");
    assert!(
        !locks.try_lock(3, 10, Exclusive),
        "a writer must wait for the readers"
    );
    assert!(locks.try_lock(3, 11, Exclusive), "another row is free");
    assert!(
        !locks.try_lock(1, 11, Shared),
        "a reader must wait for the writer"
    );
    assert!(!locks.try_lock(1, 11, Exclusive));
    assert!(
        locks.try_lock(3, 11, Shared),
        "the writer itself may also read its row"
    );
}

#[test]
fn a_sole_reader_may_upgrade_and_locks_are_reentrant() {
    let locks = LockManager::new();
    assert!(locks.try_lock(1, 10, Shared));
    assert!(
        locks.try_lock(1, 10, Shared),
        "asking again for a held lock succeeds"
    );
    assert!(
        locks.try_lock(1, 10, Exclusive),
        "the only reader may upgrade"
    );
    assert!(
        !locks.try_lock(2, 10, Shared),
        "the upgraded lock is exclusive"
    );
    assert!(locks.try_lock(1, 10, Shared), "and still covers reading");
    assert!(
        !locks.try_lock(2, 10, Shared),
        "asking for shared again keeps it exclusive"
    );

    assert!(locks.try_lock(3, 20, Shared));
    assert!(locks.try_lock(4, 20, Shared));
    assert!(
        !locks.try_lock(3, 20, Exclusive),
        "no upgrade while another reader holds it"
    );
}

#[test]
fn releasing_frees_every_lock_of_the_transaction() {
    let locks = LockManager::new();
    assert!(locks.try_lock(1, 10, Exclusive));
    assert!(locks.try_lock(1, 11, Shared));
    locks.release_all(1);
    assert!(locks.try_lock(2, 10, Exclusive), "row 10 was released");
    assert!(locks.try_lock(2, 11, Exclusive), "row 11 was released");
    locks.release_all(99); // holds nothing: nothing happens
}

#[test]
fn a_waiting_writer_gets_the_row_once_the_reader_releases_it() {
    let locks = Arc::new(LockManager::new());
    assert!(locks.try_lock(1, 10, Shared));
    let (granted, waiting) = mpsc::channel();
    let writer = {
        let locks = Arc::clone(&locks);
        thread::spawn(move || {
            let result = locks.lock(2, 10, Exclusive);
            granted.send(result).unwrap();
        })
    };
    assert!(
        waiting.recv_timeout(Duration::from_millis(50)).is_err(),
        "the writer got row 10 while transaction 1 still holds it shared"
    );
    locks.release_all(1);
    let result = waiting
        .recv_timeout(NEVER)
        .unwrap_or_else(|error| panic!("{}", stuck(error)));
    assert_eq!(result, Ok(()));
    writer.join().unwrap();
    assert!(
        !locks.try_lock(1, 10, Shared),
        "transaction 2 now holds row 10"
    );
}

/// Why a thread never reported back.
fn stuck(error: mpsc::RecvTimeoutError) -> &'static str {
    match error {
        mpsc::RecvTimeoutError::Timeout => {
            "a transaction is still waiting: it was never woken, or the deadlock never broken"
        }
        mpsc::RecvTimeoutError::Disconnected => "a locking thread panicked (see its message above)",
    }
}

/// Each transaction locks its first row, all meet at a barrier, then each asks for
/// the next transaction's row: a cycle of `rows.len()` waits.
fn deadlock_ring(transactions: &[u64]) -> Vec<(u64, Result<(), Deadlock>)> {
    let locks = Arc::new(LockManager::new());
    let barrier = Arc::new(Barrier::new(transactions.len()));
    let (report, reports) = mpsc::channel();
    let threads: Vec<_> = transactions
        .iter()
        .enumerate()
        .map(|(i, &tx)| {
            let (locks, barrier, report) =
                (Arc::clone(&locks), Arc::clone(&barrier), report.clone());
            let next_row = ((i + 1) % transactions.len()) as u64;
            thread::spawn(move || {
                assert!(locks.try_lock(tx, i as u64, Exclusive));
                barrier.wait();
                let result = locks.lock(tx, next_row, Exclusive);
                report.send((tx, result)).unwrap();
                // Ending the transaction, victim or not, lets the others go on.
                locks.release_all(tx);
            })
        })
        .collect();
    drop(report);
    let results = (0..transactions.len())
        .map(|_| {
            reports
                .recv_timeout(NEVER)
                .unwrap_or_else(|error| panic!("{}", stuck(error)))
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    results
}

#[test]
fn two_transactions_locking_in_opposite_orders_deadlock_and_the_younger_is_the_victim() {
    let mut results = deadlock_ring(&[1, 2]);
    results.sort_by_key(|(tx, _)| *tx);
    assert_eq!(
        results,
        [(1, Ok(())), (2, Err(Deadlock))],
        "T1 holds A and wants B, T2 holds B and wants A: the younger, T2, must fail and T1 go on"
    );
}

#[test]
fn a_cycle_of_three_loses_exactly_one_victim() {
    let mut results = deadlock_ring(&[5, 9, 7]);
    results.sort_by_key(|(tx, _)| *tx);
    assert_eq!(
        results,
        [(5, Ok(())), (7, Ok(())), (9, Err(Deadlock))],
        "only the youngest on the cycle, T9, fails; once it releases, the others finish"
    );
}

#[test]
fn a_transfer_needs_the_money() {
    let bank = Bank::new(&[100, 0]);
    assert_eq!(
        bank.transfer_ordered(0, 1, 150),
        Err(TransferError::InsufficientFunds {
            balance: 100,
            amount: 150
        })
    );
    assert_eq!(
        bank.transfer_any_order(0, 1, 60),
        Ok(()),
        "60 of 100 can be moved"
    );
    assert_eq!(
        bank.transfer_ordered(1, 0, 10),
        Ok(()),
        "10 of 60 can be moved"
    );
    assert_eq!(
        bank.transfer_any_order(1, 0, 50),
        Ok(()),
        "moving the whole balance, 50 of 50, is allowed"
    );
    assert_eq!(
        (bank.balance(0), bank.balance(1)),
        (100, 0),
        "100 - 60 + 10 + 50 and 60 - 10 - 50"
    );
}

#[test]
fn a_deadlock_victim_says_so() {
    assert_eq!(
        Deadlock.to_string(),
        "deadlock detected: this transaction was chosen as the victim"
    );
}

/// Older than every transfer: the bank numbers them from 1.
const OLDEST: u64 = 0;

#[test]
fn a_transfer_chosen_as_victim_counts_the_deadlock_and_retries() {
    let bank = Arc::new(Bank::new(&[100, 100]));
    assert_eq!(bank.deadlocks(), 0, "no deadlock yet");
    assert!(bank.locks().try_lock(OLDEST, 1, Exclusive));
    let (report, reports) = mpsc::channel();
    let transfer = {
        let bank = Arc::clone(&bank);
        thread::spawn(move || report.send(bank.transfer_any_order(0, 1, 10)).unwrap())
    };
    // Wait, without timing anything, until the transfer holds account 0.
    while bank.locks().try_lock(PROBE, 0, Exclusive) {
        bank.locks().release_all(PROBE);
        if let Ok(result) = reports.try_recv() {
            panic!(
                "the transfer from account 0 to account 1 went through ({result:?}) while \
                 transaction {OLDEST} held account 1: each transfer needs an id of its own, and \
                 must lock its destination"
            );
        }
        thread::yield_now();
    }
    // The transfer holds account 0 and waits for account 1; the oldest transaction now
    // asks for account 0: a cycle, whose youngest member, the transfer, is the victim.
    assert_eq!(
        bank.locks().lock(OLDEST, 0, Exclusive),
        Ok(()),
        "the oldest transaction on the cycle is never the victim"
    );
    bank.locks().release_all(OLDEST);
    let result = reports
        .recv_timeout(NEVER)
        .unwrap_or_else(|error| panic!("{}", stuck(error)));
    transfer.join().unwrap();
    assert_eq!(result, Ok(()), "the victim retried and went through");
    assert!(
        bank.deadlocks() >= 1,
        "the transfer was chosen as a deadlock's victim (again each time it retried before \
         the oldest transaction got account 0), and must count it"
    );
    assert_eq!((bank.balance(0), bank.balance(1)), (90, 110));
}

#[derive(Debug, Clone, Copy)]
enum Locking {
    Ordered,
    AnyOrder,
}

/// A transfer: from, to, amount.
type Transfer = (usize, usize, i64);

/// Every thread waits at a barrier, then runs its transfers; returns the bank.
fn run_transfers(opening: &[i64], threads: &[Vec<Transfer>], strategy: Locking) -> Arc<Bank> {
    let bank = Arc::new(Bank::new(opening));
    let barrier = Arc::new(Barrier::new(threads.len()));
    let handles: Vec<_> = threads
        .iter()
        .cloned()
        .map(|transfers| {
            let (bank, barrier) = (Arc::clone(&bank), Arc::clone(&barrier));
            thread::spawn(move || {
                barrier.wait();
                for (from, to, amount) in transfers {
                    let _ = match strategy {
                        Locking::Ordered => bank.transfer_ordered(from, to, amount),
                        Locking::AnyOrder => bank.transfer_any_order(from, to, amount),
                    };
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a transfer thread panicked");
    }
    bank
}

#[test]
fn opposite_transfers_in_any_order_deadlock_and_still_all_complete() {
    // Two threads pass money back and forth between the same two accounts, each
    // locking its source first: the textbook deadlock, over and over.
    let threads = vec![vec![(0, 1, 1); 300], vec![(1, 0, 1); 300]];
    let bank = run_transfers(&[1_000, 1_000], &threads, Locking::AnyOrder);
    assert_eq!(
        (bank.balance(0), bank.balance(1)),
        (1_000, 1_000),
        "300 units each way: every transfer must complete, deadlock or not"
    );
}

/// The bank numbers its transfers from 1: these ids are younger than all of them.
const OTHER: u64 = u64::MAX;
const PROBE: u64 = u64::MAX - 1;

/// Another transaction holds account 1 while a transfer from account 0 to account 1
/// runs on its own thread. Once the transfer holds account 0, the other transaction
/// asks for account 0 too: if the transfer is waiting for account 1, that closes a
/// cycle of two waits and the other transaction, the youngest, is the victim. If the
/// transfer never asked for account 1, the other transaction simply gets account 0.
/// No timing is involved: the outcome is the same on every run.
fn transfer_into_a_locked_account(strategy: Locking) {
    let bank = Arc::new(Bank::new(&[100, 100]));
    assert!(bank.locks().try_lock(OTHER, 1, Exclusive));
    let (report, reports) = mpsc::channel();
    let transfer = {
        let bank = Arc::clone(&bank);
        thread::spawn(move || {
            let result = match strategy {
                Locking::Ordered => bank.transfer_ordered(0, 1, 10),
                Locking::AnyOrder => bank.transfer_any_order(0, 1, 10),
            };
            report.send(result).unwrap();
        })
    };
    let went_through = |result: Result<(), TransferError>| {
        format!(
            "{strategy:?}: the transfer from account 0 to account 1 went through ({result:?}) while \
             another transaction held account 1 exclusively. A transfer must lock its \
             destination as well as its source: two transfers into one account otherwise both \
             read its old balance, and one credit is lost"
        )
    };
    // Wait, without timing anything, until the transfer holds account 0.
    loop {
        if let Ok(result) = reports.try_recv() {
            panic!("{}", went_through(result));
        }
        if !bank.locks().try_lock(PROBE, 0, Exclusive) {
            break;
        }
        bank.locks().release_all(PROBE);
        thread::yield_now();
    }
    match bank.locks().lock(OTHER, 0, Exclusive) {
        Err(Deadlock) => {}
        Ok(()) => {
            let result = reports
                .recv_timeout(NEVER)
                .unwrap_or_else(|error| panic!("{}", stuck(error)));
            panic!("{}", went_through(result));
        }
    }
    bank.locks().release_all(OTHER);
    let result = reports
        .recv_timeout(NEVER)
        .unwrap_or_else(|error| panic!("{}", stuck(error)));
    transfer.join().unwrap();
    assert_eq!(
        result,
        Ok(()),
        "{strategy:?}: once account 1 is free, the transfer goes on"
    );
    assert_eq!(
        (bank.balance(0), bank.balance(1)),
        (90, 110),
        "{strategy:?}: 10 moved from account 0 to account 1"
    );
}

#[test]
fn an_ordered_transfer_waits_for_its_destination_account() {
    transfer_into_a_locked_account(Locking::Ordered);
}

#[test]
fn a_transfer_in_any_order_waits_for_its_destination_account() {
    transfer_into_a_locked_account(Locking::AnyOrder);
}

/// Opening balances, and each thread's transfers.
fn workload() -> impl Strategy<Value = (Vec<i64>, Vec<Vec<Transfer>>)> {
    (2..6usize).prop_flat_map(|accounts| {
        let transfer = (0..accounts, 0..accounts, 1..60i64);
        (
            proptest::collection::vec(0..200i64, accounts),
            proptest::collection::vec(proptest::collection::vec(transfer, 1..40), 2..5),
        )
    })
}

proptest! {
    #![proptest_config(support::proptest_config(24))]

    #[test]
    fn random_transfers_conserve_the_total_under_both_strategies((opening, threads) in workload()) {
        let total: i64 = opening.iter().sum();
        for strategy in [Locking::Ordered, Locking::AnyOrder] {
            let bank = run_transfers(&opening, &threads, strategy);
            let balances: Vec<i64> = (0..opening.len()).map(|a| bank.balance(a)).collect();
            prop_assert_eq!(
                balances.iter().sum::<i64>(), total,
                "{:?}: balances {:?} from {:?}: money appeared or vanished", strategy, balances, opening
            );
            prop_assert!(
                balances.iter().all(|&b| b >= 0),
                "{:?}: an account went below zero: {:?}", strategy, balances
            );
        }
    }
}
