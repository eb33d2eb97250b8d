//! Reaching a store's server, and starting it when none answers: the
//! client runs `stepwise serve --store DIR --on-demand` in a session of its
//! own (no terminal, so the client's hang-up does not end it) and waits
//! for its socket. Two clients racing to start one end up with one server:
//! the store's lock lets one server open it, and the other exits while its
//! client connects to the first.

use super::ServiceError;
use super::remote::{Connect, socket_path};
use std::io::Read;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a client waits for a server it started (a store not closed
/// cleanly is checked on a copy first, which can take a while).
pub const START_WAIT: Duration = Duration::from_secs(30);

/// How long a client waits for a store held by another process to be let
/// go (a server closing takes moments; a process that is not a server —
/// `store recover`, an older stepwise — keeps it, and that is then said).
const HELD_WAIT: Duration = Duration::from_secs(10);

/// The longest socket path the kernel takes (`sun_path`, less its NUL).
const SOCKET_PATH_MAX: usize = 107;

pub fn reach(how: &Connect) -> Result<UnixStream, ServiceError> {
    let sock = socket_path(&how.dir);
    if sock.as_os_str().len() > SOCKET_PATH_MAX {
        return Err(ServiceError::Invalid(format!(
            "the store's path {} is too long for its server's socket (at most {} bytes with /{}): use a shorter path or a symbolic link to it",
            how.dir.display(),
            SOCKET_PATH_MAX - super::wire::SOCKET.len() - 1,
            super::wire::SOCKET
        )));
    }
    let first = match UnixStream::connect(&sock) {
        Ok(s) => return Ok(s),
        Err(e) => e,
    };
    let absent = matches!(
        first.kind(),
        std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
    );
    if !absent {
        return Err(ServiceError::Invalid(format!(
            "cannot reach the stepwise server of {}: {first}{}",
            how.dir.display(),
            if first.kind() == std::io::ErrorKind::PermissionDenied {
                " (this account is not admitted to it: ask whoever runs it for --group or --allow)"
            } else {
                ""
            }
        )));
    }
    if !how.start {
        return Err(ServiceError::Invalid(format!(
            "no stepwise server is running for {}",
            how.dir.display()
        )));
    }
    start_and_wait(how, &sock)
}

/// The exit status of a server that found the store held by another
/// process (EX_TEMPFAIL): a server still closing, or one just started by
/// another client. The client waits and tries again.
pub const EXIT_HELD: i32 = 75;

fn start(how: &Connect) -> Result<Child, ServiceError> {
    let exe = std::env::current_exe()
        .map_err(|e| ServiceError::Failed(format!("cannot find this program to start its server: {e}")))?;
    let mut cmd = Command::new(exe);
    cmd.arg("serve")
        .arg("--store")
        .arg(&how.dir)
        .arg("--on-demand")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: setsid is async-signal-safe and touches no memory.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    cmd.spawn()
        .map_err(|e| ServiceError::Failed(format!("cannot start the stepwise server: {e}")))
}

/// What a server that ended at once said, as the error it stands for.
fn ended(how: &Connect, child: &mut Child, status: std::process::ExitStatus) -> ServiceError {
    let mut said = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut said);
    }
    let said = said.trim().trim_start_matches("stepwise: ").to_string();
    let said = if said.is_empty() {
        format!("the stepwise server for {} ended at once ({status})", how.dir.display())
    } else {
        said
    };
    if matches!(status.code(), Some(2) | Some(EXIT_HELD)) {
        ServiceError::Invalid(said)
    } else {
        ServiceError::Failed(said)
    }
}

fn start_and_wait(how: &Connect, sock: &std::path::Path) -> Result<UnixStream, ServiceError> {
    let started = Instant::now();
    let mut child = start(how)?;
    let mut failed: Option<(Instant, ServiceError)> = None;
    loop {
        if let Ok(s) = UnixStream::connect(sock) {
            // Reaped when it ends, so that it leaves no zombie behind.
            std::thread::spawn(move || {
                drop(child.stderr.take());
                let _ = child.wait();
            });
            return Ok(s);
        }
        if failed.is_none()
            && let Ok(Some(status)) = child.try_wait()
        {
            let e = ended(how, &mut child, status);
            if status.code() == Some(EXIT_HELD) && started.elapsed() < HELD_WAIT {
                // Held by a server closing or starting: its socket comes
                // (then connect), or it goes (then start one again).
                std::thread::sleep(Duration::from_millis(10));
                if !sock.exists() {
                    child = start(how)?;
                }
                continue;
            }
            // Another client's server may be coming up: wait a moment.
            failed = Some((Instant::now(), e));
        }
        if let Some((at, _)) = &failed
            && at.elapsed() > Duration::from_secs(3)
        {
            return Err(failed
                .map(|(_, e)| e)
                .unwrap_or_else(|| ServiceError::Failed(String::new())));
        }
        if started.elapsed() > START_WAIT {
            let _ = child.kill();
            return Err(failed.map(|(_, e)| e).unwrap_or_else(|| {
                ServiceError::Failed(format!(
                    "the stepwise server for {} did not start within {} s; its log is {}",
                    how.dir.display(),
                    START_WAIT.as_secs(),
                    how.dir.join("stepwise.log").display()
                ))
            }));
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}
