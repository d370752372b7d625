// An address that skipped parsing, and a look inside the repository's storage: with
// `Email`'s text private and every field of the repository private (whatever it
// keeps, under whatever names), neither may compile.
use solid::single_responsibility::{Email, UserRepository};

fn main() {
    let unchecked = Email("ADA@Example".to_string());
    let UserRepository {} = UserRepository::new();
    let _ = unchecked;
}
