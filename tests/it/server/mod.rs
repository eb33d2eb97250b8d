//! The store's server as clients meet it: `stepwise serve` started by the
//! test (and always stopped by it), `server status|stop`, identity and
//! admission with real OS users, and frames no client should send.

mod control;
mod frames;
mod identity;
mod lifecycle;
mod os_users;

use crate::e2e::{self, BIN, WAIT};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use stepwise::service::wire::{self, ClientKind, Head, Hello, ToClient, read_frame, write_frame};

/// A `stepwise serve` the test started: stopped (SIGTERM, then SIGKILL)
/// when dropped, so no server outlives its test, even one that failed.
pub struct Server {
    child: Child,
}

impl Server {
    /// `stepwise serve --store DIR ARGS` in the background, once its socket
    /// answers.
    pub fn start(dir: &Path, args: &[&str]) -> Server {
        Self::start_with(Command::new(BIN), dir, args)
    }

    pub fn start_with(mut cmd: Command, dir: &Path, args: &[&str]) -> Server {
        cmd.arg("serve").arg("--store").arg(dir).args(args);
        cmd.env_remove("STEPWISE_LOG").env("USER", "tester");
        cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
        let child = cmd.spawn().expect("start stepwise serve");
        let mut server = Server { child };
        let deadline = Instant::now() + WAIT;
        while UnixStream::connect(dir.join("server.sock")).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = server.child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                panic!("stepwise serve ended at once ({status}): {err}");
            }
            assert!(
                Instant::now() < deadline,
                "stepwise serve did not listen within {WAIT:?}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        server
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn signal(&self, sig: i32) {
        // SAFETY: kill(2) on our own child's pid.
        let rc = unsafe { libc::kill(self.child.id() as libc::pid_t, sig) };
        assert_eq!(rc, 0, "kill({}, {sig})", self.child.id());
    }

    /// SIGTERM, then its exit code and what it wrote on stderr (a panic's
    /// report goes there: the server's logs go to the store's log).
    pub fn terminate(mut self) -> (Option<i32>, String) {
        self.signal(libc::SIGTERM);
        let code = self.wait_exit(Duration::from_secs(30));
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        (code, err)
    }

    /// Waits for the server to end by itself; its exit code.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<i32> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(s) = self.child.try_wait().expect("try_wait") {
                return Some(s.code().unwrap_or(-1));
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        self.signal(libc::SIGTERM);
        if self.wait_exit(WAIT).is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The store's log, as the server wrote it so far.
pub fn log(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("stepwise.log")).unwrap_or_default()
}

/// Waits until the log holds `text`; the log otherwise.
pub fn wait_log(dir: &Path, text: &str) -> Result<(), String> {
    let deadline = Instant::now() + WAIT;
    loop {
        let log = log(dir);
        if log.contains(text) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("no {text:?} in the log:\n{log}"));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// `stepwise --store DIR ARGS` beside a server the test runs (`e2e::cli`
/// would wait for that server to end): (code, stdout, stderr).
pub fn beside_text(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = e2e::cli_command(dir, args, &[]).output().expect("run stepwise");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// `beside_text` with `--json`, which must succeed, parsed.
pub fn beside(dir: &Path, args: &[&str]) -> serde_json::Value {
    let args = [args, &["--json"]].concat();
    let (code, out, err) = beside_text(dir, &args);
    assert_eq!(code, 0, "stepwise {args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

/// A demo store made by a command (its on-demand server already gone).
pub fn demo_store() -> tempfile::TempDir {
    e2e::demo_store()
}

/// A hand-made client speaking the protocol frame by frame.
pub struct Raw {
    pub s: UnixStream,
}

impl Raw {
    pub fn connect(dir: &Path) -> Raw {
        let s = UnixStream::connect(dir.join("server.sock")).expect("connect to the server");
        s.set_read_timeout(Some(WAIT)).unwrap();
        Raw { s }
    }

    pub fn send_frame(&mut self, payload: &[u8]) {
        write_frame(&mut self.s, payload).expect("write a frame");
    }

    pub fn send_bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.s.write_all(bytes)
    }

    /// Head and Hello, then the server's Head and its Welcome.
    pub fn welcomed(dir: &Path, kind: ClientKind) -> Raw {
        let mut raw = Raw::connect(dir);
        raw.send_frame(&wire::encode(&Head::ours()));
        raw.send_frame(&wire::encode(&hello(kind)));
        let head: Head = raw.recv();
        assert_eq!(head, Head::ours());
        match raw.recv::<ToClient>() {
            ToClient::Welcome { .. } => raw,
            ToClient::Refused { message } => panic!("refused: {message}"),
            _ => panic!("no Welcome"),
        }
    }

    pub fn recv<T: serde::de::DeserializeOwned>(&mut self) -> T {
        let frame = read_frame(&mut self.s).expect("a frame from the server");
        wire::decode(&frame).expect("a message from the server")
    }

    /// Reads until the server closes the connection; false if it was still
    /// open after `WAIT`.
    pub fn closed_by_server(&mut self) -> bool {
        let mut buf = [0u8; 4096];
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            match self.s.read(&mut buf) {
                Ok(0) => return true,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut => {
                    return false;
                }
                // Reset: the server closed it with our bytes unread.
                Err(_) => return true,
            }
        }
        false
    }
}

pub fn hello(kind: ClientKind) -> Hello {
    Hello {
        declared_user: None,
        own_name: "tester".into(),
        kind,
        terminal: None,
        what: "test".into(),
    }
}

/// The mode bits of `path`.
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Whether this test process runs as root (the OS-user tests need it).
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}
