//! Replication: the mechanisms replicated databases use to order events, keep
//! concurrent updates and merge replicas, and the tool that judges them.
//!
//! `lamport_clock` orders events with one number per process; `vector_clock` keeps
//! one counter per node and so tells concurrent events apart; `version_vectors`
//! uses them to keep a replicated cart's concurrent versions as siblings;
//! `counters` and `sets_and_registers` build CRDTs, data types every replica
//! changes on its own and merges in any order; `quorum` reads and writes a value
//! on N nodes over a simulated network; `linearizability` decides whether a
//! history of reads and writes could have come from a single copy; `gossip`
//! spreads a G-Counter's state between replicas in rounds. The concepts are in
//! `notes/replication.md`.

pub mod counters;
pub mod gossip;
pub mod lamport_clock;
pub mod linearizability;
pub mod quorum;
pub mod sets_and_registers;
pub mod vector_clock;
pub mod version_vectors;

pub use counters::{GCounter, PnCounter};
pub use linearizability::{Op, OpKind, is_linearizable};
pub use sets_and_registers::{LwwRegister, OrSet};
pub use vector_clock::VectorClock;
