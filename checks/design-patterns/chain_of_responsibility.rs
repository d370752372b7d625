//! Checks for `exercises/design-patterns/src/chain_of_responsibility.rs`.

use design_patterns::chain_of_responsibility::answer;

#[test]
fn an_example_check_to_replace() {
    assert_eq!(answer(), 42, "TODO: say what went wrong");
}
