// A penguin asked how high it flies: with only flying birds able to answer, this
// must not compile.
use solid::liskov::{FlyingBird, Penguin};

fn main() {
    let _ = Penguin.ceiling_m();
}
