//! Exercise: open/closed, as a refactoring.
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
        PI * self.radius * self.radius
    }
}

impl Shape for Square {
    fn name(&self) -> &str {
        "square"
    }
    fn area(&self) -> f64 {
        self.side * self.side
    }
}

impl Shape for Rectangle {
    fn name(&self) -> &str {
        "rectangle"
    }
    fn area(&self) -> f64 {
        self.width * self.height
    }
}

impl Shape for Triangle {
    fn name(&self) -> &str {
        "triangle"
    }
    /// Heron's formula, from the half-perimeter.
    fn area(&self) -> f64 {
        let [a, b, c] = self.sides;
        let s = (a + b + c) / 2.0;
        (s * (s - a) * (s - b) * (s - c)).sqrt()
    }
}

/// The sum of the areas.
pub fn total_area(shapes: &[&dyn Shape]) -> f64 {
    shapes.iter().map(|shape| shape.area()).sum()
}

/// The shape with the largest area; the first of equals; `None` for no shapes.
pub fn largest<'a>(shapes: &[&'a dyn Shape]) -> Option<&'a dyn Shape> {
    shapes.iter().copied().reduce(|best, shape| {
        if shape.area() > best.area() {
            shape
        } else {
            best
        }
    })
}

/// One line per shape, `<name>: <area>`, then `total: <sum>`, every area with two
/// decimals and every line ending in a newline.
pub fn area_report(shapes: &[&dyn Shape]) -> String {
    let mut report = String::new();
    for shape in shapes {
        let _ = writeln!(report, "{}: {:.2}", shape.name(), shape.area());
    }
    let _ = writeln!(report, "total: {:.2}", total_area(shapes));
    report
}
