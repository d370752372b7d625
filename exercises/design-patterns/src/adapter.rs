//! Exercise: Adapter.
//!
//! The course's code sends text messages through its own trait, [`SmsSender`],
//! written in its own types: a [`PhoneNumber`], a [`MessageId`], a [`SendError`]
//! that says what the caller should do next. Two vendors sell the sending, and
//! their client libraries ([`vendor::beam`], [`vendor::relay`]) have shapes of their
//! own: one takes E.164 strings and answers with HTTP statuses, the other takes the
//! country code and the number apart, raises its own error type and leaves long
//! texts for the caller to split. An adapter for each puts the vendor behind the
//! trait, so that switching vendors is one line where the service is built.
//!
//! Write them (the checks need both):
//! - `pub struct BeamAdapter`, made by `BeamAdapter::new(client: BeamClient) ->
//!   BeamAdapter`, with `impl SmsSender for BeamAdapter`;
//! - `pub struct RelayAdapter`, made by `RelayAdapter::new(client: RelayClient) ->
//!   RelayAdapter`, with `impl SmsSender for RelayAdapter`.
//!
//! Read "Adapter" in `notes/design-patterns.md`.

use std::fmt;
use std::time::Duration;

use vendor::beam::BeamClient;
use vendor::relay::{RelayClient, RelayError};

/// A phone number, in the parts every country shares: the country calling code
/// (44 for the United Kingdom, 91 for India, 1 for North America) and the national
/// number, digits only.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    country_code: u16,
    national_number: String,
}

impl PhoneNumber {
    /// The number, if it is one: a country code of 1 to 999 and a national number
    /// of digits (spaces and dashes are dropped), at most 15 digits in all.
    pub fn new(country_code: u16, national_number: &str) -> Option<Self> {
        let national_number: String = national_number
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect();
        let digits = country_code.to_string().len() + national_number.len();
        let valid = (1..=999).contains(&country_code)
            && !national_number.is_empty()
            && national_number.bytes().all(|b| b.is_ascii_digit())
            && digits <= 15;
        valid.then_some(Self {
            country_code,
            national_number,
        })
    }

    pub fn country_code(&self) -> u16 {
        self.country_code
    }

    /// The national number, digits only.
    pub fn national_number(&self) -> &str {
        &self.national_number
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+{} {}", self.country_code, self.national_number)
    }
}

/// The course's handle on a sent message: the vendor's id for it, as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageId(String);

impl MessageId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a message was not sent, by what the caller should do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// No phone answers to this number: fix the number; sending again fails again.
    InvalidNumber,
    /// Too many messages too fast: send again after `retry_after`.
    RateLimited { retry_after: Duration },
    /// The account has no credit left: a person must top it up.
    OutOfCredit,
    /// The vendor refused the message itself (too long, say); sending it again
    /// unchanged fails again.
    Rejected(String),
    /// The vendor is down, or answered something its documentation does not list:
    /// send again later, or through another vendor.
    Unavailable,
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::InvalidNumber => f.write_str("no phone answers to this number"),
            SendError::RateLimited { retry_after } => {
                write!(f, "rate limited; send again after {retry_after:?}")
            }
            SendError::OutOfCredit => f.write_str("the account is out of credit"),
            SendError::Rejected(reason) => write!(f, "the message was refused: {reason}"),
            SendError::Unavailable => f.write_str("the vendor is unavailable"),
        }
    }
}

impl std::error::Error for SendError {}

/// Sends a text message. Everything the course sends goes through this trait, in
/// the course's own types, whichever vendor is behind it.
pub trait SmsSender {
    /// Sends `text`, whole, to `to`.
    fn send(&self, to: &PhoneNumber, text: &str) -> Result<MessageId, SendError>;
}

/// The service that texts sign-in codes: written against [`SmsSender`] only, so it
/// neither knows nor cares which vendor sends.
pub struct OneTimeCodes {
    sender: Box<dyn SmsSender>,
}

impl OneTimeCodes {
    pub fn new(sender: Box<dyn SmsSender>) -> Self {
        Self { sender }
    }

    /// Sends through `sender` from now on.
    pub fn switch_vendor(&mut self, sender: Box<dyn SmsSender>) {
        self.sender = sender;
    }

