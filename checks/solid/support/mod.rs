//! Helpers the SOLID checks share: proptest's settings, the compile-fail
//! cases and a probe for the traits a type implements.
#![allow(dead_code, unused_imports, unused_macros)] // Each check file uses a different part of it.

#[path = "../../support/proptest.rs"]
mod proptest_settings;
pub use proptest_settings::proptest_config;

#[path = "../../support/compile_fail.rs"]
mod compile_fail;
pub use compile_fail::{assert_compiles, assert_does_not_compile};

/// Whether `$device` implements `$capability` (a trait path, generics allowed:
/// `From<String>`), as a value a check can assert on: an inherent constant that
/// exists only where the bound holds is found before the blanket trait's constant.
macro_rules! implements {
    ($device:ty: $capability:path) => {{
        #[allow(dead_code)] // Unused where the device has the capability.
        trait Lacks {
            const IMPLEMENTS: bool = false;
        }
        impl<T: ?Sized> Lacks for T {}
        struct Probe<T: ?Sized>(std::marker::PhantomData<T>);
        #[allow(dead_code)]
        impl<T: ?Sized + $capability> Probe<T> {
            const IMPLEMENTS: bool = true;
        }
        <Probe<$device>>::IMPLEMENTS
    }};
}
pub(crate) use implements;
