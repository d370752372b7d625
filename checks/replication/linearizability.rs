//! Checks for `exercises/replication/src/linearizability.rs`.

use proptest::prelude::*;
use replication::is_linearizable;
use replication::linearizability::{Op, OpKind};
use replication::quorum::{Cluster, Config, Network};

mod support;
use support::proptest_config;

fn write(call: u64, ret: u64, value: i64) -> Op {
    Op {
        call,
        ret,
        kind: OpKind::Write(value),
    }
}

fn read(call: u64, ret: u64, value: i64) -> Op {
    Op {
        call,
        ret,
        kind: OpKind::Read(value),
    }
}

#[test]
fn porcupines_first_register_history_is_linearizable() {
    // C0:  |-------- put(100) --------|
    // C1:     |--- get() -> 100 ---|
    // C2:        |- get() -> 0 -|
    let history = [write(0, 5, 100), read(1, 4, 100), read(2, 3, 0)];
    assert!(
        is_linearizable(0, &history),
        "C2's read of 0 can come before the put and C1's read of 100 after it, all three \
         overlapping: linearizable (Porcupine's README, first example)"
    );
}

#[test]
fn porcupines_second_register_history_is_not() {
    // C0:  |---------------- put(200) ----------------|
    // C1:    |- get() -> 200 -|
    // C2:                         |- get() -> 0 -|
    let history = [write(0, 5, 200), read(1, 2, 200), read(3, 4, 0)];
    assert!(
        !is_linearizable(0, &history),
        "C1 read 200, so the put took effect before C1 returned; C2, called after that, \
         read 0: not linearizable (Porcupine's README, second example)"
    );
}

#[test]
fn an_empty_history_and_a_lone_read_of_the_initial_value() {
    assert!(is_linearizable(7, &[]), "no operations: linearizable");
    assert!(
        is_linearizable(7, &[read(0, 1, 7)]),
        "a read of the initial value 7 with no write: linearizable"
    );
    assert!(
        !is_linearizable(7, &[read(0, 1, 0)]),
        "a read of 0 from a register that starts at 7 and is never written: not \
         linearizable"
    );
}

#[test]
fn a_read_after_a_completed_write_must_see_it() {
    assert!(
        !is_linearizable(0, &[write(0, 1, 5), read(2, 3, 0)]),
        "the write of 5 returned at 1, the read was called at 2 and returned the old 0: \
         a stale read"
    );
    assert!(
        is_linearizable(0, &[write(0, 1, 5), read(2, 3, 5)]),
        "the same read returning 5 is fine"
    );
}

#[test]
fn a_read_concurrent_with_a_write_may_return_either_value() {
    assert!(
        is_linearizable(0, &[write(0, 3, 5), read(1, 2, 0)]),
        "old value: fine"
    );
    assert!(
        is_linearizable(0, &[write(0, 3, 5), read(1, 2, 5)]),
        "new value: fine"
    );
    assert!(
        !is_linearizable(0, &[write(0, 3, 5), read(1, 2, 9)]),
        "a value never written: never fine"
    );
}

#[test]
fn once_a_read_sees_the_new_value_later_reads_cannot_see_the_old() {
    // Both reads overlap the write, but the first returned before the second began.
    let history = [write(0, 10, 1), read(1, 3, 1), read(4, 6, 0)];
    assert!(
        !is_linearizable(0, &history),
        "a read saw 1 and returned; a read called later saw 0: the write would have to \
         take effect, then be undone"
    );
}

#[test]
fn the_order_the_history_is_given_in_does_not_matter() {
    let history = [read(4, 6, 2), write(0, 1, 1), write(2, 5, 2), read(3, 7, 1)];
    assert!(
        is_linearizable(0, &history),
        "write 1, read 1 (called at 3, before write 2 takes effect), write 2, read 2: \
         linearizable though listed out of order"
    );
}

