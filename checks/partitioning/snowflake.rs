//! Checks for `exercises/partitioning/src/snowflake.rs`.

use partitioning::{Generator, Snowflake, SnowflakeError, TWITTER_EPOCH_MS, decode};
use proptest::prelude::*;

mod support;
use support::proptest_config;

/// The example tweet in Twitter's developer documentation ("Tweet object"): id
/// 1050118621198921728, `created_at` "Wed Oct 10 20:19:24 +0000 2018".
const TWEET_ID: u64 = 1_050_118_621_198_921_728;
/// 2018-10-10 20:19:24.211 UTC.
const TWEET_MS: u64 = 1_539_202_764_211;

fn generator(datacenter: u8, worker: u8) -> Generator {
    Generator::new(TWITTER_EPOCH_MS, datacenter, worker)
        .unwrap_or_else(|e| panic!("datacenter {datacenter}, worker {worker} is valid, got {e:?}"))
}

fn mint(generator: &mut Generator, now: u64) -> u64 {
    generator
        .next_id(now)
        .unwrap_or_else(|e| panic!("minting an id at {now} ms was refused: {e:?}"))
}

#[test]
fn twitters_epoch_is_november_4th_2010() {
    assert_eq!(
        TWITTER_EPOCH_MS, 1_288_834_974_657,
        "Twitter's epoch is 2010-11-04 01:42:54.657 UTC, 1288834974657 ms after 1970"
    );
}

#[test]
fn decodes_the_tweet_in_twitters_documentation() {
    let parts = decode(TWEET_ID, TWITTER_EPOCH_MS);
    assert_eq!(
        parts,
        Snowflake {
            unix_ms: TWEET_MS,
            datacenter: 10,
            worker: 27,
            sequence: 0
        },
        "tweet {TWEET_ID} was created at 2018-10-10 20:19:24 UTC: its top 41 bits after the \
         sign bit are {} ms since the epoch (id >> 22), then datacenter (id >> 17) & 31 = 10, \
         worker (id >> 12) & 31 = 27, sequence id & 4095 = 0",
        TWEET_MS - TWITTER_EPOCH_MS
    );
}

#[test]
fn decode_adds_the_epoch_it_is_given() {
    let parts = decode(TWEET_ID, 0);
    assert_eq!(
        parts.unix_ms,
        TWEET_MS - TWITTER_EPOCH_MS,
        "with an epoch of 0, unix_ms is just the time bits, id >> 22"
    );
}

#[test]
fn decodes_every_field_at_its_largest() {
    let id = (1u64 << 63) - 1;
    assert_eq!(
        decode(id, 0),
        Snowflake {
            unix_ms: (1 << 41) - 1,
            datacenter: 31,
            worker: 31,
            sequence: 4095
        },
        "an id with all 63 low bits set has every field at its largest: 2^41 - 1 ms, \
         datacenter 31, worker 31, sequence 4095"
    );
}

#[test]
fn mints_the_tweets_own_id_at_its_millisecond() {
    let mut g = generator(10, 27);
    assert_eq!(
        mint(&mut g, TWEET_MS),
        TWEET_ID,
        "the first id worker 27 of datacenter 10 mints at {TWEET_MS} ms is sequence 0 of that \
         millisecond: (ms - epoch) << 22 | 10 << 17 | 27 << 12 | 0, the tweet's id"
    );
}

#[test]
fn refuses_a_datacenter_or_worker_above_31() {
    for (datacenter, worker) in [(32, 0), (0, 32), (255, 255)] {
        assert_eq!(
            Generator::new(TWITTER_EPOCH_MS, datacenter, worker).err(),
            Some(SnowflakeError::OutOfRange),
            "datacenter {datacenter}, worker {worker}: each has 5 bits, so 0 to 31"
        );
    }
    let mut g = Generator::new(TWITTER_EPOCH_MS, 31, 31)
        .expect("datacenter 31, worker 31 fit in 5 bits each");
    let id = mint(&mut g, TWEET_MS);
    let parts = decode(id, TWITTER_EPOCH_MS);
    assert_eq!(
        (parts.datacenter, parts.worker),
        (31, 31),
        "an id minted by datacenter 31, worker 31 decodes as {parts:?}"
    );
}

#[test]
fn counts_the_sequence_within_a_millisecond_and_restarts_it_in_the_next() {
    let mut g = generator(1, 2);
    for expected in 0..5u16 {
        let parts = decode(mint(&mut g, TWEET_MS), TWITTER_EPOCH_MS);
        assert_eq!(
            parts.sequence,
            expected,
            "id number {} in one millisecond should have sequence {expected}",
            expected + 1
        );
        assert_eq!(
            parts.unix_ms, TWEET_MS,
            "the id carries the time it was minted at"
        );
    }
    for now in [TWEET_MS + 1, TWEET_MS + 1000] {
        let parts = decode(mint(&mut g, now), TWITTER_EPOCH_MS);
        assert_eq!(
            parts.sequence, 0,
            "the first id of a new millisecond ({now}) starts the sequence again at 0, not {}",
            parts.sequence
        );
        let again = decode(mint(&mut g, now), TWITTER_EPOCH_MS);
        assert_eq!(
            again.sequence, 1,
            "the second id at {now} ms has sequence 1"
        );
    }
}

