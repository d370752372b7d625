//! Exercise: Liskov substitution.
//!
//! Anything that implements a trait must be usable wherever the trait is asked for,
//! with no surprises. Two halves:
//!
//! - Birds. The seed's `Bird::fly` made penguins throw at run time. Here only birds
//!   that fly should implement [`FlyingBird`], so that asking a penguin to fly does
//!   not compile; a check asks exactly that and expects the compiler to refuse.
//! - Stores. Three implementations of [`Store`] must keep one contract, and a
//!   check runs one suite of checks against every one of them.
//!
//! Read "Liskov substitution" in `notes/solid.md`.

use std::collections::HashMap;

/// What every bird can do.
pub trait Bird {
    fn name(&self) -> &str;
    /// The sound it makes, as a word: "chirp", "honk".
    fn call(&self) -> &str;
}

/// A bird that flies. Only birds that can fly implement it.
pub trait FlyingBird: Bird {
    /// The highest it can fly, in metres above sea level.
    fn ceiling_m(&self) -> u32;
}

/// A bird that swims under water.
pub trait DivingBird: Bird {
    /// The deepest it can dive, in metres.
    fn max_depth_m(&self) -> u32;
}

/// Chirps; flies up to 4,000 m.
pub struct Sparrow;
/// Honks; dives to 500 m.
pub struct Penguin;
/// Quacks; flies up to 6,000 m and dives to 6 m.
pub struct Duck;

impl Bird for Sparrow {
    fn name(&self) -> &str {
        todo!("\"sparrow\"")
    }
    fn call(&self) -> &str {
        todo!()
    }
}

impl FlyingBird for Sparrow {
    fn ceiling_m(&self) -> u32 {
        todo!()
    }
}

impl Bird for Penguin {
    fn name(&self) -> &str {
        todo!()
    }
    fn call(&self) -> &str {
        todo!()
    }
}

// The seed's design, carried over: a penguin that can be asked to fly, and fails
// when it is. Every caller must now know which birds not to ask.
impl FlyingBird for Penguin {
    fn ceiling_m(&self) -> u32 {
        panic!("penguins cannot fly")
    }
}

impl DivingBird for Penguin {
    fn max_depth_m(&self) -> u32 {
        todo!()
    }
}

impl Bird for Duck {
    fn name(&self) -> &str {
        todo!()
    }
    fn call(&self) -> &str {
        todo!()
    }
}

impl FlyingBird for Duck {
    fn ceiling_m(&self) -> u32 {
        todo!()
    }
}

impl DivingBird for Duck {
    fn max_depth_m(&self) -> u32 {
        todo!()
    }
}

/// One line per bird, in order: `"<name> says <call>"`.
pub fn chorus(birds: &[&dyn Bird]) -> Vec<String> {
    todo!("one formatted line per bird")
}

/// The names of the birds that can fly over a ridge `ridge_m` metres high (a ceiling
/// equal to the ridge is not enough), in the order given.
pub fn can_cross<'a>(birds: &[&'a dyn FlyingBird], ridge_m: u32) -> Vec<&'a str> {
    todo!("keep the birds whose ceiling is above the ridge")
}

/// A key-value store. The contract every implementation keeps:
///
/// - `get` returns the value of the latest `put` of that key, or `None` if there was
///   none or a `remove` came after it;
/// - `put` and `remove` return the value the key had just before;
/// - `keys` lists the keys that have a value, each once, in ascending order.
pub trait Store {
    fn put(&mut self, key: &str, value: &str) -> Option<String>;
    fn get(&self, key: &str) -> Option<&str>;
    fn remove(&mut self, key: &str) -> Option<String>;
    fn keys(&self) -> Vec<String>;
}

/// A store in a hash map.
#[derive(Debug, Default)]
pub struct HashStore {
    entries: HashMap<String, String>,
}

impl HashStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Store for HashStore {
    fn put(&mut self, key: &str, value: &str) -> Option<String> {
        todo!()
    }

    fn get(&self, key: &str) -> Option<&str> {
        todo!()
    }

    fn remove(&mut self, key: &str) -> Option<String> {
        todo!()
    }

    fn keys(&self) -> Vec<String> {
        todo!("a hash map's keys come in no particular order")
    }
}

/// An append-only store: every `put` and `remove` appends a record, and an index
/// points each key at its latest one. When dead records outnumber live ones, the log
/// is rewritten with only the live records, so it stays within twice the live keys
/// (plus one).
#[derive(Debug, Default)]
pub struct LogStore {
    /// Each record: a key and its value, or `None` for a removal.
    log: Vec<(String, Option<String>)>,
    /// Each live key's latest record.
    index: HashMap<String, usize>,
}

impl LogStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many records the log holds, live and dead.
    pub fn log_len(&self) -> usize {
        self.log.len()
    }
}

impl Store for LogStore {
    fn put(&mut self, key: &str, value: &str) -> Option<String> {
        todo!("append a record, point the index at it, compact when the log is mostly dead")
    }

    fn get(&self, key: &str) -> Option<&str> {
        todo!()
    }

    fn remove(&mut self, key: &str) -> Option<String> {
        todo!()
    }

    fn keys(&self) -> Vec<String> {
        todo!()
    }
}

/// A namespace inside another store: every key is stored as `prefix + key`, and the
/// keys outside the namespace are invisible. It is itself a [`Store`], over any store.
#[derive(Debug)]
pub struct Prefixed<S> {
    prefix: String,
    inner: S,
}

impl<S: Store> Prefixed<S> {
    pub fn new(prefix: &str, inner: S) -> Self {
        Self {
            prefix: prefix.to_string(),
            inner,
        }
    }

    /// The store underneath, with the namespace's keys as they are really stored.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S: Store> Store for Prefixed<S> {
    fn put(&mut self, key: &str, value: &str) -> Option<String> {
        todo!()
    }

    fn get(&self, key: &str) -> Option<&str> {
        todo!()
    }

    fn remove(&mut self, key: &str) -> Option<String> {
        todo!()
    }

    fn keys(&self) -> Vec<String> {
        todo!("only the keys under the prefix, without it")
    }
}
