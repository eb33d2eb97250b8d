//! Suites and cases: the queries that list them.

use super::{Service, ServiceError};
use crate::domain::{Case, CaseNo, ProjectCode, Suite};
use crate::store::keys;
use std::collections::HashMap;

/// Suite ids to their full path names (`Checkout / Payments`).
#[derive(Clone, Debug, Default)]
pub struct SuiteNames(HashMap<u64, String>);

impl SuiteNames {
    pub fn new(suites: &[Suite]) -> Self {
        let by_id: HashMap<u64, &Suite> = suites.iter().map(|s| (s.id, s)).collect();
        let path = |mut id: u64| {
            let mut parts = Vec::new();
            // Bounded walk: a cycle in damaged data cannot hang.
            for _ in 0..64 {
                let Some(s) = by_id.get(&id) else { break };
                parts.push(s.name.as_str());
                match s.parent {
                    Some(p) => id = p,
                    None => break,
                }
            }
            parts.reverse();
            parts.join(" / ")
        };
        Self(suites.iter().map(|s| (s.id, path(s.id))).collect())
    }

    pub fn get(&self, id: Option<u64>) -> &str {
        id.and_then(|i| self.0.get(&i)).map_or("", String::as_str)
    }
}

impl Service {
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
