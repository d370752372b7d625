//! Exercise: State.
//!
//! A video upload in the seed's multipart style: created, then started (S3's
//! "initiate multipart upload"), then its chunks arrive in any order, then it is
//! processed, then published; at any point before publishing it may fail. Two
//! forms: [`Upload`], an enum whose transitions return an error for an illegal move
//! and leave the upload as it was; and [`VideoUpload`], typestate, where an illegal
//! move should be a method that does not exist, so it does not compile. As shipped,
//! `VideoUpload` offers every move in every state: see the note above its methods.
//! Read "State" in `notes/design-patterns.md`.

use std::collections::BTreeSet;
use std::fmt;

/// What was asked of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    StartUpload,
    ReceiveChunk,
    FinishUpload,
    Publish,
    Fail,
}

impl Action {
    fn describe(self) -> &'static str {
        match self {
            Action::StartUpload => "start uploading",
            Action::ReceiveChunk => "receive a chunk",
            Action::FinishUpload => "finish uploading",
            Action::Publish => "publish",
            Action::Fail => "fail",
        }
    }
}

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionError {
    /// `action` makes no sense in `state` (named as [`Upload::state`] names it).
    Illegal { state: &'static str, action: Action },
    /// A chunk index past the last chunk.
    ChunkOutOfRange { index: u32, total_chunks: u32 },
    /// Finishing before every chunk arrived: these are still missing.
    MissingChunks(Vec<u32>),
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}

impl std::error::Error for TransitionError {}

/// A video upload as one value that knows its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upload {
    Created {
        total_chunks: u32,
    },
    Uploading {
        total_chunks: u32,
        received: BTreeSet<u32>,
    },
    Processing,
    Published {
        url: String,
    },
    Failed {
        reason: String,
    },
}

impl Upload {
    /// A new upload of `total_chunks` chunks, numbered from 0.
    pub fn new(total_chunks: u32) -> Upload {
        todo!()
    }

    /// `"created"`, `"uploading"`, `"processing"`, `"published"` or `"failed"`.
    pub fn state(&self) -> &'static str {
        match self {
            Upload::Created { .. } => "created",
            Upload::Uploading { .. } => "uploading",
            Upload::Processing => "processing",
            Upload::Published { .. } => "published",
            Upload::Failed { .. } => "failed",
        }
    }

    /// Created to uploading.
    pub fn start_upload(&mut self) -> Result<(), TransitionError> {
        todo!(
            "match on the state: replace a Created upload with an Uploading one; anything else is self.illegal(..)"
        )
    }

    /// Records chunk `index` while uploading; a chunk that arrives twice (a client
    /// resuming) is recorded once.
    pub fn receive_chunk(&mut self, index: u32) -> Result<(), TransitionError> {
        todo!()
    }

    /// Uploading to processing, once every chunk has arrived.
    pub fn finish_upload(&mut self) -> Result<(), TransitionError> {
        todo!("only while uploading, and only with no chunk missing")
    }

    /// Processing to published at `url`.
    pub fn publish(&mut self, url: &str) -> Result<(), TransitionError> {
        todo!()
    }

    /// Any state before published or failed, to failed.
    pub fn fail(&mut self, reason: &str) -> Result<(), TransitionError> {
        todo!()
    }

    /// The chunks still to send, in order: all of them before the upload starts,
    /// none once it has finished.
    pub fn missing_chunks(&self) -> Vec<u32> {
        todo!()
    }

    fn illegal(&self, action: Action) -> TransitionError {
        TransitionError::Illegal {
            state: self.state(),
            action,
        }
    }
}

/// The chunks of `0..total_chunks` not in `received`.
fn missing(total_chunks: u32, received: &BTreeSet<u32>) -> Vec<u32> {
    todo!()
}

/// The typestate form: `S` is the state, and each state has only its own moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoUpload<S> {
    total_chunks: u32,
    state: S,
}

/// Created, not started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created;

/// Started; these chunks have arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uploading {
    received: BTreeSet<u32>,
}

/// Every chunk arrived; being transcoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processing;

/// Live at a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    url: String,
}

/// Given up on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    reason: String,
}

/// The states an upload can still fail from: a bound for the states that offer
/// `fail`.
pub trait Active {}
impl Active for Created {}
impl Active for Uploading {}
impl Active for Processing {}

/// An upload that could not finish, handed back with what it is missing, so that
/// nothing is lost: send those chunks and finish again.
#[derive(Debug)]
pub struct Incomplete {
    pub upload: VideoUpload<Uploading>,
    pub missing: Vec<u32>,
}

impl VideoUpload<Created> {
    /// A new upload of `total_chunks` chunks, numbered from 0.
    pub fn new(total_chunks: u32) -> Self {
        todo!()
    }
}

// Every move is offered in every state: that is what to change. Move each method
// into an `impl` for the states it belongs to (`impl VideoUpload<Uploading>`, or
// `impl<S: Active> VideoUpload<S>` for `fail`), and the compiler will refuse the
// illegal moves that `Upload` can only refuse at run time.
impl<S> VideoUpload<S> {
    pub fn total_chunks(&self) -> u32 {
        self.total_chunks
    }

    /// The same upload in another state.
    fn into_state<T>(self, state: T) -> VideoUpload<T> {
        VideoUpload {
            total_chunks: self.total_chunks,
            state,
        }
    }

    /// From created only.
    pub fn start_upload(self) -> VideoUpload<Uploading> {
        todo!()
    }

    /// While uploading only. Records chunk `index`; a chunk that arrives twice is
    /// recorded once.
    pub fn receive_chunk(&mut self, index: u32) -> Result<(), TransitionError> {
        todo!()
    }

    /// While uploading only.
    pub fn missing_chunks(&self) -> Vec<u32> {
        todo!()
    }

    /// While uploading only: on to processing, or the upload back with the chunks it
    /// is missing.
    pub fn finish_upload(self) -> Result<VideoUpload<Processing>, Incomplete> {
        todo!("Ok(self.into_state(Processing)) or Err(Incomplete {{ upload: self, missing }})")
    }

    /// From processing only.
    pub fn publish(self, url: &str) -> VideoUpload<Published> {
        todo!()
    }

    /// From any state an upload can still fail from (see [`Active`]).
    pub fn fail(self, reason: &str) -> VideoUpload<Failed> {
        todo!()
    }

    /// Once published only.
    pub fn url(&self) -> &str {
        todo!()
    }

    /// Once failed only.
    pub fn reason(&self) -> &str {
        todo!()
    }
}
