//! Checks for `exercises/design-patterns/src/factory.rs`.

mod support;

use design_patterns::factory::{
    AlreadyRegistered, CannotDrive, Car, CarFactory, CarKind, Terrain, UnknownKind, make, make_car,
};
use proptest::prelude::*;
use support::{assert_does_not_compile, proptest_config};

/// A car of the checks' own, for the open factory.
struct Ambassador;

impl Car for Ambassador {
    fn brand(&self) -> &str {
        "Hindustan"
    }
    fn model(&self) -> &str {
        "Ambassador"
    }
    fn seats(&self) -> u8 {
        5
    }
    fn range_km(&self) -> u32 {
        400
    }
    fn drive(&mut self, _km: u32, _terrain: Terrain) -> Result<(), CannotDrive> {
        Ok(())
    }
}

fn seed_kind_names() -> Vec<String> {
    CarKind::ALL.map(|kind| kind.name().to_owned()).into()
}

#[test]
fn each_kind_is_made_into_its_own_car() {
    let made: Vec<String> = CarKind::ALL.map(|kind| make(kind).describe()).into();
    assert_eq!(
        made,
        [
            "Tata Nexon, 5 seats",
            "Ford EcoSport, 5 seats",
            "Mahindra Thar, 4 seats"
        ],
        "make(kind) for each kind in CarKind::ALL"
    );
}

/// Drives `car` over each leg in turn, noting each outcome and the range after it.
fn trip(car: &mut dyn Car, legs: &[(u32, Terrain)]) -> Vec<(Result<(), CannotDrive>, u32)> {
    legs.iter()
        .map(|&(km, terrain)| (car.drive(km, terrain), car.range_km()))
        .collect()
}

#[test]
fn each_kind_drives_in_its_own_way() {
    use Terrain::{OffRoad, Paved};
    let legs = [(100, Paved), (100, OffRoad), (250, Paved), (100, OffRoad)];
    let out_of_range = |needs_km, range_km| Err(CannotDrive::OutOfRange { needs_km, range_km });
    let expected = [
        (
            CarKind::Tata,
            vec![
                (Ok(()), 200),
                (Err(CannotDrive::NotOffRoad), 200),
                (out_of_range(250, 200), 200),
                (Err(CannotDrive::NotOffRoad), 200),
            ],
            "the electric Nexon: 300 km on a full battery, and it refuses to leave the road",
        ),
        (
            CarKind::Ford,
            vec![
                (Ok(()), 500),
                (Ok(()), 300),
                (Ok(()), 50),
                (out_of_range(200, 50), 50),
            ],
            "the EcoSport: 600 km on a full tank, and off-road each km burns the fuel of two",
        ),
        (
            CarKind::Mahindra,
            vec![
                (Ok(()), 400),
                (Ok(()), 300),
                (Ok(()), 50),
                (out_of_range(100, 50), 50),
            ],
            "the Thar: 500 km on a full tank, and off-road costs it no more than the road",
        ),
    ];
    for (kind, outcomes, how) in expected {
        let mut car = make(kind);
        assert_eq!(
            trip(car.as_mut(), &legs),
            outcomes,
            "100 km of road, 100 off-road, 250 of road, 100 off-road, each with the range \
             left after it (a refused trip uses none); {how}"
        );
    }
}

#[test]
fn every_car_made_is_a_new_one_with_a_full_tank() {
    let factory = CarFactory::with_seed_cars();
    for kind in CarKind::ALL {
        let mut first = make(kind);
        first.drive(10, Terrain::Paved).expect("10 km of road");
        assert_eq!(
            make(kind).range_km(),
            first.range_km() + 10,
            "a new {} starts full, whatever the last one did",
            kind.name()
        );
        let mut registered = factory.make(kind.name()).expect("a seed kind");
        registered.drive(10, Terrain::Paved).expect("10 km of road");
        assert_eq!(
            factory.make(kind.name()).map(|car| car.range_km()).ok(),
            Some(registered.range_km() + 10),
            "the open factory makes a new {} each time too",
            kind.name()
        );
    }
}

#[test]
fn kinds_are_named_in_lower_case_and_parse_back() {
    assert_eq!(
        CarKind::ALL.map(CarKind::name),
        ["tata", "ford", "mahindra"],
        "the names requests use"
    );
    for kind in CarKind::ALL {
        assert_eq!(
            kind.name().parse::<CarKind>(),
            Ok(kind),
            "parsing {:?}",
            kind.name()
        );
    }
    assert_eq!(
        " Tata ".parse::<CarKind>(),
        Ok(CarKind::Tata),
        "case and surrounding spaces are ignored"
    );
    assert_eq!(
        "FORD".parse::<CarKind>(),
        Ok(CarKind::Ford),
        "case is ignored"
    );
}

#[test]
fn make_car_makes_the_kind_asked_for() {
    let car = make_car("mahindra").expect("mahindra is a kind");
    assert_eq!(car.model(), "Thar", "a mahindra is a Thar");
    let car = make_car("Ford").expect("Ford is a kind, whatever its case");
    assert_eq!(car.model(), "EcoSport", "a ford is an EcoSport");
}

