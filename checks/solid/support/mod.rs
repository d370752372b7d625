//! Helpers the SOLID checks share: proptest's settings and the compile-fail cases.
#![allow(dead_code, unused_imports)] // Each check file uses a different part of it.

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

#[path = "../../support/compile_fail.rs"]
mod compile_fail;
pub use compile_fail::assert_does_not_compile;
