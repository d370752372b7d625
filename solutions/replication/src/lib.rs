//! Replication: the mechanisms replicated databases use to order events, keep
//! concurrent updates and merge replicas.
//!
//! `lamport_clock` orders events with one number per process; `vector_clock` keeps
//! one counter per node and so tells concurrent events apart. The concepts are in
//! `notes/replication.md`.

pub mod lamport_clock;
pub mod vector_clock;
pub mod version_vectors;

pub use vector_clock::VectorClock;
