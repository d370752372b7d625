//! Checks for `exercises/solid/src/interface_segregation.rs`.

use solid::interface_segregation::answer;

#[test]
fn an_example_check_to_replace() {
    assert_eq!(answer(), 42, "TODO: say what went wrong");
}
