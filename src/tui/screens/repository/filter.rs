//! The `/` filter over cases: plain words match the id and title (every
//! word, anywhere, in any case); text with an operator is a saved-query
//! expression (`priority = high and tag = smoke`), whose parse error is
//! shown with its position.

use crate::domain::SuiteNames;
use crate::domain::query::{Query, QueryError, SuitePaths};
use crate::domain::{Case, ProjectCode};

pub enum Filter {
    None,
    Words(Vec<String>),
    Query(Box<Query>),
    /// Query text that does not parse: every case stays listed.
    Broken(QueryError),
}

/// Suite paths for the query language, from the screen's names.
struct Paths<'a>(&'a SuiteNames);

impl SuitePaths for Paths<'_> {
    fn suite_path(&self, suite: Option<u64>) -> &str {
        self.0.get(suite)
    }
}

/// Text with one of these is meant as a query.
fn looks_like_query(text: &str) -> bool {
    text.contains(['=', '~', '<', '>', '('])
}

impl Filter {
    pub fn parse(text: &str) -> Self {
        let text = text.trim();
        if text.is_empty() {
            return Filter::None;
        }
        match Query::parse(text) {
            Ok(q) => Filter::Query(Box::new(q)),
            Err(e) if looks_like_query(text) => Filter::Broken(e),
            Err(_) => Filter::Words(text.split_whitespace().map(str::to_lowercase).collect()),
        }
    }

    pub fn matches(&self, case: &Case, code: &ProjectCode, names: &SuiteNames) -> bool {
        match self {
            Filter::None | Filter::Broken(_) => true,
            Filter::Words(words) => {
                let hay = format!("{code}-{} {}", case.no, case.title).to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            }
            Filter::Query(q) => q.matches(case, &Paths(names)),
        }
    }

    /// The parse error, for the line under the search.
    pub fn error(&self) -> Option<&QueryError> {
        match self {
            Filter::Broken(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_id_and_title_and_queries_report_their_position() {
        let code = ProjectCode::parse("DEMO").unwrap();
        let names = SuiteNames::default();
        let mut c = Case::new(12, "Login with SSO", chrono::DateTime::UNIX_EPOCH);
        c.priority = crate::domain::CasePriority::High;
        assert!(Filter::parse("sso login").matches(&c, &code, &names));
        assert!(Filter::parse("demo-12").matches(&c, &code, &names));
        assert!(!Filter::parse("logout").matches(&c, &code, &names));
        assert!(Filter::parse("priority = high").matches(&c, &code, &names));
        assert!(!Filter::parse("priority = low").matches(&c, &code, &names));
        let broken = Filter::parse("priority = ");
        assert!(broken.error().is_some_and(|e| e.column > 1));
        assert!(broken.matches(&c, &code, &names));
    }
}
