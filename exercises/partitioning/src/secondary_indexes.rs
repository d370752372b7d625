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

/// A document-partitioned secondary index: each partition indexes its own documents.
#[derive(Debug, Clone)]
pub struct LocalIndex {
    // Per partition: its documents' terms by id, and its own index from each term to
    // the ids of its documents that have it.
}

impl LocalIndex {
    /// `partitions` empty partitions.
    ///
    /// # Panics
    ///
    /// If `partitions` is zero.
    pub fn new(partitions: usize) -> Self {
        todo!("empty partitions")
    }

    /// Stores `doc`, replacing any document with its id, and keeps its partition's
    /// index in step. Touches the document's partition only.
    pub fn write(&mut self, doc: Doc) -> Touched {
        todo!(
            "store the document; remove the terms it lost and add the ones it gained, in its own partition"
        )
    }

    /// The ids of the documents that have `term`, in increasing order. Touches every
    /// partition: any of them may hold such a document.
    pub fn query(&self, term: &str) -> (Vec<u64>, Touched) {
        todo!("merge every partition's entry for the term")
    }
}

/// A term-partitioned secondary index: one index of every document, split by term.
#[derive(Debug, Clone)]
pub struct GlobalIndex {
    // Per partition: its documents' terms by id (as in the local index), and the
    // index entries of the terms `term_partition` puts there, each listing every
    // document, in any partition, that has the term.
}

impl GlobalIndex {
    /// `partitions` empty partitions.
    ///
    /// # Panics
    ///
    /// If `partitions` is zero.
    pub fn new(partitions: usize) -> Self {
        todo!("empty partitions")
    }

    /// Stores `doc`, replacing any document with its id, and updates the index entry
    /// of every term it gains or loses. Touches the document's partition and the
    /// partitions of those terms.
    pub fn write(&mut self, doc: Doc) -> Touched {
        todo!(
            "store the document; update the entry of each term it lost or gained, wherever that entry lives"
        )
    }

    /// The ids of the documents that have `term`, in increasing order. Touches the
    /// one partition that holds the term.
    pub fn query(&self, term: &str) -> (Vec<u64>, Touched) {
        todo!("read the entry from the term's partition")
    }
}
