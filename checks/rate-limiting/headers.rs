//! Checks for `exercises/rate-limiting/src/headers.rs`.

use std::time::Duration;

use rate_limiting::Decision;
use rate_limiting::Limiter;
use rate_limiting::headers::{Policy, Response, response, whole_seconds_up};
use rate_limiting::token_bucket::TokenBucket;
use rstest::rstest;

mod support;
use support::ms;

const TEN_PER_MINUTE: Policy = Policy {
    limit: 10,
    window: Duration::from_secs(60),
};

#[rstest]
#[case::zero_stays_zero(0, 0)]
#[case::a_fraction_becomes_a_whole_second(200, 1)]
#[case::whole_seconds_stay(2000, 2)]
#[case::just_past_a_second_rounds_up(2001, 3)]
fn times_are_whole_seconds_rounded_up(#[case] millis: u64, #[case] seconds: u64) {
    assert_eq!(
        whole_seconds_up(ms(millis)),
        seconds,
        "{millis} ms is {seconds} whole seconds, rounded up: a client told to come back \
         sooner is refused again"
    );
}

fn field<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response
        .headers
        .iter()
        .find(|(field, _)| field.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

#[test]
fn a_refusal_is_a_429_with_retry_after() {
    let refused = response(
        &TEN_PER_MINUTE,
        Decision::Refused {
            retry_after: ms(1200),
        },
    );
    assert_eq!(
        refused.status, 429,
        "a refused request gets 429 Too Many Requests"
    );
    assert_eq!(
        field(&refused, "Retry-After"),
        Some("2"),
        "a wait of 1.2 s is sent as Retry-After: 2, rounded up: a client told 1 s \
         would come back too early and be refused again"
    );
    assert_eq!(
        field(&refused, "RateLimit-Remaining"),
        Some("0"),
        "a refused client has no requests remaining"
    );
}

#[test]
fn an_admission_is_a_200_without_retry_after() {
    let allowed = response(&TEN_PER_MINUTE, Decision::Allowed { remaining: 7 });
    assert_eq!(
        allowed.status, 200,
        "an admitted request goes ahead with 200 OK"
    );
    assert_eq!(
        field(&allowed, "Retry-After"),
        None,
        "only a refusal says when to retry"
    );
    assert_eq!(
        field(&allowed, "RateLimit-Remaining"),
        Some("7"),
        "RateLimit-Remaining is the decision's remaining"
    );
    assert_eq!(
        field(&allowed, "RateLimit-Reset"),
        Some("18"),
        "3 of 10 per minute used come back in 3 × 6 s = 18 s"
    );
}

#[test]
fn responses_as_sent() {
    // A token bucket of 3, one token every 20 s (3 per minute), asked four times.
    let policy = Policy {
        limit: 3,
        window: Duration::from_secs(60),
    };
    let mut bucket = TokenBucket::new(3, Duration::from_secs(20));
    let rendered: String = [0, 1, 2, 2]
        .map(|second| {
            let decision = bucket.check(Duration::from_secs(second) + ms(500));
            format!("request at {second}.5 s\n{}\n", response(&policy, decision))
        })
        .concat();
    insta::assert_snapshot!(rendered);
}
