//! The server's files: the socket (and who may connect to it), the store's
//! own files kept to the server's account, and a quiet stderr once a
//! client that started the server has stopped listening to it.

use super::Options;
use super::peer::{self, Admission};
use crate::service::ServiceError;
use crate::service::remote::socket_path;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixListener;
use std::path::Path;

/// Checks `--group` and `--allow` before anything is opened.
pub fn admission(opts: &Options) -> Result<Admission, ServiceError> {
    let group = match &opts.group {
        Some(g) => Some((
            g.clone(),
            peer::group_id(g).ok_or_else(|| ServiceError::Invalid(format!("--group {g}: no such group")))?,
        )),
        None => None,
    };
    for u in &opts.allow {
        if !peer::user_exists(u) {
            return Err(ServiceError::Invalid(format!("--allow {u}: no such user")));
        }
    }
    Ok(Admission {
        group,
        allow: opts.allow.clone(),
        declared_users: opts.declared_users,
    })
}

fn io(what: &str, path: &Path, e: std::io::Error) -> ServiceError {
    ServiceError::Invalid(format!("cannot {what} {}: {e}", path.display()))
}

fn chmod(path: &Path, mode: u32) -> Result<(), ServiceError> {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(|e| io("set the mode of", path, e))
}

/// Gives `path` to group `gid` (the server's account must be a member).
fn chgrp(path: &Path, gid: u32) -> Result<(), ServiceError> {
    std::os::unix::fs::chown(path, None, Some(gid)).map_err(|e| io("give to the group", path, e))
}

/// Binds the socket in the store directory (the store's lock is held, so a
/// socket file there is a dead server's) with modes that admit exactly
/// whom the server admits: its own account; its group's members too
/// (`--group`: directory 0710, socket 0660, both the group's); anyone who
/// can be checked by name (`--allow`: directory 0711, socket 0666, each
/// connection then checked against the list). Everything else in the store
/// directory is kept to the server's account.
pub fn bind(dir: &Path, a: &Admission) -> Result<UnixListener, ServiceError> {
    let sock = socket_path(dir);
    match std::fs::remove_file(&sock) {
        Ok(()) => tracing::info!("removed the socket of a server that ended without closing"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io("remove the old socket", &sock, e)),
    }
    let others = a.group.is_some() || !a.allow.is_empty();
    if others {
        private_files(dir)?;
    }
    let listener = UnixListener::bind(&sock).map_err(|e| io("listen on", &sock, e))?;
    match (&a.group, a.allow.is_empty()) {
        (_, false) => {
            chmod(dir, 0o711)?;
            chmod(&sock, 0o666)?;
        }
        (Some((_, gid)), true) => {
            chgrp(dir, *gid)?;
            chgrp(&sock, *gid)?;
            chmod(dir, 0o710)?;
            chmod(&sock, 0o660)?;
        }
        (None, true) => chmod(&sock, 0o600)?,
    }
    Ok(listener)
}

/// Takes group and other permissions off everything in the store directory.
fn private_files(dir: &Path) -> Result<(), ServiceError> {
    let entries = std::fs::read_dir(dir).map_err(|e| io("read", dir, e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            continue;
        }
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 {
            chmod(&path, mode & 0o700)?;
        }
    }
    Ok(())
}

/// Points stderr at /dev/null: the client that started the server read
/// its first words and stopped listening.
pub fn quiet_stderr() {
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        use std::os::fd::AsRawFd;
        // SAFETY: dup2 onto stderr's descriptor of a file open here.
        unsafe { libc::dup2(null.as_raw_fd(), 2) };
    }
}
