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
    range_km
        .checked_sub(needs_km)
        .ok_or(CannotDrive::OutOfRange { needs_km, range_km })
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
        let needs_km = match terrain {
            Terrain::Paved => km,
            Terrain::OffRoad => km.saturating_mul(2),
        };
        self.fuel_km = use_range(self.fuel_km, needs_km)?;
        Ok(())
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
    fn drive(&mut self, km: u32, _terrain: Terrain) -> Result<(), CannotDrive> {
        self.fuel_km = use_range(self.fuel_km, km)?;
        Ok(())
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
        write!(f, "no car kind {:?}; ", self.asked)?;
        if self.valid.is_empty() {
            write!(f, "no kinds are registered yet")
        } else {
            write!(f, "the kinds are: {}", self.valid.join(", "))
        }
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
        match self {
            CarKind::Tata => "tata",
            CarKind::Ford => "ford",
            CarKind::Mahindra => "mahindra",
        }
    }
}

impl FromStr for CarKind {
    type Err = UnknownKind;

    /// Ignores case and the spaces around the name.
    fn from_str(asked: &str) -> Result<CarKind, UnknownKind> {
        let wanted = normalise(asked);
        CarKind::ALL
            .into_iter()
            .find(|kind| kind.name() == wanted)
            .ok_or_else(|| UnknownKind {
                asked: asked.to_owned(),
                valid: CarKind::ALL.map(|kind| kind.name().to_owned()).into(),
            })
    }
}

/// The closed factory: every kind has a car, which the compiler makes sure of.
pub fn make(kind: CarKind) -> Box<dyn Car> {
    match kind {
        CarKind::Tata => Box::new(Tata::new()),
        CarKind::Ford => Box::new(Ford::new()),
        CarKind::Mahindra => Box::new(Mahindra::new()),
    }
}

/// The seed's `getObject(carType)`: parse the kind, then make it.
pub fn make_car(kind: &str) -> Result<Box<dyn Car>, UnknownKind> {
    Ok(make(kind.parse()?))
}

/// A kind that is already registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadyRegistered {
    pub kind: String,
}

impl fmt::Display for AlreadyRegistered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "car kind {:?} is already registered", self.kind)
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
        Self::default()
    }

    /// A factory that knows the seed's kinds, made by [`make`].
    pub fn with_seed_cars() -> Self {
        let mut factory = Self::new();
        for kind in CarKind::ALL {
            factory
                .register(kind.name(), move || make(kind))
                .expect("CarKind::ALL names each kind once");
        }
        factory
    }

    /// Teaches the factory a kind. Names ignore case and surrounding spaces.
    pub fn register(
        &mut self,
        kind: &str,
        maker: impl Fn() -> Box<dyn Car> + 'static,
    ) -> Result<(), AlreadyRegistered> {
        let kind = normalise(kind);
        if self.makers.contains_key(&kind) {
            return Err(AlreadyRegistered { kind });
        }
        self.makers.insert(kind, Box::new(maker));
        Ok(())
    }

    /// A new car of `kind`, or an error listing the kinds registered.
    pub fn make(&self, kind: &str) -> Result<Box<dyn Car>, UnknownKind> {
        match self.makers.get(&normalise(kind)) {
            Some(maker) => Ok(maker()),
            None => Err(UnknownKind {
                asked: kind.to_owned(),
                valid: self.makers.keys().cloned().collect(),
            }),
        }
    }

    /// The registered kinds, in alphabetical order.
    pub fn kinds(&self) -> Vec<&str> {
        self.makers.keys().map(String::as_str).collect()
    }
}

/// A kind as the factories compare it: trimmed and in lower case.
fn normalise(kind: &str) -> String {
    kind.trim().to_lowercase()
}
