//! Checks for `exercises/resilience/src/saga.rs`.

use proptest::prelude::*;
use resilience::{Booking, Journal, SAGA_STEPS, SagaOutcome, SagaRecord, SagaStep, run_saga};

mod support;

use SagaRecord::{Began, Compensated, Completed, Failed};
use SagaStep::{ChargeCard, IssueTicket, ReserveSeat};

const SAGA: u64 = 7;
const PRICE: i64 = 12_000;

fn booking(fail: Option<SagaStep>) -> Booking {
    Booking {
        price_cents: PRICE,
        fail,
        ..Booking::default()
    }
}

/// Runs the saga with the journal crashing after `crash_at` appends, then recovers it
/// with a fresh orchestrator on the same journal, and returns the outcome.
fn crash_and_recover(fail: Option<SagaStep>, crash_at: usize) -> (SagaOutcome, Journal, Booking) {
    let mut journal = Journal::new();
    journal.crash_after(Some(crash_at));
    let mut booking = booking(fail);
    let first = run_saga(SAGA, &mut journal, &mut booking);
    assert!(
        first.is_err(),
        "the journal was set to crash after {crash_at} appends, but the run finished: {first:?}"
    );
    journal.crash_after(None);
    let outcome = run_saga(SAGA, &mut journal, &mut booking)
        .expect("recovery runs on a journal that no longer crashes");
    (outcome, journal, booking)
}

#[track_caller]
fn assert_all_done(booking: &Booking, context: &str) {
    assert!(
        booking.seats.contains(&SAGA) && booking.tickets.contains(&SAGA),
        "{context}: the saga completed, so the seat and the ticket must be held: {booking:?}"
    );
    assert_eq!(
        booking.balance_cents, PRICE,
        "{context}: the card must be charged exactly once"
    );
}

#[track_caller]
fn assert_all_undone(booking: &Booking, context: &str) {
    assert!(
        booking.seats.is_empty() && booking.tickets.is_empty() && booking.charged.is_empty(),
        "{context}: the saga was compensated, so nothing may be left held: {booking:?}"
    );
    assert_eq!(
        booking.balance_cents, 0,
        "{context}: charges less refunds must come to nothing (a negative balance is a \
         refund paid twice)"
    );
}

#[test]
fn a_saga_whose_steps_all_succeed_completes() {
    let (mut journal, mut booking) = (Journal::new(), booking(None));
    assert_eq!(
        run_saga(SAGA, &mut journal, &mut booking),
        Ok(SagaOutcome::Completed),
        "no step fails"
    );
    assert_eq!(
        journal.records(),
        [
            Began(ReserveSeat),
            Completed(ReserveSeat),
            Began(ChargeCard),
            Completed(ChargeCard),
            Began(IssueTicket),
            Completed(IssueTicket)
        ],
        "each step is journalled as begun before it runs and as completed after"
    );
    assert_all_done(&booking, "all steps succeeded");
}

#[test]
fn a_declined_card_cancels_the_seat() {
    let (mut journal, mut booking) = (Journal::new(), booking(Some(ChargeCard)));
    assert_eq!(
        run_saga(SAGA, &mut journal, &mut booking),
        Ok(SagaOutcome::Compensated),
        "the card was declined: the saga is compensated"
    );
    assert_eq!(
        journal.records(),
        [
            Began(ReserveSeat),
            Completed(ReserveSeat),
            Began(ChargeCard),
            Failed(ChargeCard),
            Compensated(ReserveSeat)
        ],
        "the failure is journalled, then the seat reservation is undone"
    );
    assert_eq!(
        booking.calls,
        [
            (ReserveSeat, false),
            (ChargeCard, false),
            (ReserveSeat, true)
        ],
        "only completed steps are compensated: a declined card took nothing, so it is not refunded"
    );
    assert_all_undone(&booking, "the card was declined");
}

#[test]
fn compensations_run_in_reverse_order() {
    let (mut journal, mut booking) = (Journal::new(), booking(Some(IssueTicket)));
    assert_eq!(
        run_saga(SAGA, &mut journal, &mut booking),
        Ok(SagaOutcome::Compensated),
        "the ticket failed"
    );
    assert_eq!(
        booking.calls,
        [
            (ReserveSeat, false),
            (ChargeCard, false),
            (IssueTicket, false),
            (ChargeCard, true),
            (ReserveSeat, true)
        ],
        "the ticket could not be issued: refund the card, then cancel the seat, the last \
         step done undone first"
    );
    assert_all_undone(&booking, "the ticket failed");
}

