//! Test plans (named, ordered lists of cases) and resolving a run's case
//! source (suites, cases, a plan, a query, everything) to case numbers.

use super::queries::check_name;
use super::{Engine, ServiceError};
use crate::domain::{CaseNo, CaseSource, ProjectCode, TestPlan};
use crate::store::{Batch, TreeId, keys};
use std::collections::HashSet;

impl Engine {
    pub fn plans(&self, code: &ProjectCode) -> Result<Vec<TestPlan>, ServiceError> {
        Ok(self.store.scan::<TestPlan>(&keys::prefix(code))?)
    }

    pub fn plan(&self, code: &ProjectCode, name: &str) -> Result<TestPlan, ServiceError> {
        self.find_named::<TestPlan>(code, name, |p| &p.name)?.ok_or_else(|| {
            let known: Vec<String> = self
                .plans(code)
                .unwrap_or_default()
                .into_iter()
                .map(|p| p.name)
                .collect();
            ServiceError::NotFound(format!(
                "unknown test plan '{name}'; known: {}",
                if known.is_empty() {
                    "(none)".to_string()
                } else {
                    known.join(", ")
                }
            ))
        })
    }

    /// A new plan of the cases `source` selects (in case order).
    pub fn create_plan(
        &self,
        code: &ProjectCode,
        name: &str,
        description: &str,
        source: &CaseSource,
    ) -> Result<TestPlan, ServiceError> {
        self.load_project(code)?;
        let name = check_name("plan", name)?;
        if self.find_named::<TestPlan>(code, &name, |p| &p.name)?.is_some() {
            return Err(ServiceError::Invalid(format!(
                "a test plan named '{name}' already exists"
            )));
        }
        let cases = self.select_cases(code, source)?;
        if cases.is_empty() {
            return Err(ServiceError::Invalid(
                "the plan would have no case: choose cases, suites or a query that matches".into(),
            ));
        }
        let plan = TestPlan {
            name: name.clone(),
            description: description.trim().to_string(),
            cases,
        };
        let mut batch = Batch::new();
        batch.put(keys::named(code, &name), &plan);
        self.store.commit(batch)?;
        Ok(plan)
    }

    pub fn rename_plan(&self, code: &ProjectCode, old: &str, new: &str) -> Result<TestPlan, ServiceError> {
        let mut plan = self.plan(code, old)?;
        let new = check_name("plan", new)?;
        if self
            .find_named::<TestPlan>(code, &new, |p| &p.name)?
            .is_some_and(|other| other.name != plan.name)
        {
            return Err(ServiceError::Invalid(format!(
                "a test plan named '{new}' already exists"
            )));
        }
        let mut batch = Batch::new();
        batch.remove(TreeId::Plans, keys::named(code, &plan.name));
        plan.name = new;
        batch.put(keys::named(code, &plan.name), &plan);
        self.store.commit(batch)?;
        Ok(plan)
    }

    pub fn delete_plan(&self, code: &ProjectCode, name: &str) -> Result<TestPlan, ServiceError> {
        let plan = self.plan(code, name)?;
        let mut batch = Batch::new();
        batch.remove(TreeId::Plans, keys::named(code, &plan.name));
        self.store.commit(batch)?;
        Ok(plan)
    }

    /// A plan's cases that still exist, in the plan's order.
    pub fn plan_cases(&self, code: &ProjectCode, name: &str) -> Result<Vec<u64>, ServiceError> {
        let plan = self.plan(code, name)?;
        let existing: HashSet<u64> = self.cases(code)?.into_iter().map(|c| c.no).collect();
        Ok(plan.cases.into_iter().filter(|n| existing.contains(n)).collect())
    }

    /// The cases `source` selects, each once, in case order (a plan alone
    /// keeps its own order). Unknown suites, cases, plans and queries are
    /// errors.
    pub fn select_cases(&self, code: &ProjectCode, source: &CaseSource) -> Result<Vec<u64>, ServiceError> {
        if let Some(plan) = &source.plan
            && (CaseSource {
                plan: None,
                ..source.clone()
            })
            .is_empty()
        {
            return self.plan_cases(code, plan);
        }
        let mut nos: Vec<u64> = if source.all {
            self.cases(code)?.into_iter().map(|c| c.no).collect()
        } else {
            Vec::new()
        };
        nos.extend(self.cases_in_suites(code, &source.suites)?);
        for no in &source.cases {
            self.case(code, CaseNo(*no))?;
            nos.push(*no);
        }
        if let Some(plan) = &source.plan {
            nos.extend(self.plan_cases(code, plan)?);
        }
        if let Some(query) = &source.query {
            nos.extend(self.query_cases(code, query)?.into_iter().map(|c| c.no));
        }
        nos.sort_unstable();
        nos.dedup();
        Ok(nos)
    }
}
