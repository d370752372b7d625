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
        todo!("a replica that has seen no write")
    }

    /// The siblings this replica holds.
    pub fn siblings(&self) -> &[Sibling] {
        todo!()
    }

    /// A client's read: every sibling's cart, sorted, and the context to send back
    /// with the next write (the replica's version vector).
    pub fn get(&self) -> (Vec<Cart>, VectorClock) {
        todo!()
    }

    /// A client's write of `cart`, made after reading `context` (from this replica
    /// or another; empty for a client that read nothing). It replaces the siblings
    /// the context has seen and keeps the others, which the client did not know of.
    /// The replica's version vector takes in the context and counts the write as
    /// one more of its own; the new sibling's dot is that count.
    pub fn put(&mut self, context: &VectorClock, cart: Cart) {
        todo!("a sibling is replaced when the context has seen its dot")
    }

    /// Anti-entropy: takes in what `other` knows. A sibling survives unless the other
    /// side has seen its write and no longer holds it (some write replaced it).
    pub fn sync_from(&mut self, other: &CartReplica) {
        todo!("keep, take in or drop each sibling by what the other side has seen")
    }
}

/// Dynamo's merge of a cart's siblings: every item in any of them. An item one
/// client removed while another, concurrently, kept it comes back.
pub fn merge_siblings(carts: &[Cart]) -> Cart {
    todo!()
}
