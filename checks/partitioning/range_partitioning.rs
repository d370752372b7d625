//! Checks for `exercises/partitioning/src/range_partitioning.rs`.

use partitioning::range_partitioning::{RangeError, RangePartitions};
use proptest::prelude::*;
use rstest::rstest;

mod support;
use support::proptest_config;

fn letters() -> RangePartitions {
    RangePartitions::new(&["g", "n", "t"]).expect("g < n < t are increasing split points")
}

#[rstest]
#[case::empty_key("", 0)]
#[case::apple("apple", 0)]
#[case::just_below_g("fzzz", 0)]
#[case::g_itself("g", 1)]
#[case::mango("mango", 1)]
#[case::n_itself("n", 2)]
#[case::orange("orange", 2)]
#[case::t_itself("t", 3)]
#[case::zebra("zebra", 3)]
fn a_split_point_is_the_first_key_of_the_partition_to_its_right(
    #[case] key: &str,
    #[case] partition: usize,
) {
    let parts = letters();
    assert_eq!(
        parts.partitions(),
        4,
        "three split points make four partitions"
    );
    assert_eq!(
        parts.partition_of(key),
        partition,
        "with split points g, n, t, {key:?} belongs to partition {partition}: a partition runs \
         from its split point (included) to the next (excluded)"
    );
}

#[rstest]
#[case::decreasing(&["n", "g"], 1)]
#[case::repeated(&["g", "n", "n"], 2)]
#[case::later(&["a", "b", "c", "b"], 3)]
fn refuses_split_points_that_do_not_increase(#[case] points: &[&str], #[case] index: usize) {
    assert_eq!(
        RangePartitions::new(points).err(),
        Some(RangeError::NotIncreasing { index }),
        "split points {points:?}: the one at index {index} is not above the one before it, \
         so some partition would be empty or backwards"
    );
}

#[test]
fn no_split_points_make_one_partition() {
    let parts = RangePartitions::new(&[]).expect("no split points is one partition");
    assert_eq!(
        parts.partitions(),
        1,
        "no split points: one partition holds every key"
    );
    assert_eq!(
        parts.partition_of("anything"),
        0,
        "every key is in partition 0"
    );
}

#[rstest]
#[case::inside_one("h", "m", 1..2)]
#[case::everything("", "zzz", 0..4)]
#[case::up_to_a_split_point("h", "n", 1..2)]
#[case::just_past_a_split_point("h", "n0", 1..3)]
#[case::from_a_split_point("n", "s", 2..3)]
#[case::across_two("a", "h", 0..2)]
fn a_scan_touches_only_the_partitions_its_range_overlaps(
    #[case] start: &str,
    #[case] end: &str,
    #[case] touched: std::ops::Range<usize>,
) {
    assert_eq!(
        letters().scan(start, end),
        touched,
        "with split points g, n, t, a scan of the keys from {start:?} up to (not including) \
         {end:?} reads partitions {touched:?}: a key equal to `end` is not part of the scan"
    );
}

#[rstest]
#[case::equal("m", "m")]
#[case::backwards("s", "h")]
fn an_empty_scan_touches_nothing(#[case] start: &str, #[case] end: &str) {
    assert!(
        letters().scan(start, end).is_empty(),
        "a scan from {start:?} up to {end:?} holds no keys and must touch no partition, not {:?}",
        letters().scan(start, end)
    );
}

/// A key for minute `minute` of 2024-06-01, as a time-series store writes them.
fn minute_key(minute: u32) -> String {
    format!("2024-06-01T{:02}:{:02}", minute / 60, minute % 60)
}

#[test]
fn time_ordered_keys_all_land_in_the_last_partition() {
    let mut parts = RangePartitions::new(&["2024-01", "2024-03", "2024-05"]).expect("months");
    for minute in 0..600 {
        parts.record_write(&minute_key(minute));
    }
    assert_eq!(
        (0..4).map(|p| parts.writes(p)).collect::<Vec<_>>(),
        vec![0, 0, 0, 600],
        "every write of today goes to the partition that holds today: one hot partition, \
         three idle"
    );
    assert_eq!(
        parts.hottest(),
        Some(3),
        "the last partition is the hot one"
    );
}

#[test]
fn the_hottest_partition_is_the_lowest_of_equals() {
    let mut parts = letters();
    assert_eq!(
        parts.hottest(),
        None,
        "no writes yet, so no partition is hot"
    );
    for key in ["b", "h", "h", "p", "p", "x"] {
        parts.record_write(key);
    }
    assert_eq!(
        parts.hottest(),
        Some(1),
        "partitions 1 and 2 have two writes each: the lowest-numbered of equals is the hottest"
    );
}

#[test]
fn splits_a_partition_where_its_writes_divide_most_evenly() {
    let mut parts = letters();
    for (key, times) in [("u", 2), ("v", 3), ("w", 1), ("x", 4)] {
        for _ in 0..times {
            parts.record_write(key);
        }
    }
    assert_eq!(parts.writes(3), 10, "ten writes to partition 3");
    let point = parts.split(3);
    assert_eq!(
        point.as_deref(),
        Some("w"),
        "writes u 2, v 3, w 1, x 4: splitting at v leaves 2 | 8, at w 5 | 5, at x 6 | 4; \
         w divides them most evenly (the middle key by count would be w too, but by writes \
         not by keys is what balances load)"
    );
    assert_eq!(
        parts.split_points(),
        ["g", "n", "t", "w"],
        "the split point goes in order among the others"
    );
    assert_eq!(
        (parts.writes(3), parts.writes(4)),
        (5, 5),
        "the keys from w up, with their writes, are the new partition 4"
    );
    assert_eq!(parts.partition_of("w"), 4, "w now begins partition 4");
    assert_eq!(parts.partition_of("v"), 3, "v stays in partition 3");
}

