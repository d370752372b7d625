//! Exercise: a decision, told to an HTTP client.
//!
//! An admitted request goes ahead with `200 OK`; a refused one gets
//! `429 Too Many Requests`. Both carry the `RateLimit-Limit`, `RateLimit-Remaining`
//! and `RateLimit-Reset` fields, so a well-behaved client can slow down before it is
//! refused; a refusal also carries `Retry-After`. All times are whole seconds,
//! rounded up: a client told to come back early is refused again.
//! Read "Headers" in `notes/rate-limiting.md`.

use std::fmt;
use std::time::Duration;

use crate::Decision;

/// The limit a client is told about: `limit` requests per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub limit: u32,
    pub window: Duration,
}

/// The status line and rate-limit header fields of a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// 200 or 429.
    pub status: u16,
    /// Header fields in the order they are sent.
    pub headers: Vec<(&'static str, String)>,
}

/// Whole seconds in `duration`, rounded up: 0 s stays 0, 0.2 s becomes 1.
pub fn whole_seconds_up(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_nanos() > 0)
}

/// The response for `decision` under `policy`.
///
/// - Admitted: status 200 and, in this order, `RateLimit-Limit` (the policy's
///   limit), `RateLimit-Remaining` (the decision's) and `RateLimit-Reset`: the
///   seconds until the used part of the quota has come back at the policy's rate,
///   `(limit - remaining) * window / limit`, rounded up.
/// - Refused: status 429 and, in this order, `Retry-After`, `RateLimit-Limit`,
///   `RateLimit-Remaining: 0` and `RateLimit-Reset`, both times being the decision's
///   `retry_after`, rounded up.
pub fn response(policy: &Policy, decision: Decision) -> Response {
    let limit = ("RateLimit-Limit", policy.limit.to_string());
    match decision {
        Decision::Allowed { remaining } => {
            let used = u128::from(policy.limit.saturating_sub(remaining));
            let reset_nanos = match u128::from(policy.limit) {
                0 => 0,
                limit => (used * policy.window.as_nanos()).div_ceil(limit),
            };
            let reset = whole_seconds_up(crate::duration_from_nanos(reset_nanos));
            Response {
                status: 200,
                headers: vec![
                    limit,
                    ("RateLimit-Remaining", remaining.to_string()),
                    ("RateLimit-Reset", reset.to_string()),
                ],
            }
        }
        Decision::Refused { retry_after } => {
            let seconds = whole_seconds_up(retry_after).to_string();
            Response {
                status: 429,
                headers: vec![
                    ("Retry-After", seconds.clone()),
                    limit,
                    ("RateLimit-Remaining", "0".to_string()),
                    ("RateLimit-Reset", seconds),
                ],
            }
        }
    }
}

impl fmt::Display for Response {
    /// The response head as sent: `HTTP/1.1 <status> <reason>`, then one
    /// `Name: value` line per header field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match self.status {
            200 => "OK",
            429 => "Too Many Requests",
            _ => "",
        };
        writeln!(f, "HTTP/1.1 {} {reason}", self.status)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        Ok(())
    }
}
