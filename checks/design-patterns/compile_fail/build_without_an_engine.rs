// An order with a model but no engine: `build()` must not exist for it, so this
// must not compile.
use design_patterns::builder::VehicleOrder;

fn main() {
    let _vehicle = VehicleOrder::new().model("Nexon").ac(true).build();
}
