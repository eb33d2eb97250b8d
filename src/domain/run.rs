//! Runs, their tests (one per case and configuration combination) and the
//! results recorded against them.

use super::{Case, ResultStatus, Time};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunState {
    Active,
    Completed,
    Aborted,
}

impl RunState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Completed => "completed",
            Self::Aborted => "aborted",
        }
    }
}

/// A run's overall verdict, computed once when it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Passed,
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Passed => "passed",
            Self::Failed => "failed",
        }
    }
}

/// One configuration combination: `(group, value)` pairs in group order,
/// e.g. `[("Browser", "Chrome"), ("OS", "Linux")]`. Empty when the run has
/// no configurations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ConfigCombo(pub Vec<(String, String)>);

impl ConfigCombo {
    /// `Chrome / Linux`, or an empty string.
    pub fn label(&self) -> String {
        self.0.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join(" / ")
    }

    /// The cross-product of chosen values per group, in group order.
    pub fn cross_product(groups: &[(String, Vec<String>)]) -> Vec<ConfigCombo> {
        let mut combos = vec![ConfigCombo::default()];
        for (group, values) in groups.iter().filter(|(_, v)| !v.is_empty()) {
            combos = combos
                .into_iter()
                .flat_map(|c| {
                    values.iter().map(move |v| {
                        let mut next = c.0.clone();
                        next.push((group.clone(), v.clone()));
                        ConfigCombo(next)
                    })
                })
                .collect();
        }
        combos
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub no: u64,
    pub title: String,
    pub description: String,
    pub environment: Option<String>,
    pub milestone: Option<String>,
    /// The configuration values chosen per group.
    pub configs: Vec<(String, Vec<String>)>,
    pub tags: Vec<String>,
    pub author: String,
    pub created: Time,
    /// When the first result was recorded.
    pub started: Option<Time>,
    pub ended: Option<Time>,
    pub state: RunState,
    pub outcome: Option<Outcome>,
    /// How many tests the run holds (tests live in their own records).
    pub test_count: u32,
    /// The id the next test added gets (record version 2). Ids are never
    /// reused, so a defect's link to a removed test cannot point at another.
    pub next_test: u32,
}

impl Run {
    /// A fresh id for a test added to this run.
    pub fn take_test_id(&mut self) -> u32 {
        let id = self.next_test;
        self.next_test += 1;
        id
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepResult {
    /// None: the step was not marked.
    pub status: Option<ResultStatus>,
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// One recorded result. Results are never overwritten: a retest adds one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestResult {
    pub status: ResultStatus,
    pub steps: Vec<StepResult>,
    pub comment: String,
    pub attachments: Vec<Attachment>,
    pub duration_ms: u64,
    pub author: String,
    pub at: Time,
    /// Defect numbers linked to this result.
    pub defects: Vec<u64>,
}

/// Where a test stands now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TestState {
    Untested,
    /// Pushed back for another attempt; earlier results stay in the history.
    Retest,
    Done(ResultStatus),
}

impl TestState {
    pub fn has_result(self) -> bool {
        matches!(self, TestState::Done(_))
    }
}

/// One case in one configuration combination of a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Test {
    pub run: u64,
    /// Position within the run, from 0; the order the run lists its tests.
    pub id: u32,
    pub case_no: u64,
    pub config: ConfigCombo,
    /// The case as it will be (or was) tested. Follows repository edits until
    /// the first result, then stays at the version tested.
    pub snapshot: Case,
    pub assignee: Option<String>,
    pub retest: bool,
    pub results: Vec<TestResult>,
}

impl Test {
    pub fn new(run: u64, id: u32, case: &Case, config: ConfigCombo) -> Self {
        Self {
            run,
            id,
            case_no: case.no,
            config,
            snapshot: case.clone(),
            assignee: None,
            retest: false,
            results: Vec::new(),
        }
    }

    pub fn state(&self) -> TestState {
        match self.results.last() {
            _ if self.retest => TestState::Retest,
            None => TestState::Untested,
            Some(r) => TestState::Done(r.status),
        }
    }

    /// The snapshot is frozen once any result was recorded.
    pub fn is_frozen(&self) -> bool {
        !self.results.is_empty()
    }

    /// Follows a repository edit of the case while untested. Returns whether
    /// the snapshot changed.
    pub fn sync_case(&mut self, case: &Case) -> bool {
        if self.is_frozen() || case.no != self.case_no || self.snapshot == *case {
            return false;
        }
        self.snapshot = case.clone();
        true
    }

    /// Appends a result (never overwriting earlier ones) and clears retest.
    pub fn push_result(&mut self, result: TestResult) {
        self.results.push(result);
        self.retest = false;
    }

    /// Total time spent over every result.
    pub fn total_duration_ms(&self) -> u64 {
        self.results.iter().fold(0, |sum, r| sum.saturating_add(r.duration_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn cross_product_of_two_groups() {
        let combos = ConfigCombo::cross_product(&[
            ("Browser".into(), s(&["Chrome", "Firefox"])),
            ("OS".into(), s(&["Linux", "macOS"])),
        ]);
        let labels: Vec<String> = combos.iter().map(ConfigCombo::label).collect();
        assert_eq!(
            labels,
            ["Chrome / Linux", "Chrome / macOS", "Firefox / Linux", "Firefox / macOS"]
        );
        assert_eq!(ConfigCombo::cross_product(&[]), vec![ConfigCombo::default()]);
        assert_eq!(ConfigCombo::cross_product(&[("OS".into(), vec![])]).len(), 1);
    }
}
