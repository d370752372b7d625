//! Exercise: version vectors.
//!
//! A replicated shopping cart, as in Amazon's Dynamo: any replica accepts a write,
//! and writes that did not see each other are both kept, as *siblings*, until a
//! client reads them together and writes back their merge. Each sibling carries the
//! *dot* of the write that made it (the replica and that replica's counter), each
//! replica a version vector of every write it has seen, and each read hands the
//! client a context that says which siblings its next write replaces. Read "Version
//! vectors" in `notes/replication.md`.

use std::collections::BTreeSet;

use crate::VectorClock;

/// A shopping cart: the names of the items in it.
pub type Cart = BTreeSet<String>;

/// One version of the cart and the write that made it: the `counter`-th write
/// accepted by replica `replica` (its *dot*).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sibling {
    pub replica: String,
    pub counter: u64,
    pub cart: Cart,
}

impl Sibling {
    /// Whether the writes summed up by `clock` include the one that made this sibling.
    fn seen_by(&self, clock: &VectorClock) -> bool {
        clock.get(&self.replica) >= self.counter
    }
}

/// One replica of the cart.
#[derive(Clone, Debug)]
pub struct CartReplica {
    name: String,
    /// Every write this replica has seen, its own and others'.
    version: VectorClock,
    /// The versions no write it has seen replaces.
    siblings: Vec<Sibling>,
}

impl CartReplica {
    /// A replica named `name`, holding no version of the cart.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            version: VectorClock::new(),
            siblings: Vec::new(),
        }
    }

    /// The siblings this replica holds.
    pub fn siblings(&self) -> &[Sibling] {
        &self.siblings
    }

    /// A client's read: every sibling's cart, sorted, and the context to send back
    /// with the next write (the replica's version vector).
    pub fn get(&self) -> (Vec<Cart>, VectorClock) {
        let mut carts: Vec<Cart> = self.siblings.iter().map(|s| s.cart.clone()).collect();
        carts.sort();
        (carts, self.version.clone())
    }

    /// A client's write of `cart`, made after reading `context` (from this replica
    /// or another; empty for a client that read nothing). It replaces the siblings
    /// the context has seen and keeps the others, which the client did not know of.
    /// The replica's version vector takes in the context and counts the write as
    /// one more of its own; the new sibling's dot is that count.
    pub fn put(&mut self, context: &VectorClock, cart: Cart) {
        self.siblings.retain(|sibling| !sibling.seen_by(context));
        self.version.merge(context);
        self.version.increment(&self.name);
        self.siblings.push(Sibling {
            replica: self.name.clone(),
            counter: self.version.get(&self.name),
            cart,
        });
    }

    /// Anti-entropy: takes in what `other` knows. A sibling survives unless the other
    /// side has seen its write and no longer holds it (some write replaced it).
    pub fn sync_from(&mut self, other: &CartReplica) {
        self.siblings
            .retain(|mine| other.siblings.contains(mine) || !mine.seen_by(&other.version));
        for theirs in &other.siblings {
            if !theirs.seen_by(&self.version) {
                self.siblings.push(theirs.clone());
            }
        }
        self.version.merge(&other.version);
    }
}

/// Dynamo's merge of a cart's siblings: every item in any of them. An item one
/// client removed while another, concurrently, kept it comes back.
pub fn merge_siblings(carts: &[Cart]) -> Cart {
    carts.iter().flatten().cloned().collect()
}
