//! Checks for `exercises/resilience/src/backoff.rs`.

use std::time::Duration;

use proptest::prelude::*;
use resilience::{
    Herd, Jitter, capped, decorrelated_jitter, equal_jitter, full_jitter, load_per_tick,
};
use rstest::rstest;

mod support;
use support::{Draws, bar_chart, close, ms};

/// `capped`, with an arithmetic panic turned into a message that says what went
/// wrong (a `todo!()` still reads as one).
#[track_caller]
fn capped_without_panic(attempt: u32, base: Duration, cap: Duration) -> Duration {
    std::panic::catch_unwind(|| capped(attempt, base, cap)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("not yet implemented") || !message.contains("overflow") {
            std::panic::resume_unwind(payload);
        }
        panic!(
            "capped panicked for attempt {attempt}, base {base:?}, cap {cap:?} ({message}): \
             base × 2^attempt overflowed; once the product does not fit, the answer is the cap"
        )
    })
}

#[rstest]
#[case::the_first_retry_waits_the_base(0, 100, 10_000, 100)]
#[case::each_failure_doubles_the_wait(1, 100, 10_000, 200)]
#[case::the_fourth_retry_waits_eight_bases(3, 100, 10_000, 800)]
#[case::the_cap_is_reached_exactly(2, 100, 400, 400)]
#[case::the_cap_holds_once_reached(7, 100, 10_000, 10_000)]
#[case::a_late_attempt_stays_at_the_cap(40, 100, 10_000, 10_000)]
#[case::the_last_attempt_there_is_stays_at_the_cap(u32::MAX, 100, 10_000, 10_000)]
#[case::a_nanosecond_base_still_doubles(31, 0, 10_000, 10_000)]
fn capped_doubles_the_base_up_to_the_cap(
    #[case] attempt: u32,
    #[case] base_ms: u64,
    #[case] cap_ms: u64,
    #[case] expected_ms: u64,
) {
    // A zero base in the table stands for one nanosecond: 2^31 ns is about 2.1 s.
    let base = if base_ms == 0 {
        Duration::from_nanos(1)
    } else {
        ms(base_ms)
    };
    let expected = if base_ms == 0 && attempt == 31 {
        Duration::from_nanos(1 << 31)
    } else {
        ms(expected_ms)
    };
    let wait = capped_without_panic(attempt, base, ms(cap_ms));
    assert_eq!(
        wait, expected,
        "attempt {attempt} with base {base:?} and cap {cap_ms} ms should wait {expected:?}, \
         not {wait:?}: min(cap, base × 2^attempt)"
    );
}

#[test]
fn capped_never_overflows_for_a_huge_base_either() {
    let huge = Duration::from_secs(u64::MAX / 2 + 1);
    for attempt in [1, 2, 33, 64, u32::MAX] {
        let wait = capped_without_panic(attempt, huge, Duration::MAX);
        assert_eq!(
            wait,
            Duration::MAX,
            "base × 2^{attempt} does not fit a Duration, so the cap (Duration::MAX) is the wait"
        );
    }
}

#[rstest]
#[case::a_zero_draw_waits_nothing(2, 0.0, 0)]
#[case::a_quarter_draw(2, 0.25, 100)]
#[case::a_half_draw(2, 0.5, 200)]
#[case::a_draw_under_one_scales_the_capped_wait(2, 0.75, 300)]
#[case::the_draw_scales_the_capped_wait_not_the_raw_one(9, 0.5, 1_000)]
fn full_jitter_scales_the_capped_wait_by_the_draw(
    #[case] attempt: u32,
    #[case] random: f64,
    #[case] expected_ms: u64,
) {
    let wait = full_jitter(attempt, ms(100), ms(2_000), random);
    assert!(
        close(wait, ms(expected_ms)),
        "full jitter for attempt {attempt} (capped wait {:?}) with draw {random} should \
         wait {expected_ms} ms (capped × random), not {wait:?}",
        capped(attempt, ms(100), ms(2_000))
    );
}

