//! The dashboard's list: one compact row per test (the full test is read
//! only when it is opened), in suite and configuration groups, narrowed by
//! a status filter and a fuzzy search. Only the visible lines are drawn.

use crate::domain::SuiteNames;
use crate::domain::{ConfigCombo, ProjectCode, ResultStatus, Suite, Test, TestState, Time};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::cmp::Reverse;
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub struct ResultBrief {
    pub status: ResultStatus,
    pub author: String,
    pub at: Time,
    pub duration_ms: u64,
}

#[derive(Clone, Debug)]
pub struct TestRow {
    pub id: u32,
    pub case_no: u64,
    pub case_id: String,
    pub title: String,
    pub suite: String,
    pub config: String,
    pub state: TestState,
    pub assignee: Option<String>,
    pub estimate_ms: u64,
    pub results: Vec<ResultBrief>,
}

impl TestRow {
    pub fn new(code: &ProjectCode, t: &Test, suites: &SuiteNames) -> Self {
        Self {
            id: t.id,
            case_no: t.case_no,
            case_id: format!("{code}-{}", t.case_no),
            title: t.snapshot.title.clone(),
            suite: suites.get(t.snapshot.suite).to_string(),
            config: t.config.label(),
            state: t.state(),
            assignee: t.assignee.clone(),
            estimate_ms: t.snapshot.estimate_ms.unwrap_or(0),
            results: t
                .results
                .iter()
                .map(|r| ResultBrief {
                    status: r.status,
                    author: r.author.clone(),
                    at: r.at,
                    duration_ms: r.duration_ms,
                })
                .collect(),
        }
    }

    pub fn duration_ms(&self) -> u64 {
        self.results.iter().map(|r| r.duration_ms).sum()
    }
}

/// Each suite's place in the repository's tree, depth first (parents
/// before their children, siblings in the order they were made).
pub fn tree_order(suites: &[Suite]) -> HashMap<u64, usize> {
    let mut children: HashMap<Option<u64>, Vec<u64>> = HashMap::new();
    for s in suites {
        children.entry(s.parent).or_default().push(s.id);
    }
    children.values_mut().for_each(|c| c.sort_unstable());
    let mut order = HashMap::new();
    let mut stack: Vec<u64> = children.get(&None).cloned().unwrap_or_default();
    stack.reverse();
    while let Some(id) = stack.pop() {
        if order.contains_key(&id) {
            continue; // a cycle in damaged data cannot hang
        }
        order.insert(id, order.len());
        if let Some(kids) = children.get(&Some(id)) {
            stack.extend(kids.iter().rev());
        }
    }
    order
}

/// Builds the rows in display order: by suite (in tree order, cases
/// without a suite last), then configuration (in the run's combination
/// order), then run order.
pub fn build_rows(
    code: &ProjectCode,
    tests: &[Test],
    suites: &SuiteNames,
    order: &HashMap<u64, usize>,
    configs: &[ConfigCombo],
) -> Vec<TestRow> {
    let config_rank = |c: &ConfigCombo| configs.iter().position(|x| x == c).unwrap_or(usize::MAX);
    let suite_rank = |s: Option<u64>| s.and_then(|id| order.get(&id).copied()).unwrap_or(usize::MAX);
    let mut sorted: Vec<(&Test, usize, usize)> = tests
        .iter()
        .map(|t| (t, suite_rank(t.snapshot.suite), config_rank(&t.config)))
        .collect();
    sorted.sort_by_key(|(t, suite, config)| (*suite, *config, t.id));
    sorted
        .into_iter()
        .map(|(t, _, _)| TestRow::new(code, t, suites))
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
    pub suite: String,
    /// The configuration's label, empty when the run has none.
    pub config: String,
    pub count: u32,
}

