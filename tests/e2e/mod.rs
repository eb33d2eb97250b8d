//! End-to-end harness: the real `stepwise` binary in a pseudo-terminal,
//! its output fed to a vt100 parser, keys written as escape sequences.
//! Every wait is bounded, and the child is killed when the `Tui` drops.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_stepwise");
/// Per wait; the binary is a debug build on a busy machine.
pub const WAIT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(20);
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
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader: JoinHandle<()>,
    exit: Option<Exit>,
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
        let pair = native_pty_system().openpty(pty_size(cols, rows)).expect("openpty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(cwd);
        CLEARED.iter().for_each(|k| cmd.env_remove(k));
        let fixed = [("TERM", "xterm-256color"), ("LANG", "C.UTF-8"), ("USER", "tester")];
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
        let mut input = pair.master.try_clone_reader().expect("pty reader");
        let (p, r) = (parser.clone(), raw.clone());
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = input.read(&mut buf) {
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        let master = pair.master;
        Tui {
            master,
            writer,
            child,
            parser,
            raw,
            reader,
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
        self.writer.write_all(bytes.as_bytes()).expect("write to pty");
        self.writer.flush().expect("flush pty");
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
        self.master.resize(pty_size(cols, rows)).expect("resize pty");
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

/// The command `cli` runs: `stepwise --store STORE ARGS`, without a
/// terminal, with the `CLEARED` variables removed and `env` added.
pub fn cli_command(store: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    cmd.arg("--store").arg(store).args(args);
    CLEARED.iter().for_each(|k| {
        cmd.env_remove(k);
    });
    cmd.env("USER", "tester").envs(env.iter().copied());
    cmd
}

/// Runs `stepwise --store STORE ARGS`: (exit code, stdout, stderr); the
/// code is -1 when a signal ended it.
pub fn cli(store: &Path, args: &[&str]) -> (i32, String, String) {
    let out = cli_command(store, args, &[]).output().expect("run stepwise");
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

/// The store path as a `&str`, for `Tui::spawn` arguments.
pub fn path_str(dir: &TempDir) -> &str {
    dir.path().to_str().expect("UTF-8 temp path")
}

/// Where `needle` last occurs in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