#[test]
fn an_unknown_kind_is_an_error_that_lists_the_valid_ones() {
    let error = match make_car("fiat") {
        Ok(car) => panic!(
            "\"fiat\" is not a kind, yet the factory made a {}",
            car.describe()
        ),
        Err(error) => error,
    };
    assert_eq!(
        error,
        UnknownKind {
            asked: "fiat".into(),
            valid: seed_kind_names()
        },
        "the error keeps the kind as asked and lists every kind in CarKind::ALL, in order"
    );
    let message = error.to_string();
    for expected in ["\"fiat\"", "tata, ford, mahindra"] {
        assert!(
            message.contains(expected),
            "the message should contain {expected}; it was: {message}"
        );
    }
}

#[test]
fn the_open_factory_makes_the_seed_cars_and_one_the_checks_register() {
    let mut factory = CarFactory::with_seed_cars();
    assert_eq!(
        factory.kinds(),
        ["ford", "mahindra", "tata"],
        "kinds in alphabetical order"
    );
    factory
        .register("Ambassador", || Box::new(Ambassador))
        .expect("ambassador is a new kind");
    assert_eq!(
        factory.kinds(),
        ["ambassador", "ford", "mahindra", "tata"],
        "\"Ambassador\" is registered as ambassador (names ignore case and spaces), in \
         alphabetical order with the seed kinds"
    );
    let car = factory
        .make("ambassador")
        .expect("ambassador was just registered");
    assert_eq!(
        car.describe(),
        "Hindustan Ambassador, 5 seats",
        "the checks' maker made the ambassador"
    );
    let car = factory.make(" TATA").expect("tata is a seed kind");
    assert_eq!(
        car.describe(),
        "Tata Nexon, 5 seats",
        "\" TATA\" asks for a tata"
    );
}

#[test]
fn the_open_factory_refuses_a_kind_twice_and_keeps_the_first() {
    let mut factory = CarFactory::with_seed_cars();
    assert_eq!(
        factory.register(" Tata", || Box::new(Ambassador)),
        Err(AlreadyRegistered {
            kind: "tata".into()
        }),
        "tata is registered already (names ignore case and spaces)"
    );
    let message = AlreadyRegistered {
        kind: "tata".into(),
    }
    .to_string();
    assert!(
        message.contains("\"tata\"") && message.contains("registered"),
        "the message should quote the kind and say it is registered already: {message}"
    );
    let car = factory.make("tata").expect("tata is a seed kind");
    assert_eq!(
        car.model(),
        "Nexon",
        "the first maker registered for tata stays"
    );
}

#[test]
fn the_open_factory_lists_what_it_knows_when_asked_for_something_else() {
    let empty = CarFactory::new();
    let error = empty
        .make("tata")
        .err()
        .expect("an empty factory makes nothing");
    assert_eq!(
        error,
        UnknownKind {
            asked: "tata".into(),
            valid: vec![]
        },
        "a factory that knows no kinds lists none, not the seed's"
    );
    let message = error.to_string();
    assert!(
        message.contains("\"tata\""),
        "the message should quote the kind asked for: {message}"
    );

    let mut factory = CarFactory::new();
    factory
        .register("ambassador", || Box::new(Ambassador))
        .expect("a new kind");
    let error = factory
        .make("fiat")
        .err()
        .expect("fiat was never registered");
    assert_eq!(error.valid, ["ambassador"], "the kinds this factory knows");
    assert!(
        error.to_string().contains("ambassador"),
        "the message should list the kinds: {error}"
    );
}

#[test]
fn a_match_that_leaves_a_kind_out_does_not_compile() {
    assert_does_not_compile("a_kind_left_out_of_a_match");
}

proptest! {
    #![proptest_config(proptest_config(500))]

    #[test]
    fn any_text_makes_a_car_or_an_error_listing_the_kinds_never_a_panic(asked in "\\PC{0,12}|(?i) ?(tata|ford|mahindra) ?") {
        let wanted = asked.trim().to_lowercase();
        match make_car(&asked) {
            Ok(car) => prop_assert!(
                seed_kind_names().contains(&wanted) && car.brand().to_lowercase() == wanted,
                "{asked:?} made a {}", car.describe()
            ),
            Err(error) => {
                prop_assert!(!seed_kind_names().contains(&wanted), "{asked:?} names a kind, yet: {error}");
                prop_assert_eq!(
                    error,
                    UnknownKind { asked: asked.clone(), valid: seed_kind_names() },
                    "the error keeps {:?} as asked and lists every kind in CarKind::ALL",
                    asked
                );
            }
        }
        let from_registry = CarFactory::with_seed_cars().make(&asked).map(|car| car.describe());
        let from_enum = make_car(&asked).map(|car| car.describe());
        prop_assert_eq!(from_registry.is_ok(), from_enum.is_ok(), "both factories agree on {:?}", asked);
        if let (Ok(a), Ok(b)) = (from_registry, from_enum) {
            prop_assert_eq!(a, b, "both factories make the same car for {:?}", asked);

        }
    }
}
