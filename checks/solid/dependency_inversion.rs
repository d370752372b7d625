//! Checks for `exercises/solid/src/dependency_inversion.rs`.

use solid::dependency_inversion::answer;

#[test]
fn an_example_check_to_replace() {
    assert_eq!(answer(), 42, "TODO: say what went wrong");
}