#[test]
fn the_4097th_id_in_one_millisecond_is_refused_and_so_is_every_later_one() {
    let mut g = generator(3, 4);
    let mut last = None;
    for n in 0..4096u32 {
        let id = g.next_id(TWEET_MS).unwrap_or_else(|e| {
            panic!(
                "id number {} of 4096 in one millisecond was refused: {e:?}",
                n + 1
            )
        });
        if let Some(previous) = last {
            assert!(
                id > previous,
                "id number {} is not above the one before it",
                n + 1
            );
        }
        last = Some(id);
    }
    for attempt in 0..3 {
        assert_eq!(
            g.next_id(TWEET_MS),
            Err(SnowflakeError::SequenceExhausted),
            "12 sequence bits give 4096 ids a millisecond; call {} in the same millisecond \
             must be refused, not wrap round to a sequence already used",
            4097 + attempt
        );
    }
    let next = decode(mint(&mut g, TWEET_MS + 1), TWITTER_EPOCH_MS);
    assert_eq!(
        (next.unix_ms, next.sequence),
        (TWEET_MS + 1, 0),
        "after an exhausted millisecond, the next millisecond mints again from sequence 0"
    );
}

#[test]
fn refuses_a_clock_that_moved_backwards() {
    let mut g = generator(0, 0);
    mint(&mut g, TWEET_MS);
    assert_eq!(
        g.next_id(TWEET_MS - 1),
        Err(SnowflakeError::ClockMovedBackwards),
        "the last id was minted at {TWEET_MS} ms; an id at {} could be smaller than it, or \
         repeat one minted back then",
        TWEET_MS - 1
    );
}

#[test]
fn a_refused_call_changes_nothing() {
    let mut g = generator(0, 0);
    mint(&mut g, TWEET_MS);
    mint(&mut g, TWEET_MS);
    assert_eq!(
        g.next_id(TWEET_MS - 5),
        Err(SnowflakeError::ClockMovedBackwards),
        "the last id was minted at {TWEET_MS} ms; a clock 5 ms earlier must be refused"
    );
    let parts = decode(mint(&mut g, TWEET_MS), TWITTER_EPOCH_MS);
    assert_eq!(
        (parts.unix_ms, parts.sequence),
        (TWEET_MS, 2),
        "two ids were minted at {TWEET_MS} ms, then a call with an earlier clock was refused; \
         the next id at {TWEET_MS} ms continues with sequence 2, as if the refused call never \
         happened"
    );
    assert_eq!(
        g.next_id(TWEET_MS - 1),
        Err(SnowflakeError::ClockMovedBackwards),
        "a refused earlier time must not become the generator's last time"
    );
}

#[test]
fn refuses_a_time_before_the_epoch() {
    let mut g = generator(0, 0);
    assert_eq!(
        g.next_id(TWITTER_EPOCH_MS - 1),
        Err(SnowflakeError::OutOfRange),
        "a time before the epoch has no 41-bit offset from it"
    );
    let parts = decode(mint(&mut g, TWITTER_EPOCH_MS), TWITTER_EPOCH_MS);
    assert_eq!(
        parts.unix_ms, TWITTER_EPOCH_MS,
        "the epoch itself is time 0"
    );
}

#[test]
fn refuses_a_time_past_the_41_bits_in_july_2080() {
    let last_ms = TWITTER_EPOCH_MS + (1 << 41) - 1;
    let mut g = generator(0, 0);
    let parts = decode(mint(&mut g, last_ms), TWITTER_EPOCH_MS);
    assert_eq!(
        parts.unix_ms, last_ms,
        "2^41 - 1 ms after the epoch (2080-07-10 17:30:30.208 UTC) is the last time 41 bits hold"
    );
    assert_eq!(
        g.next_id(last_ms + 1),
        Err(SnowflakeError::OutOfRange),
        "2^41 ms after the epoch needs a 42nd time bit, which would overwrite the sign bit \
         or wrap round to 2010"
    );
}

#[test]
fn two_workers_in_one_millisecond_never_collide() {
    let mut a = generator(1, 1);
    let mut b = generator(1, 2);
    let mut c = generator(2, 1);
    let ids: Vec<u64> = (0..3)
        .flat_map(|_| {
            [
                mint(&mut a, TWEET_MS),
                mint(&mut b, TWEET_MS),
                mint(&mut c, TWEET_MS),
            ]
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        ids.len(),
        "three workers each minting three ids in one millisecond, without talking to each \
         other, gave a repeated id: {ids:?}"
    );
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn an_id_decodes_to_what_minted_it(
        datacenter in 0u8..32,
        worker in 0u8..32,
        offset in 0u64..(1 << 41),
        extra in 0u16..20,
    ) {
        let now = TWITTER_EPOCH_MS + offset;
        let mut g = generator(datacenter, worker);
        let mut id = 0;
        for _ in 0..=extra {
            id = mint(&mut g, now);
        }
        let parts = decode(id, TWITTER_EPOCH_MS);
        prop_assert_eq!(
            parts,
            Snowflake { unix_ms: now, datacenter, worker, sequence: extra },
            "id {} was minted at {} ms by datacenter {}, worker {}, as number {} of its \
             millisecond",
            id, now, datacenter, worker, extra
        );
    }

    #[test]
    fn ids_strictly_increase_as_the_clock_moves_on(
        steps in proptest::collection::vec(0u64..3, 1..200),
    ) {
        let mut g = generator(5, 6);
        let mut now = TWEET_MS;
        let mut last = mint(&mut g, now);
        for step in steps {
            now += step;
            let id = mint(&mut g, now);
            prop_assert!(
                id > last,
                "id {} minted at {} ms is not above the previous id {}",
                id, now, last
            );
            last = id;
        }
    }
}
