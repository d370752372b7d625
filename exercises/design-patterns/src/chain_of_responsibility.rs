//! Exercise: Chain of responsibility.
//!
//! Two of the seed's chains. A logger: a message goes down a chain of processors
//! until one takes it (the seed's info, then debug, then error). An ATM: an amount
//! goes down a chain of note dispensers, 2000 then 1000 then 500, each taking what
//! it can of what is left, from a finite stock of notes, and passing the rest on.
//! Unlike the seed's, this chain works in two passes: it plans the whole payout,
//! touching nothing, and dispenses only a plan that pays everything, so an amount
//! it cannot pay leaves the ATM exactly as it was.
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

/// One link of the ATM's chain: a dispenser of one note, its stock of that note,
/// and the dispenser it passes the rest of an amount on to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispenser {
    note: u32,
    stock: u32,
    next: Option<Box<Dispenser>>,
}

/// What a chain of dispensers would pay for an amount: each dispenser's note and
/// how many of it, in the chain's order (a count may be 0), and what is left once
/// the last dispenser has taken its share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub notes: Vec<(u32, u32)>,
    pub unpaid: u32,
}

impl Dispenser {
    /// A dispenser of `stock` notes of `note`, the end of its chain for now.
    pub fn new(note: u32, stock: u32) -> Dispenser {
        Dispenser {
            note,
            stock,
            next: None,
        }
    }

    /// This chain with `next` linked after its last dispenser.
    pub fn then(mut self, next: Dispenser) -> Dispenser {
        let mut last = &mut self;
        while let Some(ref mut following) = last.next {
            last = following;
        }
        last.next = Some(Box::new(next));
        self
    }

    pub fn note(&self) -> u32 {
        self.note
    }

    pub fn stock(&self) -> u32 {
        self.stock
    }

    /// The dispenser this one passes the rest on to.
    pub fn next(&self) -> Option<&Dispenser> {
        self.next.as_deref()
    }

    /// This dispenser and every one after it, in the chain's order.
    pub fn dispensers(&self) -> impl Iterator<Item = &Dispenser> {
        std::iter::successors(Some(self), |dispenser| dispenser.next())
    }

    /// The plan phase: takes as many of its notes as fit `amount` and its stock,
    /// and passes what is left to the next dispenser. It changes nothing, so a plan
    /// that does not pay the whole amount costs nothing.
    pub fn plan(&self, amount: u32) -> Plan {
        todo!(
            "take what fits your stock, pass the rest to the next dispenser, and put your share first"
        )
    }

    /// The commit phase: hands out the count `notes` gives this dispenser (its first
    /// entry) and passes the rest of them on. `notes` is a plan this chain made
    /// since it last dispensed, so every count is in stock.
    ///
    /// # Panics
    ///
    /// If a count is more than the dispenser's stock, which such a plan never asks.
    pub fn dispense(&mut self, notes: &[(u32, u32)]) {
        todo!("take your count out of your stock and pass the rest of the notes on")
    }
}

/// An ATM: the seed's chain of dispensers, 2000 then 1000 then 500.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atm {
    chain: Dispenser,
}

impl Atm {
    /// An ATM holding `stock[i]` notes of `NOTES[i]`: a dispenser for each note,
    /// linked largest first.
    pub fn new(stock: [u32; 3]) -> Atm {
        todo!("a dispenser for each of NOTES, linked largest first")
    }

    /// The first dispenser of the ATM's chain.
    pub fn chain(&self) -> &Dispenser {
        &self.chain
    }

    /// How many of each of [`NOTES`] are left.
    pub fn stock(&self) -> [u32; 3] {
        let mut stock = [0; 3];
        for (slot, dispenser) in stock.iter_mut().zip(self.chain.dispensers()) {
            *slot = dispenser.stock();
        }
        stock
    }

    /// The cash inside.
    pub fn cash(&self) -> u64 {
        todo!()
    }

    /// Pays `amount` with as few notes as the stock allows and returns them as
    /// `(note, count)`, largest first, leaving out notes not used. If it cannot,
    /// it says why and dispenses nothing.
    ///
    /// The chain plans first, each dispenser taking as many of its notes as fit
    /// what is left; only a plan that pays everything is dispensed. (Why is that
    /// the fewest notes, even with a limited stock? The notes explain.)
    pub fn withdraw(&mut self, amount: u32) -> Result<Vec<(u32, u32)>, Refusal> {
        todo!(
            "refuse what cannot be paid; plan down the whole chain before a single note leaves it"
        )
    }
}
