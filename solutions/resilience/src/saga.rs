//! Exercise: an orchestrated saga with compensations and a crash-safe log.
//!
//! Booking a trip takes three local transactions in three services: reserve a
//! seat, charge the card, issue the ticket. No lock spans them. If a step fails,
//! the orchestrator undoes the steps already done by running their compensations
//! (cancel the seat, refund the card) in reverse order, so the saga ends either
//! with everything done or with everything undone.
//!
//! The orchestrator writes each move to a journal before or after making it, and
//! may crash at any write. `run_saga` is both the first run and the recovery: it
//! reads what the journal holds and carries on from there. A step or compensation
//! that was made but not yet journalled is made again on recovery, which is why the
//! services must be idempotent per saga.
//! Read "Sagas" in `notes/resilience.md`.

use std::collections::BTreeSet;

/// The steps of the booking saga, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SagaStep {
    ReserveSeat,
    ChargeCard,
    IssueTicket,
}

/// Every step, in the order the saga runs them.
pub const SAGA_STEPS: [SagaStep; 3] = [
    SagaStep::ReserveSeat,
    SagaStep::ChargeCard,
    SagaStep::IssueTicket,
];

/// What the orchestrator journals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SagaRecord {
    /// About to run a step.
    Began(SagaStep),
    /// The step succeeded.
    Completed(SagaStep),
    /// The step failed and left nothing to undo: compensation starts.
    Failed(SagaStep),
    /// A completed step was undone.
    Compensated(SagaStep),
}

/// How a saga ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SagaOutcome {
    /// Every step completed.
    Completed,
    /// A step failed and every completed step was compensated.
    Compensated,
}

/// The orchestrator died; what it had journalled is all that is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crash;

/// The orchestrator's durable journal, which a check may make crash.
#[derive(Debug, Clone, Default)]
pub struct Journal {
    records: Vec<SagaRecord>,
    /// How many more appends succeed before one crashes; `None`: never.
    writes_left: Option<usize>,
}

impl Journal {
    /// An empty journal that never crashes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the journal write `appends` more records and crash on the next
    /// append; `None` stops it crashing.
    pub fn crash_after(&mut self, appends: Option<usize>) {
        self.writes_left = appends;
    }

    /// Writes `record`, or crashes if its writes have run out.
    pub fn append(&mut self, record: SagaRecord) -> Result<(), Crash> {
        match &mut self.writes_left {
            Some(0) => return Err(Crash),
            Some(left) => *left -= 1,
            None => {}
        }
        self.records.push(record);
        Ok(())
    }

    /// What has been written so far.
    pub fn records(&self) -> &[SagaRecord] {
        &self.records
    }
}

/// The three services, for one trip price, with a step that can be made to fail.
///
/// Every operation is idempotent per saga: running a step that already ran for a
/// saga, or compensating one that was already compensated (or never ran), changes
/// nothing.
#[derive(Debug, Clone, Default)]
pub struct Booking {
    /// Sagas holding a seat.
    pub seats: BTreeSet<u64>,
    /// Sagas whose card is charged.
    pub charged: BTreeSet<u64>,
    /// Sagas holding a ticket.
    pub tickets: BTreeSet<u64>,
    /// Money taken from cards less money refunded, in cents.
    pub balance_cents: i64,
    /// The price of a trip, in cents.
    pub price_cents: i64,
    /// This step fails for every saga.
    pub fail: Option<SagaStep>,
    /// Every call, in order: the step and whether it was a compensation.
    pub calls: Vec<(SagaStep, bool)>,
}

impl Booking {
    /// Runs `step` for `saga`; `false` if it failed (and did nothing).
    pub fn execute(&mut self, saga: u64, step: SagaStep) -> bool {
        self.calls.push((step, false));
        if self.fail == Some(step) {
            return false;
        }
        match step {
            SagaStep::ReserveSeat => {
                self.seats.insert(saga);
            }
            SagaStep::ChargeCard => {
                if self.charged.insert(saga) {
                    self.balance_cents += self.price_cents;
                }
            }
            SagaStep::IssueTicket => {
                self.tickets.insert(saga);
            }
        }
        true
    }

    /// Undoes `step` for `saga`, if it is done.
    pub fn compensate(&mut self, saga: u64, step: SagaStep) {
        self.calls.push((step, true));
        match step {
            SagaStep::ReserveSeat => {
                self.seats.remove(&saga);
            }
            SagaStep::ChargeCard => {
                if self.charged.remove(&saga) {
                    self.balance_cents -= self.price_cents;
                }
            }
            SagaStep::IssueTicket => {
                self.tickets.remove(&saga);
            }
        }
    }
}

/// Runs saga `saga` from wherever `journal` says it is, to the end.
///
/// Going forward, each step not yet completed is journalled `Began` (unless it
/// already is), run, and journalled `Completed` or `Failed`. After a failure, the
/// completed steps not yet compensated are compensated in reverse order, each
/// journalled `Compensated` after it is undone. A step that began but was not
/// journalled as completed or failed is run again. A journal write that crashes
/// ends the run with `Err(Crash)`.
pub fn run_saga(
    saga: u64,
    journal: &mut Journal,
    booking: &mut Booking,
) -> Result<SagaOutcome, Crash> {
    let has = |journal: &Journal, record: SagaRecord| journal.records().contains(&record);
    let failed = journal
        .records()
        .iter()
        .any(|record| matches!(record, SagaRecord::Failed(_)));
    if !failed {
        for step in SAGA_STEPS {
            if has(journal, SagaRecord::Completed(step)) {
                continue;
            }
            if !has(journal, SagaRecord::Began(step)) {
                journal.append(SagaRecord::Began(step))?;
            }
            if booking.execute(saga, step) {
                journal.append(SagaRecord::Completed(step))?;
            } else {
                journal.append(SagaRecord::Failed(step))?;
                return compensate(saga, journal, booking);
            }
        }
        return Ok(SagaOutcome::Completed);
    }
    compensate(saga, journal, booking)
}

/// Undoes the completed steps, last first, skipping those already compensated.
fn compensate(
    saga: u64,
    journal: &mut Journal,
    booking: &mut Booking,
) -> Result<SagaOutcome, Crash> {
    for step in SAGA_STEPS.into_iter().rev() {
        let records = journal.records();
        if records.contains(&SagaRecord::Completed(step))
            && !records.contains(&SagaRecord::Compensated(step))
        {
            booking.compensate(saga, step);
            journal.append(SagaRecord::Compensated(step))?;
        }
    }
    Ok(SagaOutcome::Compensated)
}
