// An order whose engine is already set, asked for an engine again: `engine()` is
// gone once the engine is set, so this must not compile.
use design_patterns::builder::{Engine, VehicleOrder};

fn main() {
    let with_an_engine = VehicleOrder::new().engine(Engine::Petrol);
    let _again = with_an_engine.engine(Engine::Diesel);
}
