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
    /// Strictly increasing; partition `i` holds the keys from `split_points[i - 1]`
    /// (or the start) up to, not including, `split_points[i]` (or the end).
    split_points: Vec<String>,
    /// For each partition, the writes to each key it holds.
    writes: Vec<BTreeMap<String, u64>>,
}

impl RangePartitions {
    /// Partitions cut at `split_points`: one more partition than split points.
    ///
    /// # Errors
    ///
    /// `NotIncreasing` for the first split point that is not above the one before.
    pub fn new(split_points: &[&str]) -> Result<Self, RangeError> {
        if let Some(index) =
            (1..split_points.len()).find(|&i| split_points[i] <= split_points[i - 1])
        {
            return Err(RangeError::NotIncreasing { index });
        }
        Ok(RangePartitions {
            split_points: split_points.iter().map(|&s| s.to_owned()).collect(),
            writes: vec![BTreeMap::new(); split_points.len() + 1],
        })
    }

    /// How many partitions there are.
    pub fn partitions(&self) -> usize {
        self.writes.len()
    }

    /// The split points, in order.
    pub fn split_points(&self) -> &[String] {
        &self.split_points
    }

    /// The partition that holds `key`: how many split points are at or below it.
    pub fn partition_of(&self, key: &str) -> usize {
        self.split_points
            .partition_point(|point| point.as_str() <= key)
    }

    /// The partitions a scan of the keys from `start` up to, not including, `end`
    /// touches, as a range of partition numbers; empty if `start` is not below `end`.
    pub fn scan(&self, start: &str, end: &str) -> Range<usize> {
        let first = self.partition_of(start);
        if start >= end {
            return first..first;
        }
        let last = self
            .split_points
            .partition_point(|point| point.as_str() < end);
        first..last + 1
    }

    /// Counts one write to `key` in its partition.
    pub fn record_write(&mut self, key: &str) {
        let partition = self.partition_of(key);
        *self.writes[partition].entry(key.to_owned()).or_insert(0) += 1;
    }

    /// How many writes `partition` has had.
    pub fn writes(&self, partition: usize) -> u64 {
        self.writes[partition].values().sum()
    }

    /// The partition with the most writes, the lowest-numbered of equals; `None` if
    /// there have been no writes.
    pub fn hottest(&self) -> Option<usize> {
        (0..self.partitions())
            .map(|p| (self.writes(p), p))
            .filter(|&(writes, _)| writes > 0)
            .max_by_key(|&(writes, p)| (writes, std::cmp::Reverse(p)))
            .map(|(_, p)| p)
    }

    /// Splits `partition` in two at the key that divides its writes most evenly: of
    /// the keys it has recorded, except the lowest, the one that makes the larger
    /// side's writes smallest (the lowest key of equals). The keys from the split
    /// point up, and their writes, become partition `partition + 1`. Returns the new
    /// split point, or `None` (and changes nothing) when the partition has writes to
    /// fewer than two keys: one hot key cannot be split.
    pub fn split(&mut self, partition: usize) -> Option<String> {
        let keys = &self.writes[partition];
        let total: u64 = keys.values().sum();
        let mut below = 0;
        let mut best: Option<(u64, &String)> = None;
        for (i, (key, &count)) in keys.iter().enumerate() {
            if i > 0 {
                let larger = below.max(total - below);
                if best.is_none_or(|(least, _)| larger < least) {
                    best = Some((larger, key));
                }
            }
            below += count;
        }
        let point = best?.1.clone();
        let right = self.writes[partition].split_off(&point);
        self.writes.insert(partition + 1, right);
        self.split_points.insert(partition, point.clone());
        Some(point)
    }
}
