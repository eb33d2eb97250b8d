//! Recording a result, with every rule applied: closed runs, the assignee
//! lock, fail case on step fail, snapshot freezing, defect links and auto
//! complete. The wizard and `stepwise result` both come through here.

use super::runs::finish;
use super::{Engine, ServiceError};
use crate::domain::rules::{self, check_can_record};
use crate::domain::{
    Defect, DomainError, ProjectCode, ResultLink, ResultStatus, Run, RunNo, RunState, StepResult, Test, TestResult,
};
use crate::store::{Batch, keys};

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct NewResult {
    pub status: ResultStatus,
    /// Per-step statuses and comments, by step index (0-based).
    pub steps: Vec<(usize, ResultStatus, String)>,
    pub comment: String,
    pub duration_ms: u64,
    /// Defect numbers to link to this result.
    pub defects: Vec<u64>,
    /// Files already copied into the store (`Engine::attach_file`).
    pub attachments: Vec<crate::domain::Attachment>,
}

impl NewResult {
    pub fn status(status: ResultStatus) -> Self {
        Self {
            status,
            steps: Vec::new(),
            comment: String::new(),
            duration_ms: 0,
            defects: Vec::new(),
            attachments: Vec::new(),
        }
    }
}

/// What recording did.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Recorded {
    pub test: Test,
    pub run: Run,
    /// The status stored (the rules may turn a pass into a failure).
    pub status: ResultStatus,
    /// The run completed by itself (auto complete).
    pub completed: bool,
    /// The status is negative: the defect workflow starts.
    pub negative: bool,
}

impl Engine {
    /// The test of `run` for case `case`, in configuration `config` when the
    /// run has several (matched on its label, e.g. `Chrome / Linux`).
    pub fn find_test(
        &self,
        code: &ProjectCode,
        run: RunNo,
        case: &str,
        config: Option<&str>,
    ) -> Result<Test, ServiceError> {
        let run = self.run(code, run)?;
        let case_no = crate::domain::CaseNo::parse(case, code)?;
        let tests: Vec<Test> = self
            .tests(code, run.no)?
            .into_iter()
            .filter(|t| t.case_no == case_no.0)
            .collect();
        let norm = |s: &str| s.to_ascii_lowercase().replace([' ', '/', ','], "");
        let matching: Vec<&Test> = match config {
            Some(c) => tests.iter().filter(|t| norm(&t.config.label()) == norm(c)).collect(),
            None => tests.iter().collect(),
        };
        let label = case_no.display(code);
        match matching.as_slice() {
            [one] => Ok((*one).clone()),
            [] if tests.is_empty() => Err(ServiceError::NotFound(format!(
                "case {label} is not in run #{}",
                run.no
            ))),
            [] if config.is_some() => {
                let options: Vec<String> = tests.iter().map(|t| t.config.label()).collect();
                Err(ServiceError::NotFound(format!(
                    "case {label} has no configuration '{}' in run #{}; its configurations: {}",
                    config.unwrap_or_default(),
                    run.no,
                    options.join(", ")
                )))
            }
            _ => {
                let options: Vec<String> = tests.iter().map(|t| t.config.label()).collect();
                Err(ServiceError::Invalid(format!(
                    "case {label} runs in several configurations in run #{}; choose one with --config: {}",
                    run.no,
                    options.join(", ")
                )))
            }
        }
    }

    /// Whether the acting user may record a result on this test now.
    pub fn check_can_record(&self, code: &ProjectCode, run_no: RunNo, test_id: u32) -> Result<(), ServiceError> {
        let project = self.load_project(code)?;
        let run = self.run(code, run_no)?;
        let test = self.test(code, run_no, test_id)?;
        let label = run_no.to_string();
        Ok(check_can_record(
            &project.settings,
            &label,
            run.state,
            test.assignee.as_deref(),
            &self.user,
        )?)
    }

    /// Records a result on test `test_id` of run `run_no`.
    pub fn record_result(
        &self,
        code: &ProjectCode,
        run_no: RunNo,
        test_id: u32,
        new: NewResult,
    ) -> Result<Recorded, ServiceError> {
        let (batch, recorded) = self.prepare_result(code, run_no, test_id, new)?;
        self.store.commit(batch)?;
        Ok(recorded)
    }

