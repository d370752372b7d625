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

/// What every car the factories make can do. The kinds differ in how they drive,
/// not only in their names: that is what earns each its own type.
pub trait Car {
    fn brand(&self) -> &str;
    fn model(&self) -> &str;
    fn seats(&self) -> u8;

    /// How far it can still go on a paved road, in km.
    fn range_km(&self) -> u32;

    /// Drives `km` over `terrain`, using up range; a trip it cannot make is
    /// refused, and the car has not moved.
    fn drive(&mut self, km: u32, terrain: Terrain) -> Result<(), CannotDrive>;

    /// `"<brand> <model>, <seats> seats"`.
    fn describe(&self) -> String {
        format!("{} {}, {} seats", self.brand(), self.model(), self.seats())
    }
}

/// Where a trip goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terrain {
    Paved,
    OffRoad,
}

/// Why a car will not make a trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CannotDrive {
    /// This car stays on paved roads.
    NotOffRoad,
    /// The trip takes more range than is left.
    OutOfRange { needs_km: u32, range_km: u32 },
}

/// The range left after a trip that takes `needs_km` of it, or the refusal.
fn use_range(range_km: u32, needs_km: u32) -> Result<u32, CannotDrive> {
    todo!("what is left after `needs_km`, or OutOfRange")
}

/// Tata's Nexon, the electric one: a 30 kWh battery at 100 Wh a km, and it stays
/// on paved roads (its battery is slung under the floor).
pub struct Tata {
    charge_wh: u32,
}

/// Ford's EcoSport, on petrol: 600 km on a full tank; off-road, each km burns
/// the fuel of two.
pub struct Ford {
    fuel_km: u32,
}

/// Mahindra's Thar, a four-wheel drive: 500 km on a full tank, and off-road costs
/// it no more than the road.
pub struct Mahindra {
    fuel_km: u32,
}

impl Tata {
    /// The battery holds 30 kWh.
    pub const BATTERY_WH: u32 = 30_000;
    /// What a km takes from it.
    pub const WH_PER_KM: u32 = 100;

    /// Fully charged.
    pub fn new() -> Tata {
        Tata {
            charge_wh: Self::BATTERY_WH,
        }
    }
}

impl Ford {
    /// Filled up.
    pub fn new() -> Ford {
        Ford { fuel_km: 600 }
    }
}

impl Mahindra {
    /// Filled up.
    pub fn new() -> Mahindra {
        Mahindra { fuel_km: 500 }
    }
}

impl Default for Tata {
    fn default() -> Self {
        Self::new()
    }
}

impl Default for Ford {
    fn default() -> Self {
        Self::new()
    }
}

impl Default for Mahindra {
    fn default() -> Self {
        Self::new()
    }
}

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
    fn range_km(&self) -> u32 {
        self.charge_wh / Self::WH_PER_KM
    }
    fn drive(&mut self, km: u32, terrain: Terrain) -> Result<(), CannotDrive> {
        if terrain == Terrain::OffRoad {
            return Err(CannotDrive::NotOffRoad);
        }
        use_range(self.range_km(), km)?;
        self.charge_wh -= km * Self::WH_PER_KM;
        Ok(())
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
    fn range_km(&self) -> u32 {
        self.fuel_km
    }
    fn drive(&mut self, km: u32, terrain: Terrain) -> Result<(), CannotDrive> {
        todo!("off-road, each km uses two of range; refuse, without moving, a trip past the range")
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
    fn range_km(&self) -> u32 {
        self.fuel_km
    }
    fn drive(&mut self, km: u32, terrain: Terrain) -> Result<(), CannotDrive> {
        todo!(
            "every km uses one of range, on any terrain; refuse, without moving, a trip past the range"
        )
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
