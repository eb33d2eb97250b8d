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
//! - `commit_seq`: the number of the last commit, written after each flush
//!   (by a thread of its own, beside the answer: see `seq_file`).
//! - `holder.json` (see `holder`): present while a process holds the store,
//!   so a store whose holder note was left behind was not closed cleanly.
//!
//! Every one of them is written by [`write_side_file`] alone: atomically
//! (a temporary file in the same directory, fsync, rename, fsync of the
//! directory), so a kill leaves the old content or the new, never an empty
//! file; and only when the content changes, so opening a cleanly closed
//! store to read it rewrites none of them. A missing or empty `format` or
//! `commit_seq` (left by an older stepwise killed mid-write, or deleted)
//! means "unknown": the database is checked on a copy and the file is
//! written again from what the database holds.
//!
//! When the fingerprint does not match (after kill -9, a crash, or damage)
//! the database is first opened and checked on a copy; only if the copy
//! holds a current schema, at least every commit the sidecar counts, and
//! records that all decode, is the real store opened.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
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
        let _ = write_side_file(dir, CLEAN_FILE, &json);
    }
}

pub fn forget_clean(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(CLEAN_FILE));
}

/// The schema version in the `format` file; `None` when it is missing or
/// empty (unknown: the database tells).
pub fn read_format(dir: &Path) -> Result<Option<u32>, String> {
    match std::fs::read_to_string(dir.join(FORMAT_FILE)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", dir.join(FORMAT_FILE).display())),
        Ok(text) if text.trim().is_empty() => Ok(None),
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

pub fn write_format(dir: &Path, version: u32) -> std::io::Result<bool> {
    write_side_file(dir, FORMAT_FILE, format!("stepwise-store {version}\n").as_bytes())
}

/// The last commit number written beside the database; `None` when the
/// file is missing, empty or unreadable: unknown, not zero.
pub fn read_seq(dir: &Path) -> Option<u64> {
    std::fs::read_to_string(dir.join(SEQ_FILE))
        .ok()
        .and_then(|s| s.trim().parse().ok())
}

pub fn write_seq(dir: &Path, seq: u64) {
    let _ = write_side_file(dir, SEQ_FILE, seq.to_string().as_bytes());
}

/// The prefix of the temporary file [`write_side_file`] writes first.
const TEMP_PREFIX: &str = ".tmp-";

/// Writes `bytes` as the file `name` beside the database, atomically and
/// only if its content differs; returns whether it wrote. Every side file
/// goes through here, always with the store's lock held (so one fixed
/// temporary name per file is enough, and a leftover one is stale).
pub fn write_side_file(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<bool> {
    let path = dir.join(name);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let temp = dir.join(format!("{TEMP_PREFIX}{name}"));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, &path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map(|()| true)
}

/// Removes what a killed process left in the store directory: scratch
/// copies (`.verify-<pid>`) and temporary side files (`.tmp-<name>`).
/// Called with the store's lock held: only the lock's holder checks a copy
/// or writes a side file, so every one found is stale, whatever its pid
/// (which may have been reused by an unrelated process). Returns what it
/// removed.
pub fn remove_leftovers(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = entry.path();
        let gone = if name.starts_with(VERIFY_PREFIX) {
            std::fs::remove_dir_all(&path).is_ok()
        } else if name.starts_with(TEMP_PREFIX) {
            std::fs::remove_file(&path).is_ok()
        } else {
            false
        };
        if gone {
            removed.push(path);
        }
    }
    removed
}

/// The prefix of the scratch folder a check on a copy uses.
pub const VERIFY_PREFIX: &str = ".verify-";

/// Bytes free for this user on the file system holding `dir`.
pub fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: statvfs fills the struct it is given from a valid C string.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::statvfs(c.as_ptr(), &mut st) };
    #[allow(clippy::unnecessary_cast)] // the field types differ between platforms
    (rc == 0).then(|| (st.f_bavail as u64).saturating_mul(st.f_frsize as u64))
}

/// The bytes a copy of `dir` takes (the sum of its files' sizes).
pub fn size_of(dir: &Path) -> u64 {
    fingerprint(dir).map_or(0, |marks| marks.iter().map(|m| m.len).sum())
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
