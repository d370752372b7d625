//! Replication: the mechanisms replicated databases use to order events, keep
//! concurrent updates and merge replicas.
//!
//! `lamport_clock` orders events with one number per process. The concepts are in
//! `notes/replication.md`.

pub mod lamport_clock;
