//! The service's calls, listed once. From this list `api!` makes:
//! - [`Request`], one variant per call with its arguments owned: what a
//!   client sends the server;
//! - `Request::dispatch`, which runs a request on the server's [`Engine`]
//!   and encodes its result: the server's whole table of calls;
//! - the methods of [`Service`] that the TUI and the CLI call, each run on
//!   the engine in this process or sent to the server, with the same
//!   signature either way.
//!
//! `query` calls only read; `command` calls write (the server runs one at
//! a time and tells every client what changed); `network` calls write
//! after waiting on a tracker, and hold the one writer's lock only around
//! their re-read and commit (a slow tracker delays nobody else's writes);
//! `setup` calls write and need the engine to themselves (the demo writers
//! change its user and clock while they write).

use super::wire::args::{Lend, Own, Wire};
use super::wire::{WireError, encode};
use super::{
    BulkRecorded, CheckedLink, ConfigTarget, DefectChange, DefectFilter, DefectSort, DefectView, Engine, ImportOptions,
    ImportReport, NewDefect, NewResult, NewRun, NewSchedule, PushOutcome, Readiness, Recorded, RunEdit, ScheduledRun,
    Service, ServiceError, SuiteContents, SyncReport, statuses::NewStatus,
};
use crate::domain::admin::{Contents, MilestoneEdit};
use crate::domain::case_edit::CaseFields;
use crate::domain::defect_report::{DefectReport, Observed};
use crate::domain::list_order::RunHead;
use crate::domain::query::Query;
use crate::domain::run_rows::RowEntry;
use crate::domain::schedule::Schedule;
use crate::domain::tracker::request::IssueInfo;
use crate::domain::view::{ProjectSummary, RunSummary, RunView, SuiteNames};
use crate::domain::{
    Attachment, Case, CaseNo, CaseSource, CustomStatus, Defect, DefectNo, Draft, FormDraft, Project, ProjectCode,
    ResultStatus, Run, RunNo, RunState, RunStats, SavedQuery, Settings, Step, Suite, Test, TestPlan, Time, Tracker,
    TrackerApi,
};
use crate::interop::export::ExportFormat;
use serde::{Deserialize, Serialize};
use std::any::Any;

macro_rules! api {
    ($( $kind:ident fn $name:ident ( $( $arg:ident : $t:ty ),* $(,)? ) -> $ret:ty ; )*) => {
        /// One call of the service with its arguments: what a client sends.
        #[allow(non_camel_case_types)]
        #[derive(Serialize, Deserialize)]
        pub enum Request {
            $( $name { $( $arg: <fn($t) as Wire>::Owned ),* }, )*
        }

        /// A fingerprint of the list of calls (see `wire::version`).
        pub const FINGERPRINT: u32 = fnv1a(concat!($( stringify!($kind $name ( $( $arg : $t ),* ) -> $ret), )*));

        impl Request {
            /// The call's name (`record_result`).
            pub fn name(&self) -> &'static str {
                match self { $( Request::$name { .. } => stringify!($name), )* }
            }

            /// Whether the call writes.
            pub fn is_command(&self) -> bool {
                match self { $( Request::$name { .. } => api!(@writes $kind), )* }
            }

            /// Whether the server runs the call as the one writer
            /// (`Engine::write_lock` held throughout); a `network` call
            /// takes it itself, only around its re-read and commit.
            pub fn is_serialized(&self) -> bool {
                match self { $( Request::$name { .. } => api!(@serialized $kind), )* }
            }

            /// The call's arguments, to find its project, run and tests.
            #[allow(unused_variables)]
            pub fn args(&self) -> Vec<(&'static str, &dyn Any)> {
                match self {
                    $( Request::$name { $( $arg ),* } => vec![$( (stringify!($arg), $arg as &dyn Any) ),*], )*
                }
            }

            /// Runs the call on `engine`; the reply is its result, encoded.
            pub fn dispatch(self, engine: &mut Engine) -> Result<Vec<u8>, WireError> {
                match self {
                    $( Request::$name { $( $arg ),* } => reply(engine.$name($( Lend::lend(&$arg) ),*)), )*
                }
            }
        }

        impl Service {
            $( api!(@front $kind $name ( $( $arg : $t ),* ) -> $ret); )*
        }
    };
    (@writes query) => { false };
    (@writes $kind:ident) => { true };
    (@serialized command) => { true };
    (@serialized setup) => { true };
    (@serialized $kind:ident) => { false };
    (@front setup $name:ident ( $( $arg:ident : $t:ty ),* ) -> $ret:ty) => {
        pub fn $name(&mut self, $( $arg: $t ),*) -> Result<$ret, ServiceError> {
            match &mut self.backend {
                super::Backend::Local(e) => e.$name($( $arg ),*),
                super::Backend::Remote(r) => r.call(Request::$name { $( $arg: Own::own($arg) ),* }),
            }
        }
    };
    (@front $kind:ident $name:ident ( $( $arg:ident : $t:ty ),* ) -> $ret:ty) => {
        pub fn $name(&self, $( $arg: $t ),*) -> Result<$ret, ServiceError> {
            match &self.backend {
                super::Backend::Local(e) => e.$name($( $arg ),*),
                super::Backend::Remote(r) => r.call(Request::$name { $( $arg: Own::own($arg) ),* }),
            }
        }
    };
}

