//! Who holds the store: a small note written beside the database when a
//! process opens it, read by the next process that finds the store locked.
//! It is written (atomically) before sled opens and removed after sled has
//! closed and the clean-close fingerprint is written, so a note found at
//! open means the last holder did not close cleanly.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub user: String,
    pub tty: String,
    pub since: DateTime<Utc>,
}

impl Holder {
    pub fn current(user: &str, since: DateTime<Utc>) -> Self {
        Self {
            pid: std::process::id(),
            user: user.to_string(),
            tty: tty_name(),
            since,
        }
    }

    pub fn describe(&self) -> String {
        format!(
            "pid {} (user {}, terminal {}) since {}",
            self.pid,
            self.user,
            self.tty,
            self.since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        )
    }
}

/// The controlling terminal of this process, or `none`.
fn tty_name() -> String {
    for fd in 0..3 {
        if let Ok(p) = std::fs::read_link(format!("/proc/self/fd/{fd}")) {
            let s = p.to_string_lossy();
            if s.starts_with("/dev/pts/") || s.starts_with("/dev/tty") {
                return s.into_owned();
            }
        }
    }
    "none".into()
}

pub const HOLDER_FILE: &str = "holder.json";

pub fn path(dir: &Path) -> PathBuf {
    dir.join(HOLDER_FILE)
}

/// What the note beside a locked store says.
pub fn read(dir: &Path) -> String {
    match std::fs::read_to_string(path(dir))
        .ok()
        .and_then(|s| serde_json::from_str::<Holder>(&s).ok())
    {
        Some(h) => h.describe(),
        None => "no holder information was left".into(),
    }
}

/// Removes the note when the store closes.
pub struct HolderGuard {
    path: Option<PathBuf>,
}

impl HolderGuard {
    /// Whether the note was written (when not, the caller must not rely on
    /// it to mark the store as held).
    pub fn written(&self) -> bool {
        self.path.is_some()
    }

    pub fn write(dir: &Path, holder: &Holder) -> Self {
        let ok = serde_json::to_vec(holder)
            .ok()
            .is_some_and(|bytes| super::integrity::write_side_file(dir, HOLDER_FILE, &bytes).is_ok());
        Self {
            path: ok.then(|| path(dir)),
        }
    }
}

impl Drop for HolderGuard {
    fn drop(&mut self) {
        if let Some(p) = &self.path {
            let _ = std::fs::remove_file(p);
        }
    }
}
