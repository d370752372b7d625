//! The linearizability checker on histories from three concurrent clients, 10 to
//! 10,000 operations long: the memoised search against plain backtracking (the same
//! search without its memory), on a linearizable history and on the same history
//! with its last read made stale.
//!
//! Run with `cargo bench -p replication` from `solutions/`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use replication::{Op, OpKind, is_linearizable};

/// A small deterministic generator (xorshift64*), so every run checks the same
/// histories.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `len` operations by `clients` clients on an atomic register starting at 0: each
/// client runs one operation after another, each taking effect at an instant inside
/// its interval, so the history is linearizable. Times are distinct.
fn history(len: usize, clients: usize, seed: u64) -> Vec<Op> {
    let mut rng = Rng(seed);
    // Each client's next free time.
    let mut free = vec![0u64; clients];
    let mut ops = Vec::with_capacity(len);
    let mut next_value = 1;
    // The client whose next operation can start earliest goes next.
    for _ in 0..len {
        let client = (0..clients).min_by_key(|&c| free[c]).expect("clients");
        let start = free[client];
        let effect = start + 1 + rng.below(3);
        let ret = effect + 1 + rng.below(3);
        let kind = if rng.below(2) == 0 {
            next_value += 1;
            OpKind::Write(next_value)
        } else {
            OpKind::Read(0) // filled in below
        };
        ops.push((start, effect, ret, client, kind));
        free[client] = ret + 1;
    }
    // Each read returns the latest write before it in the order of effect instants.
    // Times are then spread out so that calls and returns never coincide.
    let scale = clients as u64 + 1;
    ops.sort_by_key(|&(_, effect, _, client, _)| (effect, client));
    let mut current = 0;
    ops.iter()
        .map(|&(start, _, ret, client, kind)| {
            let kind = match kind {
                OpKind::Write(v) => {
                    current = v;
                    OpKind::Write(v)
                }
                OpKind::Read(_) => OpKind::Read(current),
            };
            Op {
                call: start * scale * 2 + client as u64,
                ret: ret * scale * 2 + scale + client as u64,
                kind,
            }
        })
        .collect()
}

/// The same search without memory: try every candidate in turn and backtrack,
/// giving up once `deadline` has passed.
fn backtracking(initial: i64, history: &[Op], deadline: Instant) -> Option<bool> {
    fn go(
        ops: &[Op],
        done: &mut [bool],
        left: usize,
        value: i64,
        deadline: Instant,
    ) -> Option<bool> {
        if left == 0 {
            return Some(true);
        }
        if Instant::now() > deadline {
            return None;
        }
        let earliest_return = (0..ops.len())
            .filter(|&i| !done[i])
            .map(|i| ops[i].ret)
            .min()?;
        for i in 0..ops.len() {
            if done[i] || ops[i].call > earliest_return {
                continue;
            }
            let after = match ops[i].kind {
                OpKind::Write(v) => v,
                OpKind::Read(v) if v == value => value,
                OpKind::Read(_) => continue,
            };
            done[i] = true;
            let found = go(ops, done, left - 1, after, deadline);
            done[i] = false;
            match found {
                Some(false) => {}
                verdict => return verdict,
            }
        }
        Some(false)
    }
    go(
        history,
        &mut vec![false; history.len()],
        history.len(),
        initial,
        deadline,
    )
}

/// The median of `runs` timings of `f`.
fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// How long plain backtracking may search before it gives up.
const LIMIT: Duration = Duration::from_secs(5);

fn main() {
    println!("| operations | history | memoised search | backtracking |");
    println!("|---:|---|---:|---:|");
    for len in [10, 100, 1_000, 10_000] {
        let good = history(len, 3, 0x5eed + len as u64);
        assert!(
            is_linearizable(0, &good),
            "the generated history is linearizable"
        );
        let mut bad = good.clone();
        let last_read = bad
            .iter()
            .enumerate()
            .filter(|(_, op)| matches!(op.kind, OpKind::Read(_)))
            .max_by_key(|(_, op)| op.call)
            .map(|(i, _)| i)
            .expect("a read");
        bad[last_read].kind = OpKind::Read(-1);
        assert!(
            !is_linearizable(0, &bad),
            "a read of a value never written is not"
        );
        for (name, history) in [("linearizable", &good), ("one bad read", &bad)] {
            let runs = if len >= 10_000 { 3 } else { 11 };
            let memo = time(runs, || {
                black_box(is_linearizable(0, black_box(history)));
            });
            let start = Instant::now();
            let verdict = backtracking(0, history, start + LIMIT);
            let plain = match verdict {
                Some(_) => format!("{:.2?}", start.elapsed()),
                None => format!("gave up after {LIMIT:?}"),
            };
            println!("| {len} | {name} | {memo:.2?} | {plain} |");
        }
    }
}
