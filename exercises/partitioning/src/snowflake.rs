//! Exercise: Snowflake IDs, minted by many machines without talking to each other.
//!
//! A Snowflake ID is a 64-bit number built from the time, the machine and a counter:
//!
//! ```text
//! 0 | 41 bits: milliseconds since the epoch | 5 bits: datacenter | 5 bits: worker | 12 bits: sequence
//! ```
//!
//! Each worker numbers the ids it mints within one millisecond 0, 1, 2, ... up to 4095,
//! so two workers never collide (their worker bits differ) and one worker never
//! repeats itself (its time or its sequence differs). Read "Snowflake" in
//! `notes/partitioning.md`.

/// Twitter's epoch: 2010-11-04 01:42:54.657 UTC, in milliseconds since the Unix epoch.
pub const TWITTER_EPOCH_MS: u64 = 1288834974657;

/// The four fields of a Snowflake ID, with the time as Unix milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snowflake {
    pub unix_ms: u64,
    pub datacenter: u8,
    pub worker: u8,
    pub sequence: u16,
}

/// Why a generator refused.
#[derive(Debug, PartialEq)]
pub enum SnowflakeError {
    /// A datacenter or worker above 31, or a time the 41 time bits cannot hold
    /// (before the epoch, or about 69.7 years after it).
    OutOfRange,
    /// 4096 ids were already minted in this millisecond.
    SequenceExhausted,
    /// The clock reads earlier than the millisecond of the last id minted.
    ClockMovedBackwards,
}

/// Splits `id` into its fields; `unix_ms` is the time bits plus `epoch_ms`.
pub fn decode(id: u64, epoch_ms: u64) -> Snowflake {
    todo!("shift each field down and mask it; add the epoch to the time")
}

/// Mints ids for one worker of one datacenter.
#[derive(Debug, Clone)]
pub struct Generator {
    // The epoch, the datacenter and worker, and the millisecond and sequence of the
    // last id minted (if any).
}

impl Generator {
    /// A generator for `worker` in `datacenter`, counting time from `epoch_ms`.
    ///
    /// # Errors
    ///
    /// `OutOfRange` if `datacenter` or `worker` is above 31.
    pub fn new(epoch_ms: u64, datacenter: u8, worker: u8) -> Result<Generator, SnowflakeError> {
        todo!("refuse a datacenter or worker that needs more than 5 bits")
    }

    /// The next id at `now_unix_ms`. Ids strictly increase; the sequence starts at 0
    /// in each new millisecond. A refused call changes nothing.
    ///
    /// # Errors
    ///
    /// `ClockMovedBackwards` if `now_unix_ms` is earlier than the last id's
    /// millisecond, `SequenceExhausted` once 4096 ids were minted in this millisecond,
    /// `OutOfRange` if the time does not fit the 41 time bits.
    pub fn next_id(&mut self, now_unix_ms: u64) -> Result<u64, SnowflakeError> {
        todo!("same millisecond: next sequence; a later one: sequence 0; an earlier one: refuse")
    }
}
