//! What the dashboard's list shows: the rows whose state is the status
//! filter's and that match the fuzzy search, the best match first.
//!
//! A search that narrows as letters are typed looks only at the rows the
//! shorter text left as candidates (a `Finder` keeps them per text typed,
//! so a Backspace finds them again): the cost of a letter follows the
//! matches, not the run.

use super::matching::Search;
use super::rows::{Shown, TestRow, lines};
use crate::domain::TestState;
use std::cmp::Reverse;
use std::collections::HashMap;

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

/// Pools at least this long are judged on several threads.
const PARALLEL_FROM: usize = 20_000;
/// Threads at most for one search.
const MAX_THREADS: usize = 4;

/// The threads a long pool is judged on: one per core, at most
/// [`MAX_THREADS`] (asked once: the answer reads the process's cgroup).
fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS)))
}

/// What judging part of the pool found, in pool order.
struct Judged {
    /// (row, score) of each match.
    hits: Vec<(usize, u32)>,
    /// The rows a longer text may match (see `matching::Verdict`).
    candidates: Vec<u32>,
}

/// Judges the rows `part` (indexes into `rows`) against `search`.
fn judge_part(rows: &[TestRow], part: &[u32], filter: Option<TestState>, search: &str, code: &str) -> Judged {
    // Early letters keep most rows: room for all of them, not regrowth.
    let mut out = Judged {
        hits: Vec::with_capacity(part.len()),
        candidates: Vec::with_capacity(part.len()),
    };
    let Some(mut matcher) = Search::new(search) else {
        return out;
    };
    // Ids are `CODE-N`: a word with a letter no id has cannot match one,
    // and then no id is written out.
    let ids = matcher.may_match_ids(code);
    let mut id = String::new();
    for &i in part {
        let r = &rows[i as usize];
        if filter.is_some_and(|f| f != r.state) {
            continue;
        }
        if ids {
            r.write_case_id(code, &mut id);
        }
        let fields = [
            id.as_str(),
            r.title.as_str(),
            &*r.suite,
            r.config.as_str(),
            r.assignee.as_deref().unwrap_or(""),
        ];
        let v = matcher.judge(fields);
        if v.candidate {
            out.candidates.push(i);
        }
        if let Some(score) = v.score {
            out.hits.push((i as usize, score));
        }
    }
    out
}

/// Lines for `rows` whose state is `filter` (all when None) and that match
/// `search` (see `matching::Search`); `code` makes the ids searched (`CODE-N`).
/// Without a search the rows keep their order; with one the best match
/// comes first: groups by their best test, tests by score within their
/// group (ties keep the run's order).
pub fn show(rows: &[TestRow], filter: Option<TestState>, search: &str, code: &str, finder: &mut Finder) -> Shown {
    show_in_parts(rows, filter, search, code, finder, (PARALLEL_FROM, threads()))
}