impl Group {
    pub fn label(&self, sep: &str) -> String {
        let suite = if self.suite.is_empty() {
            "(no suite)"
        } else {
            self.suite.as_str()
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

/// The dashboard's search: every word must match one field of a test (id,
/// title, suite, configuration or assignee). A bare word matches fuzzily
/// but not loosely: its letters in order, each gap either inside one word
/// of the field or jumping to the start of a later word (`pycrd` finds "Pay
/// by card", `sort` does not find "Register a new customer account"). fzf's
/// marks work too: `'exact`, `^prefix`, `suffix$`, `!not`.
struct Search {
    atoms: Vec<Atom>,
    matcher: Matcher,
    buf: Vec<char>,
    indices: Vec<u32>,
}

impl Search {
    fn new(text: &str) -> Option<Self> {
        let pattern = Pattern::parse(text, CaseMatching::Ignore, Normalization::Smart);
        (!pattern.atoms.is_empty()).then(|| Self {
            atoms: pattern.atoms,
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            indices: Vec::new(),
        })
    }

    /// The row's score (higher is better), or None when a word does not match.
    fn score(&mut self, r: &TestRow) -> Option<u32> {
        let fields = [
            r.case_id.as_str(),
            r.title.as_str(),
            r.suite.as_str(),
            r.config.as_str(),
            r.assignee.as_deref().unwrap_or(""),
        ];
        let mut total = 0u32;
        for a in 0..self.atoms.len() {
            if self.atoms[a].negative {
                // Excluded when any field has the word.
                if fields.iter().any(|f| self.field_score(a, f).is_none()) {
                    return None;
                }
                continue;
            }
            let best = fields.iter().filter_map(|f| self.field_score(a, f)).max()?;
            total = total.saturating_add(u32::from(best));
        }
        Some(total)
    }

    /// Atom `a` against one field; a fuzzy match must be a close one.
    fn field_score(&mut self, a: usize, field: &str) -> Option<u16> {
        let atom = &self.atoms[a];
        let hay = Utf32Str::new(field, &mut self.buf);
        if atom.negative || atom.kind != AtomKind::Fuzzy {
            return atom.score(hay, &mut self.matcher);
        }
        // The plain score first: most fields do not match at all, and it
        // is cheaper than the indices.
        atom.score(hay, &mut self.matcher)?;
        self.indices.clear();
        let score = atom.indices(hay, &mut self.matcher, &mut self.indices)?;
        close_match(hay, &self.indices).then_some(score)
    }
}

/// Whether matched characters `at` (ascending) of `hay` are close: each gap
/// stays inside one word or lands on the start of a word.
fn close_match(hay: Utf32Str<'_>, at: &[u32]) -> bool {
    let word_char = |i: u32| hay.get(i).is_alphanumeric();
    let starts_word = |i: u32| {
        let c = hay.get(i);
        match i.checked_sub(1).map(|p| hay.get(p)) {
            None => true,
            Some(p) => {
                !p.is_alphanumeric()
                    || (p.is_lowercase() && c.is_uppercase())
                    || (p.is_alphabetic() != c.is_alphabetic() && c.is_alphanumeric())
            }
        }
    };
    at.windows(2).all(|w| {
        let (from, to) = (w[0], w[1]);
        to == from + 1 || starts_word(to) || ((from + 1)..=to).all(word_char)
    })
}

/// Lines for `rows` whose state is `filter` (all when None) and that match
/// `search` (see [`Search`]). Without a search the rows keep their order;
/// with one the best match comes first: groups by their best test, tests
/// by score within their group (ties keep the run's order).
pub fn show(rows: &[TestRow], filter: Option<TestState>, search: &str) -> Shown {
    let mut search = Search::new(search);
    let mut hits: Vec<(usize, u32)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if filter.is_some_and(|f| f != r.state) {
            continue;
        }
        let score = match &mut search {
            Some(s) => match s.score(r) {
                Some(score) => score,
                None => continue,
            },
            None => 0,
        };
        hits.push((i, score));
    }
    if search.is_some() {
        // Each (suite, configuration) group, numbered in the run's order,
        // is ranked by its best test.
        let mut group_of: HashMap<(&str, &str), usize> = HashMap::new();
        let mut best: Vec<u32> = Vec::new();
        let groups: Vec<usize> = hits
            .iter()
            .map(|(i, score)| {
                let next = group_of.len();
                let g = *group_of
                    .entry((rows[*i].suite.as_str(), rows[*i].config.as_str()))
                    .or_insert(next);
                if g == best.len() {
                    best.push(0);
                }
                best[g] = best[g].max(*score);
                g
            })
            .collect();
        let mut ranked: Vec<(Reverse<u32>, usize, Reverse<u32>, usize)> = hits
            .iter()
            .zip(&groups)
            .map(|((i, score), g)| (Reverse(best[*g]), *g, Reverse(*score), *i))
            .collect();
        ranked.sort_unstable();
        hits = ranked.into_iter().map(|(_, _, score, i)| (i, score.0)).collect();
    }
    let mut shown = Shown::default();
    let mut current: Option<(&str, &str)> = None;
    for (i, _) in hits {
        let r = &rows[i];
        if current != Some((r.suite.as_str(), r.config.as_str())) {
            current = Some((r.suite.as_str(), r.config.as_str()));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: u32, title: &str, suite: &str, config: &str, state: TestState) -> TestRow {
        TestRow {
            id,
            case_no: u64::from(id) + 1,
            case_id: format!("DEMO-{}", id + 1),
            title: title.into(),
            suite: suite.into(),
            config: config.into(),
            state,
            assignee: None,
            estimate_ms: 0,
            results: vec![],
        }
    }

    #[test]
    fn groups_by_suite_and_configuration_and_filters() {
        let failed = TestState::Done(ResultStatus::Failed);
        let rows = vec![
            row(0, "Log in", "Auth", "Chrome", TestState::Untested),
            row(1, "Log out", "Auth", "Chrome", failed),
            row(2, "Log in", "Auth", "Firefox", failed),
            row(3, "Pay by card", "Checkout", "Chrome", TestState::Untested),
        ];
        let all = show(&rows, None, "");
        let labels: Vec<String> = all.groups.iter().map(|g| g.label(" · ")).collect();
        assert_eq!(labels, ["Auth · Chrome", "Auth · Firefox", "Checkout · Chrome"]);
        assert_eq!((all.lines.len(), all.tests), (7, 4));
        let only_failed = show(&rows, Some(failed), "");
        assert_eq!(only_failed.test_indexes().collect::<Vec<_>>(), [1, 2]);
        // Fuzzy: "pycrd" finds "Pay by card"; ids match too.
        assert_eq!(show(&rows, None, "pycrd").test_indexes().collect::<Vec<_>>(), [3]);
        assert_eq!(show(&rows, None, "DEMO-2").test_indexes().collect::<Vec<_>>(), [1]);
        assert_eq!(show(&rows, None, "zzz").tests, 0);
    }

    /// The demo's catalog and checkout titles, the run of the report.
    fn shop() -> Vec<TestRow> {
        let titles = [
            ("Catalog & Search", "Search products by keyword"),
            ("Catalog & Search", "Search with no matching products shows empty state"),
            ("Catalog & Search", "Filter product list by category and price range"),
            (
                "Catalog & Search",
                "Sort search results by price ascending and descending",
            ),
            (
                "Catalog & Search",
                "Product detail page shows variants, price and stock",
            ),
            (
                "Catalog & Search",
                "Out of stock product cannot be added to cart via direct request",
            ),
            ("Cart", "Add product to cart from product page"),
            ("Cart", "Update item quantity in cart recalculates totals"),
            ("Cart", "Remove item from cart and undo"),
            ("Cart", "Apply a valid percentage coupon code"),
            ("Cart", "Expired or unknown coupon code is rejected"),
            ("Cart", "Guest cart is merged into customer cart after login"),
            ("Authentication", "Register a new customer account"),
            ("Authentication", "Login with valid email and password"),
        ];
        let mut rows = Vec::new();
        for config in ["Chrome", "Firefox"] {
            for (suite, title) in titles {
                rows.push(row(rows.len() as u32, title, suite, config, TestState::Untested));
            }
        }
        rows
    }

    fn titles(rows: &[TestRow], search: &str) -> Vec<String> {
        let s = show(rows, None, search);
        s.test_indexes()
            .map(|i| format!("{} {}", rows[i].title, rows[i].config))
            .collect()
    }

    #[test]
    fn every_word_must_match_closely() {
        let rows = shop();
        // Every word, each within one field, its letters close together.
        assert_eq!(
            titles(&rows, "sort price"),
            [
                "Sort search results by price ascending and descending Chrome",
                "Sort search results by price ascending and descending Firefox"
            ]
        );
        // Letters scattered over several words do not make a match.
        assert!(
            titles(&rows, "sort").iter().all(|t| t.starts_with("Sort")),
            "{:?}",
            titles(&rows, "sort")
        );
        // Abbreviations within a word and initials of words still do.
        assert_eq!(titles(&rows, "cpn chrome").len(), 2);
        assert_eq!(
            titles(&rows, "rnca firefox"),
            ["Register a new customer account Firefox"]
        );
        // fzf's marks: exact, negation.
        assert_eq!(titles(&rows, "'coupon !expired").len(), 2);
    }

    #[test]
    fn the_best_match_comes_first() {
        let rows = vec![
            row(0, "Update the display name", "Account", "", TestState::Untested),
            row(1, "Change the avatar", "Account", "", TestState::Untested),
            row(2, "Play a video", "Media", "", TestState::Untested),
        ];
        // "Play" at the start of a title beats "play" inside "display":
        // its group comes first.
        let s = show(&rows, None, "play");
        assert_eq!(s.test_indexes().collect::<Vec<_>>(), [2, 0]);
        assert_eq!(s.groups[0].suite, "Media");
        // Without a search the run's order stands.
        assert_eq!(show(&rows, None, "").test_indexes().collect::<Vec<_>>(), [0, 1, 2]);
    }

    #[test]
    fn suites_in_tree_order_parents_first() {
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
            suite(4, Some(4), "Loop"),
        ];
        let order = tree_order(&suites);
        assert_eq!((order[&1], order[&3], order[&2]), (0, 1, 2));
        assert!(
            !order.contains_key(&4),
            "a suite that is its own parent is left out, not looped over"
        );
    }

    #[test]
    fn the_nearest_test_line_skips_headers() {
        let rows = vec![
            row(0, "a", "S", "", TestState::Untested),
            row(1, "b", "T", "", TestState::Untested),
        ];
        let s = show(&rows, None, "");
        assert_eq!(s.lines, [Line::Group(0), Line::Test(0), Line::Group(1), Line::Test(1)]);
        assert_eq!(s.test_line_near(0, true), Some(1));
        assert_eq!(s.test_line_near(2, true), Some(3));
        assert_eq!(s.test_line_near(2, false), Some(1));
        assert_eq!(s.test_line_near(9, true), Some(3));
    }
}
