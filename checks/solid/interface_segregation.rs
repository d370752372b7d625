//! Checks for `exercises/solid/src/interface_segregation.rs`.

mod support;

use solid::interface_segregation::{
    Document, Fax, FaxError, FlatbedScanner, OfficeMachine, PrintError, Printer, Scanner,
    SimplePrinter, copy, copy_on, print_all,
};
use support::assert_does_not_compile;

/// A printer of the checks' own that implements printing and nothing else, as a
/// till's receipt printer would. It must fit wherever printing is all that is asked.
#[derive(Default)]
struct ReceiptPrinter {
    lines: Vec<String>,
}

impl Printer for ReceiptPrinter {
    fn print(&mut self, document: &Document) -> Result<(), PrintError> {
        self.lines.push(format!(
            "{}: {} page(s)",
            document.title,
            document.pages.len()
        ));
        Ok(())
    }
}

fn document(title: &str, pages: &[&str]) -> Document {
    Document {
        title: title.to_string(),
        pages: pages.iter().map(|page| page.to_string()).collect(),
    }
}

#[test]
fn a_simple_printer_prints_while_it_has_paper_and_then_prints_nothing() {
    let mut printer = SimplePrinter::with_paper(3);
    printer
        .print(&document("memo", &["one", "two"]))
        .expect("two pages on three sheets");
    assert_eq!(printer.paper_left(), 1);
    assert_eq!(
        printer.print(&document("report", &["a", "b"])),
        Err(PrintError::OutOfPaper { needed: 2, left: 1 }),
        "two pages do not fit on one sheet"
    );
    assert_eq!(
        printer.printed(),
        ["one", "two"],
        "nothing of the report came out"
    );
    assert_eq!(printer.paper_left(), 1, "no sheet was used for it");
}

#[test]
fn printing_everything_works_with_any_printer_even_one_that_only_prints() {
    let documents = [document("a", &["1"]), document("b", &["2", "3"])];
    let mut receipts = ReceiptPrinter::default();
    assert_eq!(print_all(&mut receipts, &documents), Ok(2));
    assert_eq!(receipts.lines, ["a: 1 page(s)", "b: 2 page(s)"]);

    let mut printer = SimplePrinter::with_paper(2);
    assert_eq!(
        print_all(&mut printer, &documents),
        Err(PrintError::OutOfPaper { needed: 2, left: 1 }),
        "the second document does not fit, and printing stops there"
    );
    assert_eq!(printer.printed(), ["1"]);
}

#[test]
fn a_copy_scans_on_one_device_and_prints_on_another() {
    let mut printer = ReceiptPrinter::default();
    let copied = copy(&mut FlatbedScanner, &mut printer, &["page one", "page two"])
        .expect("a receipt printer never runs out");
    assert_eq!(copied, document("copy", &["page one", "page two"]));
    assert_eq!(printer.lines, ["copy: 2 page(s)"]);
}

#[test]
fn the_office_machine_copies_on_its_own_and_faxes() {
    let mut machine = OfficeMachine::with_paper(5);
    copy_on(&mut machine, &["x", "y"]).expect("two pages on five sheets");
    assert_eq!(machine.printed(), ["x", "y"]);
    let scanned = machine.scan("contract", &["p1"]);
    assert_eq!(scanned, document("contract", &["p1"]));
    machine.fax("+4420794600", &scanned).expect("a good number");
    assert_eq!(
        machine.fax("020-7946", &scanned),
        Err(FaxError::BadNumber("020-7946".into()))
    );
    assert_eq!(
        machine.fax("+", &scanned),
        Err(FaxError::BadNumber("+".into()))
    );
    assert_eq!(
        machine.faxed(),
        [("+4420794600".to_string(), scanned)],
        "only the fax to a good number was sent"
    );
}

#[test]
fn a_simple_printer_cannot_be_asked_to_fax() {
    // The seed's simple printer implemented `fax` with a body that did nothing, so a
    // caller could fax from it and believe it worked.
    assert_does_not_compile("simple_printer_cannot_fax");
}