    /// Texts a six-digit sign-in `code` to `to`.
    pub fn send_code(&self, to: &PhoneNumber, code: u32) -> Result<MessageId, SendError> {
        self.sender.send(
            to,
            &format!("Your sign-in code is {code:06}. It expires in 10 minutes."),
        )
    }
}

// Your adapters go here: `BeamAdapter` and `RelayAdapter`, as the top of this file
// says, each turning its vendor's shapes into the course's and back.

/// Two vendors' client libraries, as they ship: their shapes are theirs. Both are
/// sandboxes: nothing leaves the process, each records what a handset would
/// receive, and a check can ask one to fail its next call.
pub mod vendor {
    /// BeamText: one call per message, E.164 numbers, HTTP statuses.
    pub mod beam {
        use std::cell::RefCell;
        use std::collections::VecDeque;
        use std::rc::Rc;

        /// The longest body Beam takes; it splits a long one into parts itself.
        pub const MAX_BODY_CHARS: usize = 1600;

        /// What Beam answers.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct BeamResponse {
            /// 201: created, and `message_sid` is set. 400: `to` is not an E.164
            /// number. 402: the account is out of credit. 413: the body is over
            /// [`MAX_BODY_CHARS`]. 429: too many requests; `retry_after_secs` may
            /// say how long to wait. 500 to 599: Beam is having trouble.
            pub status: u16,
            pub message_sid: Option<String>,
            pub retry_after_secs: Option<u64>,
        }

        /// Beam's client; clones share one account.
        #[derive(Debug, Clone, Default)]
        pub struct BeamClient {
            account: Rc<RefCell<Account>>,
        }

        #[derive(Debug, Default)]
        struct Account {
            failures: VecDeque<(u16, Option<u64>)>,
            delivered: Vec<(String, String)>,
        }

        impl BeamClient {
            /// A client for Beam's sandbox.
            pub fn sandbox() -> Self {
                Self::default()
            }

            /// Sends `body` to `to`, an E.164 number: a `+`, the country code and
            /// the national number, digits only, 8 to 15 of them
            /// (`"+447700900123"`).
            pub fn create_message(&self, to: &str, body: &str) -> BeamResponse {
                let mut account = self.account.borrow_mut();
                if let Some((status, retry_after_secs)) = account.failures.pop_front() {
                    return BeamResponse {
                        status,
                        message_sid: None,
                        retry_after_secs,
                    };
                }
                let status = if !is_e164(to) {
                    400
                } else if body.chars().count() > MAX_BODY_CHARS {
                    413
                } else {
                    account.delivered.push((to.to_owned(), body.to_owned()));
                    201
                };
                BeamResponse {
                    status,
                    message_sid: (status == 201)
                        .then(|| format!("SM{:06}", account.delivered.len())),
                    retry_after_secs: None,
                }
            }

            /// Sandbox only: the next call answers `status` (and
            /// `retry_after_secs`) and sends nothing. Calls queue up.
            pub fn fail_next(&self, status: u16, retry_after_secs: Option<u64>) {
                self.account
                    .borrow_mut()
                    .failures
                    .push_back((status, retry_after_secs));
            }

            /// Sandbox only: each message delivered, `(to, body)`, oldest first;
            /// the `n`th has the sid `SM` followed by `n` in six digits.
            pub fn delivered(&self) -> Vec<(String, String)> {
                self.account.borrow().delivered.clone()
            }
        }

