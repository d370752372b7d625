//! Exercise: latency numbers.
//!
//! The classic table of how long a computer takes to do things, from reading its own
//! L1 cache to sending a packet around the world, as data, and the comparisons that
//! make it useful: how many disk seeks fit in a second, how long 1 GB takes to read
//! from memory, SSD, disk or the network. Read "Latency numbers" in
//! `notes/estimation.md`.

use std::fmt::Write;

use crate::units::{Bytes, Count};

/// One line of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    L1CacheReference,
    BranchMispredict,
    L2CacheReference,
    MutexLockUnlock,
    MainMemoryReference,
    Compress1KB,
    Send1KBOver1Gbps,
    ReadRandom4KBFromSsd,
    Read1MBFromMemory,
    RoundTripInDatacenter,
    Read1MBFromSsd,
    DiskSeek,
    Read1MBFromDisk,
    RoundTripAcrossTheWorld,
}

impl Operation {
    /// Every operation, fastest first.
    pub const ALL: [Operation; 14] = [
        Operation::L1CacheReference,
        Operation::BranchMispredict,
        Operation::L2CacheReference,
        Operation::MutexLockUnlock,
        Operation::MainMemoryReference,
        Operation::Compress1KB,
        Operation::Send1KBOver1Gbps,
        Operation::ReadRandom4KBFromSsd,
        Operation::Read1MBFromMemory,
        Operation::RoundTripInDatacenter,
        Operation::Read1MBFromSsd,
        Operation::DiskSeek,
        Operation::Read1MBFromDisk,
        Operation::RoundTripAcrossTheWorld,
    ];

    /// The operation in words.
    pub fn describe(self) -> &'static str {
        match self {
            Operation::L1CacheReference => "L1 cache reference",
            Operation::BranchMispredict => "branch mispredict",
            Operation::L2CacheReference => "L2 cache reference",
            Operation::MutexLockUnlock => "mutex lock/unlock",
            Operation::MainMemoryReference => "main memory reference",
            Operation::Compress1KB => "compress 1 KB (Snappy)",
            Operation::Send1KBOver1Gbps => "send 1 KB over 1 Gbps",
            Operation::ReadRandom4KBFromSsd => "read 4 KB at random from SSD",
            Operation::Read1MBFromMemory => "read 1 MB in sequence from memory",
            Operation::RoundTripInDatacenter => "round trip within a datacenter",
            Operation::Read1MBFromSsd => "read 1 MB in sequence from SSD",
            Operation::DiskSeek => "disk seek",
            Operation::Read1MBFromDisk => "read 1 MB in sequence from disk",
            Operation::RoundTripAcrossTheWorld => "round trip California-Netherlands",
        }
    }

    /// How long the operation takes, in nanoseconds, as the classic table has it.
    pub fn nanos(self) -> f64 {
        todo!("the classic table, in nanoseconds: see the notes")
    }
}

/// Where bytes are read from, one after another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    Memory,
    Ssd,
    Disk,
    Network,
}

/// How many times `operation` can run back to back in one second.
pub fn per_second(operation: Operation) -> f64 {
    todo!("a second is 10^9 ns")
}

/// How many times longer `slow` takes than `fast`.
pub fn times_slower(slow: Operation, fast: Operation) -> f64 {
    todo!("a ratio of latencies")
}

/// Seconds to read `size` in sequence from `medium`, at the table's speed: a megabyte
/// (10^6 bytes) at a time from memory, SSD or disk, a kilobyte (10^3) at a time over a
/// 1 Gbps network.
pub fn seconds_to_read(size: Bytes, medium: Medium) -> f64 {
    todo!("how many of the table's chunks the size holds, and the time for one")
}

/// How long `operation` would feel if a nanosecond lasted a second, to three
/// significant figures in the largest unit that keeps the number at least 1:
/// `0.5 s`, `1.67 min`, `2.78 hours`, `116 days`, `4.76 years`.
pub fn human_scale(operation: Operation) -> String {
    todo!("the nanoseconds as seconds, in years, days, hours, min or s")
}

/// The table, one operation a line: what it is, its latency, and how long it would
/// feel if a nanosecond lasted a second.
pub fn table() -> String {
    let mut table = format!(
        "{:<36} {:>15}   {}\n",
        "operation", "ns", "if 1 ns were 1 s"
    );
    for operation in Operation::ALL {
        let _ = writeln!(
            table,
            "{:<36} {:>15}   {}",
            operation.describe(),
            Count(operation.nanos()).to_string(),
            human_scale(operation)
        );
    }
    table
}
