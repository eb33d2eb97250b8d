//! The one API the TUI and the CLI both call. Commands check the domain
//! rules, write in one transaction and flush before they return; queries
//! build what a screen or a listing shows.

mod admin;
pub mod attachments;
mod case_edit;
mod cases;
mod defect_commands;
mod defect_queries;
mod defects;
pub mod demo;
mod error;
mod export;
mod import;
mod import_results;
mod import_state;
pub mod local_time;
mod plans;
mod projects;
mod queries;
pub mod repository;
mod results;
mod run_builder;
mod run_bulk;
mod run_edit;
mod runs;
mod schedules;
mod settings;
pub mod statuses;
pub mod synthetic;
mod wizard;

pub use admin::ConfigTarget;
pub use defect_commands::DefectChange;
pub use defect_queries::{DefectFilter, DefectSort, DefectView, LinkView, Readiness};
pub use defects::NewDefect;
pub use error::ServiceError;
pub use export::{ExportFormat, Exported};
pub use import::{ImportFormat, ImportOptions, ImportReport, Shared, Tally, changed_fields};
pub use repository::SuiteContents;
pub use results::{NewResult, Recorded};
pub use run_bulk::BulkRecorded;
pub use run_edit::RunEdit;
pub use runs::NewRun;
pub use schedules::{NewSchedule, ScheduledRun};

use crate::domain::{Project, ProjectCode, Time};
use crate::store::{Batch, Store, keys};
use std::sync::Arc;

pub type Clock = Arc<dyn Fn() -> Time + Send + Sync>;

pub struct Service {
    store: Store,
    user: String,
    clock: Clock,
}

impl Service {
    pub fn new(store: Store, user: impl Into<String>) -> Self {
        Self {
            store,
            user: user.into(),
            clock: Arc::new(chrono::Utc::now),
        }
    }

    /// The service over the store at `dir` (opened, or made when absent).
    pub fn open(dir: &std::path::Path, user: impl Into<String>) -> Result<Self, ServiceError> {
        let user = user.into();
        let store = Store::open(dir, &user)?;
        Ok(Self::new(store, user))
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
