//! End-to-end harness: the real `stepwise` binary in a pseudo-terminal,
//! its output fed to a vt100 parser, keys written as escape sequences.
//! Every wait is bounded, and the child is killed when the `Tui` drops.
#![allow(dead_code)]

pub mod fake_tracker;
pub mod tmpfs;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_stepwise");
/// Per wait; the binary is a debug build on a busy machine, where a write
/// that fsyncs (the database, then the side files) can take seconds while
/// other tests fsync too.
pub const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);
/// A server a test's command started ends as soon as its last client
/// leaves: no test leaves one running.
pub const SERVER_IDLE: &str = "0";
/// Variables the child never inherits from the test's environment.
const CLEARED: [&str; 9] = [
    "NO_COLOR",
    "COLORTERM",
    "LC_ALL",
    "LC_CTYPE",
    "STEPWISE_STORE",
    "STEPWISE_USER",
    "STEPWISE_LOG",
    "STEPWISE_TEST_PANIC_KEY",
    "STEPWISE_TEST_KILL_AFTER_COMMAND",
];

/// Keys as an xterm sends them (normal cursor mode), for `Tui::send`.
pub mod key {
    pub const ENTER: &str = "\r";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const HOME: &str = "\x1b[H";
    pub const END: &str = "\x1b[F";
    pub const PAGE_UP: &str = "\x1b[5~";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_L: &str = "\x0c";
    pub const CTRL_S: &str = "\x13";
    pub const TAB: &str = "\t";
    pub const BACKSPACE: &str = "\x7f";
}

/// How the child ended, as portable-pty reports it: `signal` is set (to
/// the signal's description) only when a signal killed the process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exit {
    pub code: u32,
    pub signal: Option<String>,
}

pub struct Tui {
    /// The master side; `None` once `drop_connection` closed it.
    master: Option<Box<dyn MasterPty + Send>>,
    /// A plain duplicate of the master: portable-pty's own writer types
    /// a newline and EOF into the terminal when it is dropped.
    writer: Option<std::fs::File>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader: JoinHandle<()>,
    /// Tells the reader to stop and close its descriptor.
    stop: Arc<std::sync::atomic::AtomicBool>,
    exit: Option<Exit>,
}

/// A duplicate of the master's descriptor, as a file.
fn dup_master(master: &dyn MasterPty) -> std::fs::File {
    use std::os::fd::FromRawFd;
    let fd = master.as_raw_fd().expect("pty master fd");
    // SAFETY: dup of a descriptor the master keeps open; the copy is owned
    // by the returned file alone.
    let copy = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) };
    assert!(copy >= 0, "dup of the pty master failed");
    unsafe { std::fs::File::from_raw_fd(copy) }
}

/// Whether `fd` has bytes to read within 20 ms.
fn readable(fd: i32) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, owned by this frame.
    unsafe { libc::poll(&mut p, 1, POLL.as_millis() as i32) > 0 }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal size must not be zero")
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    let (pixel_width, pixel_height) = (0, 0);
    PtySize {
        rows,
        cols,
        pixel_width,
        pixel_height,
    }
}