#[rstest]
#[case::a_zero_draw_waits_half(2, 0.0, 200)]
#[case::a_half_draw_waits_three_quarters(2, 0.5, 300)]
#[case::a_draw_near_one_waits_nearly_all(2, 0.75, 350)]
#[case::the_halves_are_of_the_capped_wait(9, 0.5, 1_500)]
fn equal_jitter_keeps_half_and_draws_the_other_half(
    #[case] attempt: u32,
    #[case] random: f64,
    #[case] expected_ms: u64,
) {
    let wait = equal_jitter(attempt, ms(100), ms(2_000), random);
    assert!(
        close(wait, ms(expected_ms)),
        "equal jitter for attempt {attempt} (capped wait {:?}) with draw {random} should \
         wait {expected_ms} ms (capped/2 + capped/2 × random), not {wait:?}",
        capped(attempt, ms(100), ms(2_000))
    );
}

#[rstest]
#[case::the_first_call_draws_between_base_and_three_bases(100, 0.5, 200)]
#[case::a_zero_draw_waits_the_base(100, 0.0, 100)]
#[case::the_range_grows_with_the_previous_wait(400, 0.5, 650)]
#[case::the_previous_wait_not_the_attempt_sets_the_range(250, 0.25, 262)]
#[case::the_cap_bounds_a_long_previous_wait(1_000, 0.75, 2_000)]
fn decorrelated_jitter_draws_up_to_three_times_the_previous_wait(
    #[case] previous_ms: u64,
    #[case] random: f64,
    #[case] expected_ms: u64,
) {
    let wait = decorrelated_jitter(ms(previous_ms), ms(100), ms(2_000), random);
    // 100 + (750 - 100) × 0.25 = 262.5 ms: compare to the microsecond.
    let expected = if previous_ms == 250 {
        Duration::from_micros(262_500)
    } else {
        ms(expected_ms)
    };
    assert!(
        close(wait, expected),
        "decorrelated jitter after a wait of {previous_ms} ms with draw {random} (base 100 ms, \
         cap 2000 ms) should wait {expected:?} = min(cap, base + (3 × previous − base) × random), \
         not {wait:?}"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(300))]

    #[test]
    fn every_jitter_stays_in_its_range(
        attempt in 0u32..80,
        base_ms in 1u64..1_000,
        cap_ms in 1u64..100_000,
        random in 0.0f64..1.0,
    ) {
        let (base, cap) = (ms(base_ms), ms(cap_ms.max(base_ms)));
        let top = capped(attempt, base, cap);
        prop_assert!(top <= cap, "capped wait {:?} is over the cap {:?}", top, cap);
        let full = full_jitter(attempt, base, cap, random);
        prop_assert!(full <= top, "full jitter waited {:?}, more than the capped {:?}", full, top);
        let equal = equal_jitter(attempt, base, cap, random);
        prop_assert!(
            equal >= top / 2 && equal <= top,
            "equal jitter waited {:?}, outside [capped/2, capped] = [{:?}, {:?}]",
            equal, top / 2, top
        );
    }

    #[test]
    fn decorrelated_jitter_stays_between_the_base_and_the_cap(
        base_ms in 1u64..1_000,
        cap_ms in 1u64..100_000,
        draws in proptest::collection::vec(0.0f64..1.0, 1..30),
    ) {
        let (base, cap) = (ms(base_ms), ms(cap_ms.max(base_ms)));
        let mut previous = base;
        for random in draws {
            let wait = decorrelated_jitter(previous, base, cap, random);
            prop_assert!(
                wait >= base && wait <= cap,
                "decorrelated jitter after {:?} waited {:?}, outside [base, cap] = [{:?}, {:?}]",
                previous, wait, base, cap
            );
            previous = wait;
        }
    }
}

/// 100 clients, a server that serves 20 a tick, 10 ms ticks, a base of 30 ms and a
/// cap of 1 s: the herd the chart shows.
fn herd() -> Herd {
    Herd {
        clients: 100,
        capacity: 20,
        base: ms(30),
        cap: ms(1_000),
        tick: ms(10),
        ticks: 50,
    }
}

fn run(jitter: Jitter) -> Vec<usize> {
    let mut draws = Draws::seeded(7);
    load_per_tick(&herd(), jitter, &mut || draws.next())
}

