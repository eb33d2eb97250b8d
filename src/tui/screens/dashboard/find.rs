//! What the dashboard's list shows: the rows whose state is the status
//! filter's and that match the fuzzy search, the best match first.
//!
//! A search that narrows as letters are typed looks only at the rows the
//! shorter text left as candidates (a `Finder` keeps them per text typed,
//! so a Backspace finds them again): the cost of a letter follows the
//! matches, not the run.

use super::rows::{Shown, TestRow, lines};
use crate::domain::TestState;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::cmp::Reverse;
use std::collections::HashMap;

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

/// A row against a search.
struct Verdict {
    /// Every word that must match has its letters in some field (a
    /// longer text can match only such rows: see [`narrows`]).
    candidate: bool,
    /// The score when the row matches (higher is better).
    score: Option<u32>,
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

    fn judge(&mut self, fields: [&str; 5]) -> Verdict {
        let mut total = Some(0u32);
        for a in 0..self.atoms.len() {
            if self.atoms[a].negative {
                continue;
            }
            let mut any = false;
            let mut best: Option<u16> = None;
            for f in fields {
                let (plain, close) = self.field_score(a, f);
                any |= plain;
                best = best.max(close);
            }
            if !any {
                return Verdict {
                    candidate: false,
                    score: None,
                };
            }
            total = total.zip(best).map(|(t, b)| t.saturating_add(u32::from(b)));
        }
        // Excluded when any field has a `!` word.
        for a in 0..self.atoms.len() {
            if total.is_some() && self.atoms[a].negative {
                let matcher = &mut self.matcher;
                let atom = &self.atoms[a];
                let buf = &mut self.buf;
                if fields
                    .iter()
                    .any(|f| atom.score(Utf32Str::new(f, buf), matcher).is_none())
                {
                    total = None;
                }
            }
        }
        Verdict {
            candidate: true,
            score: total,
        }
    }

