//! Checks for `exercises/solid/src/interface_segregation.rs`.

mod support;

use solid::interface_segregation::{
    Document, Fax, FaxError, FlatbedScanner, OfficeMachine, PrintError, Printer, Scanner,
    SimplePrinter, copy, copy_on, print_all,
};
use support::{assert_compiles, assert_does_not_compile, implements};

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

/// The capability traits `$device` implements, by name.
macro_rules! capabilities {
    ($device:ty) => {
        [
            ("Printer", implements!($device: Printer)),
            ("Scanner", implements!($device: Scanner)),
            ("Fax", implements!($device: Fax)),
        ]
        .into_iter()
        .filter_map(|(name, has)| has.then_some(name))
        .collect::<Vec<_>>()
    };
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
    assert_eq!(
        printer.paper_left(),
        1,
        "two pages printed from a tray of three sheets"
    );
    assert_eq!(
        printer.print(&document("report", &["a", "b"])),
        Err(PrintError::OutOfPaper { needed: 2, left: 1 }),
        "two pages do not fit on the one sheet left, so the report is refused before any \
         of it is printed"
    );
    assert_eq!(
        printer.printed(),
        ["one", "two"],
        "nothing of the report came out"
    );
    assert_eq!(printer.paper_left(), 1, "no sheet was used for it");
    printer
        .print(&document("note", &["last"]))
        .expect("a one-page note fits exactly on the last sheet");
    assert_eq!(
        printer.printed(),
        ["one", "two", "last"],
        "the note came out"
    );
    assert_eq!(printer.paper_left(), 0, "the note took the last sheet");
}

#[test]
fn printing_everything_works_with_any_printer_even_one_that_only_prints() {
    let documents = [document("a", &["1"]), document("b", &["2", "3"])];
    let mut receipts = ReceiptPrinter::default();
    assert_eq!(
        print_all(&mut receipts, &documents),
        Ok(2),
        "both documents printed on the checks' receipt printer"
    );
    assert_eq!(
        receipts.lines,
        ["a: 1 page(s)", "b: 2 page(s)"],
        "the receipt printer was handed each document once, in order"
    );

    let mut printer = SimplePrinter::with_paper(2);
    assert_eq!(
        print_all(&mut printer, &documents),
        Err(PrintError::OutOfPaper { needed: 2, left: 1 }),
        "the second document does not fit, and printing stops there"
    );
    assert_eq!(printer.printed(), ["1"], "only the first document came out");
}

#[test]
fn a_copy_scans_on_one_device_and_prints_on_another() {
    let mut printer = ReceiptPrinter::default();
    let copied = copy(&mut FlatbedScanner, &mut printer, &["page one", "page two"])
        .expect("a receipt printer never runs out");
    assert_eq!(
        copied,
        document("copy", &["page one", "page two"]),
        "a copy is the scanned sheets, titled `copy`"
    );
    assert_eq!(
        printer.lines,
        ["copy: 2 page(s)"],
        "the copy was printed once on the printer handed in"
    );
}

#[test]
fn the_office_machine_copies_on_its_own_and_faxes() {
    let mut machine = OfficeMachine::with_paper(5);
    copy_on(&mut machine, &["x", "y"]).expect("two pages on five sheets");
    assert_eq!(
        machine.printed(),
        ["x", "y"],
        "the office machine printed its own copy"
    );
    let scanned = machine.scan("contract", &["p1"]);
    assert_eq!(
        scanned,
        document("contract", &["p1"]),
        "a scan is one page per sheet, with the title asked for"
    );
    machine.fax("+4420794600", &scanned).expect("a good number");
    assert_eq!(
        machine.fax("020-7946", &scanned),
        Err(FaxError::BadNumber("020-7946".into())),
        "a number holds only digits, after an optional leading `+`"
    );
    assert_eq!(
        machine.fax("+", &scanned),
        Err(FaxError::BadNumber("+".into())),
        "a number holds at least one digit"
    );
    assert_eq!(
        machine.fax("44+20", &scanned),
        Err(FaxError::BadNumber("44+20".into())),
        "a `+` may only lead a number"
    );

    assert_eq!(
        machine.faxed(),
        [("+4420794600".to_string(), scanned)],
        "only the fax to a good number was sent"
    );
}

#[test]
fn each_device_implements_exactly_the_capabilities_it_has() {
    assert_eq!(
        capabilities!(SimplePrinter),
        ["Printer"],
        "a simple printer only prints; an impl of Scanner or Fax with a body that does \
         nothing is the seed's mistake: a promise the device cannot keep"
    );
    assert_eq!(
        capabilities!(FlatbedScanner),
        ["Scanner"],
        "a flatbed scanner only scans"
    );
    assert_eq!(
        capabilities!(OfficeMachine),
        ["Printer", "Scanner", "Fax"],
        "the office machine prints, scans and faxes"
    );
}

#[test]
fn a_simple_printer_cannot_be_asked_to_fax() {
    // The seed's simple printer implemented `fax` with a body that did nothing, so a
    // caller could fax from it and believe it worked.
    assert_does_not_compile("simple_printer_cannot_fax");
}

#[test]
fn copying_on_one_device_asks_only_that_it_scans_and_prints() {
    // The case hands `copy_on` a photocopier of its own that scans and prints and has
    // no phone line: a bound that also asks for `Fax` refuses it.
    assert_compiles("copy_on_a_device_that_cannot_fax");
}
