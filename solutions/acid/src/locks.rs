//! Exercise: pessimistic locking, deadlocks and the wait-for graph.
//!
//! A lock manager hands out row locks: shared for reading (many at once), exclusive
//! for writing (what `SELECT ... FOR UPDATE` and `UPDATE` take). A transaction that
//! asks for a lock someone else holds in a conflicting mode waits, on a real thread,
//! until it is released. Locks are held until the transaction ends (strict two-phase
//! locking), which is why two transactions can end up waiting for each other: a
//! deadlock. Each waiter is an edge in a wait-for graph, from the waiter to the
//! holders it waits for; a cycle in that graph is a deadlock, and the manager breaks
//! it by picking a victim, the youngest transaction in the cycle, whose wait fails.
//! Read "Locks and deadlocks" in `notes/acid.md`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// A transaction's id. Ids grow with time, so a larger id is a younger transaction.
pub type TxId = u64;

/// A row's id.
pub type RowId = u64;

/// How a lock is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Many transactions may read the row together.
    Shared,
    /// One transaction alone may write it.
    Exclusive,
}

/// The transaction was chosen to break a deadlock. Its locks are still held: it must
/// release them (end the transaction) so the others can go on, then retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlock;

impl std::fmt::Display for Deadlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("deadlock detected: this transaction was chosen as the victim")
    }
}

impl std::error::Error for Deadlock {}

/// Row locks shared between threads.
#[derive(Debug, Default)]
pub struct LockManager {
    state: Mutex<State>,
    /// Signalled whenever locks are released or a victim is chosen.
    changed: Condvar,
}

#[derive(Debug, Default)]
struct State {
    /// Each locked row's holders and the mode each holds it in.
    held: HashMap<RowId, BTreeMap<TxId, Mode>>,
    /// What each waiting transaction waits for: the wait-for graph's edges start here.
    waiting: HashMap<TxId, (RowId, Mode)>,
    /// Waiters chosen to break a deadlock, told so when they wake.
    victims: HashSet<TxId>,
}

impl State {
    /// The other transactions whose hold on `row` keeps `tx` from taking it in `mode`.
    fn blockers(&self, tx: TxId, row: RowId, mode: Mode) -> Vec<TxId> {
        let Some(holders) = self.held.get(&row) else {
            return Vec::new();
        };
        holders
            .iter()
            .filter(|&(&holder, &held)| {
                holder != tx && (mode == Mode::Exclusive || held == Mode::Exclusive)
            })
            .map(|(&holder, _)| holder)
            .collect()
    }

    fn grant(&mut self, tx: TxId, row: RowId, mode: Mode) {
        let held = self.held.entry(row).or_default().entry(tx).or_insert(mode);
        if mode == Mode::Exclusive {
            *held = Mode::Exclusive;
        }
    }

    /// The transactions on a cycle of the wait-for graph through `start`, if any.
    fn cycle_through(&self, start: TxId) -> Option<Vec<TxId>> {
        let mut path = vec![start];
        let mut seen = HashSet::from([start]);
        self.search(start, &mut path, &mut seen).then_some(path)
    }

