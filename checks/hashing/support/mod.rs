//! Helpers the hashing checks share: sample keys, ownership maps, and how much of
//! the ring a set of hashes covers.
#![allow(dead_code, unused_imports)] // Each check file uses a different part of it.

use std::collections::HashMap;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

/// `count` keys that look like real ones: `user-0`, `user-1`, ...
pub fn keys(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("user-{i}")).collect()
}

/// `count` node names: `node-0`, `node-1`, ...
pub fn nodes(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("node-{i}")).collect()
}

/// Which node each key belongs to, by `owner`.
pub fn owners<'a>(keys: &[String], owner: impl Fn(&[u8]) -> Option<&'a str>) -> Vec<String> {
    keys.iter()
        .map(|key| {
            owner(key.as_bytes())
                .unwrap_or_else(|| panic!("no node for key {key:?}, but there are nodes"))
                .to_owned()
        })
        .collect()
}

/// How many keys each node holds.
pub fn shares(owners: &[String]) -> HashMap<String, usize> {
    let mut shares = HashMap::new();
    for owner in owners {
        *shares.entry(owner.clone()).or_insert(0) += 1;
    }
    shares
}

/// The keys whose owner differs between `before` and `after`, as (key, before, after).
pub fn moves<'a>(
    keys: &'a [String],
    before: &'a [String],
    after: &'a [String],
) -> Vec<(&'a str, &'a str, &'a str)> {
    keys.iter()
        .zip(before.iter().zip(after))
        .filter(|(_, (b, a))| b != a)
        .map(|(key, (b, a))| (key.as_str(), b.as_str(), a.as_str()))
        .collect()
}

/// Checks that every key that changed owner when `new_node` joined went to it, and
/// returns the fraction of keys that moved.
pub fn moved_only_to(
    new_node: &str,
    keys: &[String],
    before: &[String],
    after: &[String],
) -> Result<f64, TestCaseError> {
    let moved = moves(keys, before, after);
    for (key, from, to) in &moved {
        prop_assert_eq!(
            *to,
            new_node,
            "adding {} moved {} from {} to {}: a new node may only take keys for itself",
            new_node,
            key,
            from,
            to
        );
    }
    Ok(moved.len() as f64 / keys.len() as f64)
}

/// Checks that every key that changed owner when `removed` left was one of its own.
pub fn moved_only_from(
    removed: &str,
    keys: &[String],
    before: &[String],
    after: &[String],
) -> Result<(), TestCaseError> {
    for (key, from, to) in moves(keys, before, after) {
        prop_assert_eq!(
            from,
            removed,
            "removing {} moved {} from {} to {}: only the removed node's keys may move",
            removed,
            key,
            from,
            to
        );
    }
    Ok(())
}

/// The largest share of any node as a multiple of the mean share (1.0 is perfect).
pub fn worst_imbalance(shares: &HashMap<String, usize>, keys: usize, nodes: usize) -> f64 {
    let mean = keys as f64 / nodes as f64;
    let largest = shares.values().copied().max().unwrap_or(0);
    largest as f64 / mean
}

/// The shortest arc of the 2^64 ring that holds every one of `points`, as a
/// fraction of the ring: 1 minus the largest gap between neighbours.
pub fn covered_arc(points: &[u64]) -> f64 {
    let mut sorted = points.to_vec();
    sorted.sort_unstable();
    let wrap_gap = sorted[0].wrapping_sub(sorted[sorted.len() - 1]);
    let largest_gap = sorted
        .windows(2)
        .map(|pair| pair[1] - pair[0])
        .chain([wrap_gap])
        .max()
        .unwrap_or(0);
    1.0 - largest_gap as f64 / 2f64.powi(64)
}
