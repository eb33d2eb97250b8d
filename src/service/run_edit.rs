//! Changing a run after it started: its title, description, environment,
//! milestone and tags, and adding cases (each in every configuration
//! combination the run has).

use super::{Engine, ServiceError};
use crate::domain::admin;
use crate::domain::{CaseNo, ConfigCombo, ProjectCode, Run, RunNo, RunState, Test};
use crate::store::{Batch, keys};
use std::collections::HashSet;

/// Whether `name` is the name the run already has.
fn kept(current: &Option<String>, name: &str) -> bool {
    current.as_deref() == Some(name.trim())
}

/// What an edit changes; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct RunEdit {
    pub title: Option<String>,
    pub description: Option<String>,
    /// `Some(None)` clears it.
    pub environment: Option<Option<String>>,
    pub milestone: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
}

impl Engine {
    pub fn edit_run(&self, code: &ProjectCode, no: RunNo, edit: RunEdit) -> Result<Run, ServiceError> {
        let project = self.load_project(code)?;
        let mut run = self.run(code, no)?;
        if let Some(t) = edit.title {
            if t.trim().is_empty() {
                return Err(ServiceError::Invalid("a run's title cannot be empty".into()));
            }
            run.title = t.trim().to_string();
        }
        if let Some(d) = edit.description {
            run.description = d;
        }
        if let Some(env) = edit.environment {
            let env = env.filter(|e| !e.trim().is_empty());
            // The run's own name stays even when since renamed or retired.
            run.environment = match env {
                Some(e) if kept(&run.environment, &e) => run.environment.clone(),
                e => e.map(|e| admin::pick_environment(&project, &e)).transpose()?,
            };
        }
        if let Some(m) = edit.milestone {
            let m = m.filter(|x| !x.trim().is_empty());
            run.milestone = match m {
                Some(x) if kept(&run.milestone, &x) => run.milestone.clone(),
                x => x.map(|x| admin::pick_milestone(&project, &x)).transpose()?,
            };
        }
        if let Some(tags) = edit.tags {
            let mut clean: Vec<String> = tags
                .iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            clean.dedup();
            run.tags = clean;
        }
        let mut batch = Batch::new();
        batch.put(keys::numbered(code, run.no), &run);
        self.store.commit(batch)?;
        Ok(run)
    }

    /// Adds cases to an active run, in each of its configuration
    /// combinations; a case already in the run (in that combination) is not
    /// added twice. Returns how many tests were added.
    pub fn add_cases_to_run(&self, code: &ProjectCode, no: RunNo, cases: &[u64]) -> Result<usize, ServiceError> {
        let mut run = self.run(code, no)?;
        if run.state != RunState::Active {
            return Err(ServiceError::Invalid(format!(
                "run {no} is {}: cases can only be added to an active run",
                run.state.as_str()
            )));
        }
        let existing = self.tests(code, run.no)?;
        let mut have: HashSet<(u64, ConfigCombo)> = existing.iter().map(|t| (t.case_no, t.config.clone())).collect();
        // Never below an id in use, whatever an older record says.
        run.next_test = run.next_test.max(existing.iter().map(|t| t.id + 1).max().unwrap_or(0));
        let combos = ConfigCombo::cross_product(&run.configs);
        let mut batch = Batch::new();
        let mut added = 0;
        for &no in cases {
            let case = self.case(code, CaseNo(no))?;
            for combo in &combos {
                // A case named twice is added once.
                if !have.insert((case.no, combo.clone())) {
                    continue;
                }
                let t = Test::new(run.no, run.take_test_id(), &case, combo.clone());
                batch.put(keys::test(code, run.no, t.id), &t);
                added += 1;
            }
        }
        if added == 0 {
            return Err(ServiceError::Invalid("every chosen case is already in the run".into()));
        }
        run.test_count += added as u32;
        batch.put(keys::numbered(code, run.no), &run);
        self.store.commit(batch)?;
        Ok(added)
    }
}
