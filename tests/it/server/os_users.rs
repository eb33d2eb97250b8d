//! Throwaway OS users and a group for the identity tests (root only):
//! made with `useradd`/`groupadd` under unique names, removed when the
//! guard drops, even when the test failed. Commands run as them through
//! `runuser`, with the built binary where they can reach it.

use crate::e2e::BIN;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

/// useradd and groupadd lock /etc/passwd: one test at a time makes users.
static ACCOUNTS: Mutex<()> = Mutex::new(());
static NEXT: AtomicU32 = AtomicU32::new(0);

pub struct OsUsers {
    pub group: String,
    pub gid: u32,
    /// Members of `group`.
    pub members: Vec<String>,
    /// In no group of the test.
    pub outsider: String,
    made_users: Vec<String>,
    made_group: bool,
    /// The binary as the users run it (a copy when theirs cannot reach
    /// the build's).
    pub bin: PathBuf,
    _copy: Option<tempfile::TempDir>,
}

fn run(cmd: &str, args: &[&str]) -> Result<(), String> {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .map_err(|e| format!("{cmd}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{cmd} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// A name no account of this machine has: `sw` + pid + counter.
fn unique(kind: char) -> String {
    format!("sw{kind}{}x{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst))
}

impl OsUsers {
    /// A group with `members` users in it and one user outside it.
    pub fn create(members: usize) -> OsUsers {
        let _one = ACCOUNTS.lock().unwrap_or_else(|p| p.into_inner());
        let mut users = OsUsers {
            group: unique('g'),
            gid: 0,
            members: Vec::new(),
            outsider: String::new(),
            made_users: Vec::new(),
            made_group: false,
            bin: PathBuf::from(BIN),
            _copy: None,
        };
        run("groupadd", &[&users.group]).unwrap_or_else(|e| panic!("{e}"));
        users.made_group = true;
        users.gid = stepwise::server::peer::group_id(&users.group).expect("the new group's id");
        for i in 0..=members {
            let name = unique('u');
            let mut args = vec!["-M", "-s", "/bin/sh"];
            if i < members {
                args.extend(["-G", users.group.as_str()]);
            }
            args.push(name.as_str());
            // The guard owns what was made so far: a failure here still
            // removes it.
            if let Err(e) = run("useradd", &args) {
                drop(_one);
                drop(users);
                panic!("{e}");
            }
            users.made_users.push(name.clone());
            if i < members {
                users.members.push(name);
            } else {
                users.outsider = name;
            }
        }
        drop(_one);
        users.reachable_binary();
        users
    }

    /// The build's binary if every folder above it lets others through,
    /// else a copy in a temporary folder they can read (0755).
    fn reachable_binary(&mut self) {
        let bin = Path::new(BIN);
        let open = |p: &Path, bits: u32| std::fs::metadata(p).is_ok_and(|m| m.permissions().mode() & bits == bits);
        let reachable = open(bin, 0o005)
            && bin
                .ancestors()
                .skip(1)
                .all(|d| d.as_os_str().is_empty() || open(d, 0o001));
        if reachable {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let copy = dir.path().join("stepwise");
        std::fs::copy(bin, &copy).unwrap();
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
        self.bin = copy;
        self._copy = Some(dir);
    }

    /// `stepwise --store STORE ARGS` as `user`: (code, stdout, stderr).
    pub fn stepwise(&self, user: &str, store: &Path, args: &[&str]) -> (i32, String, String) {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", user, "--"])
            .arg(&self.bin)
            .arg("--store")
            .arg(store)
            .args(args);
        let out = as_user_env(&mut cmd).output().expect("runuser");
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
    }

    /// Any program as `user`: whether it succeeded.
    pub fn succeeds(&self, user: &str, program: &[&str]) -> bool {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", user, "--"]).args(program);
        as_user_env(&mut cmd).output().is_ok_and(|o| o.status.success())
    }
}

fn as_user_env(cmd: &mut Command) -> &mut Command {
    for k in [
        "STEPWISE_STORE",
        "STEPWISE_USER",
        "STEPWISE_LOG",
        "STEPWISE_TEST_KILL_AFTER_COMMAND",
    ] {
        cmd.env_remove(k);
    }
    cmd.env("STEPWISE_SERVER_IDLE", "0").current_dir("/")
}

impl Drop for OsUsers {
    fn drop(&mut self) {
        let _one = ACCOUNTS.lock().unwrap_or_else(|p| p.into_inner());
        for u in &self.made_users {
            if let Err(e) = run("userdel", &[u]) {
                eprintln!("cleanup: {e}");
            }
            // Its own group, where useradd made one and userdel left it.
            let _ = run("groupdel", &[u]);
        }
        if self.made_group
            && let Err(e) = run("groupdel", &[&self.group])
        {
            eprintln!("cleanup: {e}");
        }
    }
}
