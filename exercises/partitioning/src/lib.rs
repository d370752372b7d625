//! Partitioning: ids that many machines mint without talking to each other, and data
//! split across machines so that it can grow.
//!
//! The exercises go in order: three id schemes (`snowflake`, `ulid`, `uuid_v7`), two
//! ways to split data (`hash_partitioning`, `range_partitioning`), what a split does to
//! secondary indexes (`secondary_indexes`), and keeping a derived copy in step with a
//! log of changes (`change_data_capture`). The concepts are in `notes/partitioning.md`.
//! The items outside tools rely on are also re-exported here, at the crate root.

pub mod change_data_capture;
pub mod hash_partitioning;
pub mod range_partitioning;
pub mod secondary_indexes;
pub mod snowflake;
pub mod ulid;
pub mod uuid_v7;

pub use hash_partitioning::{FixedPartitions, Move, count_moved, key_hash, mod_n_node};
pub use snowflake::{Generator, Snowflake, SnowflakeError, TWITTER_EPOCH_MS, decode};
pub use ulid::{UlidError, ulid_decode, ulid_encode};
pub use uuid_v7::uuid_v7;
