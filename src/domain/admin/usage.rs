//! What uses an environment, milestone, configuration or team member —
//! found in a project's records — and what a project holds, for the
//! refusals that name them.

use super::same;
use crate::domain::schedule::Schedule;
use crate::domain::{Case, Defect, DomainError, ProjectCode, Run, RunState, Test};

/// The records that use a name: run numbers, defect numbers, case numbers
/// and schedule names, each ascending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub code: Option<ProjectCode>,
    pub runs: Vec<u64>,
    pub defects: Vec<u64>,
    pub cases: Vec<u64>,
    pub schedules: Vec<String>,
}

/// The records of a project a usage is looked up in.
#[derive(Clone, Copy)]
pub struct Records<'a> {
    pub code: &'a ProjectCode,
    pub runs: &'a [Run],
    pub defects: &'a [Defect],
    pub cases: &'a [Case],
    pub schedules: &'a [Schedule],
    /// The tests of the active runs (who is assigned what).
    pub active_tests: &'a [Test],
}

/// At most this many of each kind are named in a message.
const SHOWN: usize = 10;

fn list<T>(items: &[T], show: impl Fn(&T) -> String) -> String {
    let mut s: Vec<String> = items.iter().take(SHOWN).map(show).collect();
    if items.len() > SHOWN {
        s.push(format!("and {} more", items.len() - SHOWN));
    }
    s.join(", ")
}

impl Usage {
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty() && self.defects.is_empty() && self.cases.is_empty() && self.schedules.is_empty()
    }

    /// In words: `runs #2, #5; defects D-1; cases DEMO-3; schedules 'nightly'`.
    pub fn describe(&self) -> String {
        let code = self.code.as_ref().map_or("", ProjectCode::as_str);
        let mut parts = Vec::new();
        if !self.runs.is_empty() {
            parts.push(format!("runs {}", list(&self.runs, |n| format!("#{n}"))));
        }
        if !self.defects.is_empty() {
            parts.push(format!("defects {}", list(&self.defects, |n| format!("D-{n}"))));
        }
        if !self.cases.is_empty() {
            parts.push(format!("cases {}", list(&self.cases, |n| format!("{code}-{n}"))));
        }
        if !self.schedules.is_empty() {
            parts.push(format!("schedules {}", list(&self.schedules, |n| format!("'{n}'"))));
        }
        parts.join("; ")
    }

    /// Ok when nothing uses `what`; else "`what` is used by ...: `instead`".
    pub fn refuse(&self, what: &str, instead: &str) -> Result<(), DomainError> {
        if self.is_empty() {
            return Ok(());
        }
        Err(DomainError::Invalid(format!(
            "{what} is used by {}: {instead}",
            self.describe()
        )))
    }

    fn new(code: &ProjectCode) -> Self {
        Usage {
            code: Some(code.clone()),
            ..Usage::default()
        }
    }

    fn sorted(mut self) -> Self {
        self.runs.sort_unstable();
        self.runs.dedup();
        self.defects.sort_unstable();
        self.cases.sort_unstable();
        self
    }
}

fn named(value: &Option<String>, name: &str) -> bool {
    value.as_deref().is_some_and(|v| same(v, name))
}

fn configs_use(configs: &[(String, Vec<String>)], group: &str, value: Option<&str>) -> bool {
    configs
        .iter()
        .any(|(g, values)| same(g, group) && value.is_none_or(|v| values.iter().any(|x| same(x, v))))
}

impl Records<'_> {
    /// Runs and schedules made with environment `name`.
    pub fn environment(&self, name: &str) -> Usage {
        let mut u = Usage::new(self.code);
        u.runs = self
            .runs
            .iter()
            .filter(|r| named(&r.environment, name))
            .map(|r| r.no)
            .collect();
        u.schedules = self
            .schedules
            .iter()
            .filter(|s| named(&s.environment, name))
            .map(|s| s.name.clone())
            .collect();
        u.sorted()
    }

    /// Runs, defects, cases and schedules of milestone `name`.
    pub fn milestone(&self, name: &str) -> Usage {
        let mut u = Usage::new(self.code);
        u.runs = self
            .runs
            .iter()
            .filter(|r| named(&r.milestone, name))
            .map(|r| r.no)
            .collect();
        u.defects = self
            .defects
            .iter()
            .filter(|d| named(&d.milestone, name))
            .map(|d| d.no)
            .collect();
        u.cases = self
            .cases
            .iter()
            .filter(|c| named(&c.milestone, name))
            .map(|c| c.no)
            .collect();
        u.schedules = self
            .schedules
            .iter()
            .filter(|s| named(&s.milestone, name))
            .map(|s| s.name.clone())
            .collect();
        u.sorted()
    }

    /// Runs and schedules that picked from `group` (or its `value`).
    pub fn config(&self, group: &str, value: Option<&str>) -> Usage {
        let mut u = Usage::new(self.code);
        u.runs = self
            .runs
            .iter()
            .filter(|r| configs_use(&r.configs, group, value))
            .map(|r| r.no)
            .collect();
        u.schedules = self
            .schedules
            .iter()
            .filter(|s| configs_use(&s.configs, group, value))
            .map(|s| s.name.clone())
            .collect();
        u.sorted()
    }

    /// What `user` is assigned: tests in active runs, defects still open,
    /// schedules that assign new runs to them.
    pub fn member(&self, user: &str) -> Usage {
        let active: Vec<u64> = self
            .runs
            .iter()
            .filter(|r| r.state == RunState::Active)
            .map(|r| r.no)
            .collect();
        let mut u = Usage::new(self.code);
        u.runs = self
            .active_tests
            .iter()
            .filter(|t| active.contains(&t.run) && named(&t.assignee, user))
            .map(|t| t.run)
            .collect();
        u.defects = self
            .defects
            .iter()
            .filter(|d| d.status.is_open() && named(&d.assignee, user))
            .map(|d| d.no)
            .collect();
        u.schedules = self
            .schedules
            .iter()
            .filter(|s| s.assignees.iter().any(|a| same(a, user)))
            .map(|s| s.name.clone())
            .collect();
        u.sorted()
    }
}

/// What a project holds, for the confirmation before deleting it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Contents {
    pub suites: usize,
    pub cases: usize,
    pub runs: usize,
    pub active_runs: usize,
    /// Tests of its runs that have a result.
    pub tested: usize,
    pub defects: usize,
    pub plans: usize,
    pub queries: usize,
    pub schedules: usize,
}

impl Contents {
    /// In words: `4 suites, 31 cases, 2 runs (1 active, 12 tests with results), 1 defect`;
    /// `nothing` when empty.
    pub fn describe(&self) -> String {
        let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        let mut parts = Vec::new();
        for (count, one, many) in [(self.suites, "suite", "suites"), (self.cases, "case", "cases")] {
            if count > 0 {
                parts.push(n(count, one, many));
            }
        }
        if self.runs > 0 {
            parts.push(format!(
                "{} ({} active, {} with results)",
                n(self.runs, "run", "runs"),
                self.active_runs,
                n(self.tested, "test", "tests")
            ));
        }
        for (count, one, many) in [
            (self.defects, "defect", "defects"),
            (self.plans, "test plan", "test plans"),
            (self.queries, "saved query", "saved queries"),
            (self.schedules, "schedule", "schedules"),
        ] {
            if count > 0 {
                parts.push(n(count, one, many));
            }
        }
        if parts.is_empty() {
            "nothing".into()
        } else {
            parts.join(", ")
        }
    }
}
