//! The event loop: one `select!` over key presses, SIGHUP/SIGTERM/SIGINT,
//! the terminal hanging up, what the store's server pushes (changes,
//! presence, a reconnection) and a slow tick. A frame is drawn only when
//! something changed; after each event the server learns where the tester
//! is.
//!
//! A dropped SSH connection closes the terminal first; SIGHUP follows only
//! when stepwise leads the terminal's session (a shell that survives the
//! hang-up sends none). crossterm 0.29's key stream never reports a closed
//! terminal (it retries the failing read forever), so a watcher thread asks
//! poll(2) for the hang-up. Either way: stop writing to the terminal, save
//! every draft, flush, and end — 129 after SIGHUP, else 0.

use super::first_run::Front;
use super::terminal::TerminalGuard;
use crate::service::Pushed;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use std::io::Write;
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::UnboundedReceiver;

/// How the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    Quit,
    /// By a signal (its number): the store was flushed first.
    Signal(i32),
    /// The terminal went away without a signal (it hung up, its key stream
    /// ended or failed, a frame could not be written): drafts were saved
    /// and the store flushed; nothing more was written to the terminal.
    Lost,
}

/// How long each of the watcher's poll(2) calls waits for a hang-up (it
/// also ends when the loop is gone).
const HANGUP_POLL_MS: i32 = 100;

/// Resolves once the terminal on standard input hangs up.
fn watch_hangup() -> tokio::sync::oneshot::Receiver<()> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new().name("hangup-watch".into()).spawn(move || {
        while !tx.is_closed() {
            // Asking for no event, poll(2) reports only a hang-up, an error
            // or a closed descriptor, so it sleeps out its timeout otherwise.
            if super::terminal::hung_up(HANGUP_POLL_MS) {
                let _ = tx.send(());
                return;
            }
        }
    });
    if let Err(e) = spawned {
        tracing::warn!("cannot watch the terminal for a hang-up: {e}");
    }
    rx
}

/// How long closing waits for tracker calls under way: a link check makes
/// two calls of at most 10 s each.
const JOBS_AT_EXIT: Duration = Duration::from_secs(21);

/// Whether an error writing to or reading from the terminal means it is gone.
fn is_lost(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::EIO)
        || matches!(
            e.kind(),
            std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::UnexpectedEof
        )
}

/// Runs the TUI (the app, or the first-run screen before it) until the
/// user quits or a signal arrives. Everything is flushed and the terminal
/// restored before this returns, on every path.
pub fn run(front: impl Into<Front>) -> std::io::Result<Ended> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(run_async(front.into()))
}

/// Hands `text` to $VISUAL or $EDITOR (else vi) with the terminal restored,
/// and returns what was saved.
fn edit_externally(guard: &mut TerminalGuard, text: &str) -> Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    // Unpredictable name, created with O_EXCL and mode 0600: on a shared
    // server nobody can plant a symlink there or read the text.
    let mut file = tempfile::Builder::new()
        .prefix("stepwise-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("cannot create a temporary file: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write {}: {e}", file.path().display()))?;
    let path = file.path().to_path_buf();
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
    drop(file);
    resumed.map_err(|e| format!("cannot take the terminal back: {e}"))?;
    result
}

/// The next batch the server pushed: the first event, and every one
/// queued behind it (so that a burst makes one re-read). Never resolves
/// for a store open in this process, or once the service is gone.
async fn next_pushed(rx: &mut Option<UnboundedReceiver<Pushed>>) -> Vec<Pushed> {
    let Some(r) = rx else {
        return std::future::pending().await;
    };
    let Some(first) = r.recv().await else {
        *rx = None;
        return std::future::pending().await;
    };
    let mut batch = vec![first];
    while let Ok(more) = r.try_recv() {
        batch.push(more);
    }
    batch
}

async fn run_async(mut app: Front) -> std::io::Result<Ended> {
    let mut hup = signal(SignalKind::hangup())?;
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let mut guard = TerminalGuard::enter()?;
    let mut lost = watch_hangup();
    let mut events = EventStream::new();
    // Taken once the app is open (after the first-run screen, if any).
    let mut pushed = None;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let ended = loop {
        if app.dirty() {
            match guard.terminal.draw(|f| app.render(f)) {
                Ok(_) => {}
                Err(e) if is_lost(&e) => break Ended::Lost,
                Err(e) => {
                    app.save_all();
                    return Err(e);
                }
            }
            app.set_dirty(false);
            // A large run's rows are read once its first frame is out.
            if app.after_frame() {
                app.set_dirty(true);
                continue;
            }
        }
        if app.quit() {
            break Ended::Quit;
        }
        if pushed.is_none() {
            pushed = app.take_pushed();
        }
        app.tell_whereabouts();
        // The first-run screen runs no job; the app it gives way to does.
        let jobs_done = app.jobs_waker();
        let job_finished = async {
            match &jobs_done {
                Some(wake) => wake.notified().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => app.on_key(key),
                Some(Ok(Event::Resize(..))) => app.set_dirty(true),
                Some(Ok(Event::Paste(text))) => app.on_paste(&text),
                Some(Ok(_)) => {}
                Some(Err(e)) if is_lost(&e) => break Ended::Lost,
                Some(Err(e)) => {
                    app.save_all();
                    return Err(e);
                }
                None => break Ended::Lost,
            },
            _ = &mut lost => break Ended::Lost,
            _ = hup.recv() => break Ended::Signal(libc::SIGHUP),
            _ = term.recv() => break Ended::Signal(libc::SIGTERM),
            _ = int.recv() => break Ended::Signal(libc::SIGINT),
            _ = tick.tick() => app.on_tick(),
            _ = job_finished => {
                app.poll_jobs();
            }
            batch = next_pushed(&mut pushed) => app.on_pushed(batch),
        }
        if let Some(text) = app.take_editor_request() {
            // The editor owns the keyboard while it runs: stop reading keys.
            drop(events);
            let result = edit_externally(&mut guard, &text);
            events = EventStream::new();
            app.editor_done(result);
        }
    };
    // A hang-up (SIGHUP, or the terminal closing under a shell that keeps
    // stepwise alive): not one more byte to the dead terminal.
    let gone = ended == Ended::Lost || (ended == Ended::Signal(libc::SIGHUP) && super::terminal::hung_up(0));
    if gone {
        super::terminal::abandon();
    }
    // Drafts are written at once; then a tracker call under way ends
    // (each within its timeout) so a push the tracker accepted gets its
    // link saved, and what it wrote is flushed.
    app.save_all();
    if app.wait_jobs(JOBS_AT_EXIT) {
        app.save_all();
    }
    let ended = match ended {
        // The kernel sends SIGHUP as it closes the terminal when stepwise
        // leads its session: report the hang-up as such if it came.
        Ended::Lost => match tokio::time::timeout(Duration::from_millis(50), hup.recv()).await {
            Ok(_) => Ended::Signal(libc::SIGHUP),
            Err(_) => Ended::Lost,
        },
        other => other,
    };
    match ended {
        Ended::Signal(n) => tracing::info!("signal {n}: store flushed, exiting"),
        Ended::Lost => tracing::info!("the terminal went away: drafts saved, store flushed, exiting"),
        Ended::Quit => {}
    }
    drop(guard);
    Ok(ended)
}
