//! Blocking service calls off the UI thread (a tracker's push, link check
//! or sync waits up to its timeout on the network): a screen hands the
//! call to `Jobs::spawn` with a line saying what it does; the call runs on
//! a worker thread of its own with the shared `Service`, and what it
//! reports comes back as a notice at a later event (`App::poll_jobs`),
//! after which the top screen re-reads what it shows. The keys keep
//! working meanwhile; the footer says what is under way.
//!
//! A job writes only through the service (which commits and flushes before
//! it returns), so a job that ends while the user is elsewhere changes
//! nothing the screens have not re-read. Nothing cancels a job: Esc closes
//! a dialog, never a call the tracker may already have acted on.

use super::screen::Notice;
use crate::domain::ProjectCode;
use crate::service::Service;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the TUI syncs the project's linked issues while it is open
/// (the first time this long after opening; `S` on the defects list syncs
/// at once).
pub const SYNC_EVERY: Duration = Duration::from_secs(5 * 60);

/// What a job reports: a line for the footer, or nothing (a periodic sync
/// that found no change).
pub type Report = Option<Notice>;

struct Pending {
    id: u64,
    /// What the footer says while it runs (`pushing D-7 to github…`).
    label: String,
    /// Whether it is a tracker sync (only one runs at a time).
    sync: bool,
    handle: JoinHandle<()>,
}

/// The jobs under way and the channel their reports come back on.
pub struct Jobs {
    svc: Arc<Service>,
    tx: Sender<(u64, Report)>,
    rx: Receiver<(u64, Report)>,
    pending: Vec<Pending>,
    next: u64,
    /// Woken when a job ends, so the event loop delivers its report at once.
    wake: Arc<tokio::sync::Notify>,
    /// When the last sync started (None: not since the TUI opened).
    last_sync: Option<Instant>,
}

impl Jobs {
    pub fn new(svc: Arc<Service>) -> Self {
        let (tx, rx) = channel();
        Self {
            svc,
            tx,
            rx,
            pending: Vec::new(),
            next: 0,
            wake: Arc::default(),
            last_sync: None,
        }
    }

    /// Runs `call` on a worker thread; `label` is shown while it runs.
    pub fn spawn(&mut self, label: impl Into<String>, call: impl FnOnce(&Service) -> Report + Send + 'static) {
        self.start(label.into(), false, call);
    }

    fn start(&mut self, label: String, sync: bool, call: impl FnOnce(&Service) -> Report + Send + 'static) {
        self.next += 1;
        let id = self.next;
        let (svc, tx, wake) = (Arc::clone(&self.svc), self.tx.clone(), Arc::clone(&self.wake));
        let spawned = std::thread::Builder::new().name(format!("job-{id}")).spawn(move || {
            let report = call(&svc);
            // The app may be gone (the TUI closed): nobody to tell.
            let _ = tx.send((id, report));
            wake.notify_one();
        });
        match spawned {
            Ok(handle) => self.pending.push(Pending {
                id,
                label,
                sync,
                handle,
            }),
            Err(e) => {
                let _ = self.tx.send((
                    id,
                    Some(Notice {
                        text: format!("cannot start {label}: {e}"),
                        error: true,
                    }),
                ));
            }
        }
    }

    /// Syncs the linked issues of `code` now, unless a sync is under way
    /// (returns false then). `quiet`: say nothing when nothing changed.
    pub fn sync(&mut self, code: &ProjectCode, quiet: bool, now: Instant) -> bool {
        if self.pending.iter().any(|p| p.sync) {
            return false;
        }
        self.last_sync = Some(now);
        let code = code.clone();
        self.start("syncing trackers…".into(), true, move |svc| {
            super::tracker_calls::sync_report(svc.sync_trackers(&code), quiet)
        });
        true
    }

    /// Whether a periodic sync is due at `now` (and the project has an
    /// issue linked on a tracker with an API, so there is something to read).
    pub fn sync_due(&self, now: Instant, opened: Instant) -> bool {
        let since = self.last_sync.unwrap_or(opened);
        now.saturating_duration_since(since) >= SYNC_EVERY
    }

    /// Marks a periodic sync as skipped (nothing to read) until the next
    /// period.
    pub fn skip_sync(&mut self, now: Instant) {
        self.last_sync = Some(now);
    }

