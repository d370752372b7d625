//! Checks for `exercises/solid/src/open_closed.rs`.

use std::f64::consts::PI;

use solid::open_closed::{
    Circle, Rectangle, Shape, Square, Triangle, area_report, largest, total_area,
};

/// A shape of the checks' own, written after the calculator: it must work unchanged.
struct Hexagon {
    side: f64,
}

impl Shape for Hexagon {
    fn name(&self) -> &str {
        "hexagon"
    }
    fn area(&self) -> f64 {
        3.0 * 3f64.sqrt() / 2.0 * self.side * self.side
    }
}

fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{what}: got {actual}, expected {expected}"
    );
}

#[test]
fn each_shape_knows_its_own_area() {
    assert_close(
        Circle { radius: 2.0 }.area(),
        4.0 * PI,
        "a circle of radius 2",
    );
    assert_close(Square { side: 3.0 }.area(), 9.0, "a square of side 3");
    let rectangle = Rectangle {
        width: 2.0,
        height: 5.0,
    };
    assert_close(rectangle.area(), 10.0, "a 2 by 5 rectangle");
    let triangle = Triangle {
        sides: [3.0, 4.0, 5.0],
    };
    assert_close(triangle.area(), 6.0, "a 3-4-5 triangle (Heron's formula)");
    let scalene = Triangle {
        sides: [5.0, 12.0, 13.0],
    };
    assert_close(scalene.area(), 30.0, "a 5-12-13 triangle");
    let equilateral = Triangle {
        sides: [2.0, 2.0, 2.0],
    };
    assert_close(
        equilateral.area(),
        3f64.sqrt(),
        "an equilateral triangle of side 2",
    );
    let names: Vec<&str> = [
        &Circle { radius: 1.0 } as &dyn Shape,
        &Square { side: 1.0 },
        &rectangle,
        &triangle,
    ]
    .iter()
    .map(|shape| shape.name())
    .collect();
    assert_eq!(
        names,
        ["circle", "square", "rectangle", "triangle"],
        "each shape's name in a report"
    );
}

#[test]
fn the_total_counts_a_shape_the_calculator_has_never_seen() {
    let hexagon = Hexagon { side: 2.0 };
    let shapes: [&dyn Shape; 3] = [&Square { side: 3.0 }, &hexagon, &Circle { radius: 1.0 }];
    assert_close(
        total_area(&shapes),
        9.0 + 6.0 * 3f64.sqrt() + PI,
        "a square of side 3, the checks' hexagon of side 2 and a unit circle",
    );
    assert_close(total_area(&[]), 0.0, "no shapes");
}

#[test]
fn the_largest_may_be_a_shape_the_calculator_has_never_seen() {
    let hexagon = Hexagon { side: 2.0 };
    let shapes: [&dyn Shape; 3] = [&Square { side: 3.0 }, &hexagon, &Circle { radius: 1.0 }];
    assert_eq!(
        largest(&shapes).map(|shape| shape.name()),
        Some("hexagon"),
        "the hexagon's 10.39 beats the square's 9"
    );
    let equal: [&dyn Shape; 2] = [
        &Square { side: 2.0 },
        &Rectangle {
            width: 1.0,
            height: 4.0,
        },
    ];
    assert_eq!(
        largest(&equal).map(|shape| shape.name()),
        Some("square"),
        "a square of side 2 and a 1 by 4 rectangle have equal areas; the first of equals, \
         the square, counts as the largest"
    );
    assert!(largest(&[]).is_none(), "no shapes, no largest");
}

#[test]
fn the_report_lists_every_shape_then_the_total() {
    let hexagon = Hexagon { side: 1.0 };
    let shapes: [&dyn Shape; 3] = [
        &Circle { radius: 1.0 },
        &hexagon,
        &Triangle {
            sides: [3.0, 4.0, 5.0],
        },
    ];
    assert_eq!(
        area_report(&shapes),
        "circle: 3.14\nhexagon: 2.60\ntriangle: 6.00\ntotal: 11.74\n",
        "one line per shape, `<name>: <area>`, then the total, each with two decimals and \
         a newline"
    );
}

#[test]
fn the_reports_total_is_the_exact_sum_rounded_once() {
    let hexagons = [
        Hexagon { side: 1.0 },
        Hexagon { side: 1.0 },
        Hexagon { side: 1.0 },
    ];
    let shapes: Vec<&dyn Shape> = hexagons.iter().map(|h| h as &dyn Shape).collect();
    assert_eq!(
        area_report(&shapes),
        "hexagon: 2.60\nhexagon: 2.60\nhexagon: 2.60\ntotal: 7.79\n",
        "three hexagons of 2.598 each make 7.794, shown as 7.79; adding the rounded 2.60s \
         would show 7.80"
    );
}
