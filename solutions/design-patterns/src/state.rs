//! Exercise: State.
//!
//! A video upload in the seed's multipart style: created, then started (S3's
//! "initiate multipart upload"), then its chunks arrive in any order, then it is
//! processed, then published; at any point before publishing it may fail. Two
//! forms: [`Upload`], an enum whose transitions return an error for an illegal move
//! and leave the upload as it was; and [`VideoUpload`], typestate, where an illegal
//! move is a method that does not exist, so it does not compile.
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
        match self {
            TransitionError::Illegal { state, action } => {
                write!(f, "cannot {} an upload that is {state}", action.describe())
            }
            TransitionError::ChunkOutOfRange {
                index,
                total_chunks,
            } => write!(
                f,
                "chunk {index} is out of range: the upload has chunks 0 to {}",
                total_chunks.saturating_sub(1)
            ),
            TransitionError::MissingChunks(missing) => {
                write!(f, "cannot finish: chunks {missing:?} have not arrived")
            }
        }
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
        Upload::Created { total_chunks }
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
        match *self {
            Upload::Created { total_chunks } => {
                *self = Upload::Uploading {
                    total_chunks,
                    received: BTreeSet::new(),
                };
                Ok(())
            }
            _ => Err(self.illegal(Action::StartUpload)),
        }
    }

    /// Records chunk `index` while uploading; a chunk that arrives twice (a client
    /// resuming) is recorded once.
    pub fn receive_chunk(&mut self, index: u32) -> Result<(), TransitionError> {
        match self {
            Upload::Uploading {
                total_chunks,
                received,
            } => {
                if index >= *total_chunks {
                    return Err(TransitionError::ChunkOutOfRange {
                        index,
                        total_chunks: *total_chunks,
                    });
                }
                received.insert(index);
                Ok(())
            }
            _ => Err(self.illegal(Action::ReceiveChunk)),
        }
    }

    /// Uploading to processing, once every chunk has arrived.
    pub fn finish_upload(&mut self) -> Result<(), TransitionError> {
        match self {
            Upload::Uploading { .. } => {
                let missing = self.missing_chunks();
                if !missing.is_empty() {
                    return Err(TransitionError::MissingChunks(missing));
                }
                *self = Upload::Processing;
                Ok(())
            }
            _ => Err(self.illegal(Action::FinishUpload)),
        }
    }

    /// Processing to published at `url`.
    pub fn publish(&mut self, url: &str) -> Result<(), TransitionError> {
        match self {
            Upload::Processing => {
                *self = Upload::Published {
                    url: url.to_owned(),
                };
                Ok(())
            }
            _ => Err(self.illegal(Action::Publish)),
        }
    }

    /// Any state before published or failed, to failed.
    pub fn fail(&mut self, reason: &str) -> Result<(), TransitionError> {
        match self {
            Upload::Published { .. } | Upload::Failed { .. } => Err(self.illegal(Action::Fail)),
            _ => {
                *self = Upload::Failed {
                    reason: reason.to_owned(),
                };
                Ok(())
            }
        }
    }

    /// The chunks still to send, in order: all of them before the upload starts,
    /// none once it has finished.
    pub fn missing_chunks(&self) -> Vec<u32> {
        match self {
            Upload::Created { total_chunks } => (0..*total_chunks).collect(),
            Upload::Uploading {
                total_chunks,
                received,
            } => missing(*total_chunks, received),
            _ => Vec::new(),
        }
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
    (0..total_chunks)
        .filter(|index| !received.contains(index))
        .collect()
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

/// The states an upload can still fail from.
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
}

impl VideoUpload<Created> {
    /// A new upload of `total_chunks` chunks, numbered from 0.
    pub fn new(total_chunks: u32) -> Self {
        VideoUpload {
            total_chunks,
            state: Created,
        }
    }

    pub fn start_upload(self) -> VideoUpload<Uploading> {
        self.into_state(Uploading {
            received: BTreeSet::new(),
        })
    }
}

impl VideoUpload<Uploading> {
    /// Records chunk `index`; a chunk that arrives twice is recorded once.
    pub fn receive_chunk(&mut self, index: u32) -> Result<(), TransitionError> {
        if index >= self.total_chunks {
            return Err(TransitionError::ChunkOutOfRange {
                index,
                total_chunks: self.total_chunks,
            });
        }
        self.state.received.insert(index);
        Ok(())
    }

    pub fn missing_chunks(&self) -> Vec<u32> {
        missing(self.total_chunks, &self.state.received)
    }

    /// On to processing, or the upload back with the chunks it is missing.
    pub fn finish_upload(self) -> Result<VideoUpload<Processing>, Incomplete> {
        let missing = self.missing_chunks();
        if missing.is_empty() {
            Ok(self.into_state(Processing))
        } else {
            Err(Incomplete {
                upload: self,
                missing,
            })
        }
    }
}

impl VideoUpload<Processing> {
    pub fn publish(self, url: &str) -> VideoUpload<Published> {
        self.into_state(Published {
            url: url.to_owned(),
        })
    }
}

impl<S: Active> VideoUpload<S> {
    pub fn fail(self, reason: &str) -> VideoUpload<Failed> {
        self.into_state(Failed {
            reason: reason.to_owned(),
        })
    }
}

impl VideoUpload<Published> {
    pub fn url(&self) -> &str {
        &self.state.url
    }
}

impl VideoUpload<Failed> {
    pub fn reason(&self) -> &str {
        &self.state.reason
    }
}