    /// The reports that came back, in order; a job whose thread ended
    /// without one (it panicked) says so.
    pub fn finished(&mut self) -> Vec<Report> {
        // A thread sends before it ends: one seen ended here whose report
        // is not in the channel after it will never send one.
        let ended: Vec<u64> = self
            .pending
            .iter()
            .filter(|p| p.handle.is_finished())
            .map(|p| p.id)
            .collect();
        let mut out = Vec::new();
        while let Ok((id, report)) = self.rx.try_recv() {
            self.remove(id);
            out.push(report);
        }
        for id in ended {
            if let Some(label) = self.remove(id) {
                out.push(Some(Notice {
                    text: format!("{} ended without an answer", label.trim_end_matches('…')),
                    error: true,
                }));
            }
        }
        out
    }

    /// Forgets job `id` (joining its thread); its label if it was pending.
    fn remove(&mut self, id: u64) -> Option<String> {
        let at = self.pending.iter().position(|p| p.id == id)?;
        let p = self.pending.remove(at);
        let _ = p.handle.join();
        Some(p.label)
    }

    /// What the footer says while jobs run (None: nothing under way).
    pub fn progress(&self) -> Option<String> {
        match self.pending.as_slice() {
            [] => None,
            [one] => Some(one.label.clone()),
            [first, rest @ ..] => Some(format!("{} (+{} more)", first.label, rest.len())),
        }
    }

    pub fn busy(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The event loop waits on this beside keys and signals.
    pub fn waker(&self) -> Arc<tokio::sync::Notify> {
        Arc::clone(&self.wake)
    }

    /// Blocks until every job has ended or `limit` passed (the TUI is
    /// closing: a push the tracker accepted still gets its link saved);
    /// returns the reports that came back.
    pub fn wait(&mut self, limit: Duration) -> Vec<Report> {
        let until = Instant::now() + limit;
        let mut out = Vec::new();
        while self.busy() && Instant::now() < until {
            match self.rx.recv_timeout(Duration::from_millis(20)) {
                Ok((id, report)) => {
                    self.remove(id);
                    out.push(report);
                }
                Err(_) => out.extend(self.finished()),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jobs() -> (tempfile::TempDir, Jobs) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let svc = Service::open(&dir.path().join("store"), "alice").expect("a store");
        (dir, Jobs::new(Arc::new(svc)))
    }

    fn said(text: &str) -> Report {
        Some(Notice {
            text: text.into(),
            error: false,
        })
    }

    #[test]
    fn a_slow_job_is_under_way_until_its_report_comes_back() {
        let (_dir, mut jobs) = jobs();
        let (go, gate) = std::sync::mpsc::channel::<()>();
        jobs.spawn("pushing D-7 to gh…", move |_| {
            let _ = gate.recv();
            said("D-7 pushed")
        });
        assert!(jobs.busy());
        assert_eq!(jobs.progress().as_deref(), Some("pushing D-7 to gh…"));
        assert!(jobs.finished().is_empty(), "no report before the call ends");
        go.send(()).expect("the job waits");
        let reports = jobs.wait(Duration::from_secs(10));
        assert_eq!(reports, vec![said("D-7 pushed")]);
        assert!(!jobs.busy());
        assert_eq!(jobs.progress(), None);
    }

    #[test]
    fn a_job_that_dies_without_a_report_says_so() {
        let (_dir, mut jobs) = jobs();
        jobs.spawn("syncing trackers…", |_| panic!("test: a job that dies"));
        let until = Instant::now() + Duration::from_secs(10);
        let mut reports = Vec::new();
        while reports.is_empty() && Instant::now() < until {
            reports = jobs.finished();
            std::thread::sleep(Duration::from_millis(5));
        }
        let text = reports.into_iter().flatten().map(|n| n.text).collect::<Vec<_>>();
        assert_eq!(text, ["syncing trackers ended without an answer"]);
        assert!(!jobs.busy());
    }

    #[test]
    fn two_jobs_show_as_one_line_and_only_one_sync_runs_at_a_time() {
        let (_dir, mut jobs) = jobs();
        let (go, gate) = std::sync::mpsc::channel::<()>();
        jobs.spawn("pushing D-1 to gh…", move |_| {
            let _ = gate.recv();
            None
        });
        let code = ProjectCode::parse("NOPE").expect("a project code");
        let now = Instant::now();
        assert!(jobs.sync(&code, true, now));
        assert_eq!(jobs.progress().as_deref(), Some("pushing D-1 to gh… (+1 more)"));
        assert!(!jobs.sync(&code, true, now), "a second sync while one runs");
        go.send(()).expect("the job waits");
        jobs.wait(Duration::from_secs(10));
        assert!(!jobs.sync_due(now + SYNC_EVERY - Duration::from_secs(1), now));
        assert!(jobs.sync_due(now + SYNC_EVERY, now));
    }
}
