//! Saved queries and filtering cases by the query language.

use super::{Engine, ServiceError};
use crate::domain::query::{Field, Op, Query, Value, in_suite};
use crate::domain::{Case, ProjectCode, SavedQuery};
use crate::store::{Batch, Record, TreeId, keys};

/// A plan's or a saved query's name: trimmed, 1 to 100 characters.
pub(super) fn check_name(kind: &str, name: &str) -> Result<String, ServiceError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(ServiceError::Invalid(format!(
            "invalid {kind} name '{name}': use 1 to 100 printable characters"
        )));
    }
    Ok(name.to_string())
}

impl Engine {
    /// A plan, saved query or schedule by name: exact, else ignoring case.
    pub(super) fn find_named<R: Record>(
        &self,
        code: &ProjectCode,
        name: &str,
        name_of: fn(&R) -> &str,
    ) -> Result<Option<R>, ServiceError> {
        let name = name.trim();
        if let Some(r) = self.store.get::<R>(&keys::named(code, name))? {
            return Ok(Some(r));
        }
        Ok(self
            .store
            .scan::<R>(&keys::prefix(code))?
            .into_iter()
            .find(|r| name_of(r).eq_ignore_ascii_case(name)))
    }

    /// Parses a query and checks what only the store knows: that every
    /// suite it names with `=` or `!=` exists.
    pub fn parse_query(&self, code: &ProjectCode, text: &str) -> Result<Query, ServiceError> {
        let query = Query::parse(text)?;
        let names = self.suite_names(code)?;
        let paths: Vec<String> = self
            .suites(code)?
            .iter()
            .map(|s| names.get(Some(s.id)).to_string())
            .collect();
        for cmp in query.comparisons() {
            if let (Field::Suite, Op::Eq | Op::Ne, Value::Text(want)) = (cmp.field, cmp.op, &cmp.value)
                && !paths.iter().any(|p| in_suite(p, want))
            {
                let mut known = paths.clone();
                known.sort();
                let message = format!("unknown suite '{}'; known: {}", cmp.raw, known.join(", "));
                return Err(query.error_at(cmp, &message).into());
            }
        }
        Ok(query)
    }

    /// The query's text: a saved query's when `text_or_name` names one.
    pub fn query_text(&self, code: &ProjectCode, text_or_name: &str) -> Result<String, ServiceError> {
        Ok(match self.find_named::<SavedQuery>(code, text_or_name, |q| &q.name)? {
            Some(saved) => saved.query,
            None => text_or_name.to_string(),
        })
    }

    /// The cases a query (or a saved query's name) matches, in case order.
    pub fn query_cases(&self, code: &ProjectCode, text_or_name: &str) -> Result<Vec<Case>, ServiceError> {
        let query = self.parse_query(code, &self.query_text(code, text_or_name)?)?;
        let suites = self.suite_names(code)?;
        Ok(self
            .cases(code)?
            .into_iter()
            .filter(|c| query.matches(c, &suites))
            .collect())
    }

    pub fn saved_queries(&self, code: &ProjectCode) -> Result<Vec<SavedQuery>, ServiceError> {
        Ok(self.store.scan::<SavedQuery>(&keys::prefix(code))?)
    }

    pub fn saved_query(&self, code: &ProjectCode, name: &str) -> Result<SavedQuery, ServiceError> {
        self.find_named::<SavedQuery>(code, name, |q| &q.name)?.ok_or_else(|| {
            let known: Vec<String> = self
                .saved_queries(code)
                .unwrap_or_default()
                .into_iter()
                .map(|q| q.name)
                .collect();
            ServiceError::NotFound(format!(
                "unknown saved query '{name}'; known: {}",
                if known.is_empty() {
                    "(none)".to_string()
                } else {
                    known.join(", ")
                }
            ))
        })
    }

    /// Saves (or replaces) a query by name, once it parses.
    pub fn save_query(&self, code: &ProjectCode, name: &str, text: &str) -> Result<SavedQuery, ServiceError> {
        self.load_project(code)?;
        let name = check_name("query", name)?;
        self.parse_query(code, text)?;
        let saved = SavedQuery {
            name: name.clone(),
            query: text.trim().to_string(),
        };
        let mut batch = Batch::new();
        if let Some(old) = self.find_named::<SavedQuery>(code, &name, |q| &q.name)? {
            batch.remove(TreeId::Queries, keys::named(code, &old.name));
        }
        batch.put(keys::named(code, &name), &saved);
        self.store.commit(batch)?;
        Ok(saved)
    }

    pub fn delete_query(&self, code: &ProjectCode, name: &str) -> Result<SavedQuery, ServiceError> {
        let saved = self.saved_query(code, name)?;
        let mut batch = Batch::new();
        batch.remove(TreeId::Queries, keys::named(code, &saved.name));
        self.store.commit(batch)?;
        Ok(saved)
    }
}
