//! Compile-fail checks, for the topics whose checks use trybuild. Each such topic's
//! `support` module includes this file with `#[path]`.

use std::path::{Path, PathBuf};

/// Asserts that `checks/<topic>/compile_fail/<case>.rs` does not compile, and that
/// the compiler says what `<case>.stderr` beside it records.
pub fn assert_does_not_compile(case: &str) {
    let (topic, path) = case_path(case);
    // Shown only if the check fails, above trybuild's report of what the compiler did.
    println!(
        "checks/{topic}/compile_fail/{case}.rs must not compile, and the compiler must say \
         what {case}.stderr beside it records; trybuild's report says which went wrong."
    );
    trybuild::TestCases::new().compile_fail(path);
}

/// Asserts that `checks/<topic>/compile_fail/<case>.rs` compiles and runs to the end:
/// the other side of a compile-fail lesson, where what must be accepted is a bound a
/// learner might draw too tight. As a case rather than a line in a check file, a bound
/// that refuses it fails one check instead of stopping the whole file from building.
pub fn assert_compiles(case: &str) {
    let (topic, path) = case_path(case);
    println!(
        "checks/{topic}/compile_fail/{case}.rs must compile and run; trybuild's report \
         says what the compiler refused."
    );
    trybuild::TestCases::new().pass(path);
}

/// The topic (the crate's folder name, the same in both workspaces) and the case's
/// path. Both workspaces see `checks/` from their root (`solutions/checks` links to
/// it), so the compiler prints the same path, and one `.stderr` file fits the stub
/// and the solution.
fn case_path(case: &str) -> (String, PathBuf) {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let topic = crate_dir
        .file_name()
        .expect("a crate's folder has a name")
        .to_string_lossy()
        .into_owned();
    let root = crate_dir
        .ancestors()
        .find(|dir| dir.join("checks").is_dir())
        .expect("the crate is inside the course, which has a checks/ folder");
    let path = root
        .join("checks")
        .join(&topic)
        .join("compile_fail")
        .join(case)
        .with_extension("rs");
    (topic, path)
}
