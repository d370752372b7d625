//! Helpers the replication checks share.
#![allow(dead_code, unused_imports)] // Each check file uses a different part of it.

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

pub mod traces;
