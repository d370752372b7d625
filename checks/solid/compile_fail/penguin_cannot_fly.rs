// A penguin asked how high it flies, and a sparrow how deep it dives: with each
// capability its own trait, none of these questions may compile, whether asked of the
// bird itself or of any bird.
use solid::liskov::{Bird, DivingBird, FlyingBird, Penguin, Sparrow};

fn main() {
    let _ = Penguin.ceiling_m();
    let bird: &dyn Bird = &Penguin;
    let _ = bird.ceiling_m();
    let _ = Sparrow.max_depth_m();
}
