//! Runs: create, list with counts, show, complete and abort.

use super::{Engine, ServiceError};
use crate::domain::list_order::{self, ListOrder, RunHead};
use crate::domain::rules::{self, distribute};
use crate::domain::{
    ConfigCombo, DomainError, Project, ProjectCode, RowEntry, Run, RunNo, RunState, RunStats, RunSummary, RunView,
    SuiteNames, Test,
};
use crate::store::{Batch, keys};
use std::collections::HashMap;

/// What a new run is made of.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct NewRun {
    /// Defaults to today's date.
    pub title: Option<String>,
    pub description: String,
    pub environment: Option<String>,
    pub milestone: Option<String>,
    /// Chosen values per configuration group.
    pub configs: Vec<(String, Vec<String>)>,
    pub tags: Vec<String>,
    /// Case numbers, in run order.
    pub cases: Vec<u64>,
    /// One user, or a group shared by the project's distribution setting.
    pub assignees: Vec<String>,
}

impl Engine {
    pub fn run(&self, code: &ProjectCode, no: RunNo) -> Result<Run, ServiceError> {
        self.store
            .get::<Run>(&keys::numbered(code, no.0))?
            .ok_or_else(|| ServiceError::NotFound(format!("run {no} does not exist in project {code}")))
    }

    pub fn tests(&self, code: &ProjectCode, run: u64) -> Result<Vec<Test>, ServiceError> {
        Ok(self.store.scan::<Test>(&keys::run_tests(code, run))?)
    }

    /// A run's counts: one small read, however many tests it holds.
    pub fn run_counts(&self, code: &ProjectCode, run: u64) -> Result<RunStats, ServiceError> {
        Ok(self.store.run_stats(&keys::run_tests(code, run))?)
    }

    /// A run's tests as compact rows, by test id: what a list of the run
    /// shows, filters and searches, read without decoding every test.
    pub fn run_rows(&self, code: &ProjectCode, no: RunNo) -> Result<Vec<RowEntry>, ServiceError> {
        let run = self.run(code, no)?;
        Ok(self.store.run_rows(&keys::run_tests(code, run.no))?)
    }

    /// The first `count` rows of a run's list (`domain::list_order`) and
    /// what its first screen shows of the rest: a large run's first frame
    /// without reading every row. Worked out once per commit (the store
    /// keeps it until the next), however many testers open the run.
    pub fn run_head(&self, code: &ProjectCode, no: RunNo, count: u32) -> Result<RunHead, ServiceError> {
        let run_key = keys::run_tests(code, no.0);
        let memo_key = [b"run_head/".as_slice(), &run_key, &count.to_be_bytes()].concat();
        let head = self.store.memoized(&memo_key, || {
            let run = self.run(code, no)?;
            let chunks = self.store.run_row_chunks(&run_key)?;
            let rows: Vec<&RowEntry> = chunks.iter().flat_map(|c| c.rows.iter()).collect();
            let suites = self.suites(code)?;
            let order = ListOrder::new(&suites, &ConfigCombo::cross_product(&run.configs));
            let names = SuiteNames::new(&suites);
            Ok::<_, ServiceError>(list_order::head(&rows, &order, &names, count as usize))
        })?;
        Ok(RunHead::clone(&head))
    }

    /// The rows of tests `ids` of a run, by id (an id the run does not hold
    /// is left out): what a list re-reads after changing those tests.
    pub fn test_rows(&self, code: &ProjectCode, no: RunNo, ids: &[u32]) -> Result<Vec<RowEntry>, ServiceError> {
        let run = self.run(code, no)?;
        Ok(self.store.rows_of(&keys::run_tests(code, run.no), ids)?)
    }

    /// Every run, active ones first, newest first within each state.
    pub fn runs(&self, code: &ProjectCode) -> Result<Vec<RunSummary>, ServiceError> {
        let mut out = Vec::new();
        for run in self.store.scan::<Run>(&keys::prefix(code))? {
            let counts = self.run_counts(code, run.no)?;
            out.push(RunSummary { run, counts });
        }
        out.sort_by_key(|s| (s.run.state != RunState::Active, std::cmp::Reverse(s.run.no)));
        Ok(out)
    }

