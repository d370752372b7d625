// Faxing from a printer that only prints: with each capability its own trait, this
// must not compile.
use solid::interface_segregation::{Document, Fax, SimplePrinter};

fn main() {
    let letter = Document {
        title: "letter".to_string(),
        pages: vec!["Dear Ada,".to_string()],
    };
    let _ = SimplePrinter::with_paper(10).fax("+4420794600", &letter);
}