impl Tui {
    /// Spawns `stepwise ARGS` in a `cols`x`rows` pty. TERM, LANG and USER
    /// are fixed and the `CLEARED` variables removed; `env` overrides
    /// (an empty value removes the variable).
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
        Self::spawn_in(&std::env::temp_dir(), args, env, cols, rows)
    }

    /// `spawn` with `cwd` as the current folder (where reports are written).
    pub fn spawn_in(cwd: &Path, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(cwd);
        Self::spawn_command(cmd, env, cols, rows)
    }

    /// `spawn` under a shell that leads the terminal's session and survives
    /// its hang-up (it ignores SIGHUP): the kernel then sends stepwise no
    /// SIGHUP when the terminal closes. The shell writes stepwise's exit
    /// status into `status`.
    pub fn spawn_under_shell(args: &[&str], env: &[(&str, &str)], status: &Path) -> Tui {
        let mut cmd = CommandBuilder::new("sh");
        let script = format!("trap '' HUP; \"$0\" \"$@\"; echo $? > '{}'", status.display());
        cmd.args(["-c", &script, BIN]);
        cmd.args(args);
        cmd.cwd(std::env::temp_dir());
        Self::spawn_command(cmd, env, 80, 24)
    }

    fn spawn_command(mut cmd: CommandBuilder, env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
        let pair = native_pty_system().openpty(pty_size(cols, rows)).expect("openpty");
        CLEARED.iter().for_each(|k| cmd.env_remove(k));
        let fixed = [
            ("TERM", "xterm-256color"),
            ("LANG", "C.UTF-8"),
            ("USER", "tester"),
            ("STEPWISE_SERVER_IDLE", SERVER_IDLE),
        ];
        for (k, v) in fixed.iter().chain(env) {
            if v.is_empty() {
                cmd.env_remove(k);
            } else {
                cmd.env(k, v);
            }
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn stepwise in a pty");
        drop(pair.slave); // so the reader sees EOF once the child is gone
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut input = dup_master(&*pair.master);
        let (p, r) = (parser.clone(), raw.clone());
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = stop.clone();
        let reader = std::thread::spawn(move || {
            use std::os::fd::AsRawFd;
            let mut buf = [0u8; 8192];
            loop {
                if stopped.load(std::sync::atomic::Ordering::SeqCst) {
                    return;
                }
                if !readable(input.as_raw_fd()) {
                    continue;
                }
                match input.read(&mut buf) {
                    Ok(n @ 1..) => {
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                        p.lock().unwrap().process(&buf[..n]);
                    }
                    _ => return,
                }
            }
        });
        let writer = Some(dup_master(&*pair.master));
        Tui {
            master: Some(pair.master),
            writer,
            child,
            parser,
            raw,
            reader,
            stop,
            exit: None,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Looks at the emulated terminal's state: modes, cells, attributes.
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(self.parser.lock().unwrap().screen())
    }

    /// Polls `pred` on the screen text every 20 ms until it holds; the
    /// error names `what` and shows the screen.
    pub fn wait_until(&self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) -> Result<(), String> {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return Ok(());
            }
            if start.elapsed() > timeout {
                return Err(format!("no {what} after {timeout:?}; screen:\n{screen}"));
            }
            std::thread::sleep(POLL);
        }
    }

    pub fn wait_for(&self, text: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(&format!("{text:?}"), timeout, |s| s.contains(text))
    }

    /// `wait_for` with the default timeout, panicking with the screen.
    pub fn expect(&self, text: &str) {
        self.wait_for(text, WAIT).unwrap_or_else(|e| panic!("{e}"));
    }

    /// Writes raw bytes, as typed or pasted.
    pub fn send(&mut self, bytes: &str) {
        let writer = self.writer.as_mut().expect("the connection was dropped");
        writer.write_all(bytes.as_bytes()).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// What sshd does when a connection drops: closes the master side of
    /// the pseudo-terminal (every descriptor of it). The kernel hangs the
    /// terminal up: reads and writes fail with EIO, and SIGHUP goes to the
    /// session leader only.
    pub fn drop_connection(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let deadline = Instant::now() + WAIT;
        while !self.reader.is_finished() && Instant::now() < deadline {
            std::thread::sleep(POLL);
        }
        assert!(self.reader.is_finished(), "the pty reader did not stop");
        self.writer = None;
        self.master = None;
    }

    pub fn key_enter(&mut self) {
        self.send(key::ENTER)
    }

    pub fn key_up(&mut self) {
        self.send(key::UP)
    }

    pub fn key_down(&mut self) {
        self.send(key::DOWN)
    }

    /// A lone ESC, then a pause so that the next key is not read as Alt+key.
    pub fn key_esc(&mut self) {
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
        let master = self.master.as_ref().expect("the connection was dropped");
        master.resize(pty_size(cols, rows)).expect("resize pty");
    }

    /// Every byte the child wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    pub fn signal(&self, sig: i32) {
        // SAFETY: kill(2) on our own child's pid.
        let rc = unsafe { libc::kill(self.pid() as libc::pid_t, sig) };
        assert_eq!(rc, 0, "kill({}, {sig}) failed", self.pid());
    }

    /// Waits for the child to end, then for the reader to drain the pty,
    /// so that `raw()` and `screen()` hold everything it wrote.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<Exit> {
        let start = Instant::now();
        while self.exit.is_none() {
            if let Some(s) = self.child.try_wait().expect("try_wait") {
                let signal = s.signal().map(str::to_string);
                self.exit = Some(Exit {
                    code: s.exit_code(),
                    signal,
                });
            } else if start.elapsed() > timeout {
                return None;
            } else {
                std::thread::sleep(POLL);
            }
        }
        let drained = Instant::now();
        while !self.reader.is_finished() && drained.elapsed() < WAIT {
            std::thread::sleep(POLL);
        }
        self.exit.clone()
    }

    /// `wait_exit` with the default timeout, panicking with the screen.
    pub fn exited(&mut self) -> Exit {
        let exit = self.wait_exit(WAIT);
        exit.unwrap_or_else(|| panic!("stepwise did not exit; screen:\n{}", self.screen()))
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.exit.is_none() && !matches!(self.child.try_wait(), Ok(Some(_))) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Waits until the server a command started on `store` has closed it (it
/// ends as its last client leaves, `SERVER_IDLE`): what a test reads of the
/// store's files afterwards is then what the closed store holds.
pub fn wait_server_gone(store: &Path) {
    let deadline = std::time::Instant::now() + WAIT;
    while (store.join("server.sock").exists() || lock_held(store)) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The pids of the on-demand servers of `store` (`stepwise serve --store
/// STORE --on-demand`), found in /proc: a kill test kills them too.
pub fn server_pids(store: &Path) -> Vec<i32> {
    let want = [
        "serve".as_bytes(),
        b"--store",
        store.as_os_str().as_encoded_bytes(),
        b"--on-demand",
    ];
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    procs
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| {
                let args: Vec<&[u8]> = c.split(|b| *b == 0).collect();
                args.windows(want.len()).any(|w| w == want)
            })
        })
        .collect()
}

