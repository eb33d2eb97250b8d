//! The one API the TUI and the CLI both call. Commands check the domain
//! rules, write in one transaction and flush before they return; queries
//! build what a screen or a listing shows.

mod admin;
mod api;
pub mod attachments;
mod case_edit;
mod cases;
mod defect_commands;
mod defect_queries;
mod defects;
pub mod demo;
mod error;
mod export;
mod front;
mod import;
mod import_results;
mod import_state;
pub mod local_time;
mod plans;
mod projects;
mod queries;
pub mod remote;
pub mod repository;
mod results;
mod run_builder;
mod run_bulk;
mod run_edit;
mod runs;
mod schedules;
mod settings;
mod spawn;
pub mod statuses;
pub mod synthetic;
pub mod tracker;
pub mod wire;
mod wizard;

pub use admin::ConfigTarget;
pub use api::Request;
pub use defect_commands::DefectChange;
pub use defect_queries::{DefectFilter, DefectSort, DefectView, LinkView, Readiness};
pub use defects::NewDefect;
pub use error::ServiceError;
pub use export::{ExportFormat, Exported};
pub(crate) use front::Backend;
pub use front::{Pushed, Service};
pub use import::{ImportFormat, ImportOptions, ImportReport, Shared, Tally, changed_fields};
pub use repository::SuiteContents;
pub use results::{NewResult, Recorded};
pub use run_bulk::BulkRecorded;
pub use run_edit::RunEdit;
pub use runs::NewRun;
pub use schedules::{NewSchedule, ScheduledRun};
pub use tracker::{CheckedLink, PushOutcome, SyncChange, SyncReport};

use crate::domain::{Project, ProjectCode, Time};
use crate::store::{Batch, Store, keys};
use std::sync::Arc;

pub type Clock = Arc<dyn Fn() -> Time + Send + Sync>;

/// The service as the server runs it (and as a process that owns the store
/// alone, e.g. a test, runs it): the rules, over the store. Clients reach
/// it through [`Service`], locally or over the server's socket.
pub struct Engine {
    store: Arc<Store>,
    user: String,
    clock: Clock,
    /// How long one tracker call may take.
    tracker_timeout: std::time::Duration,
    /// GitHub's last `ETag` and answer per issue address: a sync asks
    /// `If-None-Match`, and a 304 (free of rate limit) reuses the answer.
    etags: Arc<std::sync::Mutex<std::collections::HashMap<String, (String, String)>>>,
    /// The one writer: held by a server's command from its first read to
    /// its commit, so that two clients' changes never overwrite each other.
    writer: Arc<std::sync::Mutex<()>>,
}

impl Engine {
    pub fn new(store: Store, user: impl Into<String>) -> Self {
        Self {
            store: Arc::new(store),
            user: user.into(),
            clock: Arc::new(chrono::Utc::now),
            tracker_timeout: tracker::DEFAULT_TIMEOUT,
            etags: Default::default(),
            writer: Default::default(),
        }
    }

    /// Opens (or creates) the store in `dir` for `user`: for callers that
    /// must not reach the store themselves (the TUI's test harness).
    pub fn open(dir: &std::path::Path, user: &str) -> Result<Self, ServiceError> {
        Ok(Self::new(Store::open(dir, user)?, user))
    }

    /// The same store for another acting user (the server's engine for
    /// one client).
    pub fn for_user(&self, user: &str) -> Self {
        Self {
            store: Arc::clone(&self.store),
            user: user.to_string(),
            clock: Arc::clone(&self.clock),
            tracker_timeout: self.tracker_timeout,
            etags: Arc::clone(&self.etags),
            writer: Arc::clone(&self.writer),
        }
    }

    /// The store, when no other engine shares it (the server closes it
    /// cleanly only then); else the engine back.
    pub fn into_store(self) -> Result<Store, Self> {
        let Self {
            store,
            user,
            clock,
            tracker_timeout,
            etags,
            writer,
        } = self;
        Arc::try_unwrap(store).map_err(|store| Self {
            store,
            user,
            clock,
            tracker_timeout,
            etags,
            writer,
        })
    }

    /// The one writer's lock (see `writer`).
    pub fn write_lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The one writer's lock, to hold while a call has the engine.
    pub fn writer(&self) -> Arc<std::sync::Mutex<()>> {
        Arc::clone(&self.writer)
    }

    /// Uses a fixed or scripted clock (tests, snapshots, the demo).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn now(&self) -> Time {
        (self.clock)()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Makes every commit applied so far durable (after calls run under
    /// `store::defer_flush`): one flush shared by concurrent calls.
    pub fn make_durable(&self) -> Result<(), ServiceError> {
        Ok(self.store.make_durable()?)
    }

    /// Writes the store's backup now if it changed since the last one, as
    /// the one writer (a consistent copy of every tree); whether it wrote.
    pub fn backup_if_changed(&self) -> Result<bool, ServiceError> {
        let _writer = self.write_lock();
        Ok(self.store.backup_if_changed(self.now())?)
    }

    /// Why the store stopped taking writes, once a write failed.
    pub fn writes_failed(&self) -> Option<String> {
        self.store.writes_failed()
    }

    /// Makes everything durable; called on SIGHUP and before exit.
    pub fn flush(&self) -> Result<(), ServiceError> {
        Ok(self.store.flush()?)
    }

    fn load_project(&self, code: &ProjectCode) -> Result<Project, ServiceError> {
        self.store
            .get::<Project>(&keys::project(code))?
            .ok_or_else(|| ServiceError::NotFound(format!("project {code} does not exist")))
    }

    /// Adds the acting user to the project's team, in the same batch.
    fn note_user(&self, project: &mut Project, batch: &mut Batch) -> bool {
        let changed = project.note_user(&self.user);
        if changed {
            batch.put(keys::project(&project.code), project);
        }
        changed
    }
}
