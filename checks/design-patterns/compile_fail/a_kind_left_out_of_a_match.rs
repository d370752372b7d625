// A match on the car kinds that leaves one out: the compiler checks that every kind
// is handled, which is what makes `make` total, so this must not compile.
use design_patterns::factory::CarKind;

fn price_band(kind: CarKind) -> &'static str {
    match kind {
        CarKind::Tata => "budget",
        CarKind::Ford => "mid-range",
    }
}

fn main() {
    let _band = price_band(CarKind::Tata);
}
