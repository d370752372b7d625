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

/// The bits of each field, from the least significant up.
const SEQUENCE_BITS: u32 = 12;
const WORKER_BITS: u32 = 5;
const DATACENTER_BITS: u32 = 5;
const TIME_BITS: u32 = 41;

const WORKER_SHIFT: u32 = SEQUENCE_BITS;
const DATACENTER_SHIFT: u32 = SEQUENCE_BITS + WORKER_BITS;
const TIME_SHIFT: u32 = SEQUENCE_BITS + WORKER_BITS + DATACENTER_BITS;

const MAX_SEQUENCE: u16 = (1 << SEQUENCE_BITS) - 1;
const MAX_NODE: u8 = (1 << WORKER_BITS) - 1;
const MAX_TIME: u64 = (1 << TIME_BITS) - 1;

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
    Snowflake {
        unix_ms: (id >> TIME_SHIFT) + epoch_ms,
        datacenter: ((id >> DATACENTER_SHIFT) & u64::from(MAX_NODE)) as u8,
        worker: ((id >> WORKER_SHIFT) & u64::from(MAX_NODE)) as u8,
        sequence: (id & u64::from(MAX_SEQUENCE)) as u16,
    }
}

/// Mints ids for one worker of one datacenter.
#[derive(Debug, Clone)]
pub struct Generator {
    epoch_ms: u64,
    /// The datacenter and worker bits, already in place.
    node_bits: u64,
    /// The millisecond (since the epoch) and sequence of the last id minted.
    last: Option<(u64, u16)>,
}

impl Generator {
    /// A generator for `worker` in `datacenter`, counting time from `epoch_ms`.
    ///
    /// # Errors
    ///
    /// `OutOfRange` if `datacenter` or `worker` is above 31.
    pub fn new(epoch_ms: u64, datacenter: u8, worker: u8) -> Result<Generator, SnowflakeError> {
        if datacenter > MAX_NODE || worker > MAX_NODE {
            return Err(SnowflakeError::OutOfRange);
        }
        Ok(Generator {
            epoch_ms,
            node_bits: u64::from(datacenter) << DATACENTER_SHIFT
                | u64::from(worker) << WORKER_SHIFT,
            last: None,
        })
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
        let ms = now_unix_ms
            .checked_sub(self.epoch_ms)
            .filter(|&ms| ms <= MAX_TIME)
            .ok_or(SnowflakeError::OutOfRange)?;
        let sequence = match self.last {
            Some((last_ms, _)) if ms < last_ms => return Err(SnowflakeError::ClockMovedBackwards),
            Some((last_ms, last_sequence)) if ms == last_ms => {
                if last_sequence == MAX_SEQUENCE {
                    return Err(SnowflakeError::SequenceExhausted);
                }
                last_sequence + 1
            }
            _ => 0,
        };
        self.last = Some((ms, sequence));
        Ok(ms << TIME_SHIFT | self.node_bits | u64::from(sequence))
    }
}
