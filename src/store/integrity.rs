//! Keeping sled from touching a store it should refuse.
//!
//! sled 0.34 "recovers" a damaged log by silently dropping what it cannot
//! read (a flipped byte mid-file can leave an empty database) and it rewrites
//! its files on every open. So stepwise decides *before* sled opens a store
//! in place whether it is safe:
//!
//! - `format`: the schema version in plain text beside the database, read
//!   first, so a store from a newer stepwise is refused untouched;
//! - `clean.json`: a fingerprint (name, size, mtime, ctime, inode) of
//!   sled's files written after a clean close; if the files still match it,
//!   they are exactly what stepwise left;
//! - `commit_seq`: the number of the last commit, written after each flush.
//!
//! When the fingerprint does not match (after kill -9, a crash, or damage)
//! the database is first opened and checked on a copy; only if the copy
//! holds a current schema, at least every commit the sidecar counts, and
//! records that all decode, is the real store opened.

use serde::{Deserialize, Serialize};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

pub const FORMAT_FILE: &str = "format";
pub const CLEAN_FILE: &str = "clean.json";
pub const SEQ_FILE: &str = "commit_seq";
pub const LOCK_FILE: &str = "lock";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMark {
    pub name: String,
    pub len: u64,
    pub mtime_ns: u128,
    /// The inode's change time: any write or metadata change moves it, and
    /// unlike the modification time it cannot be set back (`touch -d` and
    /// copying files both leave a new one), so a damaged file never looks
    /// clean, without reading its bytes.
    pub ctime_ns: i128,
    pub ino: u64,
}

/// Name, size, modification and change times and inode of every file
/// under `dir`, sorted.
pub fn fingerprint(dir: &Path) -> std::io::Result<Vec<FileMark>> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<FileMark>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        let path = entry.path();
        if meta.is_dir() {
            walk(root, &path, out)?;
        } else {
            let mtime_ns = meta.modified()?.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            let name = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
            out.push(FileMark {
                name,
                len: meta.len(),
                mtime_ns,
                ctime_ns: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                ino: meta.ino(),
            });
        }
    }
    Ok(())
}

/// Whether sled's files are exactly as the last clean close left them.
/// Removes the snapshot files sled left unfinished (`snap.<lsn>.generating`)
/// and returns them. sled 0.34.7 writes its first snapshot under that name
/// and renames it when done; killed in between, the next open reads the
/// leftover as a corrupt snapshot and refuses the whole database
/// (spacejam/sled #1527, #1533), although the data is intact without it.
/// Called with the store's lock held, before sled opens; the caller logs
/// what was removed once its log is set up.
pub fn remove_unfinished_snapshots(sled_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(sled_dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// Whether sled's files are exactly as the last clean close left them.
pub fn closed_cleanly(dir: &Path, sled_dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join(CLEAN_FILE)) else {
        return false;
    };
    let Ok(saved) = serde_json::from_str::<Vec<FileMark>>(&text) else {
        return false;
    };
    fingerprint(sled_dir).is_ok_and(|now| now == saved)
}

pub fn write_clean(dir: &Path, sled_dir: &Path) {
    if let Ok(marks) = fingerprint(sled_dir)
        && let Ok(json) = serde_json::to_vec(&marks)
    {
        let _ = std::fs::write(dir.join(CLEAN_FILE), json);
    }
}

pub fn forget_clean(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(CLEAN_FILE));
}

/// The schema version in the `format` file, if there is one.
pub fn read_format(dir: &Path) -> Result<Option<u32>, String> {
    match std::fs::read_to_string(dir.join(FORMAT_FILE)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", dir.join(FORMAT_FILE).display())),
        Ok(text) => text
            .trim()
            .strip_prefix("stepwise-store ")
            .and_then(|v| v.parse().ok())
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "{} does not name a stepwise store version",
                    dir.join(FORMAT_FILE).display()
                )
            }),
    }
}

pub fn write_format(dir: &Path, version: u32) -> std::io::Result<()> {
    std::fs::write(dir.join(FORMAT_FILE), format!("stepwise-store {version}\n"))
}

/// The last commit number written beside the database (0 if none).
pub fn read_seq(dir: &Path) -> u64 {
    std::fs::read_to_string(dir.join(SEQ_FILE))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

pub fn write_seq(dir: &Path, seq: u64) {
    let _ = std::fs::write(dir.join(SEQ_FILE), seq.to_string());
}

/// Copies sled's folder to a scratch folder inside the store directory.
pub fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.metadata()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// A scratch folder removed when dropped.
pub struct Scratch(pub PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