    /// Runs every check `record_result` would, and writes nothing: callers
    /// that must do slow work first (copying attachments) ask this before.
    pub fn check_result(
        &self,
        code: &ProjectCode,
        run_no: RunNo,
        test_id: u32,
        new: NewResult,
    ) -> Result<(), ServiceError> {
        self.prepare_result(code, run_no, test_id, new).map(|_| ())
    }

    /// The checks and the writes of a result, not yet committed.
    fn prepare_result(
        &self,
        code: &ProjectCode,
        run_no: RunNo,
        test_id: u32,
        new: NewResult,
    ) -> Result<(Batch, Recorded), ServiceError> {
        let mut project = self.load_project(code)?;
        let mut run = self.run(code, run_no)?;
        let mut test = self
            .store
            .get::<Test>(&keys::test(code, run.no, test_id))?
            .ok_or_else(|| ServiceError::NotFound(format!("run {run_no} has no test {test_id}")))?;
        let before = test.clone();
        let settings = &project.settings;
        check_can_record(
            settings,
            &run_no.to_string(),
            run.state,
            test.assignee.as_deref(),
            &self.user,
        )?;
        let catalog = project.catalog();
        let step_count = test.snapshot.steps.len();
        let mut steps = vec![
            StepResult {
                status: None,
                comment: String::new()
            };
            step_count
        ];
        for (i, status, comment) in &new.steps {
            let slot = steps.get_mut(*i).ok_or(DomainError::NoSuchStep {
                step: i + 1,
                count: step_count,
            })?;
            *slot = StepResult {
                status: Some(*status),
                comment: comment.clone(),
            };
        }
        let statuses: Vec<Option<ResultStatus>> = steps.iter().map(|s| s.status).collect();
        let status = rules::final_status(settings, &catalog, new.status, &statuses);
        let negative = catalog.is_negative(status);
        let mut defects = Vec::new();
        for no in &new.defects {
            let d = self
                .store
                .get::<Defect>(&keys::numbered(code, *no))?
                .ok_or_else(|| ServiceError::NotFound(format!("defect D-{no} does not exist")))?;
            defects.push(d);
        }
        let now = self.now();
        let result_index = test.results.len() as u32;
        test.push_result(TestResult {
            status,
            steps: if new.steps.is_empty() { Vec::new() } else { steps },
            comment: new.comment,
            attachments: new.attachments,
            duration_ms: new.duration_ms,
            author: self.user.clone(),
            at: now,
            defects: new.defects.clone(),
        });
        let mut batch = Batch::new();
        for d in &mut defects {
            let link = ResultLink {
                run: run.no,
                test: test.id,
                case_no: test.case_no,
                result: result_index,
            };
            d.link_result(link, &self.user, now);
            batch.put(keys::numbered(code, d.no), d);
        }
        run.started.get_or_insert(now);
        batch.put(keys::test(code, run.no, test.id), &test);
        // The draft becomes the result: it goes in the same transaction.
        batch.remove(crate::store::TreeId::Drafts, keys::test(code, run.no, test.id));
        let mut completed = false;
        // Only auto complete needs every test's state, and only when the
        // run's counts say no test is left without a result.
        let mut counts = self.run_counts(code, run.no)?;
        counts.remove_test(&before);
        counts.add_test(&test);
        if run.state == RunState::Active && settings.auto_complete && counts.untested + counts.retest == 0 {
            let mut all = self.tests(code, run.no)?;
            if let Some(slot) = all.iter_mut().find(|t| t.id == test.id) {
                *slot = test.clone();
            }
            if rules::should_auto_complete(settings, all.iter().map(Test::state)) {
                finish(&project, &mut run, &all, RunState::Completed, now);
                completed = true;
            }
        }
        batch.put(keys::numbered(code, run.no), &run);
        self.note_user(&mut project, &mut batch);
        Ok((
            batch,
            Recorded {
                test,
                run,
                status,
                completed,
                negative,
            },
        ))
    }
}