#[test]
fn splits_by_writes_not_by_the_number_of_keys() {
    let mut parts = RangePartitions::new(&[]).expect("one partition");
    for (key, times) in [("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 20)] {
        for _ in 0..times {
            parts.record_write(key);
        }
    }
    assert_eq!(
        parts.split(0).as_deref(),
        Some("e"),
        "writes a 1, b 1, c 1, d 1, e 20: the middle key is c, but e alone has most of the \
         writes, so the split that cools the partition most is at e (4 | 20)"
    );
    assert_eq!(
        (parts.writes(0), parts.writes(1)),
        (4, 20),
        "after the split, partition 0 keeps a to d (4 writes) and the new partition 1 holds \
         e (20)"
    );
}

#[test]
fn of_two_equally_even_splits_the_lower_key_wins() {
    let mut parts = RangePartitions::new(&[]).expect("one partition");
    for key in ["a", "b", "c"] {
        parts.record_write(key);
    }
    assert_eq!(
        parts.split(0).as_deref(),
        Some("b"),
        "writes a 1, b 1, c 1: splitting at b leaves 1 | 2 and at c 2 | 1, equally even; \
         the lower key, b, wins the tie"
    );
}

#[test]
fn one_hot_key_cannot_be_split() {
    let mut parts = letters();
    for _ in 0..1000 {
        parts.record_write("justinbieber");
    }
    assert_eq!(
        parts.split(1),
        None,
        "every write to partition 1 is to one key: no split point divides one key's load"
    );
    assert_eq!(parts.partitions(), 4, "a refused split changes nothing");
    assert_eq!(parts.writes(1), 1000, "a refused split keeps the writes");
    assert_eq!(
        parts.split(0),
        None,
        "a partition with no writes has nothing to split by"
    );
}

#[test]
fn splitting_the_hottest_again_and_again_spreads_the_load() {
    let mut parts = RangePartitions::new(&["2024-06-01"]).expect("one split point");
    for minute in 0..1024 {
        parts.record_write(&minute_key(minute));
    }
    for _ in 0..7 {
        let hot = parts.hottest().expect("there are writes");
        parts
            .split(hot)
            .expect("a partition of many keys can be split");
    }
    assert_eq!(
        parts.partitions(),
        9,
        "seven splits of two partitions make nine"
    );
    let writes: Vec<u64> = (0..9).map(|p| parts.writes(p)).collect();
    assert_eq!(writes[0], 0, "the old partition got none of today's writes");
    assert_eq!(
        writes[1..],
        [128; 8],
        "1024 writes to 1024 keys, split seven times at the hottest partition's middle, \
         should end as eight partitions of 128; got {writes:?}"
    );
    let last_hour = parts.scan(&minute_key(960), &minute_key(1024));
    assert_eq!(
        last_hour.len(),
        1,
        "a scan of the last hour ({}..{}) should read one partition, not {last_hour:?}",
        minute_key(960),
        minute_key(1024)
    );
}

proptest! {
    #![proptest_config(proptest_config(128))]

    #[test]
    fn every_key_is_in_the_partition_its_split_points_say(
        points in proptest::collection::btree_set("[a-z]{1,3}", 0..8),
        keys in proptest::collection::vec("[a-z]{0,4}", 1..40),
    ) {
        let points: Vec<&str> = points.iter().map(String::as_str).collect();
        let parts = RangePartitions::new(&points).expect("a sorted set of distinct split points");
        for key in &keys {
            let p = parts.partition_of(key);
            prop_assert!(p == 0 || points[p - 1] <= key.as_str(),
                "{:?} is in partition {}, but it is below that partition's first key {:?}", key, p, points[p - 1]);
            prop_assert!(p == points.len() || key.as_str() < points[p],
                "{:?} is in partition {}, but it is not below the next split point {:?}", key, p, points[p]);
        }
    }

    #[test]
    fn a_split_keeps_every_write_and_every_key_in_order(
        writes in proptest::collection::vec("[a-z]{1,3}", 1..80),
    ) {
        let mut parts = RangePartitions::new(&["m"]).expect("one split point");
        for key in &writes {
            parts.record_write(key);
        }
        let before: Vec<usize> = writes.iter().map(|k| parts.partition_of(k)).collect();
        if let Some(hot) = parts.hottest()
            && let Some(point) = parts.split(hot)
        {
            prop_assert_eq!((0..parts.partitions()).map(|p| parts.writes(p)).sum::<u64>(), writes.len() as u64,
                "splitting at {:?} lost or made up writes", &point);
            for (key, was) in writes.iter().zip(before) {
                let is = parts.partition_of(key);
                let expected = if was > hot || (was == hot && key.as_str() >= point.as_str()) { was + 1 } else { was };
                prop_assert_eq!(is, expected,
                    "{:?} was in partition {}; after splitting partition {} at {:?} it should be in {}", key, was, hot, &point, expected);
            }
        }
    }
}
