//! The room's state file: written whole through a temporary file, so a crash never
//! leaves half of it; a corrupt one is set aside with a warning, never fatal.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::room::Learner;

#[derive(Serialize, Deserialize)]
pub struct Saved {
    pub code: String,
    pub learners: Vec<Learner>,
}

/// The saved room at `path`, if there is one that reads.
pub fn load(path: &Path) -> Option<Saved> {
    // Bytes, not text: a file that is not even UTF-8 is corrupt too, and set aside
    // below rather than overwritten by the first save.
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => {
            eprintln!(
                "warning: could not read {} ({error}); the room starts empty and will \
                 write it anew",
                path.display()
            );
            return None;
        }
    };
    match serde_json::from_slice(&bytes) {
        Ok(saved) => Some(saved),
        Err(error) => {
            let kept = set_aside(path);
            eprintln!(
                "warning: {}:{}:{}: not a room's state ({error}); kept it as {} and \
                 started an empty room. Learners who had joined join again.",
                path.display(),
                error.line(),
                error.column(),
                kept.display()
            );
            None
        }
    }
}

/// The code of the saved room, without taking anything else from the file.
pub fn peek_code(path: &Path) -> Option<String> {
    #[derive(Deserialize)]
    struct Code {
        code: String,
    }
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice::<Code>(&bytes)
        .ok()
        .map(|saved| saved.code)
}

pub fn save(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let temporary = path.with_extension("json.tmp");
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .with_context(|| format!("could not save the room to {}", path.display()))
}

/// Renames a corrupt file to a name that does not exist yet and returns that name.
fn set_aside(path: &Path) -> PathBuf {
    let kept = (0..)
        .map(|n| path.with_extension(format!("json.corrupt-{n}")))
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.with_extension("json.corrupt"));
    match std::fs::rename(path, &kept) {
        Ok(()) => kept,
        Err(_) => path.to_path_buf(),
    }
}