fn reply<T: Serialize>(result: Result<T, ServiceError>) -> Result<Vec<u8>, WireError> {
    result.map(|v| encode(&v)).map_err(WireError::from)
}

const fn fnv1a(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

api! {
    // Projects
    query fn projects() -> Vec<Project>;
    query fn project(code: &ProjectCode) -> Project;
    query fn project_summaries() -> Vec<ProjectSummary>;
    command fn create_project(code: &str, title: &str) -> Project;
    query fn resolve_project(named: Option<&str>) -> ProjectCode;
    command fn rename_project(code: &ProjectCode, title: &str) -> Project;
    query fn project_contents(code: &ProjectCode) -> Contents;
    command fn delete_project(code: &ProjectCode) -> Contents;
    command fn set_last_project(code: &ProjectCode) -> ();
    query fn settings(code: &ProjectCode) -> Settings;
    command fn set_settings(code: &ProjectCode, changes: &[(String, String)]) -> Settings;
    setup fn write_demo(now: Time) -> ProjectCode;
    setup fn write_synthetic(n: usize, now: Time) -> ProjectCode;
    command fn flush() -> ();

    // Administration
    command fn add_environment(code: &ProjectCode, name: &str, description: &str) -> Project;
    command fn rename_environment(code: &ProjectCode, old: &str, new: &str) -> Project;
    command fn set_environment_retired(code: &ProjectCode, name: &str, retired: bool) -> Project;
    command fn remove_environment(code: &ProjectCode, name: &str) -> Project;
    command fn move_environment(code: &ProjectCode, name: &str, to: usize) -> Project;
    command fn add_milestone(code: &ProjectCode, title: &str, due: Option<&str>, description: &str) -> Project;
    command fn edit_milestone(code: &ProjectCode, name: &str, edit: MilestoneEdit) -> Project;
    command fn set_milestone_completed(code: &ProjectCode, name: &str, completed: bool) -> Project;
    command fn remove_milestone(code: &ProjectCode, name: &str) -> Project;
    command fn move_milestone(code: &ProjectCode, name: &str, to: usize) -> Project;
    command fn add_config(code: &ProjectCode, group: &str, values: &[String]) -> Project;
    command fn rename_config(code: &ProjectCode, t: ConfigTarget, new: &str) -> Project;
    command fn set_config_retired(code: &ProjectCode, t: ConfigTarget, retired: bool) -> Project;
    command fn remove_config(code: &ProjectCode, t: ConfigTarget) -> Project;
    command fn move_config(code: &ProjectCode, t: ConfigTarget, to: usize) -> Project;
    command fn add_member(code: &ProjectCode, user: &str, name: Option<&str>) -> Project;
    command fn set_member_name(code: &ProjectCode, user: &str, name: Option<&str>) -> Project;
    command fn remove_member(code: &ProjectCode, user: &str) -> Project;
    command fn move_member(code: &ProjectCode, user: &str, to: usize) -> Project;
    command fn add_custom_status(code: &ProjectCode, new: NewStatus) -> CustomStatus;
    command fn set_status_hidden(code: &ProjectCode, name: &str, hidden: bool) -> CustomStatus;
    command fn set_tracker(code: &ProjectCode, name: &str, template: &str) -> Tracker;
    command fn set_api_tracker(code: &ProjectCode, name: &str, api: TrackerApi) -> Tracker;
    command fn remove_tracker(code: &ProjectCode, name: &str) -> ();
    command fn add_defect_field(code: &ProjectCode, name: &str) -> ();
    command fn remove_defect_field(code: &ProjectCode, name: &str) -> ();

    // Repository
    query fn suites(code: &ProjectCode) -> Vec<Suite>;
    query fn suite_names(code: &ProjectCode) -> SuiteNames;
    query fn cases(code: &ProjectCode) -> Vec<Case>;
    query fn case(code: &ProjectCode, no: CaseNo) -> Case;
    command fn create_case(code: &ProjectCode, fields: CaseFields) -> Case;
    command fn edit_case(code: &ProjectCode, no: CaseNo, fields: CaseFields) -> Case;
    command fn delete_case(code: &ProjectCode, no: CaseNo) -> Case;
    command fn add_step(code: &ProjectCode, no: CaseNo, at: Option<usize>, step: Step) -> Case;
    command fn remove_step(code: &ProjectCode, no: CaseNo, index: usize) -> Case;
    command fn move_step(code: &ProjectCode, no: CaseNo, from: usize, to: usize) -> Case;
    query fn suite(code: &ProjectCode, id: u64) -> Suite;
    command fn create_suite(code: &ProjectCode, name: &str, parent: Option<u64>, description: &str) -> Suite;
    command fn rename_suite(code: &ProjectCode, id: u64, name: &str) -> Suite;
    command fn move_suite(code: &ProjectCode, id: u64, parent: Option<u64>) -> Suite;
    query fn suite_contents(code: &ProjectCode, id: u64) -> SuiteContents;
    command fn delete_suite(code: &ProjectCode, id: u64) -> SuiteContents;
    command fn import_bytes(code: &ProjectCode, name: &str, bytes: &[u8], opts: ImportOptions) -> ImportReport;
    command fn attach_bytes(name: &str, bytes: &[u8]) -> Attachment;
    query fn parse_query(code: &ProjectCode, text: &str) -> Query;
    query fn query_text(code: &ProjectCode, text_or_name: &str) -> String;
    query fn query_cases(code: &ProjectCode, text_or_name: &str) -> Vec<Case>;
    query fn saved_queries(code: &ProjectCode) -> Vec<SavedQuery>;
    query fn saved_query(code: &ProjectCode, name: &str) -> SavedQuery;
    command fn save_query(code: &ProjectCode, name: &str, text: &str) -> SavedQuery;
    command fn delete_query(code: &ProjectCode, name: &str) -> SavedQuery;
    query fn plans(code: &ProjectCode) -> Vec<TestPlan>;
    query fn plan(code: &ProjectCode, name: &str) -> TestPlan;
    command fn create_plan(code: &ProjectCode, name: &str, description: &str, source: &CaseSource) -> TestPlan;
    command fn rename_plan(code: &ProjectCode, old: &str, new: &str) -> TestPlan;
    command fn delete_plan(code: &ProjectCode, name: &str) -> TestPlan;
    query fn plan_cases(code: &ProjectCode, name: &str) -> Vec<u64>;
    query fn select_cases(code: &ProjectCode, source: &CaseSource) -> Vec<u64>;

    // Runs
    query fn run(code: &ProjectCode, no: RunNo) -> Run;
    query fn tests(code: &ProjectCode, run: u64) -> Vec<Test>;
    query fn run_counts(code: &ProjectCode, run: u64) -> RunStats;
    query fn runs(code: &ProjectCode) -> Vec<RunSummary>;
    query fn run_view(code: &ProjectCode, no: RunNo) -> RunView;
    query fn run_rows(code: &ProjectCode, no: RunNo) -> Vec<RowEntry>;
    query fn run_head(code: &ProjectCode, no: RunNo, count: u32) -> RunHead;
    query fn test_rows(code: &ProjectCode, no: RunNo, ids: &[u32]) -> Vec<RowEntry>;
    command fn create_run(code: &ProjectCode, new: NewRun) -> Run;
    command fn delete_run(code: &ProjectCode, no: RunNo) -> Run;
    command fn delete_runs(code: &ProjectCode, nos: &[RunNo]) -> Vec<Run>;
    command fn end_run(code: &ProjectCode, no: RunNo, state: RunState) -> Run;
    command fn edit_run(code: &ProjectCode, no: RunNo, edit: RunEdit) -> Run;
    command fn add_cases_to_run(code: &ProjectCode, no: RunNo, cases: &[u64]) -> usize;
    query fn cases_in_suites(code: &ProjectCode, names: &[String]) -> Vec<u64>;
    command fn clone_run(code: &ProjectCode, no: RunNo, statuses: &[String]) -> Run;
    query fn resolve_run_cases(code: &ProjectCode, cases: &[String], source: CaseSource) -> Vec<u64>;
    command fn assign_tests(code: &ProjectCode, no: RunNo, ids: &[u32], user: Option<&str>) -> usize;
    command fn bulk_result(
        code: &ProjectCode, no: RunNo, ids: &[u32], status: ResultStatus, total_ms: u64, comment: &str
    ) -> BulkRecorded;
    command fn retest_tests(code: &ProjectCode, no: RunNo, ids: &[u32]) -> usize;
    command fn remove_tests(code: &ProjectCode, no: RunNo, ids: &[u32]) -> usize;
    query fn schedules(code: &ProjectCode) -> Vec<Schedule>;
    query fn schedule(code: &ProjectCode, name: &str) -> Schedule;
    command fn add_schedule(code: &ProjectCode, new: NewSchedule) -> Schedule;
    command fn delete_schedule(code: &ProjectCode, name: &str) -> Schedule;
    command fn run_due_schedules(code: &ProjectCode) -> Vec<ScheduledRun>;
    command fn run_all_due_schedules() -> Vec<ScheduledRun>;
    query fn export_run(code: &ProjectCode, no: RunNo, format: ExportFormat) -> Vec<u8>;

    // The wizard
    query fn test(code: &ProjectCode, run: RunNo, test: u32) -> Test;
    command fn open_test(code: &ProjectCode, run: RunNo, test_id: u32) -> Test;
    query fn find_test(code: &ProjectCode, run: RunNo, case: &str, config: Option<&str>) -> Test;
    query fn check_can_record(code: &ProjectCode, run_no: RunNo, test_id: u32) -> ();
    command fn record_result(code: &ProjectCode, run_no: RunNo, test_id: u32, new: NewResult) -> Recorded;
    query fn check_result(code: &ProjectCode, run_no: RunNo, test_id: u32, new: NewResult) -> ();
    query fn defect_report(code: &ProjectCode, run_no: RunNo, test_id: u32, observed: Option<Observed>) -> DefectReport;
    command fn retest(code: &ProjectCode, run_no: RunNo, test_id: u32) -> Test;
    command fn assign_test(code: &ProjectCode, run: RunNo, test_id: u32, user: Option<String>) -> Test;
    query fn draft(code: &ProjectCode, run: RunNo, test: u32) -> Option<Draft>;
    command fn save_draft(code: &ProjectCode, run: RunNo, test: u32, draft: &Draft) -> ();
    query fn form_draft(code: &ProjectCode, form: &str) -> Option<FormDraft>;
    command fn save_form_draft(code: &ProjectCode, form: &str, draft: &FormDraft) -> ();

    // Defects
    query fn defects(code: &ProjectCode) -> Vec<Defect>;
    query fn defect(code: &ProjectCode, no: DefectNo) -> Defect;
    command fn create_defect(code: &ProjectCode, new: NewDefect) -> Defect;
    command fn link_defect_to_latest(code: &ProjectCode, run: RunNo, test_id: u32, defect: DefectNo) -> Defect;
    network fn set_defect(code: &ProjectCode, no: DefectNo, change: DefectChange) -> Defect;
    query fn check_defect_change(code: &ProjectCode, no: DefectNo, change: &DefectChange) -> ();
    command fn retest_linked(code: &ProjectCode, no: DefectNo) -> usize;
    query fn defect_list(code: &ProjectCode, filter: &DefectFilter, by: DefectSort) -> Vec<Defect>;
    query fn defect_view(code: &ProjectCode, no: DefectNo) -> DefectView;
    query fn readiness(code: &ProjectCode, milestone: Option<&str>) -> Readiness;
    query fn check_issue(code: &ProjectCode, tracker_key: &str) -> IssueInfo;
    network fn link_checked(code: &ProjectCode, no: DefectNo, tracker_key: &str) -> CheckedLink;
    network fn push_defect(code: &ProjectCode, no: DefectNo, tracker: &str) -> PushOutcome;
    network fn sync_trackers(code: &ProjectCode) -> SyncReport;
}
