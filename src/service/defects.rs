//! Defects: create and list.

use super::{Engine, ServiceError};
use crate::domain::{Defect, DefectNo, ProjectCode, ResultLink, RunNo, Severity, Test};
use crate::store::{Batch, keys};

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct NewDefect {
    pub title: String,
    pub actual: String,
    pub description: String,
    pub severity: Option<Severity>,
    pub assignee: Option<String>,
    pub milestone: Option<String>,
    pub tags: Vec<String>,
    /// The failure that surfaced it: run, test, and the test's latest result.
    pub from_test: Option<(RunNo, u32)>,
}

impl Engine {
    pub fn defects(&self, code: &ProjectCode) -> Result<Vec<Defect>, ServiceError> {
        Ok(self.store.scan::<Defect>(&keys::prefix(code))?)
    }

    pub fn defect(&self, code: &ProjectCode, no: DefectNo) -> Result<Defect, ServiceError> {
        self.store
            .get::<Defect>(&keys::numbered(code, no.0))?
            .ok_or_else(|| ServiceError::NotFound(format!("defect {no} does not exist in project {code}")))
    }

    /// Files a defect, linked to a test's latest result when one is given
    /// (the result then lists the defect too).
    pub fn create_defect(&self, code: &ProjectCode, new: NewDefect) -> Result<Defect, ServiceError> {
        let mut project = self.load_project(code)?;
        let title = new.title.trim();
        if title.is_empty() {
            return Err(ServiceError::Invalid("a defect needs a title".into()));
        }
        if let Some(m) = &new.milestone
            && !project.milestones.iter().any(|x| &x.name == m)
        {
            return Err(ServiceError::NotFound(format!("unknown milestone '{m}'")));
        }
        let mut batch = Batch::new();
        let now = self.now();
        let no = project.next_defect();
        let mut defect = Defect::new(no, title, &self.user, now);
        defect.actual = new.actual;
        defect.description = new.description;
        defect.severity = new.severity.unwrap_or(Severity::NotSet);
        defect.assignee = new.assignee;
        defect.milestone = new.milestone;
        defect.tags = new.tags;
        if let Some((run, test_id)) = new.from_test {
            let key = keys::test(code, run.0, test_id);
            let mut test = self
                .store
                .get::<Test>(&key)?
                .ok_or_else(|| ServiceError::NotFound(format!("run {run} has no test {test_id}")))?;
            let Some(last) = test.results.last_mut() else {
                return Err(ServiceError::Invalid(
                    "the test has no result to link the defect to".into(),
                ));
            };
            last.defects.push(no);
            let result = test.results.len() as u32 - 1;
            defect.link_result(
                ResultLink {
                    run: run.0,
                    test: test_id,
                    case_no: test.case_no,
                    result,
                },
                &self.user,
                now,
            );
            batch.put(key, &test);
        }
        project.note_user(&self.user);
        batch.put(keys::project(code), &project);
        batch.put(keys::numbered(code, no), &defect);
        self.store.commit(batch)?;
        Ok(defect)
    }
}

impl Engine {
    /// Links an existing defect to a test's latest result, both ways.
    pub fn link_defect_to_latest(
        &self,
        code: &ProjectCode,
        run: RunNo,
        test_id: u32,
        defect: DefectNo,
    ) -> Result<Defect, ServiceError> {
        let mut d = self.defect(code, defect)?;
        let key = keys::test(code, run.0, test_id);
        let mut test = self
            .store
            .get::<Test>(&key)?
            .ok_or_else(|| ServiceError::NotFound(format!("run {run} has no test {test_id}")))?;
        let result = test
            .results
            .len()
            .checked_sub(1)
            .ok_or_else(|| ServiceError::Invalid("the test has no result to link the defect to".into()))?;
        if !test.results[result].defects.contains(&defect.0) {
            test.results[result].defects.push(defect.0);
        }
        let link = ResultLink {
            run: run.0,
            test: test_id,
            case_no: test.case_no,
            result: result as u32,
        };
        d.link_result(link, &self.user, self.now());
        let mut batch = Batch::new();
        batch.put(key, &test);
        batch.put(keys::numbered(code, d.no), &d);
        self.store.commit(batch)?;
        Ok(d)
    }
}