#[test]
fn without_jitter_the_whole_herd_retries_in_lockstep() {
    let load = run(Jitter::None);
    assert_eq!(load.len(), 50, "one count per simulated tick, 50 ticks");
    let mut expected = vec![0; 50];
    for (tick, n) in [(0, 100), (4, 80), (11, 60), (24, 40), (49, 20)] {
        expected[tick] = n;
    }
    assert_eq!(
        load, expected,
        "all 100 send at tick 0 and 20 are served; the 80 others wait the base, 30 ms, and \
         retry together at tick 0 + 1 + 3 = 4; the 60 left wait 60 ms and come back together \
         at tick 11, then 40 at tick 24 and 20 at tick 49"
    );
}

#[test]
fn each_client_is_served_once_and_then_stops() {
    let herd = Herd {
        clients: 5,
        capacity: 5,
        ..herd()
    };
    let mut draws = Draws::seeded(1);
    let load = load_per_tick(&herd, Jitter::Full, &mut || draws.next());
    assert_eq!(load[0], 5, "all 5 clients send at tick 0");
    assert!(
        load[1..].iter().all(|&n| n == 0),
        "a server that serves 5 a tick serves all 5 at once; nobody should retry, got {load:?}"
    );
}

#[test]
fn every_failed_client_draws_its_own_wait() {
    // Three clients, a server that serves one a tick: client 0 is served, clients 1
    // and 2 fail at tick 0 and draw in that order (full jitter of a 100 ms wait).
    let herd = Herd {
        clients: 3,
        capacity: 1,
        base: ms(100),
        cap: ms(1_000),
        tick: ms(10),
        ticks: 20,
    };
    let mut draws = [0.9, 0.1].into_iter();
    let load = load_per_tick(&herd, Jitter::Full, &mut || {
        draws
            .next()
            .expect("drew more numbers than there were failures: two requests fail, so two draws")
    });
    let mut expected = vec![0; 20];
    expected[0] = 3;
    expected[2] = 1; // client 2 drew 0.1: 10 ms, one tick, back at 0 + 1 + 1
    expected[10] = 1; // client 1 drew 0.9: 90 ms, nine ticks, back at 0 + 1 + 9
    assert_eq!(
        load, expected,
        "client 1 fails first and draws 0.9, client 2 draws 0.1; each retries at \
         t + 1 + wait / tick on its own draw"
    );
}

#[test]
fn full_and_decorrelated_jitter_halve_the_peaks_of_the_retries() {
    let peak = |load: &[usize]| load[1..].iter().copied().max().unwrap_or(0);
    let lockstep = peak(&run(Jitter::None));
    for jitter in [Jitter::Full, Jitter::Decorrelated] {
        let spread = peak(&run(jitter));
        assert!(
            spread * 2 <= lockstep,
            "with {jitter:?} jitter the busiest tick after the first had {spread} requests; \
             without jitter it had {lockstep}: jitter should spread the retries to half of \
             that or less"
        );
    }
}

#[test]
fn jitter_serves_the_herd_with_fewer_requests() {
    let total = |jitter| run(jitter).iter().sum::<usize>();
    let lockstep = total(Jitter::None);
    for jitter in [Jitter::Full, Jitter::Equal, Jitter::Decorrelated] {
        let spread = total(jitter);
        assert!(
            spread < lockstep,
            "with {jitter:?} jitter the server saw {spread} requests in 50 ticks, without \
             jitter {lockstep}: retries that arrive together fail together and come back"
        );
    }
}

#[test]
fn load_per_tick_with_and_without_jitter() {
    let load = |jitter| run(jitter).iter().sum::<usize>();
    let mut chart = String::new();
    for jitter in [
        Jitter::None,
        Jitter::Full,
        Jitter::Equal,
        Jitter::Decorrelated,
    ] {
        let per_tick = run(jitter);
        // Up to the last tick that saw a request.
        let busy = per_tick
            .iter()
            .rposition(|&n| n > 0)
            .map_or(0, |last| last + 1);
        let rows: Vec<(String, usize)> = per_tick[..busy]
            .iter()
            .enumerate()
            .map(|(t, &n)| (format!("{:>4} ms", t * 10), n))
            .collect();
        chart += &format!(
            "{jitter:?} jitter: {} requests to serve 100 clients\n",
            load(jitter)
        );
        chart += &bar_chart(&rows, 100, 40);
        chart += &format!("(no request after {} ms)\n\n", busy.saturating_sub(1) * 10);
    }
    insta::assert_snapshot!(chart);
}
