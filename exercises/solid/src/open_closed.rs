//! Exercise: open/closed.
//!
//! The seed's area calculator asked each shape its type and knew every formula, so
//! a new shape meant editing the calculator. Here every shape answers for its own
//! area through the [`Shape`] trait, and the functions below work over any shape,
//! including ones written after them: a check brings a shape of its own.
//!
//! Read "Open/closed" in `notes/solid.md`.

use std::f64::consts::PI;
use std::fmt::Write;

/// Anything with a name and an area.
pub trait Shape {
    /// What to call it in a report: "circle", "square".
    fn name(&self) -> &str;
    fn area(&self) -> f64;
}

pub struct Circle {
    pub radius: f64,
}

pub struct Square {
    pub side: f64,
}

pub struct Rectangle {
    pub width: f64,
    pub height: f64,
}

/// A triangle given by the lengths of its three sides.
pub struct Triangle {
    pub sides: [f64; 3],
}

impl Shape for Circle {
    fn name(&self) -> &str {
        "circle"
    }
    fn area(&self) -> f64 {
        todo!()
    }
}

impl Shape for Square {
    fn name(&self) -> &str {
        "square"
    }
    fn area(&self) -> f64 {
        todo!()
    }
}

impl Shape for Rectangle {
    fn name(&self) -> &str {
        "rectangle"
    }
    fn area(&self) -> f64 {
        todo!()
    }
}

impl Shape for Triangle {
    fn name(&self) -> &str {
        "triangle"
    }
    /// Heron's formula, from the half-perimeter.
    fn area(&self) -> f64 {
        todo!()
    }
}

/// The sum of the areas.
pub fn total_area(shapes: &[&dyn Shape]) -> f64 {
    todo!()
}

/// The shape with the largest area; the first of equals; `None` for no shapes.
pub fn largest<'a>(shapes: &[&'a dyn Shape]) -> Option<&'a dyn Shape> {
    todo!("keep the first of equal areas")
}

/// One line per shape, `<name>: <area>`, then `total: <sum>`, every area with two
/// decimals and every line ending in a newline.
pub fn area_report(shapes: &[&dyn Shape]) -> String {
    todo!("`writeln!` into a String, two decimals: `{{:.2}}`")
}
