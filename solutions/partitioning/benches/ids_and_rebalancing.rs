//! Two measurements for the partitioning topic's notes:
//!
//! 1. Ids per second from one generator on one thread: Snowflake, monotonic ULID (as
//!    text) and UUIDv7 (as text, and as its 128 bits). The random parts come from a
//!    small SplitMix64 generator, so the figures are the id schemes' own cost, not a
//!    random source's.
//! 2. The cost of going from 10 to 11 nodes, in keys moved out of 1,000,000, by hash
//!    mod N and with a fixed number of partitions (256 and 1,024); and the leaf pages
//!    the UUIDv7 exercise's B-tree model ends with for UUIDv4 and UUIDv7 keys.
//!
//! Run with `cargo bench -p partitioning --bench ids_and_rebalancing` from `solutions/`.

use std::hint::black_box;
use std::time::Instant;

use partitioning::hash_partitioning::{FixedPartitions, count_moved, mod_n_node};
use partitioning::ulid::MonotonicUlid;
use partitioning::uuid_v7::{LeafPages, uuid_v4_bits, uuid_v7_bits};
use partitioning::{Generator, TWITTER_EPOCH_MS, uuid_v7};

/// Ids per round.
const IDS: u64 = 1_000_000;
/// Rounds per figure; the fastest is reported, as the one least disturbed by
/// whatever else the machine was doing.
const ROUNDS: usize = 7;
const START_MS: u64 = 1_700_000_000_000;

struct SplitMix(u64);

impl SplitMix {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Millions of ids per second: the best of `ROUNDS` rounds of `IDS` calls of `mint`,
/// which is given the call's number.
fn millions_per_second(mut mint: impl FnMut(u64) -> usize) -> f64 {
    (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            let mut total = 0usize;
            for i in 0..IDS {
                total = total.wrapping_add(mint(black_box(i)));
            }
            black_box(total);
            IDS as f64 / started.elapsed().as_secs_f64() / 1e6
        })
        .fold(0.0, f64::max)
}

fn main() {
    println!(
        "Ids per second, one generator on one thread (millions, best of {ROUNDS} rounds of {IDS}):"
    );
    // A clock that moves on every 4,096 ids, so the generator never runs out.
    let mut snowflake = Generator::new(TWITTER_EPOCH_MS, 1, 1).expect("a valid worker");
    let mut now = START_MS;
    let rate = millions_per_second(|i| {
        if i % 4096 == 0 {
            now += 1;
        }
        snowflake
            .next_id(now)
            .expect("4,096 ids per millisecond at most") as usize
    });
    println!("  Snowflake (u64)          {rate:6.1}");

    let mut random = SplitMix(1);
    let mut ulid = MonotonicUlid::new();
    let mut now = START_MS;
    let rate = millions_per_second(|i| {
        if i % 4096 == 0 {
            now += 1;
        }
        let r = u128::from(random.next_u64()) << 16;
        ulid.next(now, r)
            .expect("random parts never run out here")
            .len()
    });
    println!("  ULID, monotonic (text)   {rate:6.1}");

    let mut random = SplitMix(2);
    let rate = millions_per_second(|i| {
        let r = random.next_u64();
        uuid_v7(START_MS + i / 4096, r as u16, r >> 2).len()
    });
    println!("  UUIDv7 (text)            {rate:6.1}");

    let mut random = SplitMix(3);
    let rate = millions_per_second(|i| {
        let r = random.next_u64();
        uuid_v7_bits(START_MS + i / 4096, r as u16, r >> 2) as usize
    });
    println!("  UUIDv7 (u128)            {rate:6.1}");

    let keys: Vec<String> = (0..1_000_000).map(|i| format!("user-{i}")).collect();
    println!("\nGoing from 10 to 11 nodes, keys moved of {}:", keys.len());
    let moved = count_moved(&keys, |k| mod_n_node(k, 10), |k| mod_n_node(k, 11));
    report("hash mod N", moved, keys.len(), None);
    for partitions in [256, 1024] {
        let before = FixedPartitions::new(partitions, 10);
        let mut after = before.clone();
        let moves = after.add_node();
        let moved = count_moved(&keys, |k| before.node_of(k), |k| after.node_of(k));
        report(
            &format!("{partitions} fixed partitions"),
            moved,
            keys.len(),
            Some((moves.len(), partitions)),
        );
    }
    println!("  (the least possible: the new node's share, 1/11 = 9.09%)");

    println!("\nB-tree leaf pages of 64 keys after 20,000 inserts:");
    let mut random = SplitMix(7);
    let mut v4 = LeafPages::new(64);
    for _ in 0..20_000 {
        v4.insert(uuid_v4_bits(
            u128::from(random.next_u64()) << 64 | u128::from(random.next_u64()),
        ));
    }
    pages("UUIDv4", &v4);
    for per_ms in [1, 8] {
        let mut random = SplitMix(7);
        let mut v7 = LeafPages::new(64);
        for i in 0..20_000u64 {
            let r = random.next_u64();
            v7.insert(uuid_v7_bits(START_MS + i / per_ms, r as u16, r >> 2));
        }
        pages(&format!("UUIDv7, {per_ms}/ms"), &v7);
    }
}

fn report(name: &str, moved: usize, keys: usize, partitions: Option<(usize, u32)>) {
    let moved_partitions = partitions
        .map(|(moved, of)| format!(" ({moved} of {of} partitions moved)"))
        .unwrap_or_default();
    println!(
        "  {name:24} {moved:>9} ({:.2}%){moved_partitions}",
        moved as f64 * 100.0 / keys as f64
    );
}

fn pages(name: &str, leaves: &LeafPages) {
    println!(
        "  {name:16} {:>4} pages, {:5.1}% full, {:>4} splits, {:>6} inserts into the last page",
        leaves.pages(),
        leaves.fill() * 100.0,
        leaves.splits(),
        leaves.last_page_inserts()
    );
}