/// Whether a process holds the store's lock (a server not yet ended).
fn lock_held(store: &Path) -> bool {
    use std::os::fd::AsRawFd;
    let Ok(f) = std::fs::File::open(store.join("lock")) else {
        return false;
    };
    // SAFETY: flock on a descriptor owned here; released as it closes.
    unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) != 0 }
}

/// The command `cli` runs: `stepwise --store STORE ARGS`, without a
/// terminal, with the `CLEARED` variables removed and `env` added.
pub fn cli_command(store: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    cmd.arg("--store").arg(store).args(args);
    CLEARED.iter().for_each(|k| {
        cmd.env_remove(k);
    });
    cmd.env("USER", "tester")
        .env("STEPWISE_SERVER_IDLE", SERVER_IDLE)
        .envs(env.iter().copied());
    cmd
}

/// Runs `stepwise --store STORE ARGS`: (exit code, stdout, stderr); the
/// code is -1 when a signal ended it.
pub fn cli(store: &Path, args: &[&str]) -> (i32, String, String) {
    let out = cli_command(store, args, &[]).output().expect("run stepwise");
    wait_server_gone(store);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// `cli` that must succeed; returns stdout.
pub fn cli_ok(store: &Path, args: &[&str]) -> String {
    let (code, out, err) = cli(store, args);
    assert_eq!(code, 0, "stepwise {args:?} failed: {err}");
    out
}

/// `cli_ok` with `--json` added, parsed.
pub fn cli_json(store: &Path, args: &[&str]) -> serde_json::Value {
    let args = [args, &["--json"]].concat();
    let out = cli_ok(store, &args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: bad JSON ({e}): {out}"))
}

/// A fresh store with the demo project written into it.
pub fn demo_store() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    cli_ok(dir.path(), &["demo"]);
    dir
}

/// Position (0-based) of DEMO-4 Firefox, the first untested test of the
/// demo's run #2.
pub const FIRST_UNTESTED: usize = 7;
/// Position of DEMO-6 Chrome, the untested test after it.
pub const NEXT_UNTESTED: usize = 10;

/// The store path as a `&str`, for `Tui::spawn` arguments.
pub fn path_str(dir: &TempDir) -> &str {
    dir.path().to_str().expect("UTF-8 temp path")
}

/// Where `needle` last occurs in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// A row without the borders around it (one or two levels: a dialog's).
pub fn unframe(row: &str) -> &str {
    fn strip(r: &str) -> &str {
        r.trim().trim_start_matches('│').trim_end_matches('│')
    }
    strip(strip(row)).trim()
}

/// The screen's text with the borders taken off and the rows joined, so
/// that a phrase wrapped over two rows is found.
pub fn flat(screen: &str) -> String {
    screen.lines().map(unframe).collect::<Vec<_>>().join(" ")
}
