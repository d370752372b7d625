//! Checks for `exercises/caching/src/early_expiry.rs`.
//!
//! Worked cases of the formula first, then its shape (later is likelier, a smaller
//! draw is earlier), then a simulated hot key, with seeded draws, that shows what the
//! formula is for: plain expiry stampedes, XFetch refreshes once or a few times.

use std::time::Duration;

use caching::should_refresh;
use proptest::prelude::*;
use rstest::rstest;

mod support;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

#[rstest]
// A draw of 1 gives ln(1) = 0: plain expiry, refreshed from the expiry on, not before.
#[case::a_draw_of_one_before_expiry(59_999, 60_000, 1_000, 1.0, 1.0, false)]
#[case::a_draw_of_one_at_expiry(60_000, 60_000, 1_000, 1.0, 1.0, true)]
// 1 s before expiry, a 1 s recompute: -ln(0.3) = 1.20 reaches past the expiry...
#[case::a_low_draw_a_second_early(59_000, 60_000, 1_000, 1.0, 0.3, true)]
// ...and -ln(0.4) = 0.92 falls short of it.
#[case::a_higher_draw_a_second_early(59_000, 60_000, 1_000, 1.0, 0.4, false)]
// A recompute twice as long, or beta 2, doubles the gap: 1.83 s.
#[case::a_slower_recompute_refreshes_earlier(59_000, 60_000, 2_000, 1.0, 0.4, true)]
#[case::a_higher_beta_refreshes_earlier(59_000, 60_000, 1_000, 2.0, 0.4, true)]
// Beta 0 turns early refresh off.
#[case::beta_zero_is_plain_expiry(59_999, 60_000, 1_000, 0.0, 0.001, false)]
// Fractions of a second count: 59.9 s + 0.5 s x 0.51 = 60.155 s.
#[case::fractions_of_a_second_count(59_900, 60_000, 500, 1.0, 0.6, true)]
// Long before expiry even a very low draw does not refresh: 1 s x 6.9 = 6.9 s.
#[case::far_from_expiry(50_000, 60_000, 1_000, 1.0, 0.001, false)]
fn worked_cases(
    #[case] now: u64,
    #[case] expiry: u64,
    #[case] delta: u64,
    #[case] beta: f64,
    #[case] random: f64,
    #[case] expected: bool,
) {
    let gap = -(delta as f64 / 1000.0) * beta * random.ln();
    assert_eq!(
        should_refresh(ms(now), ms(expiry), ms(delta), beta, random),
        expected,
        "at {now} ms, for an entry expiring at {expiry} ms whose recompute took {delta} ms, \
         with beta {beta} and a draw of {random}: now - delta x beta x ln(random) is \
         {now} ms + {gap:.3} s, so the answer is {}",
        if expected {
            "refresh (it reaches the expiry)"
        } else {
            "keep (it falls short)"
        }
    );
}

proptest! {
    #![proptest_config(support::proptest_config(256))]

    #[test]
    fn at_or_after_expiry_every_reader_refreshes(
        late in 0..10_000u64,
        delta in 0..5_000u64,
        beta in 0.0..4.0f64,
        random in 0.0001..=1.0f64,
    ) {
        prop_assert!(
            should_refresh(ms(60_000 + late), ms(60_000), ms(delta), beta, random),
            "{} ms after the expiry the entry is gone, so the reader must refresh \
             (delta {} ms, beta {}, draw {})", late, delta, beta, random
        );
    }

    #[test]
    fn a_refresh_stays_due_as_time_passes_and_for_lower_draws(
        now in 0..60_000u64,
        later in 0..5_000u64,
        delta in 1..5_000u64,
        beta in 0.1..4.0f64,
        random in 0.0001..=1.0f64,
        lower in 0.0..=1.0f64,
    ) {
        let expiry = ms(60_000);
        if should_refresh(ms(now), expiry, ms(delta), beta, random) {
            prop_assert!(
                should_refresh(ms(now + later), expiry, ms(delta), beta, random),
                "refreshing at {} ms but not at {} ms with the same draw", now, now + later
            );
            let lower_draw = (random * lower).max(1e-12);
            prop_assert!(
                should_refresh(ms(now), expiry, ms(delta), beta, lower_draw),
                "a draw of {} refreshes at {} ms, but the lower draw {} does not: \
                 a lower draw means a longer gap", random, now, lower_draw
            );
        }
    }
}

/// Seeded uniform draws in (0, 1] (SplitMix64).
struct Draws(u64);

impl Draws {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        ((z >> 11) + 1) as f64 / (1u64 << 53) as f64
    }
}

/// A hot key read every 10 ms. Its value takes `delta` to recompute, and is cached
/// for 60 s from when the recompute finishes. Readers during a recompute still see
/// the old entry (or none), so each decides for itself. Returns how many recomputes
/// started between the first expiry's approach and the new entry's arrival, and when
/// the first of them started.
fn hot_key(beta: f64, seed: u64) -> (usize, Duration) {
    let delta = ms(1_000);
    let expiry = ms(60_000);
    let mut draws = Draws(seed);
    let mut recomputes = 0;
    let mut first = None;
    let mut now = ms(50_000);
    // Until the first recompute's value arrives, the entry is the old one.
    while first.is_none_or(|start: Duration| now < start + delta) {
        let refresh = now >= expiry || should_refresh(now, expiry, delta, beta, draws.next());
        if refresh {
            recomputes += 1;
            first.get_or_insert(now);
        }
        now += ms(10);
    }
    (recomputes, first.unwrap())
}

#[test]
fn plain_expiry_stampedes_and_early_refresh_does_not() {
    let (plain, plain_first) = hot_key(0.0, 1);
    assert_eq!(
        plain_first,
        ms(60_000),
        "with beta 0 the first refresh is at the expiry"
    );
    assert_eq!(
        plain, 100,
        "with beta 0 every reader during the 1 s recompute misses: 100 recomputes"
    );
    let mut worst = 0;
    for seed in 1..=20 {
        let (recomputes, first) = hot_key(1.0, seed);
        assert!(
            first < ms(60_000),
            "seed {seed}: with beta 1 and a 1 s recompute, a key read 100 times a second \
             should be refreshed before it expires (first refresh at {first:?})"
        );
        worst = worst.max(recomputes);
    }
    assert!(
        worst <= 15,
        "with beta 1 a refresh started a few seconds early should rarely overlap another; \
         the worst of 20 runs had {worst} recomputes, plain expiry has 100"
    );
}
