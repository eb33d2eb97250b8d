//! What a screen, a listing and a report all show: a run with its tests,
//! a run or a project with its counts, suite ids as path names. Plain data
//! the service builds; `interop` (reports, JSON) and the TUI read it, so it
//! lives here rather than in `service` (layers point one way).

use super::query::SuitePaths;
use super::{Project, Run, RunStats, Suite, Test};
use std::collections::HashMap;

/// Suite ids to their full path names (`Checkout / Payments`).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SuiteNames(HashMap<u64, String>);

impl SuiteNames {
    pub fn new(suites: &[Suite]) -> Self {
        let by_id: HashMap<u64, &Suite> = suites.iter().map(|s| (s.id, s)).collect();
        let path = |mut id: u64| {
            let mut parts = Vec::new();
            // Bounded walk: a cycle in damaged data cannot hang.
            for _ in 0..64 {
                let Some(s) = by_id.get(&id) else { break };
                parts.push(s.name.as_str());
                match s.parent {
                    Some(p) => id = p,
                    None => break,
                }
            }
            parts.reverse();
            parts.join(" / ")
        };
        Self(suites.iter().map(|s| (s.id, path(s.id))).collect())
    }

    pub fn get(&self, id: Option<u64>) -> &str {
        id.and_then(|i| self.0.get(&i)).map_or("", String::as_str)
    }
}

impl SuitePaths for SuiteNames {
    fn suite_path(&self, suite: Option<u64>) -> &str {
        self.get(suite)
    }
}

/// A run with its counts, as the home screen and `stepwise runs` list it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RunSummary {
    pub run: Run,
    pub counts: RunStats,
}

/// A run with its tests, as the run view, `run show` and the reports present it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RunView {
    pub project: Project,
    pub run: Run,
    pub tests: Vec<Test>,
    pub suites: SuiteNames,
    pub counts: RunStats,
}

/// A project with its counts, as `stepwise projects` lists it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ProjectSummary {
    pub project: Project,
    pub cases: usize,
    pub runs: usize,
    pub active_runs: usize,
    pub defects: usize,
}

#[cfg(test)]
mod tests {
    use super::SuiteNames;
    use crate::domain::Suite;

    fn suite(id: u64, name: &str, parent: Option<u64>) -> Suite {
        Suite {
            id,
            name: name.into(),
            parent,
            description: String::new(),
        }
    }

    #[test]
    fn suite_names_are_full_paths_and_survive_a_cycle() {
        let names = SuiteNames::new(&[
            suite(1, "Checkout", None),
            suite(2, "Payments", Some(1)),
            suite(3, "A", Some(4)),
            suite(4, "B", Some(3)),
        ]);
        assert_eq!(names.get(Some(2)), "Checkout / Payments");
        assert_eq!(names.get(Some(1)), "Checkout");
        assert_eq!(names.get(None), "");
        assert_eq!(names.get(Some(99)), "");
        // A damaged parent loop ends after a bounded walk.
        assert!(names.get(Some(3)).ends_with("B / A"));
    }
}