#[test]
fn the_checker_finds_a_late_order_among_many_concurrent_writes() {
    // Five concurrent writes, then a read that only the write of 3 explains; the
    // search must try more than the first order it meets.
    let mut history: Vec<Op> = (0..5).map(|i| write(i, 20 + i, i as i64)).collect();
    history.push(read(30, 31, 3));
    assert!(
        is_linearizable(-1, &history),
        "write 3 can be the last of five overlapping writes"
    );
    history.push(read(32, 33, 4));
    assert!(
        !is_linearizable(-1, &history),
        "after the read of 3 returned, no write is left to explain a read of 4"
    );
}

#[test]
fn a_long_sequential_history_is_checked_quickly() {
    // 3,072 operations (48 words of 64 bits), one after the other; then a stale read.
    let mut history = Vec::new();
    for i in 0..1_536u64 {
        history.push(write(4 * i, 4 * i + 1, i as i64));
        history.push(read(4 * i + 2, 4 * i + 3, i as i64));
    }
    assert!(
        is_linearizable(0, &history),
        "each read returns the write just before it"
    );
    history.push(read(10_000, 10_001, 0));
    assert!(
        !is_linearizable(0, &history),
        "a final read of 0, long after 1,535 was written, is stale"
    );
}

/// Every order of the operations, the obvious way: slow, plainly right.
fn brute_force(initial: i64, history: &[Op]) -> bool {
    fn extend(initial: i64, history: &[Op], order: &mut Vec<usize>, used: &mut [bool]) -> bool {
        if order.len() == history.len() {
            let mut value = initial;
            for &i in order.iter() {
                match history[i].kind {
                    OpKind::Write(v) => value = v,
                    OpKind::Read(v) if v != value => return false,
                    OpKind::Read(_) => {}
                }
            }
            return true;
        }
        for i in 0..history.len() {
            // Real time: `i` may not come after an operation called after it returned.
            if used[i] || order.iter().any(|&j| history[i].ret < history[j].call) {
                continue;
            }
            used[i] = true;
            order.push(i);
            let found = extend(initial, history, order, used);
            order.pop();
            used[i] = false;
            if found {
                return true;
            }
        }
        false
    }
    extend(
        initial,
        history,
        &mut Vec::new(),
        &mut vec![false; history.len()],
    )
}

/// Histories of up to 6 operations, values 0 to 2, times distinct.
fn histories() -> impl Strategy<Value = Vec<Op>> {
    (1usize..=6)
        .prop_flat_map(|n| {
            (
                Just((0..2 * n as u64).collect::<Vec<u64>>()).prop_shuffle(),
                prop::collection::vec((any::<bool>(), 0i64..3), n),
            )
        })
        .prop_map(|(times, kinds)| {
            kinds
                .iter()
                .enumerate()
                .map(|(i, &(is_write, value))| {
                    let (a, b) = (times[2 * i], times[2 * i + 1]);
                    Op {
                        call: a.min(b),
                        ret: a.max(b),
                        kind: if is_write {
                            OpKind::Write(value)
                        } else {
                            OpKind::Read(value)
                        },
                    }
                })
                .collect()
        })
}

proptest! {
    #![proptest_config(proptest_config(512))]

    #[test]
    fn agrees_with_trying_every_order(history in histories(), initial in 0i64..2) {
        prop_assert_eq!(
            is_linearizable(initial, &history),
            brute_force(initial, &history),
            "initial value {}, history {:?}", initial, &history
        );
    }
}

/// A client's operations on a quorum cluster, one after another: each starts 100 ms
/// after the previous one started and lasts its quorum's latency.
struct Recorder {
    now: u64,
    history: Vec<Op>,
}

impl Recorder {
    fn new() -> Self {
        Self {
            now: 0,
            history: Vec::new(),
        }
    }

