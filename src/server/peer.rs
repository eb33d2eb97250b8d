//! Who is on the other end of the socket, from the kernel (never from what
//! the client says), and whether they are admitted and may act as the name
//! they declare (PRODUCT.md §7).

use std::ffi::{CStr, CString};
use std::os::fd::AsRawFd;

/// The kernel's word on a connected process.
#[derive(Clone, Copy, Debug)]
pub struct Peer {
    pub uid: u32,
    pub gid: u32,
    pub pid: u32,
}

/// The credentials of the process at the other end of `sock` (Linux's
/// SO_PEERCRED: what it was when it connected).
pub fn peer(sock: &impl AsRawFd) -> std::io::Result<Peer> {
    let mut cred = libc::ucred { pid: 0, uid: 0, gid: 0 };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: getsockopt writes at most `len` bytes into `cred`, which is
    // a ucred on this stack frame.
    let rc = unsafe {
        libc::getsockopt(
            sock.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&raw mut cred).cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(Peer {
        uid: cred.uid,
        gid: cred.gid,
        pid: cred.pid as u32,
    })
}

/// The login name of `uid` (or `uid N` when it has none).
pub fn user_name(uid: u32) -> String {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: an all-zero passwd is a valid value for getpwuid_r to fill.
    let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
    let mut out = std::ptr::null_mut();
    // SAFETY: the buffers outlive the call; the result is read only when
    // getpwuid_r reports success and a non-null entry.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pw, buf.as_mut_ptr(), buf.len(), &mut out) };
    if rc != 0 || out.is_null() || pw.pw_name.is_null() {
        return format!("uid {uid}");
    }
    // SAFETY: pw_name points into `buf`, NUL-terminated by getpwuid_r.
    unsafe { CStr::from_ptr(pw.pw_name) }.to_string_lossy().into_owned()
}

/// A user's uid and primary group, by name.
fn user_ids(name: &str) -> Option<(u32, u32)> {
    let c = CString::new(name).ok()?;
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: as in `user_name`.
    let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
    let mut out = std::ptr::null_mut();
    // SAFETY: as in `user_name`.
    let rc = unsafe { libc::getpwnam_r(c.as_ptr(), &mut pw, buf.as_mut_ptr(), buf.len(), &mut out) };
    (rc == 0 && !out.is_null()).then_some((pw.pw_uid, pw.pw_gid))
}

/// A group's id, by name.
pub fn group_id(name: &str) -> Option<u32> {
    let c = CString::new(name).ok()?;
    let mut buf = vec![0 as libc::c_char; 65536];
    // SAFETY: an all-zero group is a valid value for getgrnam_r to fill.
    let mut gr: libc::group = unsafe { std::mem::zeroed() };
    let mut out = std::ptr::null_mut();
    // SAFETY: the buffers outlive the call; only the gid is read, on success.
    let rc = unsafe { libc::getgrnam_r(c.as_ptr(), &mut gr, buf.as_mut_ptr(), buf.len(), &mut out) };
    (rc == 0 && !out.is_null()).then_some(gr.gr_gid)
}

/// Whether user `name` (primary group `gid`) is a member of group `group`.
fn in_group(name: &str, gid: u32, group: u32) -> bool {
    if gid == group {
        return true;
    }
    let Ok(c) = CString::new(name) else {
        return false;
    };
    let mut n: libc::c_int = 256;
    let mut groups = vec![0 as libc::gid_t; n as usize];
    // SAFETY: `groups` has room for `n` ids; getgrouplist sets `n` to how
    // many it found (and fails if they do not fit).
    let rc = unsafe { libc::getgrouplist(c.as_ptr(), gid, groups.as_mut_ptr(), &mut n) };
    rc >= 0 && groups[..n.max(0) as usize].contains(&group)
}

/// Who the server admits, besides its own account.
#[derive(Clone, Debug, Default)]
pub struct Admission {
    pub group: Option<(String, u32)>,
    pub allow: Vec<String>,
    pub declared_users: bool,
}

/// The acting user of an admitted client, or why it is refused.
pub fn admit(
    a: &Admission,
    server_uid: u32,
    peer: Peer,
    declared: Option<&str>,
    own_name: &str,
) -> Result<String, String> {
    let os = user_name(peer.uid);
    let declared = declared.map(str::trim).filter(|d| !d.is_empty());
    if peer.uid == server_uid {
        // The server's own account could open the store's files anyway.
        let own = own_name.trim();
        return Ok(declared.unwrap_or(if own.is_empty() { &os } else { own }).to_string());
    }
    let by_group = a
        .group
        .as_ref()
        .is_some_and(|(_, g)| in_group(&os, user_ids(&os).map_or(peer.gid, |(_, gid)| gid), *g) || peer.gid == *g);
    let by_name = a.allow.iter().any(|u| u == &os);
    if !by_group && !by_name {
        return Err(format!(
            "user {os} is not admitted to this stepwise server (run by {}): ask its admin to start it with --group GROUP (a group of yours) or --allow {os}",
            user_name(server_uid)
        ));
    }
    match declared {
        Some(d) if d != os && !a.declared_users => Err(format!(
            "--user {d} is refused: you are {os} on this server, and only the server's own account may act under another name (unless the server runs with --declared-users)"
        )),
        Some(d) => Ok(d.to_string()),
        None => Ok(os),
    }
}

/// Whether `name` is a user of this machine (for `--allow`).
pub fn user_exists(name: &str) -> bool {
    user_ids(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_own_account_may_declare_a_name_others_may_not() {
        // SAFETY: getuid has no preconditions.
        let me = unsafe { libc::getuid() };
        let peer = Peer {
            uid: me,
            gid: 0,
            pid: 1,
        };
        let open = Admission::default();
        assert_eq!(admit(&open, me, peer, Some("bob"), "alice").unwrap(), "bob");
        assert_eq!(admit(&open, me, peer, None, "alice").unwrap(), "alice");
        let stranger = Peer {
            uid: me.wrapping_add(4242),
            gid: 4242,
            pid: 1,
        };
        let refused = admit(&open, me, stranger, None, "x").unwrap_err();
        assert!(refused.contains("is not admitted"), "{refused}");
        let os = user_name(stranger.uid);
        let allowed = Admission {
            allow: vec![os.clone()],
            ..Admission::default()
        };
        assert_eq!(admit(&allowed, me, stranger, None, "x").unwrap(), os);
        let as_other = admit(&allowed, me, stranger, Some("carol"), "x").unwrap_err();
        assert!(as_other.contains("--user carol is refused"), "{as_other}");
        let declared = Admission {
            declared_users: true,
            ..allowed
        };
        assert_eq!(admit(&declared, me, stranger, Some("carol"), "x").unwrap(), "carol");
    }
}
