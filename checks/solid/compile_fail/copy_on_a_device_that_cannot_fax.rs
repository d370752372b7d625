// A photocopier that scans and prints and has no phone line: `copy_on` uses nothing
// else, so it must take one. (A case that must compile, kept beside the ones that
// must not.)
use solid::interface_segregation::{Document, PrintError, Printer, Scanner, copy_on};

#[derive(Default)]
struct Photocopier {
    printed: Vec<String>,
}

impl Scanner for Photocopier {
    fn scan(&mut self, title: &str, sheets: &[&str]) -> Document {
        Document {
            title: title.to_string(),
            pages: sheets.iter().map(|sheet| sheet.to_string()).collect(),
        }
    }
}

impl Printer for Photocopier {
    fn print(&mut self, document: &Document) -> Result<(), PrintError> {
        self.printed.extend(document.pages.iter().cloned());
        Ok(())
    }
}

fn main() {
    let mut copier = Photocopier::default();
    copy_on(&mut copier, &["one", "two"]).expect("a photocopier without paper limits");
    assert_eq!(
        copier.printed,
        ["one", "two"],
        "copy_on printed the sheets it scanned, on the photocopier it was handed"
    );
}