    pub fn run_view(&self, code: &ProjectCode, no: RunNo) -> Result<RunView, ServiceError> {
        let run = self.run(code, no)?;
        let tests = self.tests(code, run.no)?;
        let counts = RunStats::of_tests(&tests);
        Ok(RunView {
            project: self.project(code)?,
            run,
            tests,
            suites: self.suite_names(code)?,
            counts,
        })
    }

    /// `new` with its environment, milestone and configurations as the
    /// project spells them; refused when one is unknown, retired or
    /// completed, or when it has no case.
    fn check_new_run(&self, project: &Project, mut new: NewRun) -> Result<NewRun, ServiceError> {
        use crate::domain::admin::{pick_configs, pick_environment, pick_milestone};
        new.environment = new.environment.map(|e| pick_environment(project, &e)).transpose()?;
        new.milestone = new.milestone.map(|m| pick_milestone(project, &m)).transpose()?;
        new.configs = pick_configs(project, &new.configs)?;
        if new.cases.is_empty() {
            return Err(ServiceError::Invalid("a run needs at least one case".into()));
        }
        Ok(new)
    }

    /// Creates a run: one test per case and configuration combination.
    pub fn create_run(&self, code: &ProjectCode, new: NewRun) -> Result<Run, ServiceError> {
        let (run, batch) = self.prepare_run(code, new)?;
        self.store.commit(batch)?;
        Ok(run)
    }

