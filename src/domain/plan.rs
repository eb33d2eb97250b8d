//! Test plans and saved queries.

use serde::{Deserialize, Serialize};

/// A named, ordered list of cases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestPlan {
    pub name: String,
    pub description: String,
    pub cases: Vec<u64>,
}

/// A named filter over cases, e.g. `suite = "Auth" and priority = high`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuery {
    pub name: String,
    pub query: String,
}

/// Where a run's cases come from: the union of every part given, each case
/// once, in case order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSource {
    /// Every case of the project.
    pub all: bool,
    /// Suites (with their sub-suites) by path or name.
    pub suites: Vec<String>,
    /// Single cases by number.
    pub cases: Vec<u64>,
    /// A test plan by name.
    pub plan: Option<String>,
    /// A query: its text, or a saved query's name.
    pub query: Option<String>,
}

impl CaseSource {
    pub fn is_empty(&self) -> bool {
        !self.all && self.suites.is_empty() && self.cases.is_empty() && self.plan.is_none() && self.query.is_none()
    }
}
