// A failed upload asked to fail again: it has already given up, so this must not
// compile.
use design_patterns::state::VideoUpload;

fn main() {
    let failed = VideoUpload::new(1).fail("cancelled");
    let _again = failed.fail("cancelled twice");
}