#[test]
fn a_finished_saga_run_again_does_nothing() {
    let (mut journal, mut booking) = (Journal::new(), booking(None));
    run_saga(SAGA, &mut journal, &mut booking).expect("no crash");
    let calls = booking.calls.len();
    assert_eq!(
        run_saga(SAGA, &mut journal, &mut booking),
        Ok(SagaOutcome::Completed),
        "it completed before"
    );
    assert_eq!(
        booking.calls.len(),
        calls,
        "a completed saga must not call the services again"
    );
    assert_eq!(journal.records().len(), 6, "nor journal anything more");
}

#[test]
fn a_crash_after_charging_but_before_journalling_it_charges_once() {
    // After 3 appends comes Completed(ChargeCard): the card has been charged when it crashes.
    let (outcome, journal, booking) = crash_and_recover(None, 3);
    assert_eq!(
        outcome,
        SagaOutcome::Completed,
        "recovery carries the saga forward to the end"
    );
    assert_eq!(
        booking
            .calls
            .iter()
            .filter(|&&c| c == (ChargeCard, false))
            .count(),
        2,
        "the charge was not journalled, so recovery must run it again"
    );
    assert_all_done(&booking, "crashed after charging, before journalling it");
    assert!(
        journal.records().ends_with(&[
            Completed(ChargeCard),
            Began(IssueTicket),
            Completed(IssueTicket)
        ]),
        "recovery journals the charge and goes on: {:?}",
        journal.records()
    );
}

#[test]
fn a_crash_after_a_refund_but_before_journalling_it_refunds_once() {
    // 6 appends go forward (the last is Failed(IssueTicket)); the 7th is Compensated(ChargeCard).
    let (outcome, _, booking) = crash_and_recover(Some(IssueTicket), 6);
    assert_eq!(
        outcome,
        SagaOutcome::Compensated,
        "recovery finishes the compensation"
    );
    assert_eq!(
        booking
            .calls
            .iter()
            .filter(|&&c| c == (ChargeCard, true))
            .count(),
        2,
        "the refund was not journalled, so recovery must run it again"
    );
    assert_all_undone(&booking, "crashed after refunding, before journalling it");
}

#[test]
fn a_crash_before_the_first_step_starts_the_saga_afresh() {
    let (outcome, journal, booking) = crash_and_recover(None, 0);
    assert_eq!(
        outcome,
        SagaOutcome::Completed,
        "an empty journal is a saga not yet started"
    );
    assert_eq!(journal.records().len(), 6, "the full saga, journalled once");
    assert_all_done(&booking, "crashed before anything");
}

proptest! {
    #![proptest_config(support::proptest_config(300))]

    #[test]
    fn a_saga_ends_with_everything_done_or_everything_undone(
        fail in prop_oneof![Just(None), proptest::sample::select(SAGA_STEPS.to_vec()).prop_map(Some)],
        crashes in proptest::collection::vec(0usize..8, 0..4),
    ) {
        let mut journal = Journal::new();
        let mut booking = booking(fail);
        // Runs that crash after a few appends (a run that needs fewer simply
        // finishes), then one that does not crash.
        for crash_at in crashes {
            journal.crash_after(Some(crash_at));
            let _ = run_saga(SAGA, &mut journal, &mut booking);
        }
        journal.crash_after(None);
        let outcome = run_saga(SAGA, &mut journal, &mut booking).expect("no crash left");
        let expected = if fail.is_some() { SagaOutcome::Compensated } else { SagaOutcome::Completed };
        prop_assert_eq!(outcome, expected, "failing step {:?}", fail);
        match outcome {
            SagaOutcome::Completed => {
                prop_assert!(booking.seats.contains(&SAGA) && booking.tickets.contains(&SAGA),
                    "completed, yet not everything is held: {:?}", booking);
                prop_assert_eq!(booking.balance_cents, PRICE, "completed: charged once; {:?}", booking);
            }
            SagaOutcome::Compensated => {
                prop_assert!(booking.seats.is_empty() && booking.tickets.is_empty(),
                    "compensated, yet something is held: {:?}", booking);
                prop_assert_eq!(booking.balance_cents, 0, "compensated: every charge refunded once; {:?}", booking);
            }
        }
    }
}
