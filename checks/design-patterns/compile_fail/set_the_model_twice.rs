// An order whose model is already set, asked for a model again: `model()` is gone
// once the model is set, so this must not compile.
use design_patterns::builder::VehicleOrder;

fn main() {
    let with_a_model = VehicleOrder::new().model("Nexon");
    let _again = with_a_model.model("Harrier");
}
