//! Exercise: Chain of responsibility.
//!
//! Two of the seed's chains. A logger: a message goes down a chain of processors
//! until one takes it (the seed's info, then debug, then error). An ATM: an amount
//! goes down a chain of note dispensers, 2000 then 1000 then 500, each paying what
//! it can of what is left, from a finite stock of notes. Unlike the seed's, this
//! ATM plans the whole payout before it hands out a note, so an amount it cannot
//! pay leaves it exactly as it was.
//! Read "Chain of responsibility" in `notes/design-patterns.md`.

use std::fmt;

/// A log message's level, numbered as in the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info = 1,
    Debug = 2,
    Error = 3,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Info => "INFO",
            Level::Debug => "DEBUG",
            Level::Error => "ERROR",
        })
    }
}

/// One link of a logger chain.
pub trait LogProcessor {
    /// The line this processor writes for `message` if it takes `level`; `None`
    /// passes the message on to the next processor.
    fn handle(&self, level: Level, message: &str) -> Option<String>;
}

/// Any closure with the right shape is a processor too.
impl<F> LogProcessor for F
where
    F: Fn(Level, &str) -> Option<String>,
{
    fn handle(&self, level: Level, message: &str) -> Option<String> {
        todo!()
    }
}

/// The seed's processors: each takes one level and writes `LEVEL: message`.
#[derive(Debug, Clone, Copy)]
pub struct LevelLogger(pub Level);

impl LogProcessor for LevelLogger {
    fn handle(&self, level: Level, message: &str) -> Option<String> {
        todo!()
    }
}

/// Processors in order. Where the seed links each processor to the next (and
/// fails on a null at the end), this keeps them in a `Vec` and stops at the end.
#[derive(Default)]
pub struct Chain {
    processors: Vec<Box<dyn LogProcessor>>,
}

impl Chain {
    /// A chain with no processors: it takes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// The chain with `processor` added at the end.
    pub fn then(mut self, processor: impl LogProcessor + 'static) -> Self {
        todo!()
    }

    /// Offers the message to each processor in turn until one takes it; returns
    /// the line it wrote, or `None` if none did.
    pub fn log(&self, level: Level, message: &str) -> Option<String> {
        todo!("offer the message to each processor in order; stop at the first that takes it")
    }
}

/// The seed's chain: info, then debug, then error.
pub fn seed_chain() -> Chain {
    todo!()
}

/// The notes the ATM holds, largest first: the order of its chain.
pub const NOTES: [u32; 3] = [2000, 1000, 500];

/// Why the ATM would not pay. It dispensed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The amount is not a multiple of the smallest note.
    NotAMultiple { amount: u32, of: u32 },
    /// The amount is more than all the cash inside.
    NotEnoughCash { amount: u32, cash: u64 },
    /// There is enough cash, but not in notes that make the amount.
    CannotMake { amount: u32 },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}

impl std::error::Error for Refusal {}

/// An ATM with a finite stock of each note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atm {
    /// How many of each of [`NOTES`] are inside, in the same order.
    stock: [u32; 3],
}

impl Atm {
    /// An ATM holding `stock[i]` notes of `NOTES[i]`.
    pub fn new(stock: [u32; 3]) -> Atm {
        Atm { stock }
    }

    /// How many of each of [`NOTES`] are left.
    pub fn stock(&self) -> [u32; 3] {
        self.stock
    }

    /// The cash inside.
    pub fn cash(&self) -> u64 {
        todo!()
    }

    /// Pays `amount` with as few notes as the stock allows and returns them as
    /// `(note, count)`, largest first, leaving out notes not used. If it cannot,
    /// it says why and dispenses nothing.
    ///
    /// Each dispenser in turn takes as many of its notes as fit what is left. (Why
    /// is that the fewest notes, even with a limited stock? The notes explain.)
    pub fn withdraw(&mut self, amount: u32) -> Result<Vec<(u32, u32)>, Refusal> {
        todo!(
            "refuse what cannot be paid; plan every dispenser's share before taking a single note"
        )
    }
}
