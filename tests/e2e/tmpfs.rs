//! A small tmpfs to fill, for the full-disk tests (root only).

use std::path::{Path, PathBuf};

/// A tmpfs of `mb` MB mounted on a temporary directory, unmounted on drop.
pub struct Tmpfs {
    pub dir: tempfile::TempDir,
}

impl Tmpfs {
    /// None (with the reason printed) when this process cannot mount one.
    pub fn mount(mb: u32) -> Option<Tmpfs> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipped: mounting a small tmpfs to fill it needs root (CI runs as root)");
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mb}m"), "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs { dir }),
            Ok(o) => {
                let why = String::from_utf8_lossy(&o.stderr);
                eprintln!("skipped: root but cannot mount a tmpfs here: {why}");
                None
            }
            Err(e) => {
                eprintln!("skipped: root but cannot run mount: {e}");
                None
            }
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the device until `left` bytes are free.
    pub fn fill_leaving(&self, left: u64) -> PathBuf {
        use std::io::Write;
        let path = self.path().join("fill");
        let mut f = std::fs::File::create(&path).expect("fill file");
        let chunk = vec![0u8; 64 * 1024];
        let mut len = 0u64;
        loop {
            match f.write(&chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => len += n as u64,
            }
        }
        f.set_len(len.saturating_sub(left)).expect("shrink the fill file");
        path
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(self.dir.path()).status();
    }
}
