//! Creating, editing and deleting cases and their steps. Every edit bumps
//! the case's version and, in the same commit, makes the untested tests of
//! active runs follow it; tested ones keep the snapshot they were tested
//! against.

use super::{Engine, ServiceError};
use crate::domain::case_edit::CaseFields;
use crate::domain::{Case, CaseNo, ProjectCode, Run, RunState, Step, Test};
use crate::store::{Batch, TreeId, keys};

impl Engine {
    /// Checks the fields against the project (suite, milestone) after the
    /// domain's own checks.
    fn check_fields(&self, code: &ProjectCode, fields: &mut CaseFields) -> Result<(), ServiceError> {
        fields.check().map_err(|e| ServiceError::Invalid(e.to_string()))?;
        if let Some(s) = fields.suite {
            self.suite(code, s)
                .map_err(|_| ServiceError::NotFound(format!("suite: suite {s} does not exist")))?;
        }
        if let Some(m) = &fields.milestone {
            let project = self.load_project(code)?;
            if !project.milestones.iter().any(|x| &x.name == m) {
                let known: Vec<&str> = project.milestones.iter().map(|x| x.name.as_str()).collect();
                return Err(ServiceError::NotFound(format!(
                    "milestone: unknown milestone '{m}'; known: {}",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        }
        Ok(())
    }

    /// A new case with the next number of the project.
    pub fn create_case(&self, code: &ProjectCode, mut fields: CaseFields) -> Result<Case, ServiceError> {
        self.check_fields(code, &mut fields)?;
        let mut project = self.load_project(code)?;
        let mut case = Case::new(project.next_case(), fields.title.clone(), self.now());
        fields.apply(&mut case);
        let mut batch = Batch::new();
        project.note_user(&self.user);
        batch.put(keys::project(code), &project);
        batch.put(keys::numbered(code, case.no), &case);
        self.store.commit(batch)?;
        Ok(case)
    }

    /// Replaces a case's fields. Unchanged fields write nothing; a change
    /// bumps the version and untested tests of active runs follow it.
    pub fn edit_case(&self, code: &ProjectCode, no: CaseNo, mut fields: CaseFields) -> Result<Case, ServiceError> {
        let mut case = self.case(code, no)?;
        self.check_fields(code, &mut fields)?;
        if !fields.apply(&mut case) {
            return Ok(case);
        }
        self.commit_case(code, case)
    }

    /// Bumps the version and writes the case with the tests that follow it.
    fn commit_case(&self, code: &ProjectCode, mut case: Case) -> Result<Case, ServiceError> {
        case.touch(self.now());
        let mut batch = Batch::new();
        batch.put(keys::numbered(code, case.no), &case);
        for test in self.following_tests(code, &case)? {
            batch.put(keys::test(code, test.run, test.id), &test);
        }
        self.store.commit(batch)?;
        Ok(case)
    }

    /// The untested tests of active runs on `case`, synced to it.
    fn following_tests(&self, code: &ProjectCode, case: &Case) -> Result<Vec<Test>, ServiceError> {
        let mut out = Vec::new();
        for run in self.store.scan::<Run>(&keys::prefix(code))? {
            if run.state != RunState::Active {
                continue;
            }
            for mut t in self.tests(code, run.no)? {
                if t.sync_case(case) {
                    out.push(t);
                }
            }
        }
        Ok(out)
    }

    /// Deletes a case. Tests in runs keep their snapshots of it.
    pub fn delete_case(&self, code: &ProjectCode, no: CaseNo) -> Result<Case, ServiceError> {
        let case = self.case(code, no)?;
        let mut batch = Batch::new();
        batch.remove(TreeId::Cases, keys::numbered(code, no.0));
        self.store.commit(batch)?;
        Ok(case)
    }

    /// Inserts a step at `at` (0-based; None or past the end: appended).
    pub fn add_step(
        &self,
        code: &ProjectCode,
        no: CaseNo,
        at: Option<usize>,
        step: Step,
    ) -> Result<Case, ServiceError> {
        let case = self.case(code, no)?;
        let mut fields = CaseFields::of(&case);
        let at = at.unwrap_or(fields.steps.len()).min(fields.steps.len());
        if step.action.trim().is_empty() {
            return Err(ServiceError::Invalid(format!("step {}: the action is empty", at + 1)));
        }
        fields.steps.insert(at, step);
        self.edit_case(code, no, fields)
    }

    /// Removes step `index` (0-based); steps nested under it move up a level.
    pub fn remove_step(&self, code: &ProjectCode, no: CaseNo, index: usize) -> Result<Case, ServiceError> {
        let case = self.case(code, no)?;
        let mut fields = CaseFields::of(&case);
        if index >= fields.steps.len() {
            return Err(crate::domain::DomainError::NoSuchStep {
                step: index + 1,
                count: fields.steps.len(),
            }
            .into());
        }
        fields.steps.remove(index);
        crate::domain::case_edit::normalize_levels(&mut fields.steps);
        self.edit_case(code, no, fields)
    }

    /// Moves step `from` to position `to` (both 0-based).
    pub fn move_step(&self, code: &ProjectCode, no: CaseNo, from: usize, to: usize) -> Result<Case, ServiceError> {
        let case = self.case(code, no)?;
        let mut fields = CaseFields::of(&case);
        let count = fields.steps.len();
        if let Some(bad) = [from, to].into_iter().find(|i| *i >= count) {
            return Err(crate::domain::DomainError::NoSuchStep { step: bad + 1, count }.into());
        }
        let step = fields.steps.remove(from);
        fields.steps.insert(to, step);
        crate::domain::case_edit::normalize_levels(&mut fields.steps);
        self.edit_case(code, no, fields)
    }
}