    /// Positive atom `a` against one field: whether its letters are there
    /// at all, and its score when the match counts (a fuzzy match must be
    /// a close one).
    fn field_score(&mut self, a: usize, field: &str) -> (bool, Option<u16>) {
        let atom = &self.atoms[a];
        let hay = Utf32Str::new(field, &mut self.buf);
        // The plain score first: most fields do not match at all, and it
        // is cheaper than the indices.
        let Some(plain) = atom.score(hay, &mut self.matcher) else {
            return (false, None);
        };
        if atom.kind != AtomKind::Fuzzy {
            return (true, Some(plain));
        }
        self.indices.clear();
        let score = atom.indices(hay, &mut self.matcher, &mut self.indices);
        (true, score.filter(|_| close_match(hay, &self.indices)))
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

/// Whether every candidate of `longer` is a candidate of `shorter`: the
/// longer text only adds letters to the last word, or more words. The
/// last word must stay what it was: not a lone mark (`!`, `^`, `'`),
/// not a `suffix$`, and no escape anywhere.
pub fn narrows(shorter: &str, longer: &str) -> bool {
    if shorter.trim().is_empty() || !longer.starts_with(shorter) || shorter.contains('\\') {
        return false;
    }
    if shorter.ends_with(char::is_whitespace) {
        return true;
    }
    let last = shorter.split_whitespace().last().unwrap_or("");
    let bare = last.trim_start_matches(['!', '^', '\'']);
    !bare.is_empty() && !last.ends_with('$')
}

/// The candidates of each search text typed (for one filter), longest
/// last.
#[derive(Clone, Debug, Default)]
pub struct Finder {
    steps: Vec<(Option<TestState>, String, Vec<u32>)>,
}

impl Finder {
    /// The rows to look at for `text` under `filter`: the candidates of
    /// the longest text it narrows (forgetting the texts it does not), or
    /// None for every row.
    fn pool(&mut self, filter: Option<TestState>, text: &str) -> Option<&[u32]> {
        self.steps.retain(|(f, t, _)| *f == filter && narrows(t, text));
        self.steps.last().map(|(_, _, c)| c.as_slice())
    }

    fn keep(&mut self, filter: Option<TestState>, text: &str, candidates: Vec<u32>) {
        if self.steps.last().is_some_and(|(_, t, _)| t == text) {
            self.steps.pop();
        }
        self.steps.push((filter, text.to_string(), candidates));
    }
}

/// Lines for `rows` whose state is `filter` (all when None) and that match
/// `search` (see [`Search`]); `code` makes the ids searched (`CODE-N`).
/// Without a search the rows keep their order; with one the best match
/// comes first: groups by their best test, tests by score within their
/// group (ties keep the run's order).
pub fn show(rows: &[TestRow], filter: Option<TestState>, search: &str, code: &str, finder: &mut Finder) -> Shown {
    let Some(mut matcher) = Search::new(search) else {
        let hits = (0..rows.len()).filter(|i| filter.is_none_or(|f| f == rows[*i].state));
        return lines(rows, hits);
    };
    let mut hits: Vec<(usize, u32)> = Vec::new();
    let mut candidates: Vec<u32> = Vec::new();
    let mut id = String::new();
    let mut judge = |i: usize| {
        let r = &rows[i];
        if filter.is_some_and(|f| f != r.state) {
            return;
        }
        r.write_case_id(code, &mut id);
        let fields = [
            id.as_str(),
            r.title.as_str(),
            &*r.suite,
            r.config.as_str(),
            r.assignee.as_deref().unwrap_or(""),
        ];
        let v = matcher.judge(fields);
        if v.candidate {
            candidates.push(i as u32);
        }
        if let Some(score) = v.score {
            hits.push((i, score));
        }
    };
    match finder.pool(filter, search) {
        Some(pool) => pool.iter().for_each(|i| judge(*i as usize)),
        None => (0..rows.len()).for_each(&mut judge),
    }
    finder.keep(filter, search, candidates);
    // Each (suite, configuration) group, numbered in the run's order, is
    // ranked by its best test.
    let mut group_of: HashMap<(&str, &str), usize> = HashMap::new();
    let mut best: Vec<u32> = Vec::new();
    let groups: Vec<usize> = hits
        .iter()
        .map(|(i, score)| {
            let next = group_of.len();
            let g = *group_of
                .entry((&*rows[*i].suite, rows[*i].config.as_str()))
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
    lines(rows, ranked.into_iter().map(|(_, _, _, i)| i))
}

#[cfg(test)]
mod tests {
    use super::super::rows::tests::row;
    use super::*;
    use crate::domain::ResultStatus;

    fn show(rows: &[TestRow], filter: Option<TestState>, search: &str) -> Shown {
        super::show(rows, filter, search, "DEMO", &mut Finder::default())
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
        assert_eq!(&*s.groups[0].suite, "Media");
        // Without a search the run's order stands.
        assert_eq!(show(&rows, None, "").test_indexes().collect::<Vec<_>>(), [0, 1, 2]);
    }

    /// Typing a search letter by letter (and erasing it) over the
    /// candidates of the shorter text shows what a search from scratch
    /// shows, at every step.
    #[test]
    fn a_narrowing_search_shows_what_a_full_one_shows() {
        let mut rows = shop();
        let n = rows.len() as u32;
        rows.extend(shop().into_iter().map(|mut r| {
            r.id += n;
            r.case_no += u64::from(n);
            r.assignee = Some("Ann Lee".into());
            r
        }));
        let mut finder = Finder::default();
        for text in [
            "sort price",
            "cpn chrome",
            "rnca firefox",
            "'coupon !expired",
            "^add cart",
            "cart$ x",
            "an le",
            "demo-1",
            "search prod",
            "! ^ ' x",
        ] {
            let typed: Vec<&str> = (1..=text.len())
                .filter(|i| text.is_char_boundary(*i))
                .map(|i| &text[..i])
                .collect();
            for t in typed.iter().chain(typed.iter().rev()) {
                for filter in [None, Some(TestState::Untested)] {
                    let step = super::show(&rows, filter, t, "DEMO", &mut finder);
                    let full = show(&rows, filter, t);
                    assert_eq!(step.lines, full.lines, "{t:?} typed letter by letter");
                }
            }
        }
    }

    #[test]
    fn what_narrows() {
        assert!(narrows("pay", "pay by"));
        assert!(narrows("pay ", "pay b"));
        assert!(narrows("^pa", "^pay"));
        assert!(!narrows("", "pay"));
        assert!(!narrows("pay", "pa"));
        assert!(!narrows("pay$", "pay$x"));
        assert!(!narrows("!", "!x"));
        assert!(!narrows("a\\", "a\\ b"));
    }
}
