//! Rounds of push gossip until one increment, counted by replica 0, has reached
//! every replica of a G-Counter, by cluster size, fanout and message loss: the mean
//! and the worst of 20 seeds.
//!
//! Run with `cargo bench -p replication --bench gossip` from `solutions/`.

use replication::gossip::Gossip;

fn main() {
    println!("| replicas | fanout | lost | mean rounds | worst | log2(n) + ln(n) |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for n in [8usize, 64, 512, 4096] {
        for (fanout, lost) in [(1, 0), (2, 0), (1, 300)] {
            let rounds: Vec<usize> = (1..=20)
                .map(|seed| {
                    let mut gossip = Gossip::new(n, seed);
                    gossip.increment(0, 1);
                    gossip.set_drop_per_mille(lost);
                    gossip
                        .rounds_until_converged(fanout, 1_000)
                        .expect("converges")
                })
                .collect();
            let mean = rounds.iter().sum::<usize>() as f64 / rounds.len() as f64;
            let worst = rounds.iter().max().expect("20 seeds");
            let x = n as f64;
            println!(
                "| {n} | {fanout} | {}% | {mean:.1} | {worst} | {:.1} |",
                lost / 10,
                x.log2() + x.ln()
            );
        }
    }
}
