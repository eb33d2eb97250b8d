//! Attachments: files copied into the store, named by their SHA-256, so
//! that a result keeps them even if the original moves or changes.

use super::{Engine, ServiceError};
use crate::domain::Attachment;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file accepted, unless STEPWISE_MAX_ATTACHMENT_MB says else.
pub const DEFAULT_LIMIT_MB: u64 = 20;

pub fn limit_bytes() -> u64 {
    std::env::var("STEPWISE_MAX_ATTACHMENT_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_LIMIT_MB)
        * 1024
        * 1024
}

fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

/// `screenshot.png (1.2 MB)`.
pub fn describe(a: &Attachment) -> String {
    format!("{} ({})", a.name, size_text(a.size))
}

impl Engine {
    pub fn attachments_dir(&self) -> PathBuf {
        self.store.dir().join("attachments")
    }

    /// Where an attachment's bytes are kept.
    pub fn attachment_path(&self, a: &Attachment) -> PathBuf {
        self.attachments_dir().join(&a.sha256)
    }

    /// Keeps `bytes` (a file the client read, named `name`) with the
    /// store's attachments and returns its record.
    pub fn attach_bytes(&self, name: &str, bytes: &[u8]) -> Result<Attachment, ServiceError> {
        let shown = name;
        check_size(name, bytes.len() as u64)?;
        let io = |e: std::io::Error| ServiceError::Invalid(format!("cannot attach {shown}: {e}"));
        let sha256 = format!("{:x}", Sha256::digest(bytes));
        let dir = self.attachments_dir();
        std::fs::create_dir_all(&dir).map_err(io)?;
        let target = dir.join(&sha256);
        if !target.exists() {
            let tmp = dir.join(format!(".{sha256}.tmp"));
            let written = std::fs::write(&tmp, bytes)
                .and_then(|()| std::fs::File::open(&tmp).and_then(|f| f.sync_all()))
                .and_then(|()| std::fs::rename(&tmp, &target));
            if let Err(e) = written {
                // No half-copied file stays behind.
                let _ = std::fs::remove_file(&tmp);
                if crate::store::is_no_space(&e) {
                    return Err(ServiceError::Store(crate::store::StoreError::NoSpace {
                        path: self.store.dir().to_path_buf(),
                        detail: format!(" (attaching {shown})"),
                    }));
                }
                return Err(io(e));
            }
        }
        Ok(Attachment {
            name: name.to_string(),
            size: bytes.len() as u64,
            sha256,
        })
    }
}

/// Reads a file to attach, on the client's side (the server may not see
/// the client's files): its name and bytes. Refuses a missing file, a
/// folder, and anything over the size limit.
pub fn read_file(path: &Path) -> Result<(String, Vec<u8>), ServiceError> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| ServiceError::NotFound(format!("cannot attach {shown}: {e}")))?;
    if !meta.is_file() {
        return Err(ServiceError::Invalid(format!(
            "cannot attach {shown}: it is not a file"
        )));
    }
    check_size(&shown.to_string(), meta.len())?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| ServiceError::Invalid(format!("cannot attach {shown}: {e}")))?;
    let name = path
        .file_name()
        .map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned());
    Ok((name, bytes))
}

fn check_size(shown: &str, len: u64) -> Result<(), ServiceError> {
    let limit = limit_bytes();
    if len > limit {
        return Err(ServiceError::Invalid(format!(
            "cannot attach {shown}: it is {}, over the {} limit",
            size_text(len),
            size_text(limit)
        )));
    }
    Ok(())
}
