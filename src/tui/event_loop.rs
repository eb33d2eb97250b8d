//! The event loop: one `select!` over key presses, SIGHUP/SIGTERM/SIGINT and
//! a slow tick. A frame is drawn only when something changed.

use super::app::App;
use super::terminal::TerminalGuard;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};

/// How the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    Quit,
    /// By a signal (its number): the store was flushed first.
    Signal(i32),
}

/// Runs the TUI until the user quits or a signal arrives. Everything is
/// flushed and the terminal restored before this returns, on every path.
pub fn run(app: App) -> std::io::Result<Ended> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(run_async(app))
}

async fn run_async(mut app: App) -> std::io::Result<Ended> {
    let mut hup = signal(SignalKind::hangup())?;
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let mut guard = TerminalGuard::enter()?;
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let ended = loop {
        if app.dirty {
            guard.terminal.draw(|f| app.render(f))?;
            app.dirty = false;
        }
        if app.quit {
            break Ended::Quit;
        }
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => app.on_key(key),
                Some(Ok(Event::Resize(..))) => app.dirty = true,
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    app.save_all();
                    return Err(e);
                }
                None => break Ended::Quit,
            },
            _ = hup.recv() => break Ended::Signal(libc::SIGHUP),
            _ = term.recv() => break Ended::Signal(libc::SIGTERM),
            _ = int.recv() => break Ended::Signal(libc::SIGINT),
            _ = tick.tick() => {}
        }
    };
    app.save_all();
    if let Ended::Signal(n) = ended {
        tracing::info!("signal {n}: store flushed, exiting");
    }
    drop(guard);
    Ok(ended)
}
