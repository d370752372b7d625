//! Checks for `exercises/resilience/src/idempotency.rs`.

use proptest::prelude::*;
use resilience::{Begin, Gateway, PaymentRequest, PaymentResult, Payments, Response};

mod support;

fn pay(account: &str, amount_cents: u64) -> PaymentRequest {
    PaymentRequest {
        account: account.to_string(),
        amount_cents,
    }
}

fn charged(charge_id: u64) -> Response {
    Response::Done(PaymentResult::Charged { charge_id })
}

#[test]
fn a_new_key_charges_once() {
    let (mut payments, mut gateway) = (Payments::new(), Gateway::default());
    let response = payments.handle("key-1", &pay("alice", 2_000), &mut gateway);
    assert_eq!(
        response,
        charged(1),
        "a first request under a new key is charged"
    );
    assert_eq!(
        gateway.charges,
        [pay("alice", 2_000)],
        "the gateway made exactly that charge"
    );
}

#[test]
fn a_retry_after_the_first_finished_gets_the_first_result_and_no_charge() {
    let (mut payments, mut gateway) = (Payments::new(), Gateway::default());
    let first = payments.handle("key-1", &pay("alice", 2_000), &mut gateway);
    let retry = payments.handle("key-1", &pay("alice", 2_000), &mut gateway);
    assert_eq!(
        retry, first,
        "the retry must get the first request's result back"
    );
    assert_eq!(
        gateway.charges.len(),
        1,
        "a request and its retry under one key charged the card {} times; once is right",
        gateway.charges.len()
    );
}

#[test]
fn different_keys_are_different_payments() {
    let (mut payments, mut gateway) = (Payments::new(), Gateway::default());
    payments.handle("key-1", &pay("alice", 2_000), &mut gateway);
    let second = payments.handle("key-2", &pay("alice", 2_000), &mut gateway);
    assert_eq!(
        second,
        charged(2),
        "the same amount under a new key is a second payment, deliberately made"
    );
}

#[test]
fn a_retry_during_the_first_attempt_is_told_to_wait_and_charges_nothing() {
    let (mut payments, mut gateway) = (Payments::new(), Gateway::default());
    let request = pay("alice", 2_000);
    // The first attempt begins and is still talking to the card processor…
    assert_eq!(
        payments.begin("key-1", &request),
        Begin::Charge,
        "a new key: go and charge"
    );
    // …when the client, tired of waiting, retries.
    let retry = payments.handle("key-1", &request, &mut gateway);
    assert_eq!(
        retry,
        Response::InProgress,
        "the retry arrived while the first attempt was charging: it must be told to wait \
         (409), not charged a second time"
    );
    assert!(
        gateway.charges.is_empty(),
        "the retry reached the gateway: {:?}",
        gateway.charges
    );
    // The first attempt finishes; a later retry gets its result.
    let result = gateway.charge(&request);
    assert_eq!(
        payments.finish("key-1", result),
        charged(1),
        "the first attempt's answer"
    );
    assert_eq!(
        payments.handle("key-1", &request, &mut gateway),
        charged(1),
        "once the first attempt has finished, a retry gets its result"
    );
    assert_eq!(gateway.charges.len(), 1, "one charge in all");
}

#[test]
fn a_key_reused_for_a_different_request_is_refused() {
    let (mut payments, mut gateway) = (Payments::new(), Gateway::default());
    payments.handle("key-1", &pay("alice", 2_000), &mut gateway);
    assert_eq!(
        payments.handle("key-1", &pay("alice", 5_000), &mut gateway),
        Response::KeyReused,
        "key-1 was used for 20.00; a request for 50.00 under it is a client bug, refused (422)"
    );
    assert_eq!(
        payments.handle("key-1", &pay("bob", 2_000), &mut gateway),
        Response::KeyReused,
        "nor may another account's request reuse it"
    );
    assert_eq!(
        gateway.charges.len(),
        1,
        "only the first request was charged"
    );
}

#[test]
fn a_key_reused_while_in_progress_is_refused_too() {
    let mut payments = Payments::new();
    assert_eq!(
        payments.begin("key-1", &pay("alice", 2_000)),
        Begin::Charge,
        "a new key"
    );
    assert_eq!(
        payments.begin("key-1", &pay("alice", 9_999)),
        Begin::Answer(Response::KeyReused),
        "a different request under a key in use is refused, not told to wait"
    );
}