        fn is_e164(to: &str) -> bool {
            to.strip_prefix('+').is_some_and(|digits| {
                (8..=15).contains(&digits.len())
                    && !digits.starts_with('0')
                    && digits.bytes().all(|b| b.is_ascii_digit())
            })
        }
    }

    /// RelayTel: country code and national number apart, one call per part.
    pub mod relay {
        use std::cell::RefCell;
        use std::collections::VecDeque;
        use std::fmt;
        use std::rc::Rc;

        /// The most characters a text sent as one part may have.
        pub const SINGLE_CHARS: usize = 160;
        /// The most characters in each part of a text sent in several parts (the
        /// rest of each message carries the part's place).
        pub const PART_CHARS: usize = 153;

        /// What can go wrong, in Relay's words.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum RelayError {
            /// No subscriber has this number.
            UnknownSubscriber,
            /// Too many parts too fast; wait `wait_ms` milliseconds.
            Throttled { wait_ms: u64 },
            /// The prepaid balance is spent.
            BalanceExhausted,
            /// A part longer than Relay takes (`limit`).
            SegmentTooLong { chars: usize, limit: usize },
            /// Relay is down.
            Outage(String),
        }

        impl fmt::Display for RelayError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "relay: {self:?}")
            }
        }

        impl std::error::Error for RelayError {}

        /// One part as Relay received it.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Segment {
            pub id: u64,
            pub country_code: u16,
            pub number: String,
            pub text: String,
            pub part: u8,
            pub parts: u8,
        }

        /// Relay's client; clones share one account.
        #[derive(Debug, Clone, Default)]
        pub struct RelayClient {
            account: Rc<RefCell<Account>>,
        }

        #[derive(Debug, Default)]
        struct Account {
            /// What the next calls do, in order: `None` goes through as usual.
            script: VecDeque<Option<RelayError>>,
            segments: Vec<Segment>,
        }

        impl RelayClient {
            /// A client for Relay's sandbox.
            pub fn sandbox() -> Self {
                Self::default()
            }

            /// Sends part `part` of `parts` (counting from 1) of a text to the
            /// national `number` (digits only) in `country_code`. A text of up to
            /// [`SINGLE_CHARS`] characters goes as part 1 of 1; a longer one in
            /// parts of at most [`PART_CHARS`] characters each, in order, which
            /// the handset joins. Returns the part's id.
            ///
            /// (Real networks count GSM-7 characters, 160 and 153, or for text
            /// outside that alphabet UCS-2 characters, 70 and 67; this sandbox
            /// counts every character as one.)
            pub fn submit(
                &self,
                country_code: u16,
                number: &str,
                text: &str,
                part: u8,
                parts: u8,
            ) -> Result<u64, RelayError> {
                let mut account = self.account.borrow_mut();
                if let Some(error) = account.script.pop_front().flatten() {
                    return Err(error);
                }
                if !(1..=999).contains(&country_code)
                    || !(4..=14).contains(&number.len())
                    || !number.bytes().all(|b| b.is_ascii_digit())
                {
                    return Err(RelayError::UnknownSubscriber);
                }
                let limit = if parts == 1 { SINGLE_CHARS } else { PART_CHARS };
                let chars = text.chars().count();
                if chars > limit {
                    return Err(RelayError::SegmentTooLong { chars, limit });
                }
                let id = 7001 + account.segments.len() as u64;
                account.segments.push(Segment {
                    id,
                    country_code,
                    number: number.to_owned(),
                    text: text.to_owned(),
                    part,
                    parts,
                });
                Ok(id)
            }

            /// Sandbox only: the next call fails with `error` and sends nothing.
            /// Calls queue up with [`RelayClient::pass_next`]'s.
            pub fn fail_next(&self, error: RelayError) {
                self.account.borrow_mut().script.push_back(Some(error));
            }

            /// Sandbox only: the next call goes through as usual; for a failure
            /// queued after it with [`RelayClient::fail_next`].
            pub fn pass_next(&self) {
                self.account.borrow_mut().script.push_back(None);
            }

            /// Sandbox only: every part received, oldest first.
            pub fn segments(&self) -> Vec<Segment> {
                self.account.borrow().segments.clone()
            }

            /// Sandbox only: the texts handsets could put together, `(country
            /// code, number, text)`: parts 1 to n of n in a row to one number. A
            /// text missing a part, or with parts out of order, never shows.
            pub fn delivered(&self) -> Vec<(u16, String, String)> {
                let mut delivered = Vec::new();
                let mut joining: Option<(u16, String, String, u8)> = None;
                for segment in &self.account.borrow().segments {
                    let next = match joining.take() {
                        Some((code, number, mut text, last))
                            if code == segment.country_code
                                && number == segment.number
                                && segment.part == last + 1 =>
                        {
                            text.push_str(&segment.text);
                            Some((code, number, text, segment.part))
                        }
                        _ if segment.part == 1 => Some((
                            segment.country_code,
                            segment.number.clone(),
                            segment.text.clone(),
                            1,
                        )),
                        _ => None,
                    };
                    joining = match next {
                        Some((code, number, text, part)) if part == segment.parts => {
                            delivered.push((code, number, text));
                            None
                        }
                        other => other,
                    };
                }
                delivered
            }
        }
    }
}
