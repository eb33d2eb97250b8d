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
    /// The store's error as the server that owns it reported it to a client.
    #[error("{0}")]
    Reported(String),
}

impl StoreError {
    /// sled's errors as messages that name the files and say what to do,
    /// without sled's internals (offsets, backtraces, version history).
    pub(crate) fn from_sled(path: &Path, e: sled::Error) -> Self {
        let db = path.join(super::SLED_DIR);
        let corrupt = |detail: String| StoreError::Corrupt {
            path: path.to_path_buf(),
            detail,
        };
        match e {
            sled::Error::Corruption { .. } => {
                corrupt(format!("its database ({}) is damaged and cannot be read", db.display()))
            }
            sled::Error::Unsupported(_) => corrupt(format!(
                "{} is not a database this stepwise can read (damaged, or written by another program)",
                db.display()
            )),
            sled::Error::CollectionNotFound(_) => {
                corrupt(format!("a part of its database ({}) is missing", db.display()))
            }
            sled::Error::Io(ref io) if is_no_space(io) => StoreError::NoSpace {
                path: path.to_path_buf(),
                detail: String::new(),
            },
            sled::Error::Io(io) => StoreError::Io {
                path: path.to_path_buf(),
                detail: io_detail(
                    &format!("cannot read or write its database ({})", db.display()),
                    path,
                    &io,
                ),
            },
            sled::Error::ReportableBug(what) => StoreError::Io {
                path: path.to_path_buf(),
                detail: format!(
                    "its database ({}) failed unexpectedly ({what}); run stepwise again, and if it fails the same way, report it with the store's stepwise.log",
                    db.display()
                ),
            },
        }
    }
}

/// `what` failed with `e`: the cause in words and the next step, for the
/// causes a person can fix (permissions, space).
pub(crate) fn io_detail(what: &str, store: &Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => format!(
            "{what}: permission denied; this user needs read and write access to {} and every file in it (ls -l shows who owns them)",
            store.display()
        ),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => format!(
            "{what}: no space left on the device holding {}; free some space and run stepwise again",
            store.display()
        ),
        _ => format!("{what}: {e}"),
    }
}

/// Whether an I/O error means the device is full (or the quota reached).
pub fn is_no_space(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull || matches!(e.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(e: sled::Error) -> String {
        StoreError::from_sled(Path::new("/data/team"), e).to_string()
    }

    /// The three messages the issue quotes, now in words naming the files.
    #[test]
    fn sled_errors_name_the_files_and_the_next_step() {
        let corrupt = message(sled::Error::Corruption { at: None, bt: () });
        assert!(
            corrupt.contains("/data/team/db") && corrupt.contains("damaged"),
            "{corrupt}"
        );
        let old = message(sled::Error::Unsupported(
            "failed to open database that may have been created using a sled version earlier than 0.29".into(),
        ));
        assert!(
            old.contains("/data/team/db is not a database this stepwise can read"),
            "{old}"
        );
        let denied = message(sled::Error::Io(std::io::Error::from_raw_os_error(libc::EACCES)));
        assert!(
            denied.contains("/data/team/db") && denied.contains("permission denied") && denied.contains("ls -l"),
            "{denied}"
        );
        let full = message(sled::Error::Io(std::io::Error::from_raw_os_error(libc::ENOSPC)));
        assert!(
            full.contains("no space left on the device holding /data/team"),
            "{full}"
        );
        for m in [corrupt, old, denied, full] {
            for internal in ["offset", "backtrace", "sled version", "os error"] {
                assert!(!m.contains(internal), "{m}");
            }
        }
    }
}
