//! Whether a case matches a query.

use super::lexer::Op;
use super::{Comparison, Expr, Field, Query, Value};
use crate::domain::Case;
use std::cmp::Ordering;

/// Where a case's suite sits: its full path, `Parent / Child` ("" for none).
pub trait SuitePaths {
    fn suite_path(&self, suite: Option<u64>) -> &str;
}

impl Query {
    pub fn matches(&self, case: &Case, suites: &dyn SuitePaths) -> bool {
        eval(&self.expr, case, suites)
    }
}

fn eval(e: &Expr, case: &Case, suites: &dyn SuitePaths) -> bool {
    match e {
        Expr::Or(a, b) => eval(a, case, suites) || eval(b, case, suites),
        Expr::And(a, b) => eval(a, case, suites) && eval(b, case, suites),
        Expr::Not(a) => !eval(a, case, suites),
        Expr::Cmp(c) => compare(c, case, suites),
    }
}

/// `path` is the suite `want` (by full path or own name) or inside it.
pub fn in_suite(path: &str, want: &str) -> bool {
    let path = path.to_lowercase();
    if path.is_empty() {
        return false;
    }
    let parts: Vec<&str> = path.split(" / ").collect();
    (0..parts.len()).any(|i| parts[i] == want || parts[..=i].join(" / ") == want)
}

fn text(op: Op, have: &str, want: &str) -> bool {
    let have = have.to_lowercase();
    match op {
        Op::Eq => have.trim() == want,
        Op::Ne => have.trim() != want,
        Op::Contains => have.contains(want),
        Op::NotContains => !have.contains(want),
        Op::Lt | Op::Gt => false,
    }
}

fn order(op: Op, ord: Ordering) -> bool {
    match op {
        Op::Eq => ord == Ordering::Equal,
        Op::Ne => ord != Ordering::Equal,
        Op::Lt => ord == Ordering::Less,
        Op::Gt => ord == Ordering::Greater,
        Op::Contains | Op::NotContains => false,
    }
}

fn compare(c: &Comparison, case: &Case, suites: &dyn SuitePaths) -> bool {
    match (c.field, &c.value) {
        (Field::Id, Value::Id(n)) => order(c.op, case.no.cmp(n)),
        (Field::Title, Value::Text(t)) => text(c.op, &case.title, t),
        (Field::Suite, Value::Text(t)) => {
            let path = suites.suite_path(case.suite);
            match c.op {
                Op::Eq => in_suite(path, t),
                Op::Ne => !in_suite(path, t),
                op => text(op, path, t),
            }
        }
        (Field::Tag, Value::Text(t)) => any_of(c.op, &case.tags, t),
        (Field::Ref, Value::Text(t)) => any_of(c.op, &case.refs, t),
        (Field::Milestone, Value::Text(t)) => text(c.op, case.milestone.as_deref().unwrap_or(""), t),
        (Field::Layer, Value::Layer(l)) => order(c.op, case.layer.cmp(l)),
        (Field::Flaky, Value::Bool(b)) => order(c.op, case.flaky.cmp(b)),
        (Field::Priority, Value::Priority(p)) => order(c.op, case.priority.cmp(p)),
        (Field::Severity, Value::Severity(s)) => order(c.op, case.severity.cmp(s)),
        (Field::Type, Value::Type(t)) => order(c.op, case.case_type.cmp(t)),
        (Field::Behavior, Value::Behavior(b)) => order(c.op, case.behavior.cmp(b)),
        (Field::Automation, Value::Automation(a)) => order(c.op, case.automation.cmp(a)),
        (Field::Status, Value::Status(s)) => order(c.op, case.status.cmp(s)),
        (Field::Muted, Value::Bool(b)) => order(c.op, case.muted.cmp(b)),
        (Field::Estimate, Value::Estimate(want)) => match (c.op, case.estimate_ms, want) {
            (Op::Eq, have, want) => have == *want,
            (Op::Ne, have, want) => have != *want,
            (op, Some(have), Some(want)) => order(op, have.cmp(want)),
            _ => false,
        },
        // The parser only builds the pairs above.
        _ => false,
    }
}

/// A list field (tags, refs): `=` and `~` hold when any item does; `!=`
/// and `!~` when none does.
fn any_of(op: Op, items: &[String], want: &str) -> bool {
    let any = |op| items.iter().any(|item| text(op, item, want));
    match op {
        Op::Eq => any(Op::Eq),
        Op::Ne => !any(Op::Eq),
        Op::Contains => any(Op::Contains),
        _ => !any(Op::Contains),
    }
}
