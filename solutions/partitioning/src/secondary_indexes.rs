//! Exercise: secondary indexes on partitioned data, local and global, and the
//! partitions each query and each write touches.
//!
//! Documents are partitioned by id. A query by another attribute (a *term*, such as
//! `color:red`) needs a secondary index, and there are two ways to partition it:
//!
//! - **local** (document-partitioned): each partition indexes its own documents. A
//!   write touches one partition; a query must ask them all and merge the answers
//!   (scatter-gather).
//! - **global** (term-partitioned): one index for all documents, itself partitioned by
//!   term. A query asks the one partition that holds its term; a write touches the
//!   document's partition and the partition of every term whose entry it changes.
//!
//! Both store the documents the same way; only the index differs. `doc_partition` and
//! `term_partition` are given. Read "Secondary indexes" in `notes/partitioning.md`.

use std::collections::{BTreeMap, BTreeSet};

/// The partitions an operation touched.
pub type Touched = BTreeSet<usize>;

/// A document: its id and the terms it is indexed by (`"color:red"`, `"make:ford"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub id: u64,
    pub terms: Vec<String>,
}

impl Doc {
    /// A document with the given id and terms.
    pub fn new(id: u64, terms: &[&str]) -> Self {
        Doc {
            id,
            terms: terms.iter().map(|&t| t.to_owned()).collect(),
        }
    }
}

/// The partition a document lives in: its id modulo the partition count. Given.
pub fn doc_partition(id: u64, partitions: usize) -> usize {
    (id % partitions as u64) as usize
}

/// The partition of a global index that holds `term`: FNV-1a of the term modulo the
/// partition count. Given.
pub fn term_partition(term: &str, partitions: usize) -> usize {
    let hash = term.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash % partitions as u64) as usize
}

/// Per partition: its documents' terms, by id. Both indexes store documents this way.
#[derive(Debug, Clone)]
struct Documents {
    partitions: Vec<BTreeMap<u64, BTreeSet<String>>>,
}

impl Documents {
    fn new(partitions: usize) -> Self {
        assert!(partitions > 0, "there must be at least one partition");
        Documents {
            partitions: vec![BTreeMap::new(); partitions],
        }
    }

    /// Stores `doc` in its partition; returns the partition, the terms it had before
    /// (none if new) and the terms it has now.
    fn put(&mut self, doc: Doc) -> (usize, BTreeSet<String>, BTreeSet<String>) {
        let partition = doc_partition(doc.id, self.partitions.len());
        let new: BTreeSet<String> = doc.terms.into_iter().collect();
        let old = self.partitions[partition]
            .insert(doc.id, new.clone())
            .unwrap_or_default();
        (partition, old, new)
    }
}

/// A document-partitioned secondary index: each partition indexes its own documents.
#[derive(Debug, Clone)]
pub struct LocalIndex {
    docs: Documents,
    /// Per partition: term to the ids of that partition's documents that have it.
    index: Vec<BTreeMap<String, BTreeSet<u64>>>,
}

impl LocalIndex {
    /// `partitions` empty partitions.
    ///
    /// # Panics
    ///
    /// If `partitions` is zero.
    pub fn new(partitions: usize) -> Self {
        LocalIndex {
            docs: Documents::new(partitions),
            index: vec![BTreeMap::new(); partitions],
        }
    }

    /// Stores `doc`, replacing any document with its id, and keeps its partition's
    /// index in step. Touches the document's partition only.
    pub fn write(&mut self, doc: Doc) -> Touched {
        let id = doc.id;
        let (partition, old, new) = self.docs.put(doc);
        let index = &mut self.index[partition];
        for term in old.difference(&new) {
            remove(index, term, id);
        }
        for term in new.difference(&old) {
            index.entry(term.clone()).or_default().insert(id);
        }
        Touched::from([partition])
    }

    /// The ids of the documents that have `term`, in increasing order. Touches every
    /// partition: any of them may hold such a document.
    pub fn query(&self, term: &str) -> (Vec<u64>, Touched) {
        let ids: BTreeSet<u64> = self
            .index
            .iter()
            .filter_map(|index| index.get(term))
            .flatten()
            .copied()
            .collect();
        (ids.into_iter().collect(), (0..self.index.len()).collect())
    }
}

/// A term-partitioned secondary index: one index of every document, split by term.
#[derive(Debug, Clone)]
pub struct GlobalIndex {
    docs: Documents,
    /// Per partition: the terms `term_partition` puts there, each to the ids of every
    /// document, in any partition, that has it.
    index: Vec<BTreeMap<String, BTreeSet<u64>>>,
}

impl GlobalIndex {
    /// `partitions` empty partitions.
    ///
    /// # Panics
    ///
    /// If `partitions` is zero.
    pub fn new(partitions: usize) -> Self {
        GlobalIndex {
            docs: Documents::new(partitions),
            index: vec![BTreeMap::new(); partitions],
        }
    }

    /// Stores `doc`, replacing any document with its id, and updates the index entry
    /// of every term it gains or loses. Touches the document's partition and the
    /// partitions of those terms.
    pub fn write(&mut self, doc: Doc) -> Touched {
        let id = doc.id;
        let partitions = self.index.len();
        let (partition, old, new) = self.docs.put(doc);
        let mut touched = Touched::from([partition]);
        for term in old.difference(&new) {
            let at = term_partition(term, partitions);
            remove(&mut self.index[at], term, id);
            touched.insert(at);
        }
        for term in new.difference(&old) {
            let at = term_partition(term, partitions);
            self.index[at].entry(term.clone()).or_default().insert(id);
            touched.insert(at);
        }
        touched
    }

    /// The ids of the documents that have `term`, in increasing order. Touches the
    /// one partition that holds the term.
    pub fn query(&self, term: &str) -> (Vec<u64>, Touched) {
        let at = term_partition(term, self.index.len());
        let ids = self.index[at]
            .get(term)
            .map(|ids| ids.iter().copied().collect())
            .unwrap_or_default();
        (ids, Touched::from([at]))
    }
}

/// Takes `id` out of `term`'s entry, and the entry out of the index once it is empty.
fn remove(index: &mut BTreeMap<String, BTreeSet<u64>>, term: &str, id: u64) {
    if let Some(ids) = index.get_mut(term) {
        ids.remove(&id);
        if ids.is_empty() {
            index.remove(term);
        }
    }
}
