//! One module per `cargo xtask` command.

pub mod check;
pub mod doctor;
pub mod hint;
pub mod list;
pub mod lock;
pub mod new;
pub mod next;
pub mod reset;
pub mod room;
pub mod run;
pub mod solution;
pub mod status;
pub mod watch;
