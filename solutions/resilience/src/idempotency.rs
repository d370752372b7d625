//! Exercise: idempotency keys for a payment endpoint.
//!
//! A client that times out waiting for "charge £20" cannot know whether the charge
//! happened, so it retries, and the retry must not charge again. The client sends a
//! key it made up (a UUID) with the request, the same key on every retry; the
//! server remembers each key with the request it came with and, once known, the
//! result. A retry of a finished request gets the first result back; a retry that
//! arrives while the first attempt is still charging gets "in progress, try later"
//! (HTTP 409), never a second charge; a different request under a used key is
//! refused. This is how Stripe's API works.
//!
//! The endpoint is split so that the checks can play the interleavings:
//! `begin` decides, the caller charges, and `finish` stores the result (or
//! `release` forgets an attempt that died before charging). `handle` does all three.
//! Read "Idempotency keys" in `notes/resilience.md`.

use std::collections::HashMap;

/// What the client asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PaymentRequest {
    pub account: String,
    pub amount_cents: u64,
}

/// What a charge came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentResult {
    /// The card was charged; `charge_id` names the charge.
    Charged { charge_id: u64 },
    /// The card was declined; nothing was charged.
    Declined { reason: String },
}

/// What the endpoint answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// The result of the request, fresh or replayed.
    Done(PaymentResult),
    /// An attempt with this key is still running: try again later (HTTP 409).
    InProgress,
    /// The key was used for a different request (HTTP 422).
    KeyReused,
}

/// What `begin` tells the caller to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begin {
    /// A new key, now marked in progress: charge, then `finish` or `release`.
    Charge,
    /// Do not charge: answer this.
    Answer(Response),
}

/// A card processor that records every charge it makes, so that the checks can
/// count them. It declines amounts above its limit.
#[derive(Debug, Clone, Default)]
pub struct Gateway {
    /// Every charge made, in order.
    pub charges: Vec<PaymentRequest>,
    /// Amounts above this are declined; `None` accepts everything.
    pub decline_above_cents: Option<u64>,
}

impl Gateway {
    /// Charges the card, or declines. Charge ids count from 1.
    pub fn charge(&mut self, request: &PaymentRequest) -> PaymentResult {
        if self
            .decline_above_cents
            .is_some_and(|limit| request.amount_cents > limit)
        {
            return PaymentResult::Declined {
                reason: "amount over the card's limit".to_string(),
            };
        }
        self.charges.push(request.clone());
        PaymentResult::Charged {
            charge_id: self.charges.len() as u64,
        }
    }
}

/// What the endpoint remembers about one key.
#[derive(Debug, Clone)]
struct Entry {
    request: PaymentRequest,
    /// `None` while the first attempt is running.
    result: Option<PaymentResult>,
}

/// The payment endpoint's memory of idempotency keys.
#[derive(Debug, Default)]
pub struct Payments {
    entries: HashMap<String, Entry>,
}

impl Payments {
    /// An endpoint that has seen no key yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Decides what to do with `request` under `key`. A new key is recorded as in
    /// progress before the answer `Charge` goes out, so that a retry arriving
    /// during the charge finds it.
    pub fn begin(&mut self, key: &str, request: &PaymentRequest) -> Begin {
        match self.entries.get(key) {
            None => {
                self.entries.insert(
                    key.to_string(),
                    Entry {
                        request: request.clone(),
                        result: None,
                    },
                );
                Begin::Charge
            }
            Some(entry) if entry.request != *request => Begin::Answer(Response::KeyReused),
            Some(Entry { result: None, .. }) => Begin::Answer(Response::InProgress),
            Some(Entry {
                result: Some(result),
                ..
            }) => Begin::Answer(Response::Done(result.clone())),
        }
    }

    /// Stores the result of the attempt that `begin` told to charge, declines
    /// included, and answers it.
    pub fn finish(&mut self, key: &str, result: PaymentResult) -> Response {
        if let Some(entry) = self.entries.get_mut(key) {
            entry.result = Some(result.clone());
        }
        Response::Done(result)
    }

    /// Forgets an attempt that died before it charged anything (the gateway was
    /// never reached), so that a retry may charge.
    pub fn release(&mut self, key: &str) {
        if let Some(Entry { result: None, .. }) = self.entries.get(key) {
            self.entries.remove(key);
        }
    }

    /// The whole endpoint: `begin`, then charge through `gateway` and `finish` if told to.
    pub fn handle(
        &mut self,
        key: &str,
        request: &PaymentRequest,
        gateway: &mut Gateway,
    ) -> Response {
        match self.begin(key, request) {
            Begin::Charge => {
                let result = gateway.charge(request);
                self.finish(key, result)
            }
            Begin::Answer(response) => response,
        }
    }
}
