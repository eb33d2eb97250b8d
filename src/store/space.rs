//! Writes on a full or failing disk. sled 0.34 does not survive a failed
//! write: a blob it cannot write leaves an I/O buffer with a writer that
//! never leaves, and every later flush (the one in its own `Drop` too)
//! waits for it forever; a failed log write poisons the database for good.
//! So a commit first makes sure the device has room for it, every flush
//! waits a bounded time, and once a write has failed the database takes no
//! more writes and is never flushed or closed again in this process (the
//! kernel releases the store's lock when the process ends).

use super::StoreError;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

/// Room kept free beyond what a commit writes: sled grows its file by
/// 512 KiB segments and writes snapshots beside it.
pub const RESERVE_BYTES: u64 = 1024 * 1024;

/// How long a flush may take before the disk counts as failing.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the database stopped taking writes, once a write failed.
#[derive(Default)]
pub struct Writes {
    broken: Mutex<Option<String>>,
}

impl Writes {
    /// The first failure's message, if a write failed.
    pub fn broken(&self) -> Option<String> {
        self.broken.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Notes that a write failed: the database takes no more.
    pub fn fail(&self, e: &StoreError) {
        let mut broken = self.broken.lock().unwrap_or_else(|p| p.into_inner());
        broken.get_or_insert_with(|| e.to_string());
    }

    /// The refusal of a write after an earlier one failed.
    pub fn refusal(&self, dir: &Path) -> Option<StoreError> {
        self.broken().map(|why| StoreError::Io {
            path: dir.to_path_buf(),
            detail: format!(
                "nothing was recorded: an earlier write failed ({why}); the database takes no more writes \
                 until stepwise is started again"
            ),
        })
    }
}

/// Bytes free for this user on the device holding `dir`.
pub fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid C string and a struct statvfs owned by this frame.
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return None;
    }
    Some((st.f_bavail as u64).saturating_mul(st.f_frsize as u64))
}

/// Refuses a commit of `bytes` when the device has no room for it (twice
/// its size: the log and maybe a blob) and the reserve.
pub fn check_room(dir: &Path, bytes: u64) -> Result<(), StoreError> {
    // Test hook (never in a shipped build): let sled itself meet the full
    // disk, to test what follows a write that fails anyway.
    #[cfg(feature = "test-hooks")]
    if std::env::var("STEPWISE_TEST_NO_SPACE_CHECK").is_ok_and(|v| v == "1") {
        return Ok(());
    }
    let Some(free) = free_bytes(dir) else { return Ok(()) };
    let needed = bytes.saturating_mul(2).saturating_add(RESERVE_BYTES);
    if free >= needed {
        return Ok(());
    }
    Err(StoreError::NoSpace {
        path: dir.to_path_buf(),
        detail: format!(" ({} free, a write needs {})", size(free), size(needed)),
    })
}

fn size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Flushes `db` on a helper thread and waits at most `FLUSH_TIMEOUT`.
pub fn flush(db: &sled::Db, dir: &Path) -> Result<(), StoreError> {
    let db = db.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("stepwise-flush".into())
        .spawn(move || {
            let result = db.flush();
            // The clone goes before the answer, so that the store's own drop
            // is the one that closes sled.
            drop(db);
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(StoreError::Io {
            path: dir.to_path_buf(),
            detail: format!("cannot start a thread to write to the disk: {e}"),
        });
    }
    match rx.recv_timeout(FLUSH_TIMEOUT) {
        Ok(result) => result.map(|_| ()).map_err(|e| StoreError::from_sled(dir, e)),
        Err(_) => Err(match free_bytes(dir) {
            Some(free) if free < RESERVE_BYTES => StoreError::NoSpace {
                path: dir.to_path_buf(),
                detail: format!(" ({} free; the disk did not finish the write)", size(free)),
            },
            _ => StoreError::Io {
                path: dir.to_path_buf(),
                detail: format!(
                    "the disk did not confirm a write within {} s; it may not have been recorded",
                    FLUSH_TIMEOUT.as_secs()
                ),
            },
        }),
    }
}
