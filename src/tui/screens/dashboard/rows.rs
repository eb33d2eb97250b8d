//! The dashboard's list: one compact row per test (read from the run's
//! row index, the full test only when it is opened), in suite and
//! configuration groups. What is shown (`find`) narrows them by a status
//! filter and a fuzzy search; only the visible lines are drawn.

use crate::domain::list_order::{ListKey, ListOrder};
use crate::domain::{ResultBrief, RowEntry, SuiteNames, TestState};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct TestRow {
    pub id: u32,
    pub case_no: u64,
    pub title: String,
    /// The suite's full path (shared by the rows of a suite).
    pub suite: Arc<str>,
    pub suite_id: Option<u64>,
    pub config: String,
    pub state: TestState,
    pub assignee: Option<String>,
    pub estimate_ms: u64,
    pub results: Vec<ResultBrief>,
}

impl TestRow {
    pub fn new(e: RowEntry, suite: Arc<str>) -> Self {
        Self {
            state: e.state(),
            id: e.id,
            case_no: e.case_no,
            title: e.title,
            suite,
            suite_id: e.suite,
            config: e.config,
            assignee: e.assignee,
            estimate_ms: e.estimate_ms,
            results: e.results,
        }
    }

    /// `CODE-N`.
    pub fn case_id(&self, code: &str) -> String {
        let mut s = String::new();
        self.write_case_id(code, &mut s);
        s
    }

    /// `CODE-N` into `out` (cleared first): no allocation per row.
    pub fn write_case_id(&self, code: &str, out: &mut String) {
        out.clear();
        let _ = write!(out, "{code}-{}", self.case_no);
    }

    pub fn duration_ms(&self) -> u64 {
        self.results.iter().map(|r| r.duration_ms).sum()
    }
}

/// Builds the rows in display order (`domain::list_order`).
pub fn build_rows(rows: Vec<RowEntry>, suites: &SuiteNames, order: &ListOrder) -> Vec<TestRow> {
    let mut keys: Vec<(ListKey, usize)> = rows.iter().enumerate().map(|(i, r)| (order.key(r), i)).collect();
    keys.sort_unstable();
    let mut names: HashMap<Option<u64>, Arc<str>> = HashMap::new();
    let mut rows: Vec<Option<RowEntry>> = rows.into_iter().map(Some).collect();
    keys.into_iter()
        .filter_map(|(_, i)| {
            let e = rows[i].take()?;
            let suite = names.entry(e.suite).or_insert_with(|| Arc::from(suites.get(e.suite)));
            Some(TestRow::new(e, suite.clone()))
        })
        .collect()
}

/// A line of the list: a group's header, or a test (index into the rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    Group(usize),
    Test(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub suite: Arc<str>,
    /// The configuration's label, empty when the run has none.
    pub config: String,
    pub count: u32,
}

impl Group {
    pub fn label(&self, sep: &str) -> String {
        let suite = if self.suite.is_empty() {
            "(no suite)"
        } else {
            &*self.suite
        };
        if self.config.is_empty() {
            suite.to_string()
        } else {
            format!("{suite}{sep}{}", self.config)
        }
    }
}

/// What the list shows now.
#[derive(Clone, Debug, Default)]
pub struct Shown {
    pub lines: Vec<Line>,
    pub groups: Vec<Group>,
    /// Tests shown (lines minus headers).
    pub tests: usize,
}

/// Lines for the rows at `hits` (indexes into `rows`, in the order to
/// show), a group header before each change of suite or configuration.
pub fn lines(rows: &[TestRow], hits: impl IntoIterator<Item = usize>) -> Shown {
    let mut shown = Shown::default();
    let mut current: Option<&TestRow> = None;
    for i in hits {
        let r = &rows[i];
        // The rows of a suite share its name: comparing the pointers first
        // spares comparing the text of every row.
        let same =
            current.is_some_and(|c| (Arc::ptr_eq(&c.suite, &r.suite) || c.suite == r.suite) && c.config == r.config);
        if !same {
            current = Some(r);
            shown.lines.push(Line::Group(shown.groups.len()));
            shown.groups.push(Group {
                suite: r.suite.clone(),
                config: r.config.clone(),
                count: 0,
            });
        }
        if let Some(g) = shown.groups.last_mut() {
            g.count += 1;
        }
        shown.lines.push(Line::Test(i));
        shown.tests += 1;
    }
    shown
}