#[test]
fn a_declined_payment_is_replayed_as_declined() {
    let mut gateway = Gateway {
        decline_above_cents: Some(1_000),
        ..Gateway::default()
    };
    let mut payments = Payments::new();
    assert_eq!(
        payments.handle("key-0", &pay("alice", 1_000), &mut gateway),
        charged(1),
        "10.00 is exactly the card's limit: charged"
    );
    let first = payments.handle("key-1", &pay("alice", 2_000), &mut gateway);
    assert!(
        matches!(first, Response::Done(PaymentResult::Declined { .. })),
        "20.00 is over the card's 10.00 limit: declined, got {first:?}"
    );
    gateway.decline_above_cents = None; // The card's limit is raised.
    let retry = payments.handle("key-1", &pay("alice", 2_000), &mut gateway);
    assert_eq!(
        retry, first,
        "a decline is a result too: the retry gets the same decline, and paying again \
         needs a new key"
    );
    assert_eq!(
        gateway.charges.len(),
        1,
        "only the 10.00 payment was ever charged"
    );
}

#[test]
fn an_attempt_that_died_before_charging_can_be_retried() {
    let (mut payments, mut gateway) = (Payments::new(), Gateway::default());
    let request = pay("alice", 2_000);
    assert_eq!(
        payments.begin("key-1", &request),
        Begin::Charge,
        "a new key"
    );
    payments.release("key-1"); // The worker crashed before reaching the gateway.
    assert_eq!(
        payments.handle("key-1", &request, &mut gateway),
        charged(1),
        "the first attempt charged nothing and was released: the retry charges"
    );
}

#[test]
fn releasing_a_finished_key_keeps_its_result() {
    let (mut payments, mut gateway) = (Payments::new(), Gateway::default());
    let request = pay("alice", 2_000);
    payments.handle("key-1", &request, &mut gateway);
    payments.release("key-1");
    assert_eq!(
        payments.handle("key-1", &request, &mut gateway),
        charged(1),
        "release is for attempts that never finished; a charged payment stays charged"
    );
    assert_eq!(gateway.charges.len(), 1, "one charge in all");
}

/// One step of a client's life: start an attempt (and leave it charging), finish
/// the oldest attempt still charging, or send a whole request; each under one of a
/// few keys.
#[derive(Debug, Clone)]
enum Step {
    Begin(usize),
    FinishOldest,
    Handle(usize),
}

proptest! {
    #![proptest_config(support::proptest_config(300))]

    #[test]
    fn every_key_charges_at_most_once_and_always_answers_the_same(
        steps in proptest::collection::vec(
            prop_oneof![
                (0usize..3).prop_map(Step::Begin),
                Just(Step::FinishOldest),
                (0usize..3).prop_map(Step::Handle),
            ],
            1..60,
        ),
    ) {
        let (mut payments, mut gateway) = (Payments::new(), Gateway::default());
        let request = |k: usize| pay("alice", 1_000 * (k as u64 + 1));
        let mut charging: std::collections::VecDeque<usize> = Default::default();
        let mut answers: Vec<Option<Response>> = vec![None; 3];
        for step in steps {
            let (key, response) = match step {
                Step::Begin(k) => match payments.begin(&format!("key-{k}"), &request(k)) {
                    Begin::Charge => {
                        charging.push_back(k);
                        continue;
                    }
                    Begin::Answer(response) => (k, response),
                },
                Step::FinishOldest => match charging.pop_front() {
                    Some(k) => {
                        let result = gateway.charge(&request(k));
                        (k, payments.finish(&format!("key-{k}"), result))
                    }
                    None => continue,
                },
                Step::Handle(k) => (k, payments.handle(&format!("key-{k}"), &request(k), &mut gateway)),
            };
            if let Response::Done(_) = response {
                if let Some(first) = &answers[key] {
                    prop_assert_eq!(first, &response, "key-{} answered two different results", key);
                }
                answers[key] = Some(response);
            }
            for k in 0..3 {
                let charges = gateway.charges.iter().filter(|c| **c == request(k)).count();
                prop_assert!(charges <= 1, "key-{} charged the card {} times", k, charges);
            }
        }
    }
}
