//! What the defects pane, `defects`, `defect show` and `readiness` show:
//! filtered and sorted lists, a defect with everything it is linked to,
//! its impact, and a milestone's readiness.

use super::{Engine, ServiceError};
use crate::domain::rules::{needs_verification, release_ready};
use crate::domain::{Defect, DefectNo, DefectStatus, ProjectCode, ResultStatus, Run, RunState, Severity, TestState};
use crate::store::keys;
use std::collections::HashMap;

/// Which defects to list. Every field narrows; `None` lets all through.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DefectFilter {
    pub status: Option<DefectStatus>,
    /// Only open ones (open, in progress, reopened).
    pub open_only: bool,
    pub severity: Option<Severity>,
    pub assignee: Option<String>,
    pub milestone: Option<String>,
    /// Linked to a failure in this run.
    pub run: Option<u64>,
    /// With (true) or without (false) an external link.
    pub external: Option<bool>,
    /// Words that must all appear in the title, actual result or description.
    pub query: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DefectSort {
    /// Most severe first.
    #[default]
    Severity,
    /// Along the lifecycle: open first.
    Status,
    /// Oldest first.
    Age,
    /// By number.
    Id,
}

impl DefectSort {
    pub fn parse(s: &str) -> Result<Self, ServiceError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "severity" => Ok(Self::Severity),
            "status" => Ok(Self::Status),
            "age" => Ok(Self::Age),
            "id" => Ok(Self::Id),
            other => Err(ServiceError::Invalid(format!(
                "unknown sort '{other}'; use severity, status, age or id"
            ))),
        }
    }

    pub fn next(self) -> Self {
        match self {
            Self::Severity => Self::Status,
            Self::Status => Self::Age,
            Self::Age => Self::Id,
            Self::Id => Self::Severity,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Severity => "severity",
            Self::Status => "status",
            Self::Age => "age",
            Self::Id => "id",
        }
    }
}

impl DefectFilter {
    pub fn matches(&self, d: &Defect) -> bool {
        let text = format!("{} {} {}", d.title, d.actual, d.description).to_lowercase();
        let id = format!("d-{}", d.no);
        // `d-12` finds D-12 (not D-120); other words search the text.
        let word_matches = |w: &str| match w.strip_prefix("d-").map(|n| n.parse::<u64>()) {
            Some(Ok(_)) => w == id,
            _ => text.contains(w),
        };
        self.status.is_none_or(|s| d.status == s)
            && (!self.open_only || d.status.is_open())
            && self.severity.is_none_or(|s| d.severity == s)
            && self.assignee.as_ref().is_none_or(|a| d.assignee.as_ref() == Some(a))
            && self.milestone.as_ref().is_none_or(|m| d.milestone.as_ref() == Some(m))
            && self.run.is_none_or(|r| d.links.iter().any(|l| l.run == r))
            && self.external.is_none_or(|e| e != d.external.is_empty())
            && self.query.to_lowercase().split_whitespace().all(word_matches)
    }
}

/// One linked failure, with what became of its run and test.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct LinkView {
    pub run: u64,
    /// None: the run was deleted (the defect keeps the link).
    pub run_title: Option<String>,
    pub run_state: Option<RunState>,
    pub test: u32,
    pub case: String,
    pub case_title: String,
    pub config: String,
    /// The linked result's status.
    pub result_status: Option<ResultStatus>,
    /// Where the test stands now.
    pub current: Option<TestState>,
    /// The defect is resolved and this test still fails: verify it.
    pub verify: bool,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct DefectView {
    pub defect: Defect,
    pub links: Vec<LinkView>,
}

impl DefectView {
    /// Tests the defect affects that are blocked now.
    pub fn blocked(&self) -> usize {
        self.links
            .iter()
            .filter(|l| l.current == Some(TestState::Done(ResultStatus::Blocked)))
            .count()
    }
}

/// A milestone's open defects and verdict.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Readiness {
    pub milestone: Option<String>,
    pub open: Vec<Defect>,
    pub by_severity: Vec<(Severity, usize)>,
    pub ready: bool,
}

