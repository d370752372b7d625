// An address that skipped parsing, and a look inside the repository's storage: with
// `Email`'s text and the repository's list private, neither may compile.
use solid::single_responsibility::{Email, UserRepository};

fn main() {
    let unchecked = Email("ADA@Example".to_string());
    let users = UserRepository::new();
    let _ = (unchecked, users.users.len());
}
