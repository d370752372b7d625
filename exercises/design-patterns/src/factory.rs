//! Exercise: Factory.
//!
//! The seed's factory hands out a car for a kind given as a string. Two Rust forms:
//! a closed set of kinds as an enum, parsed once at the edge, with a factory that
//! cannot fail ([`make`]); and an open set, a registry of makers that code outside
//! this file can extend ([`CarFactory`]). Either way an unknown kind is an error
//! that lists the valid ones, never a panic.
//! Read "Factory" in `notes/design-patterns.md`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// What every car the factories make can do.
pub trait Car {
    fn brand(&self) -> &str;
    fn model(&self) -> &str;
    fn seats(&self) -> u8;

    /// `"<brand> <model>, <seats> seats"`.
    fn describe(&self) -> String {
        format!("{} {}, {} seats", self.brand(), self.model(), self.seats())
    }
}

pub struct Tata;
pub struct Ford;
pub struct Mahindra;

impl Car for Tata {
    fn brand(&self) -> &str {
        "Tata"
    }
    fn model(&self) -> &str {
        "Nexon"
    }
    fn seats(&self) -> u8 {
        5
    }
}

impl Car for Ford {
    fn brand(&self) -> &str {
        "Ford"
    }
    fn model(&self) -> &str {
        "EcoSport"
    }
    fn seats(&self) -> u8 {
        5
    }
}

impl Car for Mahindra {
    fn brand(&self) -> &str {
        "Mahindra"
    }
    fn model(&self) -> &str {
        "Thar"
    }
    fn seats(&self) -> u8 {
        4
    }
}

/// A kind of car nobody makes here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind {
    /// The kind as it was asked for.
    pub asked: String,
    /// Every kind that could have been asked for, in the factory's order.
    pub valid: Vec<String>,
}

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!("quote the kind asked for, then list the valid kinds (or say there are none)")
    }
}

impl std::error::Error for UnknownKind {}

/// The kinds the closed factory knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarKind {
    Tata,
    Ford,
    Mahindra,
}

impl CarKind {
    /// Every kind, in the order error messages list them.
    pub const ALL: [CarKind; 3] = [CarKind::Tata, CarKind::Ford, CarKind::Mahindra];

    /// The kind's name as written in requests: `"tata"`, `"ford"`, `"mahindra"`.
    pub fn name(self) -> &'static str {
        todo!()
    }
}

impl FromStr for CarKind {
    type Err = UnknownKind;

    /// Ignores case and the spaces around the name.
    fn from_str(asked: &str) -> Result<CarKind, UnknownKind> {
        todo!(
            "find the kind in CarKind::ALL whose name matches; otherwise an UnknownKind listing them all"
        )
    }
}

/// The closed factory: every kind has a car, which the compiler makes sure of.
pub fn make(kind: CarKind) -> Box<dyn Car> {
    todo!("one arm per kind: the compiler checks none is forgotten")
}

/// The seed's `getObject(carType)`: parse the kind, then make it.
pub fn make_car(kind: &str) -> Result<Box<dyn Car>, UnknownKind> {
    todo!()
}

/// A kind that is already registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadyRegistered {
    pub kind: String,
}

impl fmt::Display for AlreadyRegistered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}

impl std::error::Error for AlreadyRegistered {}

/// Makes one kind of car.
type Maker = Box<dyn Fn() -> Box<dyn Car>>;

/// The open factory: kinds are registered at run time, each with a closure that
/// makes its car.
#[derive(Default)]
pub struct CarFactory {
    makers: BTreeMap<String, Maker>,
}

impl CarFactory {
    /// A factory that knows no kinds.
    pub fn new() -> Self {
        todo!()
    }

    /// A factory that knows the seed's kinds, made by [`make`].
    pub fn with_seed_cars() -> Self {
        todo!("register each kind in CarKind::ALL with a closure that calls make")
    }

    /// Teaches the factory a kind. Names ignore case and surrounding spaces.
    pub fn register(
        &mut self,
        kind: &str,
        maker: impl Fn() -> Box<dyn Car> + 'static,
    ) -> Result<(), AlreadyRegistered> {
        todo!("normalise the name; refuse it if it is taken, otherwise box and keep the maker")
    }

    /// A new car of `kind`, or an error listing the kinds registered.
    pub fn make(&self, kind: &str) -> Result<Box<dyn Car>, UnknownKind> {
        todo!()
    }

    /// The registered kinds, in alphabetical order.
    pub fn kinds(&self) -> Vec<&str> {
        todo!()
    }
}

/// A kind as the factories compare it: trimmed and in lower case.
fn normalise(kind: &str) -> String {
    todo!()
}
