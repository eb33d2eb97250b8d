//! What the wizard needs besides recording: opening a test (auto
//! assignee), pushing it to retest, and drafts of what is being typed.

use super::{Engine, ServiceError};
use crate::domain::defect_report::{self, DefectReport, Observed};
use crate::domain::rules::{auto_assignee, check_can_record};
use crate::domain::{Draft, ProjectCode, RunNo, Test};
use crate::store::{Batch, TreeId, keys};

impl Engine {
    pub fn test(&self, code: &ProjectCode, run: RunNo, test: u32) -> Result<Test, ServiceError> {
        self.store
            .get::<Test>(&keys::test(code, run.0, test))?
            .ok_or_else(|| ServiceError::NotFound(format!("run {run} has no test {test}")))
    }

    /// The wizard opened a test: with "auto assignee" the first user to
    /// open an unassigned test becomes its assignee.
    pub fn open_test(&self, code: &ProjectCode, run: RunNo, test_id: u32) -> Result<Test, ServiceError> {
        let mut project = self.load_project(code)?;
        let mut test = self.test(code, run, test_id)?;
        if let Some(user) = auto_assignee(&project.settings, test.assignee.as_deref(), &self.user) {
            test.assignee = Some(user);
            let mut batch = Batch::new();
            batch.put(keys::test(code, run.0, test_id), &test);
            self.note_user(&mut project, &mut batch);
            self.store.commit(batch)?;
        }
        Ok(test)
    }

    /// What a defect filed from this test says before the tester edits it
    /// (title, actual result, description): from `observed`, what is about
    /// to be recorded, or else from the test's latest result.
    pub fn defect_report(
        &self,
        code: &ProjectCode,
        run_no: RunNo,
        test_id: u32,
        observed: Option<Observed>,
    ) -> Result<DefectReport, ServiceError> {
        let project = self.load_project(code)?;
        let run = self.run(code, run_no)?;
        let test = self.test(code, run_no, test_id)?;
        let observed = match (observed, test.results.last()) {
            (Some(o), _) => o,
            (None, Some(r)) => Observed {
                status: r.status,
                steps: &r.steps,
                comment: &r.comment,
            },
            (None, None) => {
                return Err(ServiceError::Invalid(
                    "the test has no result yet: record one first".into(),
                ));
            }
        };
        Ok(defect_report::defect_report(
            &test.snapshot,
            &test.config,
            run.environment.as_deref(),
            observed,
            &project.catalog(),
        ))
    }

    /// Pushes a test back to retest; its results stay in its history. The
    /// same rules as recording apply (closed runs, the assignee lock).
    pub fn retest(&self, code: &ProjectCode, run_no: RunNo, test_id: u32) -> Result<Test, ServiceError> {
        let project = self.load_project(code)?;
        let run = self.run(code, run_no)?;
        let mut test = self.test(code, run_no, test_id)?;
        check_can_record(
            &project.settings,
            &run_no.to_string(),
            run.state,
            test.assignee.as_deref(),
            &self.user,
        )?;
        if test.results.is_empty() {
            return Err(ServiceError::Invalid(
                "the test has no result yet: there is nothing to retest".into(),
            ));
        }
        test.retest = true;
        let mut batch = Batch::new();
        batch.put(keys::test(code, run_no.0, test_id), &test);
        self.store.commit(batch)?;
        Ok(test)
    }

    /// Reassigns a test (or clears its assignee).
    pub fn assign_test(
        &self,
        code: &ProjectCode,
        run: RunNo,
        test_id: u32,
        user: Option<String>,
    ) -> Result<Test, ServiceError> {
        let mut project = self.load_project(code)?;
        let mut test = self.test(code, run, test_id)?;
        test.assignee = user.filter(|u| !u.trim().is_empty());
        let mut batch = Batch::new();
        if let Some(u) = &test.assignee
            && project.note_user(u)
        {
            batch.put(keys::project(code), &project);
        }
        batch.put(keys::test(code, run.0, test_id), &test);
        self.store.commit(batch)?;
        Ok(test)
    }

    pub fn draft(&self, code: &ProjectCode, run: RunNo, test: u32) -> Result<Option<Draft>, ServiceError> {
        Ok(self.store.get::<Draft>(&keys::test(code, run.0, test))?)
    }

    /// Saves (durably) what is being typed on a test; an empty draft is
    /// removed instead.
    pub fn save_draft(&self, code: &ProjectCode, run: RunNo, test: u32, draft: &Draft) -> Result<(), ServiceError> {
        let key = keys::test(code, run.0, test);
        let mut batch = Batch::new();
        if draft.is_empty() {
            if self.store.get_raw(TreeId::Drafts, &key)?.is_none() {
                return Ok(());
            }
            batch.remove(TreeId::Drafts, key);
        } else {
            let mut d = draft.clone();
            d.updated = Some(self.now());
            batch.put(key, &d);
        }
        Ok(self.store.commit(batch)?)
    }
}

impl Engine {
    /// A defect form's unsaved text, by form name (`new`, or `D-4`).
    pub fn form_draft(&self, code: &ProjectCode, form: &str) -> Result<Option<crate::domain::FormDraft>, ServiceError> {
        Ok(self.store.get(&keys::named(code, form))?)
    }

    /// Saves (durably) a defect form's text; an empty one is removed.
    pub fn save_form_draft(
        &self,
        code: &ProjectCode,
        form: &str,
        draft: &crate::domain::FormDraft,
    ) -> Result<(), ServiceError> {
        let key = keys::named(code, form);
        let mut batch = Batch::new();
        if draft.fields.iter().all(|(_, v)| v.trim().is_empty()) {
            if self.store.get_raw(TreeId::FormDrafts, &key)?.is_none() {
                return Ok(());
            }
            batch.remove(TreeId::FormDrafts, key);
        } else {
            let mut d = draft.clone();
            d.updated = Some(self.now());
            batch.put(key, &d);
        }
        Ok(self.store.commit(batch)?)
    }
}