fn sort(defects: &mut [Defect], by: DefectSort) {
    let lifecycle = |s: DefectStatus| DefectStatus::ALL.iter().position(|x| *x == s).unwrap_or(0);
    match by {
        DefectSort::Severity => defects.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.no.cmp(&b.no))),
        DefectSort::Status => defects.sort_by_key(|d| (lifecycle(d.status), d.no)),
        DefectSort::Age => defects.sort_by_key(|d| (d.created, d.no)),
        DefectSort::Id => defects.sort_by_key(|d| d.no),
    }
}

impl Engine {
    /// The project's defects that pass `filter`, in `by` order.
    pub fn defect_list(
        &self,
        code: &ProjectCode,
        filter: &DefectFilter,
        by: DefectSort,
    ) -> Result<Vec<Defect>, ServiceError> {
        let mut all: Vec<Defect> = self.defects(code)?.into_iter().filter(|d| filter.matches(d)).collect();
        sort(&mut all, by);
        Ok(all)
    }

    /// A defect with its linked runs, tests and results.
    pub fn defect_view(&self, code: &ProjectCode, no: DefectNo) -> Result<DefectView, ServiceError> {
        let defect = self.defect(code, no)?;
        let catalog_project = self.project(code)?;
        let catalog = catalog_project.catalog();
        let mut runs: HashMap<u64, Option<Run>> = HashMap::new();
        let mut links = Vec::new();
        for l in &defect.links {
            let run = match runs.get(&l.run) {
                Some(r) => r.clone(),
                None => {
                    let r = self.store.get::<Run>(&keys::numbered(code, l.run))?;
                    runs.insert(l.run, r.clone());
                    r
                }
            };
            let test = if run.is_some() {
                self.store
                    .get::<crate::domain::Test>(&keys::test(code, l.run, l.test))?
            } else {
                None
            };
            let current = test.as_ref().map(|t| t.state());
            let negative = match current {
                Some(TestState::Done(s)) => catalog.is_negative(s),
                _ => false,
            };
            let active = run.as_ref().is_some_and(|r| r.state == RunState::Active);
            links.push(LinkView {
                run: l.run,
                run_title: run.as_ref().map(|r| r.title.clone()),
                run_state: run.as_ref().map(|r| r.state),
                test: l.test,
                case: format!("{code}-{}", l.case_no),
                // A deleted run's test is gone: the repository still knows the case.
                case_title: match &test {
                    Some(t) => t.snapshot.title.clone(),
                    None => self
                        .case(code, crate::domain::CaseNo(l.case_no))
                        .map(|c| c.title)
                        .unwrap_or_default(),
                },
                config: test.as_ref().map(|t| t.config.label()).unwrap_or_default(),
                result_status: test
                    .as_ref()
                    .and_then(|t| t.results.get(l.result as usize))
                    .map(|r| r.status),
                current,
                verify: active && current.is_some_and(|c| needs_verification(defect.status, c, negative)),
            });
        }
        Ok(DefectView { defect, links })
    }

    /// Open defects of a milestone (or of the whole project), by severity,
    /// and whether the release is ready: no open blocker or critical.
    pub fn readiness(&self, code: &ProjectCode, milestone: Option<&str>) -> Result<Readiness, ServiceError> {
        let project = self.project(code)?;
        if let Some(m) = milestone
            && !project.milestones.iter().any(|x| x.name == m)
        {
            let known: Vec<&str> = project.milestones.iter().map(|x| x.name.as_str()).collect();
            return Err(ServiceError::NotFound(format!(
                "unknown milestone '{m}'; known: {}",
                known.join(", ")
            )));
        }
        let filter = DefectFilter {
            open_only: true,
            milestone: milestone.map(str::to_string),
            ..Default::default()
        };
        let open = self.defect_list(code, &filter, DefectSort::Severity)?;
        let by_severity = Severity::ALL
            .iter()
            .rev()
            .map(|s| (*s, open.iter().filter(|d| d.severity == *s).count()))
            .filter(|(_, n)| *n > 0)
            .collect();
        let ready = release_ready(open.iter().map(|d| d.severity));
        Ok(Readiness {
            milestone: milestone.map(str::to_string),
            open,
            by_severity,
            ready,
        })
    }
}
