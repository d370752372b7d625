//! Hashing: from one hash function to short URLs and to spreading keys over servers.
//!
//! The exercises build on each other in order. `fnv` writes the course's hash
//! function, which `modulo`, `ring`, `rendezvous` and `bloom` use to place keys;
//! `digests` and `base62` are the two halves of `short_codes`. The concepts are in
//! `notes/hashing.md`.

pub mod base62;
pub mod bloom;
pub mod digests;
pub mod fnv;
pub mod jump;
pub mod modulo;
pub mod rendezvous;
pub mod ring;
pub mod short_codes;
