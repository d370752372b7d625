//! Checks for `exercises/rate-limiting/src/headers.rs`.

use std::time::Duration;

use rate_limiting::Decision;
use rate_limiting::Limiter;
use rate_limiting::headers::{
    Policy, Response, policy_item, response, service_limit_item, whole_seconds_up,
};
use rate_limiting::token_bucket::TokenBucket;
use rstest::rstest;

mod support;
use support::ms;

/// Three requests a minute: a token bucket of 3 that gains one every 20 s.
const BURST: Policy = Policy {
    name: "burst",
    quota: 3,
    window: Duration::from_secs(60),
};

/// A thousand requests a day: one comes back every 86.4 s, not a whole second.
const DAILY: Policy = Policy {
    name: "daily",
    quota: 1000,
    window: Duration::from_secs(86_400),
};

/// A hundred requests a minute: one comes back every 0.6 s.
const PER_MINUTE: Policy = Policy {
    name: "per-minute",
    quota: 100,
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

#[rstest]
#[case::three_a_minute(BURST, "\"burst\";q=3;w=60")]
#[case::a_thousand_a_day(DAILY, "\"daily\";q=1000;w=86400")]
fn a_policy_is_its_quoted_name_its_quota_and_its_window(
    #[case] policy: Policy,
    #[case] expected: &str,
) {
    let item = policy_item(&policy);
    assert_eq!(
        item,
        expected,
        "{} requests per {} s is sent as {expected}: the name as a quoted string, then \
         q for the quota and w for the window in seconds",
        policy.quota,
        policy.window.as_secs()
    );
}

#[rstest]
#[case::a_whole_number_of_seconds(
    BURST,
    2,
    "\"burst\";r=2;t=20",
    "1 of 3 a minute used comes back in 20 s"
)]
#[case::nothing_used(
    BURST,
    3,
    "\"burst\";r=3;t=0",
    "with nothing used there is nothing to wait for"
)]
#[case::a_fraction_of_a_second(
    PER_MINUTE,
    99,
    "\"per-minute\";r=99;t=1",
    "1 of 100 a minute used comes back in 0.6 s, sent as 1 s; t=0 would tell the client its quota is whole again now"
)]
#[case::a_day_that_does_not_divide_evenly(
    DAILY,
    999,
    "\"daily\";r=999;t=87",
    "1 of 1000 a day used comes back in 86.4 s, sent as 87 s; a client told 86 s comes back before its quota has"
)]
#[case::three_used_of_a_thousand(
    DAILY,
    997,
    "\"daily\";r=997;t=260",
    "3 of 1000 a day used come back in 259.2 s, sent as 260 s"
)]
fn an_admission_tells_what_is_left_and_when_all_is_back(
    #[case] policy: Policy,
    #[case] remaining: u32,
    #[case] expected: &str,
    #[case] why: &str,
) {
    let item = service_limit_item(&policy, Decision::Allowed { remaining });
    assert_eq!(
        item,
        expected,
        "admitted with {remaining} remaining under {} per {} s: {why}",
        policy.quota,
        policy.window.as_secs()
    );
}

#[test]
fn a_refused_policy_has_nothing_left_until_its_wait_is_over() {
    let item = service_limit_item(
        &BURST,
        Decision::Refused {
            retry_after: ms(17_200),
        },
    );
    assert_eq!(
        item, "\"burst\";r=0;t=18",
        "refused with a wait of 17.2 s: nothing is available, for 18 s rounded up"
    );
}

fn field<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response
        .headers
        .iter()
        .find(|(field, _)| field.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

fn names(response: &Response) -> Vec<&'static str> {
    response.headers.iter().map(|(name, _)| *name).collect()
}

#[test]
fn an_admission_is_a_200_that_lists_every_policy() {
    let allowed = response(&[
        (BURST, Decision::Allowed { remaining: 2 }),
        (DAILY, Decision::Allowed { remaining: 999 }),
    ]);
    assert_eq!(
        allowed.status, 200,
        "every policy admitted the request: it goes ahead with 200 OK"
    );
    assert_eq!(
        names(&allowed),
        ["RateLimit-Policy", "RateLimit"],
        "an admission carries RateLimit-Policy, then RateLimit, and no Retry-After: only \
         a refusal says when to retry"
    );
    assert_eq!(
        field(&allowed, "RateLimit-Policy"),
        Some("\"burst\";q=3;w=60, \"daily\";q=1000;w=86400"),
        "RateLimit-Policy is one list of both policies, in order, separated by \", \""
    );
    assert_eq!(
        field(&allowed, "RateLimit"),
        Some("\"burst\";r=2;t=20, \"daily\";r=999;t=87"),
        "RateLimit is one list with each policy's item, in the same order"
    );
}

#[test]
fn one_refusing_policy_refuses_the_request() {
    let refused = response(&[
        (
            BURST,
            Decision::Refused {
                retry_after: ms(1200),
            },
        ),
        (DAILY, Decision::Allowed { remaining: 997 }),
    ]);
    assert_eq!(
        refused.status, 429,
        "the burst policy refused the request: it gets 429 Too Many Requests even though \
         the daily policy has quota left"
    );
    assert_eq!(
        names(&refused),
        ["Retry-After", "RateLimit-Policy", "RateLimit"],
        "a refusal carries Retry-After first, then RateLimit-Policy and RateLimit"
    );
    assert_eq!(
        field(&refused, "Retry-After"),
        Some("2"),
        "a wait of 1.2 s is sent as Retry-After: 2, rounded up: a client told 1 s \
         would come back too early and be refused again"
    );
    assert_eq!(
        field(&refused, "RateLimit"),
        Some("\"burst\";r=0;t=2, \"daily\";r=997;t=260"),
        "the refusing policy has nothing left for 2 s; the daily one still reports its own"
    );
}

#[test]
fn the_longest_wait_decides_when_to_retry() {
    let refused = response(&[
        (
            PER_MINUTE,
            Decision::Refused {
                retry_after: ms(400),
            },
        ),
        (
            DAILY,
            Decision::Refused {
                retry_after: ms(86_000),
            },
        ),
    ]);
    assert_eq!(
        field(&refused, "Retry-After"),
        Some("86"),
        "one policy lets the client back in 0.4 s, the other in 86 s; the request needs \
         both, so Retry-After is 86, the longer wait"
    );
}

#[test]
fn responses_as_sent() {
    // Two token buckets: 3 a minute (one token every 20 s) and 1000 a day (one every
    // 86.4 s). The daily bucket is asked only when the burst one admits, so a refused
    // request costs no daily quota; its daily item repeats the daily state, unchanged
    // because no daily token comes back within these seconds.
    let mut burst = TokenBucket::new(3, Duration::from_secs(20));
    let mut daily = TokenBucket::new(1000, ms(86_400));
    let mut daily_decision = Decision::Allowed { remaining: 1000 };
    let rendered: String = [0, 1, 2, 2]
        .map(|second| {
            let now = Duration::from_secs(second) + ms(500);
            let burst_decision = burst.check(now);
            if burst_decision.is_allowed() {
                daily_decision = daily.check(now);
            }
            let sent = response(&[(BURST, burst_decision), (DAILY, daily_decision)]);
            format!("request at {second}.5 s\n{sent}\n")
        })
        .concat();
    insta::assert_snapshot!(rendered);
}
