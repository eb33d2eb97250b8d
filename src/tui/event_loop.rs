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
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(run_async(app))
}

/// Hands `text` to $VISUAL or $EDITOR (else vi) with the terminal restored,
/// and returns what was saved.
fn edit_externally(guard: &mut TerminalGuard, text: &str) -> Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let path = std::env::temp_dir().join(format!("stepwise-{}.txt", std::process::id()));
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    super::terminal::restore();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("stepwise-editor")
        .arg(&path)
        .status();
    let resumed = guard.resume();
    let result = match status {
        Ok(s) if s.success() => std::fs::read_to_string(&path).map_err(|e| format!("cannot read the edited text: {e}")),
        Ok(s) => Err(format!("{editor} exited with {s}; the text was not changed")),
        Err(e) => Err(format!("cannot start {editor}: {e}")),
    };
    let _ = std::fs::remove_file(&path);
    resumed.map_err(|e| format!("cannot take the terminal back: {e}"))?;
    result
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
            // A large run's rows are read once its first frame is out.
            if app.after_frame() {
                app.dirty = true;
                continue;
            }
        }
        if app.quit {
            break Ended::Quit;
        }
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => app.on_key(key),
                Some(Ok(Event::Resize(..))) => app.dirty = true,
                Some(Ok(Event::Paste(text))) => app.on_paste(&text),
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
            _ = tick.tick() => app.on_tick(),
        }
        if let Some(text) = app.take_editor_request() {
            // The editor owns the keyboard while it runs: stop reading keys.
            drop(events);
            let result = edit_externally(&mut guard, &text);
            events = EventStream::new();
            app.editor_done(result);
        }
    };
    app.save_all();
    if let Ended::Signal(n) = ended {
        tracing::info!("signal {n}: store flushed, exiting");
    }
    drop(guard);
    Ok(ended)
}
