//! Checks for `exercises/design-patterns/src/observer.rs`.

use design_patterns::observer::answer;

#[test]
fn an_example_check_to_replace() {
    assert_eq!(answer(), 42, "TODO: say what went wrong");
}
