//! Checks for `exercises/rate-limiting/src/leaky_bucket.rs`.

use std::time::Duration;

use proptest::prelude::*;
use rate_limiting::leaky_bucket::LeakyBucket;
use rate_limiting::{Decision, Limiter};

mod support;
use support::{arrivals, check_exactly, ms, timeline};

#[test]
fn a_burst_leaves_one_request_per_interval() {
    let mut bucket = LeakyBucket::new(3, ms(100));
    let releases: Vec<Option<Duration>> = (0..5).map(|_| bucket.enqueue(ms(0))).collect();
    assert_eq!(
        releases,
        [
            Some(ms(0)),
            Some(ms(100)),
            Some(ms(200)),
            Some(ms(300)),
            None
        ],
        "5 requests at 0 ms into a bucket that leaks one per 100 ms with room for 3 to \
         wait: the first leaves at once, 3 wait their turn, the fifth is refused"
    );
}

#[test]
fn an_idle_bucket_releases_at_once() {
    let mut bucket = LeakyBucket::new(1, ms(100));
    assert_eq!(
        bucket.enqueue(ms(0)),
        Some(ms(0)),
        "a request at 0 ms finds the bucket idle and leaves at once"
    );
    assert_eq!(
        bucket.enqueue(ms(250)),
        Some(ms(250)),
        "the bucket has been idle since 100 ms; a request at 250 ms leaves at once"
    );
    assert_eq!(
        bucket.enqueue(ms(260)),
        Some(ms(350)),
        "it waits one interval after the request ahead of it"
    );
}

#[test]
fn a_released_request_makes_room() {
    let mut bucket = LeakyBucket::new(1, ms(100));
    bucket.enqueue(ms(0));
    bucket.enqueue(ms(0)); // waits until 100 ms
    assert_eq!(
        bucket.enqueue(ms(99)),
        None,
        "at 99 ms one request still waits"
    );
    assert_eq!(
        bucket.enqueue(ms(100)),
        Some(ms(200)),
        "at 100 ms the waiting request leaves, so a new one may wait, until 200 ms"
    );
}

#[test]
fn a_bucket_with_no_room_to_wait_still_passes_a_steady_stream() {
    let mut bucket = LeakyBucket::new(0, ms(100));
    assert_eq!(
        bucket.enqueue(ms(0)),
        Some(ms(0)),
        "with no room to wait, a request that finds the bucket idle still leaves at once: \
         it never waits, so it needs no room"
    );
    assert_eq!(
        bucket.enqueue(ms(50)),
        None,
        "a request at 50 ms would wait until 100 ms, and there is no room to wait"
    );
    assert_eq!(
        bucket.enqueue(ms(100)),
        Some(ms(100)),
        "at 100 ms the bucket is idle again: the request leaves at once"
    );
}

#[test]
fn as_a_limiter_it_reports_room_and_when_to_retry() {
    let mut bucket = LeakyBucket::new(2, ms(100));
    assert_eq!(
        bucket.check(ms(0)),
        Decision::Allowed { remaining: 2 },
        "the first request leaves at once, so both places to wait are still free"
    );
    assert_eq!(
        bucket.check(ms(0)),
        Decision::Allowed { remaining: 1 },
        "the second request waits until 100 ms: one place to wait is left"
    );
    assert_eq!(
        bucket.check(ms(10)),
        Decision::Allowed { remaining: 0 },
        "the third request waits until 200 ms: no place to wait is left"
    );
    assert_eq!(
        bucket.check(ms(20)),
        Decision::Refused {
            retry_after: ms(80)
        },
        "two requests wait, to leave at 100 and 200 ms; room opens at 100 ms"
    );
}

#[test]
fn timeline_of_a_burst_smoothed_into_a_stream() {
    // Requests that the bucket admits, drawn at the time they are *released*.
    let mut bucket = LeakyBucket::new(4, ms(100));
    let mut releases = Vec::new();
    let mut arrivals = timeline(&mut bucket.clone(), ms(100), 1, 6);
    for _ in 0..6 {
        releases.extend(bucket.enqueue(ms(0)));
    }
    arrivals.push_str("released at:\n");
    for release in releases {
        arrivals.push_str(&format!("{:>5} ms  #\n", release.as_millis()));
    }
    insta::assert_snapshot!(arrivals);
}

proptest! {
    #![proptest_config(support::proptest_config(200))]

    #[test]
    fn releases_are_evenly_spaced_and_the_queue_stays_bounded(
        capacity in 0u32..5,
        leak_ms in 1u64..40,
        gaps_ms in proptest::collection::vec(0u64..30, 1..100),
    ) {
        let leak = ms(leak_ms);
        let mut bucket = LeakyBucket::new(capacity, leak);
        let mut releases: Vec<Duration> = Vec::new();
        for now in arrivals(gaps_ms) {
            let waiting = releases.iter().filter(|&&r| r > now).count() as u32;
            // As a limiter, on a copy: the queue itself is driven by `enqueue`.
            check_exactly(&mut bucket.clone(), now)?;
            let release = bucket.enqueue(now);
            let last = releases.last().copied();
            let due = last.map_or(now, |last| now.max(last + leak));
            let expected = (due == now || waiting < capacity).then_some(due);
            prop_assert_eq!(
                release, expected,
                "at {:?} with {} waiting (capacity {}, one leaves every {:?}, last release {:?})",
                now, waiting, capacity, leak, last
            );
            releases.extend(release);
        }
    }
}
