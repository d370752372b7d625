//! Solid. The concepts are in `notes/solid.md`.

pub mod capstone;
pub mod dependency_inversion;
pub mod interface_segregation;
pub mod liskov;
pub mod open_closed;
pub mod single_responsibility;
