//! Exercise: Liskov substitution, as a refactoring.
//!
//! Anything that implements a trait must be usable wherever the trait is asked for,
//! with no surprises. Two halves:
//!
//! - Birds. The seed's one `Bird` trait said every bird flies, so a penguin had to
//!   override flying with a panic and every caller had to know not to ask it. Here
//!   flying and diving are capabilities of their own, [`FlyingBird`] and
//!   [`DivingBird`], and only the birds that have one implement it: asking a penguin
//!   to fly does not compile, and a check expects exactly that refusal.
//! - Stores. Three implementations of [`Store`] keep one contract, and a check runs
//!   one suite against every one of them.
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

pub struct Sparrow;
pub struct Penguin;
pub struct Duck;

impl Bird for Sparrow {
    fn name(&self) -> &str {
        "sparrow"
    }
    fn call(&self) -> &str {
        "chirp"
    }
}

impl FlyingBird for Sparrow {
    fn ceiling_m(&self) -> u32 {
        4_000
    }
}

impl Bird for Penguin {
    fn name(&self) -> &str {
        "penguin"
    }
    fn call(&self) -> &str {
        "honk"
    }
}

impl DivingBird for Penguin {
    fn max_depth_m(&self) -> u32 {
        500
    }
}

impl Bird for Duck {
    fn name(&self) -> &str {
        "duck"
    }
    fn call(&self) -> &str {
        "quack"
    }
}

impl FlyingBird for Duck {
    fn ceiling_m(&self) -> u32 {
        6_000
    }
}

impl DivingBird for Duck {
    fn max_depth_m(&self) -> u32 {
        6
    }
}

/// One line per bird, in order: `"<name> says <call>"`.
pub fn chorus(birds: &[&dyn Bird]) -> Vec<String> {
    birds
        .iter()
        .map(|bird| format!("{} says {}", bird.name(), bird.call()))
        .collect()
}

/// The names of the birds that can fly over a ridge `ridge_m` metres high (a ceiling
/// equal to the ridge is not enough), in the order given.
pub fn can_cross<'a>(birds: &[&'a dyn FlyingBird], ridge_m: u32) -> Vec<&'a str> {
    birds
        .iter()
        .filter(|bird| bird.ceiling_m() > ridge_m)
        .map(|bird| bird.name())
        .collect()
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
        self.entries.insert(key.to_string(), value.to_string())
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(String::as_str)
    }

    fn remove(&mut self, key: &str) -> Option<String> {
        self.entries.remove(key)
    }

    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.entries.keys().cloned().collect();
        keys.sort();
        keys
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

    fn latest(&self, key: &str) -> Option<&str> {
        let &at = self.index.get(key)?;
        self.log[at].1.as_deref()
    }

    fn append(&mut self, key: &str, value: Option<&str>) -> Option<String> {
        let previous = self.latest(key).map(str::to_string);
        self.log.push((key.to_string(), value.map(str::to_string)));
        match value {
            Some(_) => self.index.insert(key.to_string(), self.log.len() - 1),
            None => self.index.remove(key),
        };
        if self.log.len() > 2 * self.index.len() + 1 {
            self.compact();
        }
        previous
    }

    /// Keeps only the records the index points at, in their order, without copying.
    fn compact(&mut self) {
        for (at, record) in std::mem::take(&mut self.log).into_iter().enumerate() {
            if let Some(latest) = self.index.get_mut(&record.0)
                && *latest == at
            {
                *latest = self.log.len();
                self.log.push(record);
            }
        }
    }
}

impl Store for LogStore {
    fn put(&mut self, key: &str, value: &str) -> Option<String> {
        self.append(key, Some(value))
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.latest(key)
    }

    fn remove(&mut self, key: &str) -> Option<String> {
        // A removal of a missing key changes nothing, so it writes nothing.
        if !self.index.contains_key(key) {
            return None;
        }
        self.append(key, None)
    }

    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.index.keys().cloned().collect();
        keys.sort();
        keys
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

    fn full(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }
}

impl<S: Store> Store for Prefixed<S> {
    fn put(&mut self, key: &str, value: &str) -> Option<String> {
        let full = self.full(key);
        self.inner.put(&full, value)
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.inner.get(&self.full(key))
    }

    fn remove(&mut self, key: &str) -> Option<String> {
        let full = self.full(key);
        self.inner.remove(&full)
    }

    fn keys(&self) -> Vec<String> {
        // The inner keys are in order, so the stripped ones are too.
        self.inner
            .keys()
            .into_iter()
            .filter_map(|key| key.strip_prefix(&self.prefix).map(str::to_string))
            .collect()
    }
}
