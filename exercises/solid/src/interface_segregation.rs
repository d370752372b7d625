//! Exercise: interface segregation, as a refactoring.
//!
//! This file is the seed's design, and it works: one `Machine` trait makes every
//! device print, scan and fax, so the simple printer "scans" nothing and "faxes" by
//! doing nothing, the flatbed scanner "prints" nothing, and every function asks for a
//! whole `Machine` whatever it uses. A caller can fax from a printer, get `Ok`, and
//! believe it worked.
//!
//! Split `Machine` into one trait per capability, with these exact signatures (the
//! checks implement and ask for them):
//!
//! ```text
//! pub trait Printer { fn print(&mut self, document: &Document) -> Result<(), PrintError>; }
//! pub trait Scanner { fn scan(&mut self, title: &str, sheets: &[&str]) -> Document; }
//! pub trait Fax { fn fax(&mut self, number: &str, document: &Document) -> Result<(), FaxError>; }
//! ```
//!
//! Each device implements the capabilities it really has, and nothing else; each
//! function asks for the ones it uses. A check asks a simple printer to fax and
//! expects the compiler to refuse.
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

/// Everything an office device might do, as the seed's `Machine` had it.
pub trait Machine {
    /// Prints every page, or nothing if there is not paper for all of them.
    fn print(&mut self, document: &Document) -> Result<(), PrintError>;
    /// A document titled `title` from the sheets on the glass, one page per sheet.
    fn scan(&mut self, title: &str, sheets: &[&str]) -> Document;
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

impl Machine for SimplePrinter {
    fn print(&mut self, document: &Document) -> Result<(), PrintError> {
        self.tray.print(document)
    }

    fn scan(&mut self, title: &str, _sheets: &[&str]) -> Document {
        // Not needed.
        Document {
            title: title.to_string(),
            pages: Vec::new(),
        }
    }

    fn fax(&mut self, _number: &str, _document: &Document) -> Result<(), FaxError> {
        // Not needed.
        Ok(())
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

impl Machine for OfficeMachine {
    fn print(&mut self, document: &Document) -> Result<(), PrintError> {
        self.tray.print(document)
    }

    fn scan(&mut self, title: &str, sheets: &[&str]) -> Document {
        scan_sheets(title, sheets)
    }

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

impl Machine for FlatbedScanner {
    fn print(&mut self, _document: &Document) -> Result<(), PrintError> {
        // Not needed.
        Ok(())
    }

    fn scan(&mut self, title: &str, sheets: &[&str]) -> Document {
        scan_sheets(title, sheets)
    }

    fn fax(&mut self, _number: &str, _document: &Document) -> Result<(), FaxError> {
        // Not needed.
        Ok(())
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
pub fn print_all(printer: &mut impl Machine, documents: &[Document]) -> Result<usize, PrintError> {
    for document in documents {
        printer.print(document)?;
    }
    Ok(documents.len())
}

/// Copies sheets: scans them on one device and prints them on another.
pub fn copy(
    scanner: &mut impl Machine,
    printer: &mut impl Machine,
    sheets: &[&str],
) -> Result<Document, PrintError> {
    let document = scanner.scan("copy", sheets);
    printer.print(&document)?;
    Ok(document)
}

/// Copies sheets on one device that both scans and prints.
pub fn copy_on<D: Machine>(device: &mut D, sheets: &[&str]) -> Result<Document, PrintError> {
    let document = device.scan("copy", sheets);
    device.print(&document)?;
    Ok(document)
}
