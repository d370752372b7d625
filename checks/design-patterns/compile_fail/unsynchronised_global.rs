// The configuration in a `static` behind a cell that does no locking: every thread
// can reach a `static`, so it must be `Sync`, and this must not compile.
use std::cell::OnceCell;

use design_patterns::singleton::Config;

static CONFIG: OnceCell<Config> = OnceCell::new();

fn main() {
    let _config = CONFIG.get_or_init(Config::default);
}
