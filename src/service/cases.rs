//! Suites and cases: the queries that list them.

use super::{Engine, ServiceError};
use crate::domain::{Case, CaseNo, ProjectCode, Suite, SuiteNames};
use crate::store::keys;

impl Engine {
    pub fn suites(&self, code: &ProjectCode) -> Result<Vec<Suite>, ServiceError> {
        Ok(self.store.scan::<Suite>(&keys::prefix(code))?)
    }

    pub fn suite_names(&self, code: &ProjectCode) -> Result<SuiteNames, ServiceError> {
        Ok(SuiteNames::new(&self.suites(code)?))
    }

    pub fn cases(&self, code: &ProjectCode) -> Result<Vec<Case>, ServiceError> {
        Ok(self.store.scan::<Case>(&keys::prefix(code))?)
    }

    pub fn case(&self, code: &ProjectCode, no: CaseNo) -> Result<Case, ServiceError> {
        self.store
            .get::<Case>(&keys::numbered(code, no.0))?
            .ok_or_else(|| ServiceError::NotFound(format!("case {} does not exist", no.display(code))))
    }
}
