//! The order a run's tests are listed in — by suite in the repository's
//! tree order (tests without a suite last), then by configuration in the
//! run's combination order, then in run order — with a group header before
//! each change of suite path or configuration; and the head of that list:
//! what a list's first screen shows of a large run, with the full size of
//! each group it opens, without sending (or decoding) every row.

use super::{ConfigCombo, RowEntry, Suite, SuiteNames};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

/// Where each row of a run sorts in its list.
pub struct ListOrder {
    /// Each suite's rank, by id (suite ids are a project's counter: small
    /// and dense, so a table beats hashing 100,000 times)...
    suites: Vec<usize>,
    /// ...but for ids too far apart for a table.
    far: HashMap<u64, usize>,
    /// Each combination's label, in rank order. A combination is known by
    /// its label (one value per group, in group order: two combinations
    /// with one label are the same one, the first rank counts).
    configs: Vec<String>,
}

/// A row's place: suite rank, configuration rank, test id.
pub type ListKey = (usize, usize, u32);

/// Rows without a suite (or with one the tree lacks) sort after all others;
/// so do rows of a configuration the run does not list.
const LAST: usize = usize::MAX;

impl ListOrder {
    pub fn new(suites: &[Suite], combos: &[ConfigCombo]) -> Self {
        let mut by_id = vec![LAST; 16 * suites.len() + 1024];
        let mut far = HashMap::new();
        for (id, rank) in tree_order(suites) {
            match usize::try_from(id).ok().and_then(|i| by_id.get_mut(i)) {
                Some(slot) => *slot = rank,
                None => {
                    far.insert(id, rank);
                }
            }
        }
        Self {
            suites: by_id,
            far,
            configs: combos.iter().map(ConfigCombo::label).collect(),
        }
    }

    pub fn key(&self, r: &RowEntry) -> ListKey {
        let suite = r.suite.map_or(LAST, |id| {
            let near = usize::try_from(id).ok().and_then(|i| self.suites.get(i));
            near.or_else(|| self.far.get(&id)).copied().unwrap_or(LAST)
        });
        let config = self.configs.iter().position(|c| *c == r.config).unwrap_or(LAST);
        (suite, config, r.id)
    }
}

/// The first rows of a run's list, and what the first screen shows of the
/// rest: the full size of each group the head opens, the sum of the
/// estimates, and the widest case number (the id column's width).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunHead {
    /// The first rows, in list order.
    pub rows: Vec<RowEntry>,
    /// The number of tests in each group the head's rows fall in, in order.
    pub group_sizes: Vec<u32>,
    /// Every test's, not only the head's.
    pub estimate_ms: u64,
    pub max_case_no: u64,
    /// The path of each suite the head's rows are in (`SuiteNames`), so
    /// that its frame is drawn without reading every suite.
    pub suite_names: Vec<(Option<u64>, String)>,
}

