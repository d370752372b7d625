//! Exercise: open/closed, as a refactoring.
//!
//! This file is the seed's area calculator, and it works: a closed enum of the shapes
//! it knows, and every function holds a `match` with every formula. A new shape
//! means editing the enum and every `match`, code that already works. A check brings
//! a hexagon of its own, written after the calculator, and the calculator cannot
//! take it.
//!
//! Introduce the trait the checks implement, with this exact signature:
//!
//! ```text
//! pub trait Shape {
//!     /// What to call it in a report: "circle", "square".
//!     fn name(&self) -> &str;
//!     fn area(&self) -> f64;
//! }
//! ```
//!
//! Move each formula into its shape's `impl Shape`, and make the functions take
//! `&[&dyn Shape]` (and `largest` return `Option<&'a dyn Shape>`), calling nothing
//! but the trait. The enum then has nothing left to do.
//!
//! Read "Open/closed" in `notes/solid.md`.

use std::f64::consts::PI;
use std::fmt::Write;

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

/// Every shape the calculator knows. A new shape is a new variant, and an edit to
/// every `match` below.
pub enum AnyShape {
    Circle(Circle),
    Square(Square),
    Rectangle(Rectangle),
    Triangle(Triangle),
}

/// What to call a shape in a report.
fn name(shape: &AnyShape) -> &'static str {
    match shape {
        AnyShape::Circle(_) => "circle",
        AnyShape::Square(_) => "square",
        AnyShape::Rectangle(_) => "rectangle",
        AnyShape::Triangle(_) => "triangle",
    }
}

/// The seed's `calculateArea`: it asks the shape what it is and knows every formula.
pub fn calculate_area(shape: &AnyShape) -> f64 {
    match shape {
        AnyShape::Circle(circle) => PI * circle.radius * circle.radius,
        AnyShape::Square(square) => square.side * square.side,
        AnyShape::Rectangle(rectangle) => rectangle.width * rectangle.height,
        AnyShape::Triangle(triangle) => {
            // Heron's formula, from the half-perimeter.
            let [a, b, c] = triangle.sides;
            let s = (a + b + c) / 2.0;
            (s * (s - a) * (s - b) * (s - c)).sqrt()
        }
    }
}

/// The sum of the areas.
pub fn total_area(shapes: &[AnyShape]) -> f64 {
    shapes.iter().map(calculate_area).sum()
}

/// The shape with the largest area; the first of equals; `None` for no shapes.
pub fn largest(shapes: &[AnyShape]) -> Option<&AnyShape> {
    shapes.iter().reduce(|best, shape| {
        if calculate_area(shape) > calculate_area(best) {
            shape
        } else {
            best
        }
    })
}

/// One line per shape, `<name>: <area>`, then `total: <sum>`, every area with two
/// decimals and every line ending in a newline.
pub fn area_report(shapes: &[AnyShape]) -> String {
    let mut report = String::new();
    for shape in shapes {
        let _ = writeln!(report, "{}: {:.2}", name(shape), calculate_area(shape));
    }
    let _ = writeln!(report, "total: {:.2}", total_area(shapes));
    report
}
