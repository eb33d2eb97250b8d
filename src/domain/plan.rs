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
