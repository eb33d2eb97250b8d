use std::path::{Path, PathBuf};
use thiserror::Error;

/// What went wrong with the store. Every message names the store's path.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("store {path} is in use by another process: {holder}")]
    Locked { path: PathBuf, holder: String },
    #[error(
        "store {path} was written by a newer stepwise (schema version {found}; this one reads up to {supported}); upgrade stepwise, the store was left untouched"
    )]
    Newer { path: PathBuf, found: u32, supported: u32 },
    #[error("store {path} is corrupt or not a stepwise store: {detail}; its files were left untouched")]
    Corrupt { path: PathBuf, detail: String },
    #[error("store {path}: {detail}")]
    Io { path: PathBuf, detail: String },
}

impl StoreError {
    pub(crate) fn from_sled(path: &Path, e: sled::Error) -> Self {
        match e {
            sled::Error::Corruption { .. } => StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: e.to_string(),
            },
            other => StoreError::Io {
                path: path.to_path_buf(),
                detail: other.to_string(),
            },
        }
    }
}
