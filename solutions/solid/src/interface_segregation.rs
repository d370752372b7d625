//! Exercise: interface segregation, as a refactoring.
//!
//! The seed's `Machine` made every device print, scan and fax, so a simple printer
//! had to "implement" scanning and faxing with bodies that did nothing. Here each
//! capability is a trait of its own; a device implements the ones it has, and a
//! function asks for exactly the ones it uses. A check asks a simple printer to fax
//! and expects the compiler to refuse.
//!
//! Read "Interface segregation" in `notes/solid.md`.

/// A document: a title and the text of each page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub pages: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintError {
    /// The tray holds fewer sheets than the document has pages; nothing was printed.
    OutOfPaper { needed: usize, left: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaxError {
    /// A number is digits, with an optional leading `+`, and at least one digit.
    BadNumber(String),
}

pub trait Printer {
    /// Prints every page, or nothing if there is not paper for all of them.
    fn print(&mut self, document: &Document) -> Result<(), PrintError>;
}

pub trait Scanner {
    /// A document titled `title` from the sheets on the glass, one page per sheet.
    fn scan(&mut self, title: &str, sheets: &[&str]) -> Document;
}

pub trait Fax {
    fn fax(&mut self, number: &str, document: &Document) -> Result<(), FaxError>;
}

/// A paper tray and what came out of it: the part every printing device shares.
#[derive(Debug, Default)]
struct Tray {
    paper: usize,
    printed: Vec<String>,
}

impl Tray {
    fn with_paper(sheets: usize) -> Self {
        Self {
            paper: sheets,
            printed: Vec::new(),
        }
    }

    fn print(&mut self, document: &Document) -> Result<(), PrintError> {
        let needed = document.pages.len();
        if needed > self.paper {
            return Err(PrintError::OutOfPaper {
                needed,
                left: self.paper,
            });
        }
        self.paper -= needed;
        self.printed.extend(document.pages.iter().cloned());
        Ok(())
    }
}

/// Prints, and does nothing else.
#[derive(Debug)]
pub struct SimplePrinter {
    tray: Tray,
}

impl SimplePrinter {
    pub fn with_paper(sheets: usize) -> Self {
        Self {
            tray: Tray::with_paper(sheets),
        }
    }

    pub fn paper_left(&self) -> usize {
        self.tray.paper
    }

    /// Every page printed so far, in order.
    pub fn printed(&self) -> &[String] {
        &self.tray.printed
    }
}

impl Printer for SimplePrinter {
    fn print(&mut self, document: &Document) -> Result<(), PrintError> {
        self.tray.print(document)
    }
}

/// The seed's office machine: it prints, scans and faxes.
#[derive(Debug)]
pub struct OfficeMachine {
    tray: Tray,
    faxed: Vec<(String, Document)>,
}

impl OfficeMachine {
    pub fn with_paper(sheets: usize) -> Self {
        Self {
            tray: Tray::with_paper(sheets),
            faxed: Vec::new(),
        }
    }

    pub fn printed(&self) -> &[String] {
        &self.tray.printed
    }

    /// Every fax sent so far: the number and the document.
    pub fn faxed(&self) -> &[(String, Document)] {
        &self.faxed
    }
}

impl Printer for OfficeMachine {
    fn print(&mut self, document: &Document) -> Result<(), PrintError> {
        self.tray.print(document)
    }
}

impl Scanner for OfficeMachine {
    fn scan(&mut self, title: &str, sheets: &[&str]) -> Document {
        scan_sheets(title, sheets)
    }
}

impl Fax for OfficeMachine {
    fn fax(&mut self, number: &str, document: &Document) -> Result<(), FaxError> {
        let digits = number.strip_prefix('+').unwrap_or(number);
        if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(FaxError::BadNumber(number.to_string()));
        }
        self.faxed.push((number.to_string(), document.clone()));
        Ok(())
    }
}

/// Scans, and does nothing else.
#[derive(Debug, Default)]
pub struct FlatbedScanner;

impl Scanner for FlatbedScanner {
    fn scan(&mut self, title: &str, sheets: &[&str]) -> Document {
        scan_sheets(title, sheets)
    }
}

fn scan_sheets(title: &str, sheets: &[&str]) -> Document {
    Document {
        title: title.to_string(),
        pages: sheets.iter().map(|sheet| sheet.to_string()).collect(),
    }
}

/// Prints the documents in order, stopping at the first that cannot be printed.
/// Returns how many were printed in full.
pub fn print_all(printer: &mut impl Printer, documents: &[Document]) -> Result<usize, PrintError> {
    for document in documents {
        printer.print(document)?;
    }
    Ok(documents.len())
}

/// Copies sheets: scans them on one device and prints them on another.
pub fn copy(
    scanner: &mut impl Scanner,
    printer: &mut impl Printer,
    sheets: &[&str],
) -> Result<Document, PrintError> {
    let document = scanner.scan("copy", sheets);
    printer.print(&document)?;
    Ok(document)
}

/// Copies sheets on one device that both scans and prints.
pub fn copy_on<D: Scanner + Printer>(
    device: &mut D,
    sheets: &[&str],
) -> Result<Document, PrintError> {
    let document = device.scan("copy", sheets);
    device.print(&document)?;
    Ok(document)
}