    fn write(&mut self, cluster: &mut Cluster, net: &mut Network, value: i64) {
        let waited = cluster
            .write(net, value)
            .expect("the write gets its quorum");
        self.history.push(write(self.now, self.now + waited, value));
        self.now += 100;
    }

    fn read(&mut self, cluster: &mut Cluster, net: &mut Network) {
        let (value, waited) = cluster.read(net).expect("the read gets its quorum");
        self.history
            .push(read(self.now, self.now + waited, value.unwrap_or(0)));
        self.now += 100;
    }
}

/// Writes 1, then 2 while node 2 drops the write, then reads with node 2 the
/// fastest to answer.
fn one_node_misses_a_write(config: Config) -> Vec<Op> {
    let mut net = Network::new(3, 10);
    let mut cluster = Cluster::new(config, 3);
    let mut client = Recorder::new();
    client.write(&mut cluster, &mut net, 1);
    net.drop_next(1, 1);
    net.drop_next(2, 1);
    client.write(&mut cluster, &mut net, 2);
    net.set_round_trip(2, 1);
    client.read(&mut cluster, &mut net);
    client.read(&mut cluster, &mut net);
    client.history
}

#[test]
fn a_strict_quorum_with_r_plus_w_above_n_gives_a_linearizable_history_here() {
    let config = Config {
        n: 3,
        w: 1,
        r: 3,
        sloppy: false,
    };
    let history = one_node_misses_a_write(config);
    assert!(
        is_linearizable(0, &history),
        "N = 3, W = 1, R = 3: the reads hear from every node, so they see the write node 0 \
         took; history {history:?}"
    );
}

#[test]
fn r_plus_w_at_most_n_gives_a_stale_read_the_checker_rejects() {
    let config = Config {
        n: 3,
        w: 1,
        r: 1,
        sloppy: false,
    };
    let history = one_node_misses_a_write(config);
    assert!(
        !is_linearizable(0, &history),
        "N = 3, W = 1, R = 1: the write of 2 completed, then a read from node 2 returned 1; \
         history {history:?}"
    );
}

#[test]
fn a_sloppy_quorum_across_a_moving_partition_is_not_linearizable() {
    let config = Config {
        n: 3,
        w: 2,
        r: 2,
        sloppy: true,
    };
    let mut net = Network::new(5, 10);
    let mut cluster = Cluster::new(config, 5);
    let mut client = Recorder::new();
    client.write(&mut cluster, &mut net, 1);
    net.cut_off(1);
    net.cut_off(2);
    client.write(&mut cluster, &mut net, 2);
    for node in [0, 3, 4] {
        net.cut_off(node);
    }
    net.reconnect(1);
    net.reconnect(2);
    client.read(&mut cluster, &mut net);
    let history = client.history;
    assert!(
        !is_linearizable(0, &history),
        "the sloppy write of 2 went to node 0 and fallbacks, the read after the partition \
         moved asked nodes 1 and 2 and got 1: not linearizable; history {history:?}"
    );
}

#[test]
fn a_failed_write_must_be_recorded_as_maybe_done() {
    let config = Config {
        n: 3,
        w: 3,
        r: 1,
        sloppy: false,
    };
    let mut net = Network::new(3, 10);
    let mut cluster = Cluster::new(config, 3);
    net.cut_off(2);
    assert!(
        cluster.write(&mut net, 5).is_err(),
        "W = 3 with node 2 cut off fails"
    );
    let (value, waited) = cluster.read(&mut net).expect("R = 1");
    assert_eq!(value, Some(5), "yet node 0 kept it");
    let seen = read(100, 100 + waited, 5);
    assert!(
        !is_linearizable(0, &[seen]),
        "leaving the failed write out of the history makes the read of 5 unexplainable"
    );
    let maybe_done = write(0, u64::MAX, 5);
    assert!(
        is_linearizable(0, &[maybe_done, seen]),
        "recorded as indeterminate (it may take effect at any time after its call, so it \
         never returns), the write explains the read"
    );
}
