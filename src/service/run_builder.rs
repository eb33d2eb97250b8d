//! Choosing what goes into a run (suites with their sub-suites, cases, the
//! whole repository) and cloning a run, whole or by status.

use super::{Engine, ServiceError};
use crate::domain::{CaseNo, ProjectCode, Run, RunNo, RunState, SuiteNames, Test};

impl Engine {
    /// The cases of the named suites and their sub-suites, by case number.
    /// A name matches a suite's full path (`Checkout / Payments`) or, when
    /// unambiguous, its own name.
    pub fn cases_in_suites(&self, code: &ProjectCode, names: &[String]) -> Result<Vec<u64>, ServiceError> {
        let suites = self.suites(code)?;
        let paths = SuiteNames::new(&suites);
        let mut chosen = Vec::new();
        for name in names {
            let want = name.trim().to_lowercase();
            let by_path: Vec<u64> = suites
                .iter()
                .filter(|s| paths.get(Some(s.id)).to_lowercase() == want)
                .map(|s| s.id)
                .collect();
            let by_name: Vec<u64> = suites
                .iter()
                .filter(|s| s.name.to_lowercase() == want)
                .map(|s| s.id)
                .collect();
            let ids = if !by_path.is_empty() { by_path } else { by_name };
            match ids.as_slice() {
                [id] => chosen.push(paths.get(Some(*id)).to_string()),
                [] => {
                    let mut known: Vec<&str> = suites.iter().map(|s| paths.get(Some(s.id))).collect();
                    known.sort();
                    return Err(ServiceError::NotFound(format!(
                        "unknown suite '{name}'; known: {}",
                        known.join(", ")
                    )));
                }
                _ => {
                    return Err(ServiceError::Invalid(format!(
                        "suite name '{name}' is ambiguous; give its full path, e.g. \"Parent / {name}\""
                    )));
                }
            }
        }
        let within = |path: &str| chosen.iter().any(|c| path == c || path.starts_with(&format!("{c} / ")));
        Ok(self
            .cases(code)?
            .into_iter()
            .filter(|c| within(paths.get(c.suite)))
            .map(|c| c.no)
            .collect())
    }

    /// A new run with the tests of run `no` whose current status is one of
    /// `statuses` (`failed`, `blocked`, `untested`, ...; all when empty),
    /// each on the case's current version, same configuration and assignee.
    pub fn clone_run(&self, code: &ProjectCode, no: RunNo, statuses: &[String]) -> Result<Run, ServiceError> {
        let mut project = self.load_project(code)?;
        let source = self.run(code, no)?;
        let catalog = project.catalog();
        let mut known: Vec<String> = vec!["untested".into(), "retest".into()];
        known.extend(crate::domain::status::BUILTIN.iter().map(|s| catalog.slug(*s)));
        known.extend(project.custom_statuses.iter().map(|c| c.slug.clone()));
        let wanted: Vec<String> = statuses.iter().map(|s| s.trim().to_ascii_lowercase()).collect();
        if let Some(bad) = wanted.iter().find(|s| !known.contains(s)) {
            return Err(ServiceError::NotFound(format!(
                "unknown status '{bad}'; known: {}",
                known.join(", ")
            )));
        }
        let chosen: Vec<Test> = self
            .tests(code, source.no)?
            .into_iter()
            .filter(|t| wanted.is_empty() || wanted.contains(&catalog.state_slug(t.state())))
            .collect();
        if chosen.is_empty() {
            return Err(ServiceError::Invalid(format!(
                "no test of run {no} is {}: nothing to clone",
                wanted.join(" or ")
            )));
        }
        let now = self.now();
        let new_no = project.next_run();
        let mut tests = Vec::with_capacity(chosen.len());
        for t in &chosen {
            let case = self.case(code, CaseNo(t.case_no))?;
            let mut test = Test::new(new_no, tests.len() as u32, &case, t.config.clone());
            test.assignee = t.assignee.clone();
            tests.push(test);
        }
        let suffix = if wanted.is_empty() {
            "clone".to_string()
        } else {
            format!("retest {}", wanted.join(", "))
        };
        let run = Run {
            no: new_no,
            title: format!("{} ({suffix})", source.title),
            description: source.description.clone(),
            environment: source.environment.clone(),
            milestone: source.milestone.clone(),
            configs: source.configs.clone(),
            tags: source.tags.clone(),
            author: self.user.clone(),
            created: now,
            started: None,
            ended: None,
            state: RunState::Active,
            outcome: None,
            test_count: tests.len() as u32,
            next_test: tests.len() as u32,
        };
        self.commit_new_run(code, &mut project, &run, &tests)?;
        Ok(run)
    }

    /// What `run new` asks for, resolved to case numbers: suites, single
    /// cases (`DEMO-3`), a test plan, a query (or a saved query's name)
    /// and/or every case, each once, in case order.
    pub fn resolve_run_cases(
        &self,
        code: &ProjectCode,
        cases: &[String],
        mut source: crate::domain::CaseSource,
    ) -> Result<Vec<u64>, ServiceError> {
        for c in cases {
            source.cases.push(CaseNo::parse(c, code)?.0);
        }
        self.select_cases(code, &source)
    }
}
