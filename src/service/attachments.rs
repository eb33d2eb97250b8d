//! Attachments: files copied into the store, named by their SHA-256, so
//! that a result keeps them even if the original moves or changes.

use super::{Service, ServiceError};
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

impl Service {
    pub fn attachments_dir(&self) -> PathBuf {
        self.store.dir().join("attachments")
    }

    /// Where an attachment's bytes are kept.
    pub fn attachment_path(&self, a: &Attachment) -> PathBuf {
        self.attachments_dir().join(&a.sha256)
    }

    /// Copies a file into the store and returns its record. Refuses a
    /// missing file, a folder, and anything over the size limit.
    pub fn attach_file(&self, path: &Path) -> Result<Attachment, ServiceError> {
        let shown = path.display();
        let meta =
            std::fs::metadata(path).map_err(|e| ServiceError::NotFound(format!("cannot attach {shown}: {e}")))?;
        if !meta.is_file() {
            return Err(ServiceError::Invalid(format!(
                "cannot attach {shown}: it is not a file"
            )));
        }
        let limit = limit_bytes();
        if meta.len() > limit {
            return Err(ServiceError::Invalid(format!(
                "cannot attach {shown}: it is {}, over the {} limit",
                size_text(meta.len()),
                size_text(limit)
            )));
        }
        let io = |e: std::io::Error| ServiceError::Invalid(format!("cannot attach {shown}: {e}"));
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(io)?;
        let sha256 = format!("{:x}", Sha256::digest(&bytes));
        let dir = self.attachments_dir();
        std::fs::create_dir_all(&dir).map_err(io)?;
        let target = dir.join(&sha256);
        if !target.exists() {
            let tmp = dir.join(format!(".{sha256}.tmp"));
            let written = std::fs::write(&tmp, &bytes)
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
        let name = path
            .file_name()
            .map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned());
        Ok(Attachment {
            name,
            size: bytes.len() as u64,
            sha256,
        })
    }
}
