// A penguin asked how high it flies: with only flying birds able to answer, neither
// question may compile, whether asked of the penguin or of any bird.
use solid::liskov::{Bird, FlyingBird, Penguin};

fn main() {
    let _ = Penguin.ceiling_m();
    let bird: &dyn Bird = &Penguin;
    let _ = bird.ceiling_m();
}