    /// A new run and the batch that writes it with the project, not yet
    /// committed (a scheduled run adds its schedule to the same batch).
    pub(super) fn prepare_run(&self, code: &ProjectCode, new: NewRun) -> Result<(Run, Batch), ServiceError> {
        let mut project = self.load_project(code)?;
        let new = self.check_new_run(&project, new)?;
        let mut cases = Vec::with_capacity(new.cases.len());
        for no in &new.cases {
            cases.push(self.case(code, crate::domain::CaseNo(*no))?);
        }
        let now = self.now();
        let no = project.next_run();
        let combos = ConfigCombo::cross_product(&new.configs);
        let mut tests = Vec::with_capacity(cases.len() * combos.len());
        for case in &cases {
            for combo in &combos {
                tests.push(Test::new(no, tests.len() as u32, case, combo.clone()));
            }
        }
        self.assign(code, &project, &mut tests, &new.assignees)?;
        let title = new
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| now.format("%Y-%m-%d").to_string());
        let run = Run {
            no,
            title,
            description: new.description,
            environment: new.environment,
            milestone: new.milestone,
            configs: new.configs.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
            tags: new.tags,
            author: self.user.clone(),
            created: now,
            started: None,
            ended: None,
            state: RunState::Active,
            outcome: None,
            test_count: tests.len() as u32,
            next_test: tests.len() as u32,
        };
        for a in &new.assignees {
            project.note_user(a);
        }
        let batch = self.new_run_batch(code, &mut project, &run, &tests);
        Ok((run, batch))
    }

    /// Writes a new run, its tests and the project (its run counter, the
    /// users seen) in one transaction.
    pub(super) fn commit_new_run(
        &self,
        code: &ProjectCode,
        project: &mut Project,
        run: &Run,
        tests: &[Test],
    ) -> Result<(), ServiceError> {
        let batch = self.new_run_batch(code, project, run, tests);
        Ok(self.store.commit(batch)?)
    }

    fn new_run_batch(&self, code: &ProjectCode, project: &mut Project, run: &Run, tests: &[Test]) -> Batch {
        project.note_user(&self.user);
        let mut batch = Batch::new();
        batch.put(keys::project(code), project);
        batch.put(keys::numbered(code, run.no), run);
        for t in tests {
            batch.put(keys::test(code, run.no, t.id), t);
        }
        batch
    }

    /// One assignee takes every test; several share them by the project's
    /// distribution (load-balanced uses each case's average past duration,
    /// else its estimate).
    fn assign(
        &self,
        code: &ProjectCode,
        project: &Project,
        tests: &mut [Test],
        users: &[String],
    ) -> Result<(), ServiceError> {
        if users.is_empty() {
            return Ok(());
        }
        let history = if project.settings.distribution == crate::domain::Distribution::LoadBalanced {
            self.average_durations(code)?
        } else {
            HashMap::new()
        };
        let estimates: Vec<u64> = tests
            .iter()
            .map(|t| history.get(&t.case_no).copied().or(t.snapshot.estimate_ms).unwrap_or(0))
            .collect();
        let owners = distribute(project.settings.distribution, &estimates, users.len());
        for (t, owner) in tests.iter_mut().zip(owners) {
            t.assignee = Some(users[owner].clone());
        }
        Ok(())
    }

    /// Average recorded duration per case over every run of the project.
    fn average_durations(&self, code: &ProjectCode) -> Result<HashMap<u64, u64>, ServiceError> {
        let mut sums: HashMap<u64, (u64, u64)> = HashMap::new();
        for t in self.store.scan::<Test>(&keys::prefix(code))? {
            for r in t.results.iter().filter(|r| r.duration_ms > 0) {
                let e = sums.entry(t.case_no).or_default();
                e.0 += r.duration_ms;
                e.1 += 1;
            }
        }
        Ok(sums.into_iter().map(|(k, (sum, n))| (k, sum / n)).collect())
    }

    /// Deletes a run and its tests (and their drafts). Defects survive: their
    /// links keep the run's number and say it was deleted.
    pub fn delete_run(&self, code: &ProjectCode, no: RunNo) -> Result<Run, ServiceError> {
        Ok(self.delete_runs(code, &[no])?.remove(0))
    }

    /// Deletes several runs in one transaction; an unknown one is refused
    /// before anything is deleted.
    pub fn delete_runs(&self, code: &ProjectCode, nos: &[RunNo]) -> Result<Vec<Run>, ServiceError> {
        if nos.is_empty() {
            return Err(ServiceError::Invalid("no run chosen".into()));
        }
        let runs = nos
            .iter()
            .map(|no| self.run(code, *no))
            .collect::<Result<Vec<_>, _>>()?;
        let mut batch = Batch::new();
        for run in &runs {
            for key in self
                .store
                .keys(crate::store::TreeId::Tests, &keys::run_tests(code, run.no))?
            {
                batch.remove(crate::store::TreeId::Drafts, key.clone());
                batch.remove(crate::store::TreeId::Tests, key);
            }
            batch.remove(crate::store::TreeId::Runs, keys::numbered(code, run.no));
        }
        self.store.commit(batch)?;
        Ok(runs)
    }

    /// Ends a run: complete or abort. The outcome is computed here, once.
    pub fn end_run(&self, code: &ProjectCode, no: RunNo, state: RunState) -> Result<Run, ServiceError> {
        let project = self.load_project(code)?;
        let mut run = self.run(code, no)?;
        if run.state != RunState::Active {
            return Err(DomainError::RunAlreadyEnded {
                run: no.to_string(),
                state: run.state.as_str().into(),
            }
            .into());
        }
        let tests = self.tests(code, run.no)?;
        finish(&project, &mut run, &tests, state, self.now());
        let mut batch = Batch::new();
        batch.put(keys::numbered(code, run.no), &run);
        self.store.commit(batch)?;
        Ok(run)
    }
}

/// Sets a run's end state, time and outcome (computed once, here).
pub(super) fn finish(project: &Project, run: &mut Run, tests: &[Test], state: RunState, at: crate::domain::Time) {
    run.state = state;
    run.ended = Some(at);
    let catalog = project.catalog();
    run.outcome = Some(rules::run_outcome(
        tests.iter().map(|t| (t.state(), t.snapshot.muted)),
        &catalog,
    ));
}
