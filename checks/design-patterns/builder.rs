//! Checks for `exercises/design-patterns/src/builder.rs`.

mod support;

use design_patterns::builder::{AirBags, BuildError, Engine, Part, Vehicle, VehicleOrder};
use support::assert_does_not_compile;

#[test]
fn builds_the_seeds_vehicle_with_every_part_it_was_given() {
    let vehicle = Vehicle::builder()
        .model("Nexon")
        .engine(Engine::Electric)
        .roof_top(true)
        .air_bags(4)
        .ac(true)
        .build()
        .expect("a model, an engine and 4 air bags make a vehicle");
    assert_eq!(vehicle.model(), "Nexon", "the model asked for");
    assert_eq!(vehicle.engine(), Engine::Electric, "the engine asked for");
    assert!(vehicle.has_roof_top(), "the roof top was asked for");
    assert_eq!(vehicle.air_bags(), 4, "4 air bags were asked for");
    assert!(vehicle.has_ac(), "air conditioning was asked for");
}

#[test]
fn parts_not_asked_for_take_their_defaults() {
    let vehicle = Vehicle::builder()
        .engine(Engine::Petrol)
        .model("Tiago")
        .build()
        .expect("a model and an engine are all a vehicle needs");
    assert!(!vehicle.has_roof_top(), "no roof top unless asked for");
    assert_eq!(
        vehicle.air_bags(),
        2,
        "2 air bags, the front pair, unless asked for more"
    );
    assert!(!vehicle.has_ac(), "no air conditioning unless asked for");
}

#[test]
fn the_last_value_set_for_a_part_wins() {
    let vehicle = Vehicle::builder()
        .model("Nexon")
        .model("Harrier")
        .engine(Engine::Diesel)
        .ac(true)
        .ac(false)
        .air_bags(6)
        .air_bags(3)
        .build()
        .expect("a valid vehicle");
    assert_eq!(
        vehicle.model(),
        "Harrier",
        "the model was set to Harrier last"
    );
    assert!(!vehicle.has_ac(), "air conditioning was switched off last");
    assert_eq!(vehicle.air_bags(), 3, "the air bags were set to 3 last");
}

#[test]
fn a_missing_required_part_is_an_error_that_says_what_to_call() {
    let no_model = Vehicle::builder().engine(Engine::Petrol).build();
    assert_eq!(
        no_model,
        Err(BuildError::Missing(Part::Model)),
        "an engine but no model"
    );
    let no_engine = Vehicle::builder().model("Nexon").ac(true).build();
    assert_eq!(
        no_engine,
        Err(BuildError::Missing(Part::Engine)),
        "a model but no engine"
    );
    assert_eq!(
        Vehicle::builder().build(),
        Err(BuildError::Missing(Part::Model)),
        "with both missing, the model is reported first"
    );

    let message = BuildError::Missing(Part::Engine).to_string();
    assert!(
        message.contains(".engine("),
        "the message for a missing engine should name the method to call; it was: {message}"
    );
    let message = BuildError::Missing(Part::Model).to_string();
    assert!(
        message.contains(".model("),
        "the message for a missing model should name the method to call; it was: {message}"
    );
}

#[test]
fn air_bags_are_allowed_from_two_to_ten() {
    for count in 2..=10 {
        let air_bags = AirBags::new(count).map(AirBags::count);
        assert_eq!(air_bags, Ok(count), "{count} air bags are allowed");
    }
    for count in [0, 1, 11, 255] {
        assert_eq!(
            AirBags::new(count),
            Err(BuildError::AirBags(count)),
            "{count} air bags are not allowed"
        );
        let built = Vehicle::builder()
            .model("Nexon")
            .engine(Engine::Petrol)
            .air_bags(count)
            .build();
        assert_eq!(
            built,
            Err(BuildError::AirBags(count)),
            "the builder asked for {count} air bags"
        );
    }
    let message = BuildError::AirBags(11).to_string();
    assert!(
        message.contains("11") && message.contains("10"),
        "the message should give the count asked for and the limit; it was: {message}"
    );
}

#[test]
fn a_typestate_order_builds_the_same_vehicle_whatever_order_the_parts_come_in() {
    let six = AirBags::new(6).expect("6 air bags are allowed");
    let model_first = VehicleOrder::new()
        .model("Nexon")
        .roof_top(true)
        .engine(Engine::Electric)
        .air_bags(six)
        .build();
    let engine_first = VehicleOrder::new()
        .air_bags(six)
        .engine(Engine::Electric)
        .roof_top(true)
        .model("Nexon")
        .build();
    assert_eq!(
        model_first, engine_first,
        "the same parts in another order make the same vehicle: an option set before the \
         model or the engine must survive setting them"
    );
    let expected = Vehicle::builder()
        .model("Nexon")
        .engine(Engine::Electric)
        .roof_top(true)
        .air_bags(6)
        .build()
        .expect("a valid vehicle");
    assert_eq!(
        model_first, expected,
        "both builders should build the same vehicle from the same parts"
    );
}

#[test]
fn a_typestate_order_takes_the_defaults_for_parts_not_asked_for() {
    let vehicle = VehicleOrder::new()
        .model("Punch")
        .engine(Engine::Petrol)
        .ac(true)
        .build();
    assert_eq!(vehicle.model(), "Punch", "the model asked for");

    assert!(vehicle.has_ac(), "air conditioning was asked for");
    assert!(!vehicle.has_roof_top(), "no roof top unless asked for");
    assert_eq!(vehicle.air_bags(), 2, "2 air bags unless asked for more");
}

#[test]
fn an_order_without_an_engine_cannot_call_build() {
    assert_does_not_compile("build_without_an_engine");
}

#[test]
fn an_order_whose_model_is_set_cannot_set_it_again() {
    assert_does_not_compile("set_the_model_twice");
}

#[test]
fn an_order_whose_engine_is_set_cannot_set_it_again() {
    assert_does_not_compile("set_the_engine_twice");
}
