//! The terminal guard: raw mode, alternate screen, bracketed paste and a
//! hidden cursor while stepwise runs; all of it restored on every way out —
//! normal quit, error, panic (a chained hook) and signals.

use crossterm::{
    cursor, event,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{BufWriter, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Every frame leaves in one write.
pub type Backend = CrosstermBackend<BufWriter<Stdout>>;

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The terminal's settings before raw mode, for the abort handler (which
/// cannot take crossterm's lock).
static SAVED: std::sync::OnceLock<libc::termios> = std::sync::OnceLock::new();

/// What `restore` writes, as bytes the abort handler can write itself.
const RESTORE_BYTES: &[u8] = b"\x1b[?2004l\x1b[?1049l\x1b[?25h";

/// Puts the terminal back as it was. Safe to call more than once and from
/// a panic hook; errors are ignored (after SIGHUP there is no terminal).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = std::io::stdout();
    let _ = crossterm::execute!(out, event::DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// The terminal is gone (the other side of the pseudo-terminal closed, as
/// when sshd drops a connection): nothing more may be written to it. Every
/// write would fail with EIO, and a failed write in a `Drop` (ratatui's
/// terminal shows the cursor again and prints to stderr on failure) panics
/// and aborts. So standard input, output and error now point at
/// `/dev/null`, and nothing is restored: there is nothing to restore.
pub fn abandon() {
    ACTIVE.store(false, Ordering::SeqCst);
    // SAFETY: open and dup2 on plain file descriptors; /dev/null is closed
    // again once it has been copied over 0, 1 and 2.
    unsafe {
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC);
        if null < 0 {
            return;
        }
        for fd in 0..=2 {
            libc::dup2(null, fd);
        }
        if null > 2 {
            libc::close(null);
        }
    }
}

/// Whether the terminal on standard input has hung up, waiting at most
/// `timeout_ms` (-1: until it does). poll(2) reports POLLHUP on a terminal
/// whose other side closed even when no event is asked for.
pub fn hung_up(timeout_ms: i32) -> bool {
    let mut fd = libc::pollfd {
        fd: 0,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, owned by this frame.
    let rc = unsafe { libc::poll(&mut fd, 1, timeout_ms) };
    rc > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

pub struct TerminalGuard {
    pub terminal: Terminal<Backend>,
}

fn take_over() -> std::io::Result<()> {
    if SAVED.get().is_none() {
        // SAFETY: tcgetattr fills a zeroed termios owned by this frame.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(0, &mut t) } == 0 {
            let _ = SAVED.set(t);
        }
    }
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = std::io::stdout();
    crossterm::execute!(out, EnterAlternateScreen, event::EnableBracketedPaste, cursor::Hide)
}

impl TerminalGuard {
    /// Takes the terminal back after an external program (an editor) had
    /// it, and redraws everything.
    pub fn resume(&mut self) -> std::io::Result<()> {
        take_over()?;
        // Not `Terminal::clear`: it asks the terminal for the cursor
        // position, which not every terminal answers. Clear the screen and
        // diff the next frame against an empty buffer instead.
        crossterm::execute!(std::io::stdout(), terminal::Clear(terminal::ClearType::All))?;
        self.terminal.swap_buffers();
        Ok(())
    }

    pub fn enter() -> std::io::Result<Self> {
        install_panic_hook();
        install_abort_handler();
        take_over()?;
        let backend = CrosstermBackend::new(BufWriter::with_capacity(64 * 1024, std::io::stdout()));
        let terminal = Terminal::new(backend).inspect_err(|_| restore())?;
        Ok(Self { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// An abort (a stack overflow ends in one: Rust prints its message, then
/// aborts) runs no panic hook and no destructor: this handler puts the
/// terminal back with async-signal-safe calls only, then the default action
/// ends the process with SIGABRT.
extern "C" fn on_abort(_: libc::c_int) {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        // SAFETY: write(2) and tcsetattr(3) are async-signal-safe; the
        // bytes and the saved settings are statics.
        unsafe {
            libc::write(1, RESTORE_BYTES.as_ptr().cast(), RESTORE_BYTES.len());
            if let Some(t) = SAVED.get() {
                libc::tcsetattr(0, libc::TCSANOW, t);
            }
        }
    }
}

fn install_abort_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: a zeroed sigaction with a plain handler; SA_RESETHAND
        // makes the abort that follows take the default action.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_abort as extern "C" fn(libc::c_int) as libc::sighandler_t;
            action.sa_flags = libc::SA_RESETHAND;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(libc::SIGABRT, &action, std::ptr::null_mut());
        }
    });
}
