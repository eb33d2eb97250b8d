use thiserror::Error;

/// Why a domain rule refused something. Every variant says what was wrong in
/// words a tester can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("invalid project code '{0}': use 2 to 10 of A-Z and 0-9, starting with a letter (e.g. DEMO)")]
    BadProjectCode(String),
    #[error("invalid {kind} id '{input}': expected {expected}")]
    BadId {
        kind: &'static str,
        input: String,
        expected: &'static str,
    },
    #[error("unknown setting '{0}'; known settings: {1}")]
    UnknownSetting(String, String),
    #[error("invalid value '{value}' for {name}: expected {expected}")]
    BadSettingValue {
        name: String,
        value: String,
        expected: String,
    },
    #[error("unknown result status '{0}'; known statuses: {1}")]
    UnknownStatus(String, String),
    #[error("unknown {kind} '{value}'; expected one of: {expected}")]
    UnknownValue {
        kind: &'static str,
        value: String,
        expected: String,
    },
    #[error("defect {defect} cannot go from {from} to {to}; allowed from {from}: {allowed}")]
    ForbiddenTransition {
        defect: String,
        from: String,
        to: String,
        allowed: String,
    },
    #[error("test is assigned to {assignee}; only the assignee can record a result (reassign it first)")]
    LockedByAssignee { assignee: String },
    #[error("run {run} is {state}; results in closed runs are not allowed (setting allow_results_in_closed_runs)")]
    RunClosed { run: String, state: String },
    #[error("run {run} is already {state}")]
    RunAlreadyEnded { run: String, state: String },
    #[error("step {step} does not exist; the case has {count} step(s)")]
    NoSuchStep { step: usize, count: usize },
    #[error("{0}")]
    Invalid(String),
}
