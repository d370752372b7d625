//! Helpers the design-pattern checks share: proptest's settings and the compile-fail cases.
#![allow(dead_code)] // Each check file uses a different part of it.

use std::path::{Path, PathBuf};

use proptest::test_runner::Config;

/// proptest's settings for these checks: `cases` random cases, and a failing case
/// printed rather than written into a regressions file beside the check.
pub fn proptest_config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Asserts that `checks/design-patterns/compile_fail/<case>.rs` does not compile, and that the
/// compiler says what `<case>.stderr` beside it records.
pub fn assert_does_not_compile(case: &str) {
    let path = case_path(case);
    // Shown only if the check fails, above trybuild's report of what the compiler did.
    println!(
        "checks/design-patterns/compile_fail/{case}.rs must not compile, and the compiler must say \
         what {case}.stderr beside it records; trybuild's report says which went wrong."
    );
    trybuild::TestCases::new().compile_fail(path);
}

/// The case's path from this crate's folder. Both workspaces see `checks/` from their
/// root (`solutions/checks` links to it), so the compiler prints the same path, and
/// one `.stderr` file fits the stub and the solution.
fn case_path(case: &str) -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = crate_dir
        .ancestors()
        .find(|dir| dir.join("checks").is_dir())
        .expect("the crate is inside the course, which has a checks/ folder");
    root.join("checks/design-patterns/compile_fail")
        .join(case)
        .with_extension("rs")
}
