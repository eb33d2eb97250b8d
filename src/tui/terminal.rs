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

pub struct TerminalGuard {
    pub terminal: Terminal<Backend>,
}

fn take_over() -> std::io::Result<()> {
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
