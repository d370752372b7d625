//! Exercise: partitions by key range; a hot range found and split; scans that touch
//! few partitions.
//!
//! Range partitioning keeps keys in order: sorted split points cut the key space into
//! partitions, like the volumes of an encyclopedia. Split points `["g", "n", "t"]`
//! make four partitions: keys below `"g"`, from `"g"` up to (not including) `"n"`,
//! from `"n"` below `"t"`, and from `"t"` up. A split point is the first key of the
//! partition to its right. A scan of a key range touches only the partitions that
//! overlap it; the price is that a popular range (today's timestamps) makes one
//! partition hot, and it has to be found and split. Read "Range partitioning" in
//! `notes/partitioning.md`.

use std::collections::BTreeMap;
use std::ops::Range;

/// Why split points were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeError {
    /// The split point at `index` is not above the one before it.
    NotIncreasing { index: usize },
}

/// Key-range partitions, each counting the writes to each of its keys.
#[derive(Debug, Clone)]
pub struct RangePartitions {
    // The split points, strictly increasing (partition `i` holds the keys from split
    // point `i - 1`, or the start, up to, not including, split point `i`, or the end),
    // and for each partition the writes to each key it holds.
}

impl RangePartitions {
    /// Partitions cut at `split_points`: one more partition than split points.
    ///
    /// # Errors
    ///
    /// `NotIncreasing` for the first split point that is not above the one before.
    pub fn new(split_points: &[&str]) -> Result<Self, RangeError> {
        todo!("check each split point is above the one before")
    }

    /// How many partitions there are.
    pub fn partitions(&self) -> usize {
        todo!("one more than the split points")
    }

    /// The split points, in order.
    pub fn split_points(&self) -> &[String] {
        todo!("the split points")
    }

    /// The partition that holds `key`: how many split points are at or below it.
    pub fn partition_of(&self, key: &str) -> usize {
        todo!("count the split points at or below the key")
    }

    /// The partitions a scan of the keys from `start` up to, not including, `end`
    /// touches, as a range of partition numbers; empty if `start` is not below `end`.
    pub fn scan(&self, start: &str, end: &str) -> Range<usize> {
        todo!("from the partition of start to the last one holding keys below end")
    }

    /// Counts one write to `key` in its partition.
    pub fn record_write(&mut self, key: &str) {
        todo!("count it in the key's partition")
    }

    /// How many writes `partition` has had.
    pub fn writes(&self, partition: usize) -> u64 {
        todo!("the sum of the partition's counts")
    }

    /// The partition with the most writes, the lowest-numbered of equals; `None` if
    /// there have been no writes.
    pub fn hottest(&self) -> Option<usize> {
        todo!("the most writes, the lowest of equals")
    }

    /// Splits `partition` in two at the key that divides its writes most evenly: of
    /// the keys it has recorded, except the lowest, the one that makes the larger
    /// side's writes smallest (the lowest key of equals). The keys from the split
    /// point up, and their writes, become partition `partition + 1`. Returns the new
    /// split point, or `None` (and changes nothing) when the partition has writes to
    /// fewer than two keys: one hot key cannot be split.
    pub fn split(&mut self, partition: usize) -> Option<String> {
        todo!("try each key but the lowest; keep the one whose larger side is smallest")
    }
}
