//! The suite tree as rows: "All cases", the suites (children under their
//! parent when it is expanded) and "No suite" when some cases have none,
//! each with its count of cases including sub-suites.

use crate::domain::{Case, Suite};
use crate::service::repository::subtree;
use std::collections::{HashMap, HashSet};

/// What a tree row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    All,
    Suite(u64),
    NoSuite,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeRow {
    pub node: Node,
    pub depth: usize,
    pub name: String,
    pub count: usize,
    pub has_children: bool,
    pub expanded: bool,
}

/// The visible rows, children in creation order under expanded parents.
pub fn rows(suites: &[Suite], cases: &[Case], expanded: &HashSet<u64>) -> Vec<TreeRow> {
    let counts = crate::service::Engine::suite_case_counts(suites, cases);
    let mut children: HashMap<Option<u64>, Vec<&Suite>> = HashMap::new();
    let known: HashSet<u64> = suites.iter().map(|s| s.id).collect();
    for s in suites {
        // A parent that no longer exists puts the suite at the top.
        let parent = s.parent.filter(|p| known.contains(p) && *p != s.id);
        children.entry(parent).or_default().push(s);
    }
    let mut out = vec![TreeRow {
        node: Node::All,
        depth: 0,
        name: "All cases".into(),
        count: cases.len(),
        has_children: false,
        expanded: true,
    }];
    let mut seen = HashSet::new();
    push_children(&mut out, &children, &counts, expanded, None, 0, &mut seen);
    let unsorted = cases
        .iter()
        .filter(|c| c.suite.is_none_or(|s| !known.contains(&s)))
        .count();
    if unsorted > 0 {
        out.push(TreeRow {
            node: Node::NoSuite,
            depth: 0,
            name: "No suite".into(),
            count: unsorted,
            has_children: false,
            expanded: false,
        });
    }
    out
}

fn push_children(
    out: &mut Vec<TreeRow>,
    children: &HashMap<Option<u64>, Vec<&Suite>>,
    counts: &HashMap<u64, usize>,
    expanded: &HashSet<u64>,
    parent: Option<u64>,
    depth: usize,
    seen: &mut HashSet<u64>,
) {
    for s in children.get(&parent).into_iter().flatten() {
        // `seen` guards against a cycle in damaged data.
        if !seen.insert(s.id) {
            continue;
        }
        let has_children = children.get(&Some(s.id)).is_some_and(|c| !c.is_empty());
        let open = expanded.contains(&s.id);
        out.push(TreeRow {
            node: Node::Suite(s.id),
            depth,
            name: s.name.clone(),
            count: counts.get(&s.id).copied().unwrap_or(0),
            has_children,
            expanded: open,
        });
        if open {
            push_children(out, children, counts, expanded, Some(s.id), depth + 1, seen);
        }
    }
}

/// Whether a case is shown under `node`.
pub fn holds(node: Node, case: &Case, suites: &[Suite], within: &HashSet<u64>) -> bool {
    match node {
        Node::All => true,
        Node::NoSuite => case.suite.is_none_or(|s| !suites.iter().any(|x| x.id == s)),
        Node::Suite(_) => case.suite.is_some_and(|s| within.contains(&s)),
    }
}

/// The suite ids a node covers (a suite and everything below it).
pub fn covered(node: Node, suites: &[Suite]) -> HashSet<u64> {
    match node {
        Node::Suite(id) => subtree(suites, id),
        _ => HashSet::new(),
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

    fn case(no: u64, suite: Option<u64>) -> Case {
        let mut c = Case::new(no, "c", chrono::DateTime::UNIX_EPOCH);
        c.suite = suite;
        c
    }

    #[test]
    fn rows_count_sub_suites_and_follow_expansion() {
        let suites = [suite(1, None, "Auth"), suite(2, Some(1), "SSO"), suite(3, None, "Cart")];
        let cases = [case(1, Some(1)), case(2, Some(2)), case(3, Some(2)), case(4, None)];
        let closed = rows(&suites, &cases, &HashSet::new());
        let names: Vec<(&str, usize)> = closed.iter().map(|r| (r.name.as_str(), r.count)).collect();
        assert_eq!(names, [("All cases", 4), ("Auth", 3), ("Cart", 0), ("No suite", 1)]);
        assert!(closed[1].has_children && !closed[1].expanded);
        let open = rows(&suites, &cases, &HashSet::from([1]));
        assert_eq!((open[2].name.as_str(), open[2].depth, open[2].count), ("SSO", 1, 2));
        let within = covered(Node::Suite(1), &suites);
        assert_eq!(
            cases
                .iter()
                .filter(|c| holds(Node::Suite(1), c, &suites, &within))
                .count(),
            3
        );
    }
}