/// [`show`], judging pools of at least `parallel.0` rows on `parallel.1`
/// threads.
fn show_in_parts(
    rows: &[TestRow],
    filter: Option<TestState>,
    search: &str,
    code: &str,
    finder: &mut Finder,
    parallel: (usize, usize),
) -> Shown {
    if Search::new(search).is_none() {
        let hits = (0..rows.len()).filter(|i| filter.is_none_or(|f| f == rows[*i].state));
        return lines(rows, hits);
    }
    let all: Vec<u32>;
    let pool = match finder.pool(filter, search) {
        Some(pool) => pool,
        None => {
            all = (0..rows.len() as u32).collect();
            &all
        }
    };
    // A long pool is judged in parts, one thread each (a letter typed on
    // a 100,000-test run); the parts' results are joined in pool order.
    let (parallel_from, threads) = parallel;
    let part = match pool.len() >= parallel_from {
        true => pool.len().div_ceil(threads.max(1)).max(1),
        false => pool.len().max(1),
    };
    let judge = |part: &[u32]| judge_part(rows, part, filter, search, code);
    let parts: Vec<Judged> = if part >= pool.len() {
        vec![judge(pool)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = pool.chunks(part).map(|p| s.spawn(move || judge(p))).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    let mut parts = parts.into_iter();
    let (mut hits, mut candidates) = parts.next().map_or_else(Default::default, |p| (p.hits, p.candidates));
    for p in parts {
        hits.extend(p.hits);
        candidates.extend(p.candidates);
    }
    finder.keep(filter, search, candidates);
    // Each (suite, configuration) group, numbered in the run's order, is
    // ranked by its best test.
    let mut group_of: HashMap<(&str, &str), usize> = HashMap::new();
    let mut best: Vec<u32> = Vec::new();
    // Hits come mostly group by group: the last group is tried first.
    let mut last: Option<((&str, &str), usize)> = None;
    let groups: Vec<usize> = hits
        .iter()
        .map(|(i, score)| {
            let key = (&*rows[*i].suite, rows[*i].config.as_str());
            let g = match last {
                Some((k, g)) if k == key => g,
                _ => {
                    let next = group_of.len();
                    *group_of.entry(key).or_insert(next)
                }
            };
            last = Some((key, g));
            if g == best.len() {
                best.push(0);
            }
            best[g] = best[g].max(*score);
            g
        })
        .collect();
    // Groups by their best test, then tests by score within their group
    // (ties keep the run's order): the hits are put in buckets by group,
    // each bucket sorted alone, rather than all of them sorted at once.
    let mut start = vec![0usize; best.len() + 1];
    for g in &groups {
        start[g + 1] += 1;
    }
    for g in 0..best.len() {
        start[g + 1] += start[g];
    }
    let mut fill = start.clone();
    let mut bucketed = vec![(Reverse(0u32), 0usize); hits.len()];
    for ((i, score), g) in hits.iter().zip(&groups) {
        bucketed[fill[*g]] = (Reverse(*score), *i);
        fill[*g] += 1;
    }
    for g in 0..best.len() {
        bucketed[start[g]..start[g + 1]].sort_unstable();
    }
    let mut order: Vec<usize> = (0..best.len()).collect();
    order.sort_unstable_by_key(|g| (Reverse(best[*g]), *g));
    lines(
        rows,
        order
            .into_iter()
            .flat_map(|g| bucketed[start[g]..start[g + 1]].iter().map(|(_, i)| *i)),
    )
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
        // The shared fields are judged once per run of equal values, never
        // carried over to a row whose value differs.
        assert_eq!(show(&rows, None, "firefox").test_indexes().collect::<Vec<_>>(), [2]);
        // ("!out" excludes "Log out" and the suite "Checkout".)
        assert_eq!(show(&rows, None, "chrome !out").test_indexes().collect::<Vec<_>>(), [0]);
        assert_eq!(
            show(&rows, None, "chrome !card").test_indexes().collect::<Vec<_>>(),
            [0, 1]
        );
        assert_eq!(
            show(&rows, None, "auth !firefox").test_indexes().collect::<Vec<_>>(),
            [0, 1]
        );
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

    /// A pool judged in parts on threads shows what one judged whole shows.
    #[test]
    fn a_search_judged_on_threads_shows_what_one_thread_shows() {
        let rows: Vec<TestRow> = (0..40)
            .flat_map(|_| shop())
            .enumerate()
            .map(|(i, mut r)| {
                r.id = i as u32;
                r.case_no = i as u64 + 1;
                r
            })
            .collect();
        for text in ["cpn chrome", "demo-1", "sort !firefox", "a"] {
            let whole = show_in_parts(&rows, None, text, "DEMO", &mut Finder::default(), (usize::MAX, 1));
            // Three threads, whatever the machine's cores.
            let parts = show_in_parts(&rows, None, text, "DEMO", &mut Finder::default(), (1, 3));
            assert!(whole.tests > 0, "{text}");
            assert_eq!(parts.lines, whole.lines, "{text}");
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
