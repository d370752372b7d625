//! Exercise: Builder.
//!
//! The seed's vehicle, built two ways. [`VehicleBuilder`] is the classic builder:
//! set what you like in any order, and `build()` checks at run time that the model
//! and the engine were given. [`VehicleOrder`] is the typestate builder: the same
//! parts, but `build()` does not exist until both required parts are set, so the
//! mistake the first builder reports at run time does not compile.
//! Read "Builder" in `notes/design-patterns.md`.

use std::fmt;

/// What drives the vehicle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Petrol,
    Diesel,
    Electric,
}

/// A part a vehicle cannot be built without.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Model,
    Engine,
}

/// Why a vehicle could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// A required part was never set.
    Missing(Part),
    /// The number of air bags is outside 2 to 10.
    AirBags(u8),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Missing(Part::Model) => {
                write!(
                    f,
                    "a vehicle needs a model: call .model(..) before .build()"
                )
            }
            BuildError::Missing(Part::Engine) => {
                write!(
                    f,
                    "a vehicle needs an engine: call .engine(..) before .build()"
                )
            }
            BuildError::AirBags(count) => write!(
                f,
                "{count} air bags: a vehicle has from {} to {}",
                AirBags::MIN,
                AirBags::MAX
            ),
        }
    }
}

impl std::error::Error for BuildError {}

/// A number of air bags that is known to be allowed: from 2 (the front pair) to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AirBags(u8);

impl AirBags {
    pub const MIN: u8 = 2;
    pub const MAX: u8 = 10;

    /// `count` air bags, or [`BuildError::AirBags`] if that is not allowed.
    pub fn new(count: u8) -> Result<AirBags, BuildError> {
        if (Self::MIN..=Self::MAX).contains(&count) {
            Ok(AirBags(count))
        } else {
            Err(BuildError::AirBags(count))
        }
    }

    pub fn count(self) -> u8 {
        self.0
    }
}

impl Default for AirBags {
    fn default() -> Self {
        AirBags(Self::MIN)
    }
}

/// A built vehicle. Its fields are private: the only way to get one is a builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vehicle {
    model: String,
    engine: Engine,
    roof_top: bool,
    air_bags: AirBags,
    ac: bool,
}

impl Vehicle {
    /// A builder with the defaults: no roof top, 2 air bags, no air conditioning.
    pub fn builder() -> VehicleBuilder {
        VehicleBuilder::default()
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn has_roof_top(&self) -> bool {
        self.roof_top
    }

    pub fn air_bags(&self) -> u8 {
        self.air_bags.count()
    }

    pub fn has_ac(&self) -> bool {
        self.ac
    }
}

/// The seed's builder: every part is optional until `build()` checks.
#[derive(Debug, Clone, Default)]
pub struct VehicleBuilder {
    model: Option<String>,
    engine: Option<Engine>,
    roof_top: bool,
    air_bags: Option<u8>,
    ac: bool,
}

impl VehicleBuilder {
    pub fn model(mut self, model: impl Into<String>) -> Self {
        self.model = Some(model.into());
        self
    }

    pub fn engine(mut self, engine: Engine) -> Self {
        self.engine = Some(engine);
        self
    }

    pub fn roof_top(mut self, roof_top: bool) -> Self {
        self.roof_top = roof_top;
        self
    }

    pub fn air_bags(mut self, count: u8) -> Self {
        self.air_bags = Some(count);
        self
    }

    pub fn ac(mut self, ac: bool) -> Self {
        self.ac = ac;
        self
    }

    /// The vehicle, or the first thing wrong with it: a missing model, then a missing
    /// engine, then the number of air bags.
    pub fn build(self) -> Result<Vehicle, BuildError> {
        let model = self.model.ok_or(BuildError::Missing(Part::Model))?;
        let engine = self.engine.ok_or(BuildError::Missing(Part::Engine))?;
        let air_bags = self.air_bags.map_or(Ok(AirBags::default()), AirBags::new)?;
        Ok(Vehicle {
            model,
            engine,
            roof_top: self.roof_top,
            air_bags,
            ac: self.ac,
        })
    }
}

/// The state of a required part that has not been set yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unset;

/// The state of an order whose model is set.
#[derive(Debug, Clone)]
pub struct Model(String);

/// The typestate builder. `M` is [`Unset`] or [`Model`], `E` is [`Unset`] or
/// [`Engine`]; only a `VehicleOrder<Model, Engine>` can `build()`.
#[derive(Debug, Clone)]
pub struct VehicleOrder<M, E> {
    model: M,
    engine: E,
    roof_top: bool,
    air_bags: AirBags,
    ac: bool,
}

impl VehicleOrder<Unset, Unset> {
    /// An order with no model and no engine, and the defaults for the rest.
    pub fn new() -> Self {
        VehicleOrder {
            model: Unset,
            engine: Unset,
            roof_top: false,
            air_bags: AirBags::default(),
            ac: false,
        }
    }
}

impl Default for VehicleOrder<Unset, Unset> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> VehicleOrder<Unset, E> {
    /// Sets the model; an order's model can be set only once.
    pub fn model(self, model: impl Into<String>) -> VehicleOrder<Model, E> {
        VehicleOrder {
            model: Model(model.into()),
            engine: self.engine,
            roof_top: self.roof_top,
            air_bags: self.air_bags,
            ac: self.ac,
        }
    }
}

impl<M> VehicleOrder<M, Unset> {
    /// Sets the engine; an order's engine can be set only once.
    pub fn engine(self, engine: Engine) -> VehicleOrder<M, Engine> {
        VehicleOrder {
            model: self.model,
            engine,
            roof_top: self.roof_top,
            air_bags: self.air_bags,
            ac: self.ac,
        }
    }
}

impl<M, E> VehicleOrder<M, E> {
    pub fn roof_top(mut self, roof_top: bool) -> Self {
        self.roof_top = roof_top;
        self
    }

    /// Takes an [`AirBags`], so the count was checked before it got here.
    pub fn air_bags(mut self, air_bags: AirBags) -> Self {
        self.air_bags = air_bags;
        self
    }

    pub fn ac(mut self, ac: bool) -> Self {
        self.ac = ac;
        self
    }
}

impl VehicleOrder<Model, Engine> {
    /// The vehicle. Nothing can be missing or out of range here, so nothing can fail.
    pub fn build(self) -> Vehicle {
        Vehicle {
            model: self.model.0,
            engine: self.engine,
            roof_top: self.roof_top,
            air_bags: self.air_bags,
            ac: self.ac,
        }
    }
}
