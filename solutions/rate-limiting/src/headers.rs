//! Exercise: decisions, told to an HTTP client in the fields of the IETF draft.
//!
//! A request checked against several quota policies goes ahead with `200 OK` when
//! every policy admits it, and gets `429 Too Many Requests` with `Retry-After` when
//! any refuses it. Either way the response carries the two fields of the IETF draft
//! "RateLimit header fields for HTTP": `RateLimit-Policy` lists each policy
//! (`"burst";q=3;w=60`) and `RateLimit` what is left of it now (`"burst";r=2;t=20`).
//! The draft only has whole seconds; a time that falls between two is rounded up,
//! because a client told to come back early is refused again.
//! Read "Headers" in `notes/rate-limiting.md`.

use std::fmt;
use std::time::Duration;

use crate::Decision;

/// A quota policy a client is told about: `quota` requests per `window`, under a
/// name that ties its `RateLimit-Policy` item to its `RateLimit` item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// A plain word (letters, digits, `-`), sent as a quoted string.
    pub name: &'static str,
    /// The requests the policy allows per window: the draft's `q`.
    pub quota: u32,
    /// The window, a whole number of seconds: the draft's `w`.
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

/// The policy's member of `RateLimit-Policy`: its name as a quoted string, then
/// `q`, the quota, and `w`, the window in seconds: `"burst";q=3;w=60`.
pub fn policy_item(policy: &Policy) -> String {
    format!(
        "\"{}\";q={};w={}",
        policy.name,
        policy.quota,
        whole_seconds_up(policy.window)
    )
}

/// The policy's member of `RateLimit`: its name as a quoted string, then `r`, the
/// requests left now, and `t`, the seconds until they are all back, rounded up.
///
/// - Admitted: `r` is the decision's `remaining`; the `quota - remaining` requests
///   used come back at the policy's rate, one every `window / quota`, so `t` is
///   `(quota - remaining) * window / quota`.
/// - Refused: `r` is 0 and `t` the decision's `retry_after`.
pub fn service_limit_item(policy: &Policy, decision: Decision) -> String {
    let (available, wait) = match decision {
        Decision::Allowed { remaining } => {
            let used = u128::from(policy.quota.saturating_sub(remaining));
            let wait_nanos = match u128::from(policy.quota) {
                0 => 0,
                quota => (used * policy.window.as_nanos()).div_ceil(quota),
            };
            (remaining, crate::duration_from_nanos(wait_nanos))
        }
        Decision::Refused { retry_after } => (0, retry_after),
    };
    format!(
        "\"{}\";r={available};t={}",
        policy.name,
        whole_seconds_up(wait)
    )
}

/// The response to a request that each policy's limiter has decided on.
///
/// - Every policy admitted it: status 200 with, in this order, `RateLimit-Policy`
///   and `RateLimit`, each one field listing every policy's item in the order
///   given, separated by `", "`.
/// - Any policy refused it: status 429 with `Retry-After` first, the longest wait
///   of the refusing policies in seconds, rounded up; then the same two fields.
pub fn response(decisions: &[(Policy, Decision)]) -> Response {
    let longest_wait = decisions
        .iter()
        .filter_map(|(_, decision)| match decision {
            Decision::Refused { retry_after } => Some(*retry_after),
            Decision::Allowed { .. } => None,
        })
        .max();
    let policies = list(decisions.iter().map(|(policy, _)| policy_item(policy)));
    let limits = list(
        decisions
            .iter()
            .map(|(policy, decision)| service_limit_item(policy, *decision)),
    );
    let mut headers = Vec::with_capacity(3);
    if let Some(wait) = longest_wait {
        headers.push(("Retry-After", whole_seconds_up(wait).to_string()));
    }
    headers.push(("RateLimit-Policy", policies));
    headers.push(("RateLimit", limits));
    Response {
        status: if longest_wait.is_some() { 429 } else { 200 },
        headers,
    }
}

/// A structured-field list: the members, separated by a comma and a space.
fn list(members: impl Iterator<Item = String>) -> String {
    members.collect::<Vec<_>>().join(", ")
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