impl Shown {
    /// The rows shown, in order (for "select every match").
    pub fn test_indexes(&self) -> impl Iterator<Item = usize> + '_ {
        self.lines.iter().filter_map(|l| match l {
            Line::Test(i) => Some(*i),
            Line::Group(_) => None,
        })
    }

    /// The nearest test line at or after `from` (or before, at the end).
    pub fn test_line_near(&self, from: usize, forward: bool) -> Option<usize> {
        let is_test = |i: &usize| matches!(self.lines.get(*i), Some(Line::Test(_)));
        let after = || (from..self.lines.len()).find(is_test);
        let before = || (0..=from.min(self.lines.len().saturating_sub(1))).rev().find(is_test);
        if forward {
            after().or_else(before)
        } else {
            before().or_else(after)
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::domain::ResultStatus;

    pub(in crate::tui::screens::dashboard) fn row(
        id: u32,
        title: &str,
        suite: &str,
        config: &str,
        state: TestState,
    ) -> TestRow {
        TestRow {
            id,
            case_no: u64::from(id) + 1,
            title: title.into(),
            suite: suite.into(),
            suite_id: None,
            config: config.into(),
            state,
            assignee: None,
            estimate_ms: 0,
            results: vec![],
        }
    }

    #[test]
    fn the_nearest_test_line_skips_headers() {
        let rows = vec![
            row(0, "a", "S", "", TestState::Untested),
            row(1, "b", "T", "", TestState::Untested),
        ];
        let s = lines(&rows, 0..rows.len());
        assert_eq!(s.lines, [Line::Group(0), Line::Test(0), Line::Group(1), Line::Test(1)]);
        assert_eq!(s.test_line_near(0, true), Some(1));
        assert_eq!(s.test_line_near(2, true), Some(3));
        assert_eq!(s.test_line_near(2, false), Some(1));
        assert_eq!(s.test_line_near(9, true), Some(3));
    }

    #[test]
    fn rows_sort_by_suite_tree_then_configuration_then_id() {
        use crate::domain::{Case, ConfigCombo, Suite, Test};
        let at = chrono::DateTime::from_timestamp(1_763_000_000, 0).unwrap();
        let suite = |id, parent, name: &str| Suite {
            id,
            parent,
            name: name.into(),
            description: String::new(),
        };
        let suites = [
            suite(1, None, "Zeta"),
            suite(2, None, "Alpha"),
            suite(3, Some(1), "Child"),
        ];
        let combos = ConfigCombo::cross_product(&[("Browser".into(), vec!["Firefox".into(), "Chrome".into()])]);
        let mut entries = Vec::new();
        for (id, (suite, combo)) in [
            (Some(2), 1),
            (None, 0),
            (Some(3), 0),
            (Some(1), 1),
            (Some(3), 1),
            (Some(1), 0),
        ]
        .into_iter()
        .enumerate()
        {
            let mut case = Case::new(id as u64 + 1, format!("case {id}"), at);
            case.suite = suite;
            entries.push(RowEntry::of(&Test::new(1, id as u32, &case, combos[combo].clone())));
        }
        entries[1].retest = true;
        let names = SuiteNames::new(&suites);
        let rows = build_rows(entries, &names, &ListOrder::new(&suites, &combos));
        let order: Vec<(u32, &str, &str)> = rows.iter().map(|r| (r.id, &*r.suite, r.config.as_str())).collect();
        assert_eq!(
            order,
            [
                (5, "Zeta", "Firefox"),
                (3, "Zeta", "Chrome"),
                (2, "Zeta / Child", "Firefox"),
                (4, "Zeta / Child", "Chrome"),
                (0, "Alpha", "Chrome"),
                (1, "", "Firefox"),
            ]
        );
        assert_eq!(rows[5].state, TestState::Retest);
        assert_eq!(rows[0].case_id("DEMO"), "DEMO-6");
        let _ = ResultStatus::Passed;
    }
}
