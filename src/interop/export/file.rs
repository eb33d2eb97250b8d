//! Writing a report where the user asked: atomically, and readable by
//! others (the store's umask 077 would make it private).

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically with mode 0644: a temporary file
/// beside it, synced, then renamed over it. On failure nothing is left.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write(path, bytes, true)
}

/// Like [`write_file`], but never replaces a file already at `path`
/// (`ErrorKind::AlreadyExists`), even one that appears meanwhile: the
/// written file is linked into place, which fails when the name is taken.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write(path, bytes, false)
}

fn write(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&tmp)?;
        // The process umask (077, for the store) would narrow the mode.
        file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if replace {
            std::fs::rename(&tmp, path)
        } else {
            match std::fs::hard_link(&tmp, path) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    // A file system without hard links: create the name
                    // exclusively and write it there.
                    let mut file = std::fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .mode(0o644)
                        .open(path)?;
                    let written = file
                        .set_permissions(std::fs::Permissions::from_mode(0o644))
                        .and_then(|()| file.write_all(bytes))
                        .and_then(|()| file.sync_all());
                    if written.is_err() {
                        let _ = std::fs::remove_file(path);
                    }
                    written
                }
                done => done,
            }
        }
    })();
    if result.is_err() || !replace {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::{write_file, write_new_file};

    #[test]
    fn a_new_file_never_replaces_one_already_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        write_new_file(&path, b"first").unwrap();
        let err = write_new_file(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        write_file(&path, b"third").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"third");
        // No temporary file is left behind either way.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
