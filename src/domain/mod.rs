//! The pure domain: every concept of the product as types, and its rules as
//! pure functions. Nothing here touches sled, the terminal, the clock or the
//! file system: times and users are passed in.

pub mod admin;
pub mod case;
pub mod case_edit;
pub mod defect;
pub mod defect_report;
pub mod draft;
pub mod duration;
pub mod error;
pub mod estimate;
pub mod ids;
pub mod inert;
pub mod list_order;
pub mod plan;
pub mod project;
pub mod query;
pub mod rules;
pub mod run;
pub mod run_rows;
pub mod run_stats;
pub mod schedule;
pub mod settings;
pub mod status;
pub mod tracker;
pub mod view;

pub use case::{
    Automation, Behavior, Case, CasePriority, CaseStatus, CaseType, Layer, Severity, Step, StepsKind, Suite,
};
pub use defect::{Defect, DefectStatus, ExternalLink, HistoryEntry, ResultLink, parse_tracker_key};
pub use draft::{Draft, FormDraft};
pub use error::DomainError;
pub use ids::{CaseNo, DefectNo, ProjectCode, RunNo};
pub use list_order::{ListOrder, RunHead};
pub use plan::{CaseSource, SavedQuery, TestPlan};
pub use project::{ConfigGroup, Counters, Environment, Milestone, Project, TeamName, Tracker};
pub use run::{Attachment, ConfigCombo, Outcome, Run, RunState, StepResult, Test, TestResult, TestState};
pub use run_rows::{ResultBrief, RowChunk, RowEntry};
pub use run_stats::RunStats;
pub use settings::{Distribution, Redirect, Settings};
pub use status::{CustomStatus, Polarity, ResultStatus, StatusCatalog};
pub use tracker::{TrackerApi, TrackerKind, TrackerSync};
pub use view::{ProjectSummary, RunSummary, RunView, SuiteNames};

/// A point in time. Kept as chrono's UTC time; the domain never reads the clock.
pub type Time = chrono::DateTime<chrono::Utc>;