    fn search(&self, tx: TxId, path: &mut Vec<TxId>, seen: &mut HashSet<TxId>) -> bool {
        let Some(&(row, mode)) = self.waiting.get(&tx) else {
            return false;
        };
        for next in self.blockers(tx, row, mode) {
            if next == path[0] {
                return true;
            }
            if seen.insert(next) {
                path.push(next);
                if self.search(next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
}

impl LockManager {
    /// A manager with no locks held.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes `row` in `mode` for `tx`, waiting while another transaction holds it in a
    /// conflicting mode. Holding it already in the same or a stronger mode returns at
    /// once; holding it shared and asking for exclusive upgrades once `tx` is the only
    /// holder. Fails with [`Deadlock`] if `tx` is chosen as a deadlock's victim.
    pub fn lock(&self, tx: TxId, row: RowId, mode: Mode) -> Result<(), Deadlock> {
        let mut state = self.state();
        loop {
            if state.victims.remove(&tx) {
                state.waiting.remove(&tx);
                return Err(Deadlock);
            }
            if state.blockers(tx, row, mode).is_empty() {
                state.waiting.remove(&tx);
                state.grant(tx, row, mode);
                return Ok(());
            }
            state.waiting.insert(tx, (row, mode));
            if let Some(cycle) = state.cycle_through(tx) {
                let youngest = cycle.into_iter().max().unwrap_or(tx);
                if youngest == tx {
                    state.waiting.remove(&tx);
                    return Err(Deadlock);
                }
                state.victims.insert(youngest);
                self.changed.notify_all();
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    /// Takes the lock only if that needs no waiting; says whether it did.
    pub fn try_lock(&self, tx: TxId, row: RowId, mode: Mode) -> bool {
        let mut state = self.state();
        let free = state.blockers(tx, row, mode).is_empty();
        if free {
            state.grant(tx, row, mode);
        }
        free
    }

    /// Releases every lock `tx` holds, as its commit or abort does, and wakes waiters.
    pub fn release_all(&self, tx: TxId) {
        let mut state = self.state();
        state.held.retain(|_, holders| {
            holders.remove(&tx);
            !holders.is_empty()
        });
        self.changed.notify_all();
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panicking thread cannot leave `State` half-changed: every change is one
        // map operation. So a poisoned lock is still good to use.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Why a transfer did not happen. Either way, no money moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferError {
    /// The source account holds less than the amount.
    InsufficientFunds { balance: i64, amount: i64 },
}

/// Accounts whose balances are guarded by row locks from a [`LockManager`].
#[derive(Debug)]
pub struct Bank {
    balances: Vec<AtomicI64>,
    locks: LockManager,
    next_tx: AtomicU64,
    deadlocks: AtomicU64,
}

impl Bank {
    /// A bank with one account per opening balance, numbered from 0.
    pub fn new(balances: &[i64]) -> Self {
        Self {
            balances: balances.iter().map(|&b| AtomicI64::new(b)).collect(),
            locks: LockManager::new(),
            next_tx: AtomicU64::new(1),
            deadlocks: AtomicU64::new(0),
        }
    }

    /// The balance of `account`. (Read without a lock: exact once the threads are done.)
    pub fn balance(&self, account: usize) -> i64 {
        self.balances[account].load(Ordering::Relaxed)
    }

    /// The lock manager guarding the accounts (account `n` is row `n`), for other
    /// transactions that lock accounts too.
    pub fn locks(&self) -> &LockManager {
        &self.locks
    }

    /// How many transfers were chosen as deadlock victims (and retried).
    pub fn deadlocks(&self) -> u64 {
        self.deadlocks.load(Ordering::Relaxed)
    }

    /// Moves `amount` from `from` to `to`, locking both accounts exclusively in
    /// ascending order. Every transfer takes its locks in the same global order, so no
    /// cycle of waits can form: no deadlock is possible.
    pub fn transfer_ordered(
        &self,
        from: usize,
        to: usize,
        amount: i64,
    ) -> Result<(), TransferError> {
        let order = [from.min(to), from.max(to)];
        self.transfer_locking(self.begin(), order, from, to, amount)
            .expect("locks taken in one global order cannot deadlock")
    }

    /// Moves `amount` from `from` to `to`, locking `from` first and then `to`: two
    /// opposite transfers can deadlock. A victim releases its locks and retries with
    /// the same id, so it grows older than the newcomers and eventually wins.
    pub fn transfer_any_order(
        &self,
        from: usize,
        to: usize,
        amount: i64,
    ) -> Result<(), TransferError> {
        let tx = self.begin();
        loop {
            match self.transfer_locking(tx, [from, to], from, to, amount) {
                Ok(result) => return result,
                Err(Deadlock) => self.deadlocks.fetch_add(1, Ordering::Relaxed),
            };
        }
    }

    /// One attempt of transaction `tx`: lock the accounts in `order`, move the money,
    /// and end the transaction, releasing its locks, whether or not it got them all.
    fn transfer_locking(
        &self,
        tx: TxId,
        order: [usize; 2],
        from: usize,
        to: usize,
        amount: i64,
    ) -> Result<Result<(), TransferError>, Deadlock> {
        let locked = order
            .iter()
            .try_for_each(|&account| self.locks.lock(tx, account as RowId, Mode::Exclusive));
        let result = locked.map(|()| self.move_money(from, to, amount));
        self.locks.release_all(tx);
        result
    }

    fn begin(&self) -> TxId {
        self.next_tx.fetch_add(1, Ordering::Relaxed)
    }

    /// The transfer itself, with both accounts locked by the caller.
    fn move_money(&self, from: usize, to: usize, amount: i64) -> Result<(), TransferError> {
        let balance = self.balance(from);
        if balance < amount {
            return Err(TransferError::InsufficientFunds { balance, amount });
        }
        // The exclusive locks make these read-modify-writes safe; the lock manager's
        // mutex orders them between threads, so relaxed atomics are enough.
        self.balances[from].store(balance - amount, Ordering::Relaxed);
        let credited = self.balance(to) + amount;
        self.balances[to].store(credited, Ordering::Relaxed);
        Ok(())
    }
}
