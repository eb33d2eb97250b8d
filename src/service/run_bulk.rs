//! Work on many tests of a run at once (the dashboard's bulk actions):
//! assign, set a result (the time split evenly), push to retest, remove.
//! Each is one transaction; every rule is checked for every test before
//! anything is written.

use super::runs::finish;
use super::{Engine, ServiceError};
use crate::domain::rules::{self, check_can_record, split_evenly};
use crate::domain::{Project, ProjectCode, ResultStatus, Run, RunNo, RunState, Test, TestResult};
use crate::store::{Batch, TreeId, keys};

/// What a bulk result did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BulkRecorded {
    pub recorded: usize,
    /// The run completed by itself (auto complete).
    pub completed: bool,
}

impl Engine {
    /// The tests `ids` of a run, each once, in run order; an unknown id is
    /// refused naming it.
    fn chosen_tests(&self, code: &ProjectCode, run: &Run, ids: &[u32]) -> Result<Vec<Test>, ServiceError> {
        if ids.is_empty() {
            return Err(ServiceError::Invalid("no test selected".into()));
        }
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        ids.iter()
            .map(|&id| {
                self.store
                    .get::<Test>(&keys::test(code, run.no, id))?
                    .ok_or_else(|| ServiceError::NotFound(format!("run #{} has no test {id}", run.no)))
            })
            .collect()
    }

    /// The rules of recording (closed runs, the assignee lock) for one test
    /// of a bulk action; a refusal names the test.
    fn may_record(&self, code: &ProjectCode, project: &Project, run: &Run, t: &Test) -> Result<(), ServiceError> {
        let label = format!("#{}", run.no);
        check_can_record(&project.settings, &label, run.state, t.assignee.as_deref(), &self.user)
            .map_err(|e| ServiceError::Invalid(format!("{code}-{} ({}): {e}", t.case_no, t.config.label())))
    }

    /// Assigns tests to `user`, or clears their assignee (`None`).
    pub fn assign_tests(
        &self,
        code: &ProjectCode,
        no: RunNo,
        ids: &[u32],
        user: Option<&str>,
    ) -> Result<usize, ServiceError> {
        let mut project = self.load_project(code)?;
        let run = self.run(code, no)?;
        let user = user.map(str::trim).filter(|u| !u.is_empty());
        let tests = self.chosen_tests(code, &run, ids)?;
        let mut batch = Batch::new();
        if let Some(u) = user
            && project.note_user(u)
        {
            batch.put(keys::project(code), &project);
        }
        for mut t in tests.iter().cloned() {
            t.assignee = user.map(str::to_string);
            batch.put(keys::test(code, run.no, t.id), &t);
        }
        self.store.commit(batch)?;
        Ok(tests.len())
    }

    /// Records `status` on every chosen test, `total_ms` shared evenly
    /// between them, with the rules of a single result (closed runs, the
    /// assignee lock, auto complete). A test whose case has steps gets no
    /// step marks: the result is on the whole test.
    pub fn bulk_result(
        &self,
        code: &ProjectCode,
        no: RunNo,
        ids: &[u32],
        status: ResultStatus,
        total_ms: u64,
        comment: &str,
    ) -> Result<BulkRecorded, ServiceError> {
        let mut project = self.load_project(code)?;
        let mut run = self.run(code, no)?;
        let catalog = project.catalog();
        if !catalog.selectable().contains(&status) {
            return Err(ServiceError::Invalid(format!(
                "status '{}' is hidden and cannot be recorded",
                catalog.slug(status)
            )));
        }
        let tests = self.chosen_tests(code, &run, ids)?;
        for t in &tests {
            self.may_record(code, &project, &run, t)?;
        }
        let now = self.now();
        let mut counts = self.run_counts(code, run.no)?;
        let mut batch = Batch::new();
        let mut written = Vec::with_capacity(tests.len());
        let parts = split_evenly(total_ms, tests.len());
        for (mut t, ms) in tests.into_iter().zip(parts) {
            counts.remove_test(&t);
            t.push_result(TestResult {
                status,
                steps: Vec::new(),
                comment: comment.to_string(),
                attachments: Vec::new(),
                duration_ms: ms,
                author: self.user.clone(),
                at: now,
                defects: Vec::new(),
            });
            counts.add_test(&t);
            // A wizard draft (text being typed on that test) is kept.
            batch.put(keys::test(code, run.no, t.id), &t);
            written.push(t);
        }
        run.started.get_or_insert(now);
        let mut completed = false;
        if run.state == RunState::Active && project.settings.auto_complete && counts.untested + counts.retest == 0 {
            let mut all = self.tests(code, run.no)?;
            for t in &written {
                if let Some(slot) = all.iter_mut().find(|x| x.id == t.id) {
                    *slot = t.clone();
                }
            }
            if rules::should_auto_complete(&project.settings, all.iter().map(Test::state)) {
                finish(&project, &mut run, &all, RunState::Completed, now);
                completed = true;
            }
        }
        batch.put(keys::numbered(code, run.no), &run);
        self.note_user(&mut project, &mut batch);
        self.store.commit(batch)?;
        Ok(BulkRecorded {
            recorded: written.len(),
            completed,
        })
    }

    /// Pushes tested tests back to retest (untested ones are left as they
    /// are); the same rules as recording apply.
    pub fn retest_tests(&self, code: &ProjectCode, no: RunNo, ids: &[u32]) -> Result<usize, ServiceError> {
        let project = self.load_project(code)?;
        let run = self.run(code, no)?;
        let tests = self.chosen_tests(code, &run, ids)?;
        let mut batch = Batch::new();
        let mut n = 0;
        for mut t in tests.into_iter().filter(|t| !t.results.is_empty() && !t.retest) {
            self.may_record(code, &project, &run, &t)?;
            t.retest = true;
            batch.put(keys::test(code, run.no, t.id), &t);
            n += 1;
        }
        if n == 0 {
            return Err(ServiceError::Invalid(
                "none of the selected tests has a result: nothing to retest".into(),
            ));
        }
        self.store.commit(batch)?;
        Ok(n)
    }

    /// Takes tests out of an active run, with their drafts. Their results
    /// go with them; defects keep their links (shown as removed).
    pub fn remove_tests(&self, code: &ProjectCode, no: RunNo, ids: &[u32]) -> Result<usize, ServiceError> {
        let mut run = self.run(code, no)?;
        if run.state != RunState::Active {
            return Err(ServiceError::Invalid(format!(
                "run {no} is {}: tests can only be removed from an active run",
                run.state.as_str()
            )));
        }
        let tests = self.chosen_tests(code, &run, ids)?;
        if tests.len() as u32 >= self.run_counts(code, run.no)?.total {
            return Err(ServiceError::Invalid(
                "that would leave the run empty; delete the run instead".into(),
            ));
        }
        let mut batch = Batch::new();
        for t in &tests {
            batch.remove(TreeId::Tests, keys::test(code, run.no, t.id));
            batch.remove(TreeId::Drafts, keys::test(code, run.no, t.id));
        }
        run.test_count -= tests.len() as u32;
        batch.put(keys::numbered(code, run.no), &run);
        self.store.commit(batch)?;
        Ok(tests.len())
    }
}
