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
    /// A write refused, or failed, for want of disk space; the store holds
    /// what it held before.
    #[error("no space left on the device holding {path}{detail}: nothing was recorded; free some space and try again")]
    NoSpace { path: PathBuf, detail: String },
}

impl StoreError {
    pub(crate) fn from_sled(path: &Path, e: sled::Error) -> Self {
        match e {
            sled::Error::Corruption { .. } => StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: e.to_string(),
            },
            sled::Error::Io(ref io) if is_no_space(io) => StoreError::NoSpace {
                path: path.to_path_buf(),
                detail: String::new(),
            },
            other => StoreError::Io {
                path: path.to_path_buf(),
                detail: other.to_string(),
            },
        }
    }
}

/// Whether an I/O error means the device is full (or the quota reached).
pub fn is_no_space(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull || matches!(e.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT))
}
