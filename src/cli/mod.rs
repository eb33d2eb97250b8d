//! The command line: clap definitions and dispatch. Each command group has
//! its own file; all of them call `service` and print text or `--json`.

mod admin;
mod admin_show;
mod cases;
mod cases_export;
mod defects;
mod demo;
mod dispatch;
mod export;
mod import;
pub mod out;
pub use crate::interop::json;
pub use dispatch::{run, run_static};
mod plans;
mod projects;
mod result;
mod runs;
mod schedules;
pub mod server;
mod settings;
mod statuses;
pub mod store;
mod table;
mod tracker_calls;
mod trackers;

use crate::service::{Service, ServiceError};
use clap::{Args, CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "stepwise",
    version,
    about = "Execute manual test runs step by step, keyboard only, and track the defects they find."
)]
pub struct Cli {
    /// The store directory (default: $XDG_DATA_HOME/stepwise).
    #[arg(
        long,
        global = true,
        env = "STEPWISE_STORE",
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub store: Option<PathBuf>,
    /// Who is acting (default: $STEPWISE_USER, else the OS user).
    #[arg(
        long,
        global = true,
        env = "STEPWISE_USER",
        value_name = "NAME",
        help_heading = "Global options"
    )]
    pub user: Option<String>,
    /// The project (default: the store's only project, else the last used).
    #[arg(long, global = true, value_name = "CODE", help_heading = "Global options")]
    pub project: Option<String>,
    /// Open the TUI on a demo store (created on first use).
    #[arg(long)]
    pub demo: bool,
    /// No colours: emphasis by bold, reverse and underline only (also NO_COLOR).
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_color: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Args, Debug, Clone, Copy)]
pub struct JsonFlag {
    /// Print one JSON document instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write the demo project into the store.
    Demo {
        /// Also write project LOAD with N synthetic cases and a run over them.
        #[arg(long, value_name = "N")]
        cases: Option<usize>,
    },
    /// Open the TUI on a run's view.
    Open {
        /// The run number, e.g. 2 or #2.
        run: String,
    },
    /// List the projects with their counts.
    Projects(JsonFlag),
    /// Create, show, rename or delete a project.
    #[command(subcommand)]
    Project(ProjectCommand),
    /// Add, rename, retire, reorder or remove an environment.
    #[command(subcommand)]
    Env(admin::EnvCommand),
    /// Add, edit, close, reopen, reorder or remove a milestone.
    #[command(subcommand)]
    Milestone(admin::MilestoneCommand),
    /// Add, rename, retire, reorder or remove configuration groups and values.
    #[command(subcommand)]
    Config(admin::ConfigCommand),
    /// Add, name, reorder or remove team members.
    #[command(subcommand)]
    Team(admin::TeamCommand),
    /// List the cases of the project, or those a query matches.
    Cases(cases::ListArgs),
    /// Import cases (Qase CSV/JSON, TestRail XML) or results (JUnit XML);
    /// --project CODE creates the project when it does not exist.
    Import(import::ImportArgs),
    /// List the runs of the project, active first.
    Runs(JsonFlag),
    /// List the test plans.
    Plans(JsonFlag),
    /// Create, show, rename or delete a test plan.
    #[command(subcommand)]
    Plan(plans::PlanCommand),
    /// List the saved queries with how many cases each matches.
    Queries(JsonFlag),
    /// Save or delete a query by name.
    #[command(subcommand)]
    Query(plans::QueryCommand),
    /// List the scheduled runs.
    Schedules(JsonFlag),
    /// Create the scheduled runs that are due (for cron; running it twice
    /// creates nothing new), or add or delete a schedule.
    Schedule {
        #[command(subcommand)]
        cmd: Option<schedules::ScheduleCommand>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show or manage one run.
    #[command(subcommand)]
    Run(RunCommand),
    /// Record a result on a test of a run, with every rule applied.
    Result(result::ResultArgs),
    /// List the result statuses (built-in and custom) with their wizard keys.
    Statuses(JsonFlag),
    /// Add, hide or show a custom result status.
    #[command(subcommand)]
    Status(StatusCommand),
    /// List defects, filtered and sorted.
    Defects(defects::ListArgs),
    /// File, show, change, export a defect, or retest its failures.
    #[command(subcommand)]
    Defect(DefectCommand),
    /// Open defects of a milestone by severity, and whether it is ready.
    Readiness {
        /// Only the defects of this milestone, by name (default: the whole project).
        #[arg(long)]
        milestone: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Export a run's report: csv, json, junit, md, html (self-contained) or pdf.
    Export(export::ExportArgs),
    /// List the external trackers and custom defect fields; `sync` reads
    /// linked issues' states.
    Trackers {
        #[command(subcommand)]
        action: Option<tracker_calls::TrackersAction>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Add or remove an external tracker.
    #[command(subcommand)]
    Tracker(trackers::TrackerCommand),
    /// Add a custom defect field.
    #[command(subcommand, name = "defect-field")]
    DefectField(DefectFieldCommand),
    /// Show or change the project settings.
    Settings {
        /// Change a setting, e.g. --set fast_pass=false (repeatable). Toggles take
        /// true or false; redirect_after_result takes same, next_untested or
        /// next_in_suite; distribution even or load_balanced; tracker_sync off,
        /// notify or apply (`stepwise settings`
        /// lists every setting with its meaning).
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Recover a store whose database cannot be opened, from its backup.
    #[command(subcommand)]
    Store(store::StoreCommand),
    /// Serve the store to every TUI and command on it (in the foreground;
    /// otherwise the first client starts a server in the background).
    Serve(server::ServeArgs),
    /// Show or stop the store's server.
    #[command(subcommand)]
    Server(server::ServerCommand),
    /// Print shell completions.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

#[derive(Subcommand, Debug)]
pub enum ProjectCommand {
    /// Create a project.
    New {
        /// 2 to 10 of A-Z and 0-9, starting with a letter.
        code: String,
        /// The project's title, e.g. "Acme Web Shop".
        #[arg(long)]
        title: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// The project's environments, milestones, configurations and team.
    Show {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Give the project a new title (its code stays).
    Rename {
        /// The new title, e.g. "Acme Web Shop".
        title: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a project and everything it holds.
    Delete {
        /// The project's code, e.g. SHOP.
        code: String,
        /// Delete without asking (without it, says what the project holds).
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Subcommand, Debug)]
pub enum StatusCommand {
    /// Add a custom status with its own key in the wizard.
    Add {
        /// The name shown, e.g. "Passed with issues".
        name: String,
        /// The wizard key that records it (one character not taken).
        #[arg(long)]
        key: String,
        /// green, red, yellow, blue, magenta, cyan, gray or white.
        #[arg(long, default_value = "cyan")]
        colour: String,
        /// A negative status starts the defect workflow and fails the run.
        #[arg(long)]
        negative: bool,
    },
    /// Hide a custom status: old results keep it, new ones cannot use it.
    Hide {
        /// The custom status, by name or slug.
        name: String,
    },
    /// Show a hidden custom status again.
    Show {
        /// The custom status, by name or slug.
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum DefectCommand {
    /// File a defect on its own (not from a failure).
    New(defects::NewArgs),
    /// A defect with its links, failures and history.
    Show {
        /// The defect, e.g. D-4.
        id: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Change a defect: status along the lifecycle, severity, assignee, links...
    Set(defects::SetArgs),
    /// Every defect of the project as CSV or JSON.
    Export {
        /// csv or json.
        #[arg(long)]
        format: String,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Push a resolved defect's failing tests in active runs back to retest.
    Retest {
        /// The defect, e.g. D-4.
        id: String,
    },
    /// File a defect as a new issue in a tracker with an API and link it
    /// (a defect already linked to that tracker is not pushed again: exit 0).
    Push(tracker_calls::PushArgs),
    /// Link an existing issue, checked against its tracker (title and state shown).
    Link(tracker_calls::LinkArgs),
}

#[derive(Subcommand, Debug)]
pub enum DefectFieldCommand {
    /// Add a custom field defects can take (`defect set --field NAME=VALUE`).
    Add {
        /// The field's name, e.g. Build.
        name: String,
    },
}

// Parsed once per process: the size of `New` does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum RunCommand {
    /// Show a run with its tests and their results.
    Show {
        /// The run number, e.g. 2 or #2.
        run: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a run and its tests; defects survive and say the run was deleted.
    Delete {
        /// The run number, e.g. 2 or #2.
        run: String,
    },
    /// Create a run from suites, cases or the whole repository, and print it.
    New(runs::NewArgs),
    /// Complete a run: its outcome is computed now, once.
    Complete {
        /// The run number, e.g. 2 or #2.
        run: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Abort a run: untested tests stay untested, the outcome is computed now.
    Abort {
        /// The run number, e.g. 2 or #2.
        run: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// A new run with a run's tests, all or only some statuses.
    Clone {
        /// The run number, e.g. 2 or #2.
        run: String,
        /// Only tests in these statuses, separated by commas: untested, retest,
        /// passed, failed, blocked, skipped, invalid or a custom status (default: every test).
        #[arg(long, value_delimiter = ',')]
        status: Vec<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// A command's failure: the message for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl From<ServiceError> for Failure {
    fn from(e: ServiceError) -> Self {
        let message = match &e {
            // The query with a caret under the position.
            ServiceError::Query(q) => format!("{q}\n{}", q.caret()),
            _ => e.to_string(),
        };
        Failure {
            code: e.exit_code(),
            message,
        }
    }
}

impl From<crate::domain::DomainError> for Failure {
    fn from(e: crate::domain::DomainError) -> Self {
        Failure {
            code: 2,
            message: e.to_string(),
        }
    }
}

pub type CmdResult = Result<(), Failure>;

/// What a command runs against.
pub struct Ctx {
    pub svc: Service,
    pub project: Option<String>,
}

impl Ctx {
    pub fn project(&self) -> Result<crate::domain::ProjectCode, Failure> {
        Ok(self.svc.resolve_project(self.project.as_deref())?)
    }
}

/// Prints a JSON document, its strings exact (`out::json`).
pub fn print_json(value: &serde_json::Value) {
    out::json(value);
}