/// The first `count` rows of `rows` in list order, with the sizes of the
/// groups they open: one walk over the rows (measured: each walk over a
/// 100,000-test run's rows costs more than all the rest) and work on their
/// keys alone after it.
pub fn head(rows: &[&RowEntry], order: &ListOrder, names: &SuiteNames, count: usize) -> RunHead {
    // One pass over the rows (a large run's rows do not stay in the cache).
    let (mut estimate_ms, mut max_case_no) = (0u64, 0u64);
    let keys: Vec<ListKey> = rows
        .iter()
        .map(|r| {
            estimate_ms = estimate_ms.saturating_add(r.estimate_ms);
            max_case_no = max_case_no.max(r.case_no);
            order.key(r)
        })
        .collect();
    let mut first: Vec<(ListKey, usize)> = keys.iter().copied().zip(0..).collect();
    if count < first.len() {
        if count == 0 {
            first.clear();
        } else {
            first.select_nth_unstable(count - 1);
            first.truncate(count);
        }
    }
    first.sort_unstable();
    let group = |i: usize| (names.get(rows[i].suite), rows[i].config.as_str());
    // Every group but the last is whole in the head (it is the list's
    // beginning); the last may go on past it.
    let mut group_sizes: Vec<u32> = Vec::new();
    let mut last = None;
    for &(_, i) in &first {
        let g = group(i);
        if last != Some(g) {
            group_sizes.push(0);
            last = Some(g);
        }
        if let Some(n) = group_sizes.last_mut() {
            *n += 1;
        }
    }
    if let (Some(g), Some(&(last_key, _))) = (last, first.last()) {
        // The last group ends at the first row after the head that is not
        // in it: it holds every row after the head before that one. Rows
        // of one suite and configuration are in one group; the rows of
        // another pair join it only when their suite has the same path.
        let pair = |k: &ListKey| (k.0, k.1);
        let mut from = last_key;
        let end = loop {
            let Some(next) = keys
                .iter()
                .filter(|k| **k > from && pair(k) != pair(&from))
                .min()
                .copied()
            else {
                break None;
            };
            let at = keys.iter().position(|k| *k == next).unwrap_or_default();
            if group(at) != g {
                break Some(next);
            }
            from = next; // another suite of the same path: the group goes on
        };
        let more = keys
            .iter()
            .filter(|&&k| k > last_key && end.is_none_or(|e| k < e))
            .count();
        if let Some(n) = group_sizes.last_mut() {
            *n += more as u32;
        }
    }
    let mut suite_names: Vec<(Option<u64>, String)> = Vec::new();
    for &(_, i) in &first {
        let id = rows[i].suite;
        if !suite_names.iter().any(|(s, _)| *s == id) {
            suite_names.push((id, names.get(id).to_string()));
        }
    }
    RunHead {
        rows: first.iter().map(|&(_, i)| rows[i].clone()).collect(),
        group_sizes,
        estimate_ms,
        max_case_no,
        suite_names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suite(id: u64, parent: Option<u64>, name: &str) -> Suite {
        Suite {
            id,
            parent,
            name: name.into(),
            description: String::new(),
        }
    }

    fn row(id: u32, suite: Option<u64>, config: &str) -> RowEntry {
        RowEntry {
            id,
            case_no: u64::from(id) * 10,
            title: format!("t{id}"),
            suite,
            config: config.into(),
            assignee: None,
            retest: false,
            estimate_ms: 1_000,
            results: vec![],
        }
    }

    #[test]
    fn suites_in_tree_order_parents_first() {
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

    /// The head of every length is the beginning of the whole list, and
    /// each group it opens has the size the whole list gives it.
    #[test]
    fn the_head_is_the_lists_beginning_with_whole_group_sizes() {
        // Two sibling suites of one name make one group when they meet.
        // Suite 3 has an id too far for the table.
        let suites = [
            suite(1, None, "Zeta"),
            suite(2, None, "Alpha"),
            suite(1 << 40, Some(1), "Child"),
            suite(5, None, "Alpha"),
        ];
        let combos = ConfigCombo::cross_product(&[("Browser".into(), vec!["Firefox".into(), "Chrome".into()])]);
        let order = ListOrder::new(&suites, &combos);
        let names = SuiteNames::new(&suites);
        let places = [Some(1), Some(1 << 40), Some(2), Some(5), None, Some(99)];
        let rows: Vec<RowEntry> = (0..60u32)
            .map(|i| {
                let place = places[i as usize % places.len()];
                // The second Alpha has Chrome only: its rows join the first
                // Alpha's Chrome rows in one group.
                let config = if place == Some(5) || i % 4 >= 2 {
                    "Chrome"
                } else {
                    "Firefox"
                };
                row(i, place, config)
            })
            .collect();
        let refs: Vec<&RowEntry> = rows.iter().collect();
        let mut whole = refs.clone();
        whole.sort_by_key(|r| order.key(r));
        let groups = |list: &[&RowEntry]| {
            let mut out: Vec<((String, String), u32)> = Vec::new();
            for r in list {
                let g = (names.get(r.suite).to_string(), r.config.clone());
                match out.last_mut() {
                    Some((last, n)) if *last == g => *n += 1,
                    _ => out.push((g, 1)),
                }
            }
            out
        };
        let whole_groups = groups(&whole);
        for count in 0..=61 {
            let head = head(&refs, &order, &names, count);
            let ids: Vec<u32> = head.rows.iter().map(|r| r.id).collect();
            let expected: Vec<u32> = whole.iter().take(count).map(|r| r.id).collect();
            assert_eq!(ids, expected, "head of {count}");
            let shown = groups(&head.rows.iter().collect::<Vec<_>>());
            let sizes: Vec<u32> = whole_groups[..shown.len()].iter().map(|(_, n)| *n).collect();
            assert_eq!(head.group_sizes, sizes, "head of {count}");
            assert_eq!((head.estimate_ms, head.max_case_no), (60_000, 590));
            // The head names each suite its rows are in, once.
            for r in &head.rows {
                let named: Vec<_> = head.suite_names.iter().filter(|(id, _)| *id == r.suite).collect();
                assert_eq!(named.len(), 1, "head of {count}: suite {:?}", r.suite);
                assert_eq!(named[0].1, names.get(r.suite), "head of {count}");
            }
            assert!(head.suite_names.len() <= head.rows.len());
        }
        assert_eq!(whole_groups[0].0.0, "Zeta", "the first suite in the tree first");
        assert_eq!(whole_groups[2].0.0, "Zeta / Child", "its child next, whatever its id");
        assert!(whole_groups.len() >= 8, "{whole_groups:?}");
        let alpha_chrome = rows
            .iter()
            .filter(|r| r.suite == Some(5) || (r.suite == Some(2) && r.config == "Chrome"))
            .count() as u32;
        assert!(
            whole_groups.contains(&(("Alpha".into(), "Chrome".into()), alpha_chrome)),
            "the two Alphas' Chrome rows make one group: {whole_groups:?}"
        );
    }
}
