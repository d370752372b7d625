//! Design patterns. The concepts are in `notes/design-patterns.md`.

pub mod abstract_factory;
pub mod adapter;
pub mod builder;
pub mod chain_of_responsibility;
pub mod decorator;
pub mod factory;
pub mod observer;
pub mod proxy;
pub mod singleton;
pub mod state;
pub mod strategy;
