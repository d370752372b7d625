//! Checks for `exercises/estimation/src/latency_numbers.rs`.

mod support;

use estimation::latency_numbers::{
    Medium, Operation, human_scale, per_second, seconds_to_read, table, times_slower,
};
use estimation::units::Bytes;
use rstest::rstest;
use support::assert_close;

#[rstest]
#[case(Operation::L1CacheReference, 0.5)]
#[case(Operation::BranchMispredict, 5.0)]
#[case(Operation::L2CacheReference, 7.0)]
#[case(Operation::MutexLockUnlock, 25.0)]
#[case(Operation::MainMemoryReference, 100.0)]
#[case(Operation::Compress1KB, 3_000.0)]
#[case(Operation::Send1KBOver1Gbps, 10_000.0)]
#[case(Operation::ReadRandom4KBFromSsd, 150_000.0)]
#[case(Operation::Read1MBFromMemory, 250_000.0)]
#[case(Operation::RoundTripInDatacenter, 500_000.0)]
#[case(Operation::Read1MBFromSsd, 1_000_000.0)]
#[case(Operation::DiskSeek, 10_000_000.0)]
#[case(Operation::Read1MBFromDisk, 20_000_000.0)]
#[case(Operation::RoundTripAcrossTheWorld, 150_000_000.0)]
fn holds_the_classic_latencies(#[case] operation: Operation, #[case] nanos: f64) {
    assert_close(
        operation.nanos(),
        nanos,
        &format!("{} in ns", operation.describe()),
    );
}

#[test]
fn a_disk_seeks_100_times_a_second() {
    assert_close(
        per_second(Operation::DiskSeek),
        100.0,
        "disk seeks in a second",
    );
    assert_close(
        per_second(Operation::MainMemoryReference),
        10_000_000.0,
        "memory references in a second",
    );
    assert_close(
        per_second(Operation::RoundTripInDatacenter),
        2_000.0,
        "round trips within a datacenter in a second, one after another",
    );
}

#[rstest]
#[case(Medium::Memory, 0.25)]
#[case(Medium::Ssd, 1.0)]
#[case(Medium::Network, 10.0)]
#[case(Medium::Disk, 20.0)]
fn reading_a_gigabyte_takes_a_quarter_second_to_twenty_seconds(
    #[case] medium: Medium,
    #[case] seconds: f64,
) {
    assert_close(
        seconds_to_read(Bytes(1e9), medium),
        seconds,
        &format!(
            "seconds to read 1 GB from {medium:?}, a step of the table's line at a time \
             (1 MB from memory, SSD or disk; 1 KB over the network)"
        ),
    );
}

#[test]
fn compares_latencies() {
    let cases = [
        (
            Operation::MainMemoryReference,
            Operation::L1CacheReference,
            200.0,
        ),
        (Operation::DiskSeek, Operation::RoundTripInDatacenter, 20.0),
        (
            Operation::Read1MBFromDisk,
            Operation::Read1MBFromMemory,
            80.0,
        ),
        (Operation::Read1MBFromDisk, Operation::Read1MBFromSsd, 20.0),
    ];
    for (slow, fast, times) in cases {
        assert_close(
            times_slower(slow, fast),
            times,
            &format!("{} against {}", slow.describe(), fast.describe()),
        );
    }
}

#[rstest]
#[case(Operation::L1CacheReference, "0.5 s")]
#[case(Operation::MainMemoryReference, "1.67 min")]
#[case(Operation::Send1KBOver1Gbps, "2.78 hours")]
#[case(Operation::RoundTripInDatacenter, "5.79 days")]
#[case(Operation::DiskSeek, "116 days")]
#[case(Operation::RoundTripAcrossTheWorld, "4.76 years")]
fn puts_latencies_on_a_human_scale(#[case] operation: Operation, #[case] text: &str) {
    assert_eq!(
        human_scale(operation),
        text,
        "{} if a nanosecond lasted a second: {} s, in the largest of years (365 days), \
         days, hours, min and s that keeps the number at least 1",
        operation.describe(),
        operation.nanos()
    );
}

#[test]
fn the_table_runs_from_fastest_to_slowest() {
    for pair in Operation::ALL.windows(2) {
        assert!(
            pair[0].nanos() < pair[1].nanos(),
            "{} ({} ns) comes before {} ({} ns) but is not faster",
            pair[0].describe(),
            pair[0].nanos(),
            pair[1].describe(),
            pair[1].nanos()
        );
    }
}

#[test]
fn the_table_as_a_person_reads_it() {
    insta::assert_snapshot!(table());
}
