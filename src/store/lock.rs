//! The store's lock: an exclusive `flock` on `lock` in the store directory,
//! held for as long as the store is open and released by the kernel when
//! the process ends, however it ends. Dropping it unlocks at once: a
//! child forked meanwhile by another thread (a test spawning a command, the
//! TUI starting $EDITOR) holds a copy of the descriptor until it execs, and
//! the kernel would keep the lock for that copy.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::Path;

pub struct StoreLock {
    _file: File,
}

pub enum LockError {
    Held,
    Io(String),
}

impl StoreLock {
    pub fn acquire(dir: &Path) -> Result<Self, LockError> {
        let path = dir.join(super::integrity::LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| {
                LockError::Io(super::error::io_detail(
                    &format!("cannot open {}", path.display()),
                    dir,
                    &e,
                ))
            })?;
        // SAFETY: flock on a file descriptor this function owns.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if rc == 0 {
            return Ok(Self { _file: file });
        }
        let err = std::io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
            Err(LockError::Held)
        } else {
            Err(LockError::Io(super::error::io_detail(
                &format!("cannot lock {}", path.display()),
                dir,
                &err,
            )))
        }
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        // SAFETY: flock on the descriptor this lock owns; LOCK_UN releases
        // the lock of the open file description, whoever else holds a copy.
        unsafe { libc::flock(self._file.as_raw_fd(), libc::LOCK_UN) };
    }
}
